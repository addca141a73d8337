package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.StateDictFiles;
import org.initlab.io.npy.Npz;
import org.initlab.io.onnx.OnnxImport;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model net.onnx} through the commands, on the PyTorch fixtures of the io module
 * ({@code scripts/onnx_fixtures.py}): {@code --init file} keeps the file's weights, other
 * {@code --init} values replace them under the file's names; bad files and unsupported graphs
 * exit 2 with one line.
 */
class OnnxModelTest {
    static final Path FIXTURES = Path.of("..", "initlab-io", "src", "test", "resources", "onnx");

    @TempDir
    Path dir;

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    @Test
    void exportWithInitFileWritesTheFileWeightsUnderTheStateDictNames() throws IOException {
        Path out = dir.resolve("w.safetensors");
        MainTest.Run r =
                MainTest.run("export", "--model", fixture("cnn_bn.onnx"), "--init", "file", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StateDict written = StateDictFiles.read(out);
        Map<String, NdArray> torch = Npz.read(FIXTURES.resolve("cnn_bn.npz")).arrays();
        // the parameters, plus each batch norm's buffers as PyTorch's state_dict has them
        assertThat(parameters(written))
                .containsExactlyInAnyOrderElementsOf(torch.keySet().stream()
                        .filter(k -> k.startsWith("grad."))
                        .map(k -> k.substring(5))
                        .toList());
        assertThat(written.arrays().keySet())
                .contains("features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked");
        for (String k : parameters(written)) {
            assertThat(written.arrays().get(k).toFloats())
                    .as(k)
                    .containsExactly(torch.get("param." + k).toFloats());
        }
        assertThat(written.metadata()).containsEntry("init", "file");
    }

    @Test
    void exportWithAPlanGivesThePlansWeightsUnderTheSameNames() throws IOException {
        Path out = dir.resolve("w.safetensors");
        MainTest.Run r = MainTest.run(
                "export",
                "--model",
                fixture("resnet_block.onnx"),
                "--init",
                "default",
                "--seed",
                "4",
                "--out",
                out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Sequential expected =
                OnnxImport.read(FIXTURES.resolve("resnet_block.onnx")).model();
        InitPlan.defaults().apply(expected, 4);
        StateDict written = StateDictFiles.read(out);
        assertThat(parameters(written))
                .containsExactlyInAnyOrderElementsOf(
                        expected.parameters().stream().map(Parameter::path).toList());
        for (Parameter p : expected.parameters()) {
            assertThat(written.arrays().get(p.path()).toFloats()).as(p.path()).containsExactly(p.value());
        }
        Map<String, NdArray> torch =
                Npz.read(FIXTURES.resolve("resnet_block.npz")).arrays();
        assertThat(written.arrays().get("conv1.weight").toFloats())
                .isNotEqualTo(torch.get("param.conv1.weight").toFloats());
    }

    @Test
    void probeTakesTheInputShapeFromTheFileAndNamesLayersAsTheFileDoes() {
        MainTest.Run r = MainTest.run(
                "probe", "--model", fixture("resnet_block.onnx"), "--init", "file", "--batch", "8", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "\"name\":\"conv1\"",
                        "\"name\":\"bn1\"",
                        "\"name\":\"layer1.0.conv1\"",
                        "\"name\":\"fc\"",
                        "\"kind\":\"residual\"",
                        "\"kind\":\"global_avg_pool2d\"");
    }

    @Test
    void fileWeightsAndAPlanProbeDifferently() {
        MainTest.Run file =
                MainTest.run("probe", "--model", fixture("mlp.onnx"), "--init", "file", "--batch", "16", "--json");
        MainTest.Run plan = MainTest.run(
                "probe", "--model", fixture("mlp.onnx"), "--init", "normal(std=1)", "--batch", "16", "--json");
        assertThat(file.status()).as(file.err()).isZero();
        assertThat(plan.status()).as(plan.err()).isZero();
        assertThat(weightNorms(file.out()))
                .hasSize(weightNorms(plan.out()).size())
                .isNotEqualTo(weightNorms(plan.out()));
    }

    /** The written keys that are parameters (not batch-norm buffers). */
    private static List<String> parameters(StateDict written) {
        return written.arrays().keySet().stream()
                .filter(k -> !k.endsWith(".running_mean")
                        && !k.endsWith(".running_var")
                        && !k.endsWith(".num_batches_tracked"))
                .toList();
    }

    private static List<String> weightNorms(String json) {
        return java.util.regex.Pattern.compile("\"weight_norm\":([^,}]+)")
                .matcher(json)
                .results()
                .map(m -> m.group(1))
                .toList();
    }

    @Test
    void unsupportedOperatorsAndBadFilesExitTwoWithOneLine() throws IOException {
        MainTest.Run lstm = MainTest.run("probe", "--model", fixture("unsupported_lstm.onnx"));
        assertThat(lstm.status()).isEqualTo(2);
        assertThat(lstm.err().strip())
                .startsWith("initlab: unsupported ONNX operator 'LSTM' at node '/lstm/LSTM'")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        Path cut = dir.resolve("cut.onnx");
        byte[] whole = Files.readAllBytes(FIXTURES.resolve("mlp.onnx"));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
        MainTest.Run truncated = MainTest.run(
                "export",
                "--model",
                cut.toString(),
                "--init",
                "file",
                "--out",
                dir.resolve("x.npz").toString());
        assertThat(truncated.status()).isEqualTo(2);
        assertThat(truncated.err().strip())
                .startsWith("initlab: " + cut + ": not a readable ONNX model")
                .doesNotContain("\n");
        MainTest.Run spec = MainTest.run("probe", "--model", "mlp(2,[4],2)", "--init", "file");
        assertThat(spec.status()).isEqualTo(2);
        assertThat(spec.err().strip())
                .isEqualTo(
                        "initlab: --init file keeps the weights of a model file (.onnx), but"
                                + " 'mlp(2,[4],2)' is a model spec without weights; give an initializer spec (e.g. he_normal) or 'default'");
    }

    @Test
    void trainStartsFromTheFileWeightsWithInitFile() {
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "moons",
                "--model",
                fixture("moons_mlp.onnx"),
                "--init",
                "file",
                "--epochs",
                "3",
                "--limit",
                "300",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"init\":\"file\"");
        java.util.regex.Matcher acc =
                java.util.regex.Pattern.compile("\"test_accuracy\":([0-9.]+)").matcher(r.out());
        assertThat(acc.find()).isTrue();
        assertThat(Double.parseDouble(acc.group(1)))
                .as("moons after an epoch from PyTorch's initialization")
                .isGreaterThan(0.7);
        MainTest.Run planned = MainTest.run(
                "train",
                "--data",
                "moons",
                "--model",
                fixture("moons_mlp.onnx"),
                "--init",
                "default",
                "--epochs",
                "3",
                "--limit",
                "300",
                "--json");
        assertThat(planned.status()).as(planned.err()).isZero();
        assertThat(firstLoss(planned.out()))
                .as("the plan's start differs from the file's")
                .isNotEqualTo(firstLoss(r.out()));
    }

    private static String firstLoss(String json) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"loss\":([0-9.eE-]+)").matcher(json);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void adviseVerifyProbesTheFileWeightsBesideTheAdvice() {
        MainTest.Run r =
                MainTest.run("advise", "--model", fixture("cnn_bn.onnx"), "--verify", "--batch", "16", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"verification\":[{\"plan\":\"file weights\"");
        assertThat(r.out().indexOf("\"plan\":\"file weights\""))
                .isLessThan(r.out().indexOf("\"plan\":\"advised\""));
    }
}
