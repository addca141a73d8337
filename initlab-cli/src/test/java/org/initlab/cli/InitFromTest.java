package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initlab.io.StateDict;
import org.initlab.io.StateDictFiles;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --init-from}: pretrained body, fresh head; strict failures; bad files. */
class InitFromTest {
    private static final String BODY = "mlp(6,[5,4],3,act=relu)";
    private static final String FINE_TUNED = "mlp(6,[5,4],2,act=relu)";

    @TempDir
    Path dir;

    @Test
    void nonStrictLoadsTheBodyAndThePlanInitializesTheNewHead() throws IOException {
        Path pre = dir.resolve("pre.safetensors");
        assertThat(MainTest.run(
                                "export",
                                "--model",
                                BODY,
                                "--init",
                                "he_normal",
                                "--seed",
                                "1",
                                "--out",
                                pre.toString())
                        .status())
                .isZero();
        Path out = dir.resolve("tuned.npz");
        MainTest.Run r = MainTest.run(
                "export",
                "--model",
                FINE_TUNED,
                "--init",
                "default",
                "--seed",
                "9",
                "--init-from",
                pre.toString(),
                "--out",
                out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("loaded 4 arrays").contains("2 shape mismatches");

        StateDict pretrained = StateDictFiles.read(pre);
        StateDict tuned = StateDictFiles.read(out);
        for (String body : new String[] {"0.weight", "0.bias", "2.weight", "2.bias"}) {
            assertThat(tuned.arrays().get(body))
                    .as(body)
                    .isEqualTo(pretrained.arrays().get(body));
        }
        Sequential fresh = ModelSpec.parse(FINE_TUNED);
        InitPlan.defaults().apply(fresh, 9);
        float[] head = fresh.parameters().stream()
                .filter(p -> p.path().equals("4.weight"))
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(tuned.arrays().get("4.weight").toFloats()).containsExactly(head);
    }

    @Test
    void strictLoadListsEveryProblemAndWritesNothing() throws IOException {
        Path pre = dir.resolve("pre.safetensors");
        MainTest.run("export", "--model", BODY, "--init", "he_normal", "--out", pre.toString());
        Path out = dir.resolve("tuned.npz");
        MainTest.Run r = MainTest.run(
                "export",
                "--model",
                FINE_TUNED,
                "--init",
                "default",
                "--init-from",
                pre.toString(),
                "--strict",
                "--out",
                out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("4.weight").contains("4.bias").contains("nothing was changed");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void missingOrCorruptFilesAndOrphanOptionsExitTwoWithOneLine() throws IOException {
        Path out = dir.resolve("x.npz");
        MainTest.Run missing = MainTest.run(
                "export",
                "--model",
                BODY,
                "--init",
                "default",
                "--init-from",
                dir.resolve("nope.safetensors").toString(),
                "--out",
                out.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").contains("nope.safetensors");

        Path corrupt = dir.resolve("bad.safetensors");
        Files.write(corrupt, new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, '{'});
        MainTest.Run bad = MainTest.run(
                "export",
                "--model",
                BODY,
                "--init",
                "default",
                "--init-from",
                corrupt.toString(),
                "--out",
                out.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.safetensors").contains("byte offset");

        MainTest.Run orphan =
                MainTest.run("train", "--data", "xor", "--model", "mlp(2,[4],2)", "--init", "default", "--strict");
        assertThat(orphan.status()).isEqualTo(2);
        assertThat(orphan.err()).contains("--init-from");
        assertThat(Files.exists(out)).isFalse();
    }
}
