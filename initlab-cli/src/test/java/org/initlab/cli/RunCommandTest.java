package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @Test
    void writesTheRunDirectoryAndPrintsTheVerdict(@TempDir Path dir) throws Exception {
        MainTest.Run r = MainTest.run("run", "forward-histograms(samples=200)", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict: supported").contains("wrote");
        assertThat(dir.resolve("report.html")).exists();
        assertThat(Files.readString(dir.resolve("run.json")))
                .contains("\"spec\":\"forward-histograms(samples=200)\"")
                .contains("\"seeds\":[0,1,2]")
                .contains("\"checks\":[");
        // a header and 8 configurations x 5 hidden layers per seed
        assertThat(Files.readString(dir.resolve("metrics.csv")).lines().count()).isEqualTo(2 + 3 * 40);
    }

    @Test
    void unknownExperimentsAndParametersExitTwoWithASuggestion(@TempDir Path dir) {
        MainTest.Run r = MainTest.run("run", "forward-histogram", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("did you mean 'forward-histograms'");
        assertThat(dir.resolve("report.html")).doesNotExist();
        MainTest.Run p = MainTest.run("run", "symmetry(step=30)", "--out", dir.toString());
        assertThat(p.status()).isEqualTo(2);
        assertThat(p.err()).contains("unknown argument 'step'").contains("did you mean 'steps'");
    }

    @Test
    void theOutputDirectoryIsCheckedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        MainTest.Run r = MainTest.run("run", "symmetry", "--out", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("is a file").doesNotContain("symmetry:");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        MainTest.Run other = MainTest.run("run", "symmetry", "--out", dir.toString());
        assertThat(other.status()).isEqualTo(2);
        assertThat(other.err()).contains("holds other files");
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aSpecFileRunsItsExperimentsIntoOneReport(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(
                spec,
                "{\"seed\": 3, \"seeds\": 1, \"robustness\": false, \"experiments\": [{\"name\": \"symmetry\","
                        + " \"steps\": 40}, \"forward-histograms(samples=100)\"]}");
        Path out = dir.resolve("run");
        MainTest.Run r = MainTest.run("run", spec.toString(), "--out", out.toString(), "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"experiment\":\"symmetry\"").contains("\"experiment\":\"forward-histograms\"");
        assertThat(Files.readString(out.resolve("run.json")))
                .contains("\"steps\":40")
                .contains("\"samples\":100")
                .contains("\"seeds\":[3]");

        Files.writeString(spec, "{\"experiments\": [{\"name\": \"symmetry\", \"stepz\": 40}]}");
        MainTest.Run bad =
                MainTest.run("run", spec.toString(), "--out", dir.resolve("bad").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("spec.json").contains("unknown argument 'stepz'");
        Files.writeString(spec, "{\"experiments\": [\"symetry\"]}");
        assertThat(MainTest.run(
                                "run",
                                spec.toString(),
                                "--out",
                                dir.resolve("bad").toString())
                        .err())
                .contains("did you mean 'symmetry'");
    }

    @Test
    void runningARunJsonAgainGivesIdenticalMetrics(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        MainTest.Run r = MainTest.run(
                "run", "symmetry(steps=60)", "circles(steps=60)", "--seed", "7", "--out", first.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(first.resolve("run.json")))
                .contains("\"spec\":{\"seed\":7,\"seeds\":0,\"robustness\":true");
        Path again = dir.resolve("again");
        MainTest.Run rerun = MainTest.run("run", first.resolve("run.json").toString(), "--out", again.toString());
        assertThat(rerun.status()).as(rerun.err()).isZero();
        String metrics = Files.readString(first.resolve("metrics.csv"));
        assertThat(metrics.lines().count()).isGreaterThan(10);
        assertThat(Files.readString(again.resolve("metrics.csv"))).isEqualTo(metrics);
        // a different seed gives different metrics, so the equality above is not vacuous
        Path other = dir.resolve("other");
        MainTest.run("run", "symmetry(steps=60)", "circles(steps=60)", "--seed", "8", "--out", other.toString());
        assertThat(Files.readString(other.resolve("metrics.csv"))).isNotEqualTo(metrics);
    }

    @Test
    void aYamlSpecWithSeveralSeedsReportsTheSpreadAndTheVerdictPerSeedAndBudget(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                # two seeds of a short symmetry run
                seed: 5
                seeds: 2
                experiments:
                  - name: symmetry
                    steps: 40
                """);
        Path out = dir.resolve("run");
        MainTest.Run r = MainTest.run("run", spec.toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("±").contains("steps=20 (half) ").contains("steps=80 (double) ");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"seeds\":[5,6]");
        String csv = Files.readString(out.resolve("metrics.csv"));
        assertThat(csv).contains("\n5,").contains("\n6,");
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("Verdict per seed")
                .contains("Verdict per budget");

        Files.writeString(spec, "experiments: [name: symmetry\n");
        assertThat(MainTest.run(
                                "run",
                                spec.toString(),
                                "--out",
                                dir.resolve("bad").toString())
                        .err())
                .contains("not valid YAML");
    }

    @Test
    void namesAndSpecFilesDoNotMix(@TempDir Path dir) throws Exception {
        MainTest.Run r = MainTest.run("run", "symmetry", dir.resolve("x.json").toString(), "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("give experiment specs or one spec file");
        assertThat(MainTest.run("run", "symmetry", "--seeds", "101", "--out", dir.toString())
                        .status())
                .isEqualTo(2);
        assertThat(MainTest.run("run", "--out", dir.toString()).status()).isEqualTo(2);
    }

    @Test
    void theListShowsEveryExperimentWithItsParameters() {
        MainTest.Run r = MainTest.run("run", "--list");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("symmetry: ")
                .contains("steps  full-batch training steps (default 600, 10 to 1000000)");
    }

    @Test
    void anInterruptedRunKeepsTheExperimentsThatFinished(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "run",
                        "symmetry(steps=20)",
                        "circles(steps=10000000)",
                        "--seeds",
                        "1",
                        "--no-robustness",
                        "--out",
                        out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(out.resolve("run.json")) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(p.isAlive()).as("the second experiment is still running").isTrue();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(out.resolve("run.json")))
                .contains("\"experiments_run\":[\"symmetry\"]")
                .contains("\"experiment\":\"symmetry\"");
        assertThat(Files.readString(out.resolve("report.html"))).contains("symmetry: ");
        assertThat(Files.readString(out.resolve("metrics.csv")))
                .startsWith("# symmetry(steps=20)\nseed,init,step,loss\n");
        assertThat(new File(dir.toFile(), "run").list())
                .containsExactlyInAnyOrder("run.json", "metrics.csv", "report.html");
    }

    @Test
    void experimentsRunConcurrentlyWithTheResultsOfARunOneAfterAnother(@TempDir Path dir) throws Exception {
        String[] specs = {"symmetry(steps=40)", "forward-histograms(samples=100)", "circles(steps=40)"};
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        MainTest.Run a = MainTest.run(concat(specs, "--threads", "1", "--out", one.toString()));
        MainTest.Run b = MainTest.run(concat(specs, "--threads", "2", "--out", two.toString()));
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(Files.readString(two.resolve("metrics.csv")))
                .isEqualTo(Files.readString(one.resolve("metrics.csv")));
        // the same verdicts and figures, printed in the same order
        assertThat(verdicts(b.out())).isEqualTo(verdicts(a.out())).hasSizeGreaterThan(3);
    }

    private static List<String> verdicts(String out) {
        return out.lines()
                .filter(l -> l.startsWith("verdict:") || l.startsWith("  ") || l.startsWith("== "))
                .toList();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length + 1);
        all[0] = "run";
        System.arraycopy(a, 0, all, 1, a.length);
        System.arraycopy(b, 0, all, 1 + a.length, b.length);
        return all;
    }
}
