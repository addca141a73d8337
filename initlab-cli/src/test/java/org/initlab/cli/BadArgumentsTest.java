package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad arguments, command by command: each exits 2 with one line on standard error naming the
 * option or value and what is valid, before any work is done.
 */
class BadArgumentsTest {
    /** The arguments and a part of the one line they must give. */
    record Case(List<String> args, String says) {
        static Case of(String says, String... args) {
            return new Case(List.of(args), says);
        }
    }

    static final List<Case> CASES = List.of(
            // train: every numeric option at the door
            Case.of(
                    "initlab: --batch must be an integer >= 1, got 0 (see 'initlab train --help')",
                    "train",
                    "--batch",
                    "0"),
            Case.of("--epochs must be an integer >= 1, got -3", "train", "--epochs", "-3"),
            Case.of("--limit must be an integer >= 1, got 0", "train", "--limit", "0"),
            Case.of("--probe must be an integer >= 1, got 0", "train", "--probe", "0"),
            Case.of(
                    "Invalid value for option '--clip-norm': 'NaN' is not a finite number",
                    "train",
                    "--clip-norm",
                    "NaN"),
            Case.of("--clip-norm must be a number > 0, got 0", "train", "--clip-norm", "0"),
            Case.of("'Infinity' is not a finite number", "train", "--clip-value", "Infinity"),
            Case.of("--clip-value must be a number > 0, got -1", "train", "--clip-value", "-1"),
            Case.of("Invalid value for option '--batch': 'x' is not an int", "train", "--batch", "x"),
            // spec families: no key twice, no empty list element, sizes that fit
            Case.of(
                    "bad spec 'sgd(lr=0.1,lr=0.2)': argument 'lr' given twice",
                    "train",
                    "--optimizer",
                    "sgd(lr=0.1,lr=0.2)"),
            Case.of("argument 'n' given twice", "train", "--data", "circles(n=100,n=200)"),
            Case.of("argument 'std' given twice", "train", "--init", "normal(std=1,std=2)"),
            Case.of(
                    "mlp: hidden must be a list such as [1, 2], got '[4,,4]' (bad list '[4,,4]': empty element)",
                    "train",
                    "--model",
                    "mlp(2,[4,,4],2)"),
            Case.of(
                    "mlp: hidden must be an integer from -2147483648 to 2147483647, got '99999999999'",
                    "train",
                    "--model",
                    "mlp(2,[99999999999],2)"),
            // mistyped names
            Case.of(
                    "initlab: unknown option '--epoch'; did you mean '--epochs'? (see 'initlab train --help')", "train",
                    "--epoch", "3"),
            Case.of("initlab: unknown command 'trian'; did you mean 'train'? (see 'initlab --help')", "trian"),
            Case.of(
                    "unknown option '--sead'; did you mean '--seed'?",
                    "sample",
                    "he_normal",
                    "--shape",
                    "3,3",
                    "--sead",
                    "1"),
            // sample: shapes and laws that cannot be written as float32
            Case.of("bad shape '3,,3': dimension 2 is empty", "sample", "he_normal", "--shape", "3,,3"),
            Case.of(
                    "constant: draws reach |value| = 1e39, beyond float32's largest finite value 3.4028235e38",
                    "sample",
                    "constant(value=1e39)",
                    "--shape",
                    "3"),
            Case.of("normal: draws reach |mean| + 6.34·std", "sample", "normal(mean=1e308,std=1e308)", "--shape", "3"),
            Case.of(
                    "--threads must be an integer >= 1 and <= 256, got 0",
                    "sample",
                    "he_normal",
                    "--shape",
                    "3,3",
                    "--threads",
                    "0"),
            Case.of(
                    "--fan-in must be an integer >= 1, got 0",
                    "sample",
                    "he_normal",
                    "--shape",
                    "3,3",
                    "--fan-in",
                    "0"),
            Case.of("--groups must be an integer >= 1, got 0", "fans", "--shape", "3,3", "--groups", "0"),
            Case.of("'NaN' is not a finite number", "gain", "leaky_relu", "--slope", "NaN"),
            Case.of("--sigma-b2 must be a number >= 0, got -1", "critical", "relu", "--sigma-b2", "-1"),
            Case.of("--sigma-w2 must be a number > 0, got 0", "critical", "tanh", "--sigma-w2", "0"),
            Case.of("--q0 must be a number > 0, got 0", "critical", "tanh", "--q0", "0"),
            Case.of("--depth must be an integer >= 1 and <= 100000, got 0", "critical", "relu", "--depth", "0"),
            Case.of(
                    "--batch must be an integer >= 2 and <= 100000, got 1",
                    "probe",
                    "--model",
                    "mlp(4,[8],2)",
                    "--batch",
                    "1"),
            Case.of(
                    "--batch must be an integer >= 2 and <= 100000, got 0",
                    "advise",
                    "--model",
                    "mlp(4,[8],2)",
                    "--batch",
                    "0"),
            Case.of("--seeds must be an integer >= 0, got -1", "run", "symmetry", "--seeds", "-1"),
            Case.of("--threads must be an integer >= 1 and <= 256, got 300", "run", "symmetry", "--threads", "300"),
            Case.of("--width must be an integer >= 2, got 1", "demo", "--width", "1"),
            Case.of("--threads must be an integer >= 1 and <= 256, got 0", "sweep", "phase-diagram", "--threads", "0"),
            Case.of(
                    "mlp: hidden must be a list such as [1, 2], got '[,4]' (bad list '[,4]': empty element)",
                    "export",
                    "--model",
                    "mlp(2,[,4],2)",
                    "--init",
                    "he_normal",
                    "--out",
                    "never.safetensors"),
            Case.of("unknown initializer 'he_norml'; did you mean 'he_normal'?", "explain", "he_norml"),
            Case.of("unknown data set 'fashion-mnst'; did you mean 'fashion-mnist'?", "data", "fetch", "fashion-mnst"),
            Case.of("unknown command 'fech'; did you mean 'fetch'?", "data", "fech", "mnist"),
            Case.of("unknown option '--jsn'; did you mean '--json'?", "list", "--jsn"),
            Case.of("--depth must be an integer >= 1, got 0", "demo", "--depth", "0"));

