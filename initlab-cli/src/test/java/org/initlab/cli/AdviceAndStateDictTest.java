package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.StateDictFiles;
import org.initlab.lab.advisor.Advisor;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --init advised}, {@code advise --out/--verify}, {@code train --out} and the state dicts
 * they write; {@code sample dirac --groups}; {@code critical relu} at the ReLU edge.
 */
class AdviceAndStateDictTest {
    private static final String MLP = "mlp(4,[8,8],3,act=relu)";

    @TempDir
    Path dir;

    /** Keys and shapes of torch's state_dict after loading {@code advise --out} strictly (scripts/torch_roundtrip.py). */
    private static List<String> torchKeysAndShapes() throws IOException, URISyntaxException {
        String text = Files.readString(Path.of(AdviceAndStateDictTest.class
                .getResource("/torch/advised_mlp.json")
                .toURI()));
        assertThat(text).contains("\"loaded_strict\": true");
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"key\": \"([^\"]+)\",\\s*\"shape\": \\[([^\\]]*)\\]")
                .matcher(text);
        while (m.find()) {
            out.add(m.group(1) + " [" + m.group(2).replaceAll("\\s+", "").replace(",", ", ") + "]");
        }
        assertThat(out).hasSize(6);
        return out;
    }

    private static List<String> keysAndShapes(StateDict d) {
        List<String> out = new ArrayList<>();
        d.arrays()
                .forEach((k, a) ->
                        out.add(k + " " + Arrays.stream(a.shape()).boxed().toList()));
        return out;
    }

    @Test
    void adviseOutWritesWhatPyTorchsModuleLoadsStrictly() throws Exception {
        Path out = dir.resolve("advised.safetensors");
        MainTest.Run r = MainTest.run("advise", "--model", MLP, "--out", out.toString(), "--seed", "2");
        assertThat(r.status()).as(r.err()).isZero();
        StateDict d = StateDictFiles.read(out);
        assertThat(keysAndShapes(d))
                .as("safetensors stores keys sorted; load_state_dict ignores order")
                .containsExactlyInAnyOrderElementsOf(torchKeysAndShapes());
        assertThat(d.metadata())
                .containsEntry("init", "advised")
                .containsEntry("seeds", "2")
                .containsKey("initlab_version");
    }

    @Test
    void initAdvisedAppliesExactlyThePlanAdvisePrints() throws IOException {
        Path advised = dir.resolve("advised.safetensors");
        Path exported = dir.resolve("exported.safetensors");
        String model = "lstm(3,8,2)";
        assertThat(MainTest.run("advise", "--model", model, "--out", advised.toString(), "--seed", "4")
                        .status())
                .isZero();
        MainTest.Run e = MainTest.run(
                "export", "--model", model, "--init", "advised", "--seed", "4", "--out", exported.toString());
        assertThat(e.status()).as(e.err()).isZero();
        Map<String, NdArray> a = StateDictFiles.read(advised).arrays();
        Map<String, NdArray> b = StateDictFiles.read(exported).arrays();
        assertThat(b).isEqualTo(a);
        // and it is the printed plan: the initializer advise names for each parameter
        Sequential net = ModelSpec.parse(model);
        var advice = Advisor.advise(net, Advisor.Options.defaults());
        assertThat(advice.parameters())
                .extracting(p -> p.path() + "=" + p.initializer())
                .contains("0.weight_ih=glorot_uniform", "0.weight_hh=orthogonal", "0.bias=lstm_forget_bias");
        // PyTorch's layout: the forget gate's rows [H, 2H) of bias_ih_l0 at 1, bias_hh_l0 zero (nn.LSTM sums them)
        float[] ih = a.get("0.bias_ih_l0").toFloats();
        for (int i = 0; i < ih.length; i++) {
            assertThat(ih[i]).as("bias_ih_l0[%d]", i).isEqualTo(i >= 8 && i < 16 ? 1f : 0f);
        }
        assertThat(a.get("0.bias_hh_l0").toFloats()).hasSize(32).containsOnly(0f);
        MainTest.Run probe = MainTest.run("probe", "--model", model, "--init", "advised", "--json");
        assertThat(probe.status()).as(probe.err()).isZero();
        MainTest.Run train = MainTest.run(
                "train", "--model", "mlp(2,[8],2,act=relu)", "--init", "advised", "--epochs", "1", "--json");
        assertThat(train.status()).as(train.err()).isZero();
    }

    @Test
    void exportWritesRecurrentLayersWithPyTorchsNames() throws IOException {
        Path out = dir.resolve("gru.safetensors");
        assertThat(MainTest.run("export", "--model", "gru(3,4,2)", "--init", "torch_default", "--out", out.toString())
                        .status())
                .isZero();
        assertThat(StateDictFiles.read(out).arrays().keySet())
                .containsExactlyInAnyOrder(
                        "0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "2.weight", "2.bias");
    }

    @Test
    void trainOutSavesTheTrainedWeightsWithProvenance() throws IOException {
        Path out = dir.resolve("trained.safetensors");
        MainTest.Run r = MainTest.run(
                "train", "--model", "mlp(2,[8],2,act=relu)", "--epochs", "1", "--seed", "5", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StateDict d = StateDictFiles.read(out);
        assertThat(d.arrays().keySet()).containsExactlyInAnyOrder("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(d.metadata().get("data")).startsWith("circles(n=");
        assertThat(d.metadata())
                .containsEntry("seeds", "5")
                .containsKeys("command", "data_sha256", "initlab_version", "optimizer");
        assertThat(d.metadata().get("command")).startsWith("initlab train --model mlp(2,[8],2,act=relu) --epochs 1");
        assertThat(d.metadata().get("data_sha256")).matches("[0-9a-f]{64}");
        // same data, same checksum; other seed, other (generated) data
        Path again = dir.resolve("again.safetensors");
        MainTest.run(
                "train", "--model", "mlp(2,[8],2,act=relu)", "--epochs", "1", "--seed", "5", "--out", again.toString());
        Path other = dir.resolve("other.safetensors");
        MainTest.run(
                "train", "--model", "mlp(2,[8],2,act=relu)", "--epochs", "1", "--seed", "6", "--out", other.toString());
        assertThat(StateDictFiles.read(again).metadata().get("data_sha256"))
                .isEqualTo(d.metadata().get("data_sha256"));
        assertThat(StateDictFiles.read(other).metadata().get("data_sha256"))
                .isNotEqualTo(d.metadata().get("data_sha256"));
    }

    @Test
    void trainOutRefusesAFileThatCannotHoldAModelBeforeTraining() {
        MainTest.Run r = MainTest.run(
                "train", "--epochs", "1", "--out", dir.resolve("w.npy").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--out must name a .safetensors or .npz file");
    }

    @Test
    void adviseVerifyReportsBeforeAndAfter() {
        MainTest.Run r =
                MainTest.run("advise", "--model", "mlp(4,[16,16],2,act=relu)", "--verify", "--batch", "64", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"before_after\":{\"before_plan\":\"torch_default\",\"before_verdict\":")
                .contains("\"after_verdict\":");
    }

    @Test
    void sampleDiracHonoursTheGroupsOfTheKernel() {
        MainTest.Run one = MainTest.run("sample", "dirac", "--shape", "4,2,3", "--groups", "2", "--json");
        MainTest.Run named = MainTest.run("sample", "dirac(groups=2)", "--shape", "4,2,3", "--json");
        assertThat(one.status()).as(one.err()).isZero();
        // both set groups·min(out/groups, in) = 4 ones: the mean is 4/24
        assertThat(one.out()).contains("\"mean\":0.16666");
        assertThat(named.out()).contains("\"mean\":0.16666");
        MainTest.Run clash = MainTest.run("sample", "dirac(groups=4)", "--shape", "4,2,3", "--groups", "2");
        assertThat(clash.status()).isEqualTo(2);
        assertThat(clash.err()).contains("disagrees");
    }

    @Test
    void criticalReluWithoutBiasSaysEveryQIsFixedAtTwoAndZeroElsewhere() {
        MainTest.Run edge = MainTest.run("critical", "relu");
        assertThat(edge.out()).contains("every q is fixed: the layers keep q0 = 1");
        MainTest.Run json = MainTest.run("critical", "relu", "--json", "--q0", "3");
        assertThat(json.out()).contains("\"q_star\":3").contains("\"every_q_fixed\":true");
        MainTest.Run below = MainTest.run("critical", "relu", "--sigma-w2", "1.5", "--json");
        assertThat(below.out()).contains("\"fixed_point\":\"vanishes\"").contains("\"every_q_fixed\":false");
    }
}
