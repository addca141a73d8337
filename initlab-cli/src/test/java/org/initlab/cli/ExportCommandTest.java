package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.initlab.core.init.Registry;
import org.initlab.io.DType;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.StateDictFiles;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    private static final String MLP = "mlp(6,[5,4],3,act=relu)";

    @TempDir
    Path dir;

    /** The model as the library initializes it, independently of the command. */
    private static Sequential initialized(String model, InitPlan plan, long seed) {
        Sequential net = ModelSpec.parse(model);
        plan.apply(net, seed);
        return net;
    }

    private static void assertHoldsExactly(StateDict d, Sequential net) {
        assertThat(d.arrays().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        net.parameters().stream().map(Parameter::path).toList());
        for (Parameter p : net.parameters()) {
            NdArray a = d.arrays().get(p.path());
            assertThat(a.dtype()).isEqualTo(DType.F32);
            assertThat(a.shape()).as(p.path()).containsExactly(p.shape().dims());
            assertThat(a.toFloats()).as(p.path()).containsExactly(p.value());
        }
    }

    @Test
    void writesEveryParameterAsInitializedForTrainingWithMetadata() throws IOException {
        Path out = dir.resolve("init.safetensors");
        MainTest.Run r =
                MainTest.run("export", "--model", MLP, "--init", "he_normal", "--seed", "3", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("0.weight").contains("wrote " + out + " (6 arrays, 74 values)");
        StateDict d = StateDictFiles.read(out);
        assertHoldsExactly(d, initialized(MLP, InitPlan.allWeights(Registry.parse("he_normal")), 3));
        assertThat(d.metadata())
                .containsEntry("model", MLP)
                .containsEntry("init", "he_normal")
                .containsEntry("seeds", "3")
                .containsKey("initlab_version");
        assertThat(d.arrays().get("0.bias").toFloats()).containsOnly(0f);
    }

    @Test
    void defaultPlanAndNpzGiveTheSameWeightsAsTheLibrary() throws IOException {
        Path out = dir.resolve("init.npz");
        MainTest.Run r =
                MainTest.run("export", "--model", "cnn(1,8,8,3)", "--init", "default", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        StateDict d = StateDictFiles.read(out);
        assertHoldsExactly(d, initialized("cnn(1,8,8,3)", InitPlan.defaults(), 0));
        assertThat(d.arrays().get("0.weight").shape()).containsExactly(8, 1, 3, 3);
        assertThat(d.metadata()).isEmpty();
    }

    @Test
    void differentSeedsGiveDifferentWeights() throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        assertThat(MainTest.run("export", "--model", MLP, "--init", "default", "--seed", "1", "--out", a.toString())
                        .status())
                .isZero();
        assertThat(MainTest.run("export", "--model", MLP, "--init", "default", "--seed", "2", "--out", b.toString())
                        .status())
                .isZero();
        assertThat(StateDictFiles.read(a).arrays().get("0.weight"))
                .isNotEqualTo(StateDictFiles.read(b).arrays().get("0.weight"));
    }

    @Test
    void jsonListsEveryParameter() {
        Path out = dir.resolve("j.safetensors");
        MainTest.Run r =
                MainTest.run("export", "--model", MLP, "--init", "lecun_normal", "--out", out.toString(), "--json");
        assertThat(r.status()).isZero();
        assertThat(r.out().strip().lines().count()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("{\"model\":\"" + MLP + "\",\"init\":\"lecun_normal\",\"seed\":0")
                .contains("\"parameter_count\":6")
                .contains("\"value_count\":74")
                .contains("{\"path\":\"0.weight\",\"shape\":[5,6],\"dtype\":\"F32\"}");
    }

    @Test
    void badExtensionModelOrInitExitTwoWithoutWritingAnything() throws IOException {
        for (String name : new String[] {"w.bin", "w.npy", "w"}) {
            MainTest.Run r = MainTest.run(
                    "export",
                    "--model",
                    MLP,
                    "--init",
                    "default",
                    "--out",
                    dir.resolve(name).toString());
            assertThat(r.status()).as(name).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
            assertThat(r.err()).contains("--out must name a .safetensors or .npz file");
        }
        Path out = dir.resolve("x.safetensors");
        assertThat(MainTest.run("export", "--model", "mlp(3,[x],2)", "--init", "default", "--out", out.toString())
                        .status())
                .isEqualTo(2);
        MainTest.Run bad = MainTest.run("export", "--model", MLP, "--init", "he_norml", "--out", out.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("did you mean 'he_normal'");
        assertThat(MainTest.run("export", "--model", MLP, "--out", out.toString())
                        .status())
                .isEqualTo(2);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void sampleWritesSafetensorsAndNpzKeyedByPath() throws IOException {
        Path st = dir.resolve("w.safetensors");
        Path npz = dir.resolve("w.npz");
        for (Path out : new Path[] {st, npz}) {
            MainTest.Run r = MainTest.run(
                    "sample",
                    "he_normal",
                    "--shape",
                    "3,5",
                    "--seed",
                    "7",
                    "--path",
                    "fc.weight",
                    "--out",
                    out.toString());
            assertThat(r.status()).as(r.err()).isZero();
        }
        float[] expected = org.initlab.core.init.Fill.tensor(
                new org.initlab.core.init.HeNormal(),
                org.initlab.core.init.Target.of(3, 5).withSeed(7).withPath("fc.weight"));
        for (Path out : new Path[] {st, npz}) {
            StateDict d = StateDictFiles.read(out);
            assertThat(d.arrays().keySet()).containsExactly("fc.weight");
            assertThat(d.arrays().get("fc.weight").shape()).containsExactly(3, 5);
            assertThat(d.arrays().get("fc.weight").toFloats()).containsExactly(expected);
        }
        assertThat(StateDictFiles.read(st).metadata())
                .containsEntry("spec", "he_normal")
                .containsEntry("seed", "7")
                .containsEntry("layout", "pytorch");
        assertThat(Map.copyOf(StateDictFiles.read(npz).metadata())).isEmpty();
    }
}