    @Test
    void eachBadArgumentExitsTwoWithOneLine() {
        for (Case c : CASES) {
            MainTest.Run r = MainTest.run(c.args().toArray(String[]::new));
            assertThat(r.status()).as("%s: %s", c.args(), r.err()).isEqualTo(2);
            assertThat(r.err())
                    .as("%s", c.args())
                    .contains(c.says())
                    .startsWith("initlab: ")
                    .doesNotContain("\tat ");
            assertThat(r.err().strip().lines().count())
                    .as("%s: %s", c.args(), r.err())
                    .isEqualTo(1);
            assertThat(r.out()).as("%s", c.args()).isEmpty();
        }
    }

    @Test
    void directoriesWhereFilesAreExpectedExitTwo(@TempDir Path dir) {
        MainTest.Run weights = MainTest.run("train", "--init-from", dir.toString(), "--epochs", "1");
        assertThat(weights.status()).isEqualTo(2);
        assertThat(weights.err().strip())
                .isEqualTo("initlab: " + dir + " is a directory; weights are read from one"
                        + " .safetensors, .npz or .npy file");
        MainTest.Run csv = MainTest.run("train", "--data", "csv:" + dir, "--epochs", "1");
        assertThat(csv.status()).isEqualTo(2);
        assertThat(csv.err().strip())
                .isEqualTo("initlab: " + dir + " is a directory; a data file is expected here"
                        + " (csv:FILE takes a CSV file, idx:DIR a folder of IDX files)");
    }

    @Test
    void specFilesAreRefusedNamingWhatIsRead(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("spec.yaml");
        Files.write(
                yaml, new byte[] {'e', 'x', 'p', 'e', 'r', 'i', 'm', 'e', 'n', 't', 's', ':', ' ', (byte) 0xff, '\n'});
        MainTest.Run r =
                MainTest.run("run", yaml.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo(
                        "initlab: " + yaml + ": byte offset 13: not valid UTF-8 (a YAML file must" + " be UTF-8 text)");
        Path json = dir.resolve("spec.json");
        Files.writeString(json, "{\"experiments\": [}");
        MainTest.Run j =
                MainTest.run("run", json.toString(), "--out", dir.resolve("out").toString());
        assertThat(j.status()).isEqualTo(2);
        assertThat(j.err())
                .contains(json + ": byte offset 17: experiment spec: expected a JSON value, found '}'")
                .doesNotContain("safetensors");
    }

    @Test
    void helpIsNotBlockedByTheDoor() {
        MainTest.Run r = MainTest.run("train", "--batch", "0", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: initlab train");
    }
}
