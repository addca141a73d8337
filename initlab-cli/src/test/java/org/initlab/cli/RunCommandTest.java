package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @Test
    void writesTheRunDirectoryAndPrintsTheVerdict(@TempDir Path dir) throws Exception {
        MainTest.Run r = MainTest.run("run", "forward-histograms", "--samples", "200", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("claim supported").contains("wrote");
        assertThat(dir.resolve("report.html")).exists();
        assertThat(dir.resolve("run.json")).exists();
        assertThat(Files.readString(dir.resolve("metrics.csv")).lines().count()).isEqualTo(42);
    }

    @Test
    void unknownExperimentExitsTwoWithASuggestion(@TempDir Path dir) {
        MainTest.Run r = MainTest.run("run", "forward-histogram", "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("did you mean 'forward-histograms'");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void aSpecFileRunsItsExperimentsIntoOneReport(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"seed\": 3, \"experiments\": [{\"name\": \"symmetry\", \"steps\": 40},"
                + " {\"name\": \"forward-histograms\", \"samples\": 100}]}");
        Path out = dir.resolve("run");
        MainTest.Run r = MainTest.run("run", spec.toString(), "--out", out.toString(), "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"experiment\":\"symmetry\"").contains("\"experiment\":\"forward-histograms\"");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"steps\":40").contains("\"samples\":100")
                .contains("\"seed\":3");

        Files.writeString(spec, "{\"experiments\": [{\"name\": \"symmetry\", \"stepz\": 40}]}");
        MainTest.Run bad = MainTest.run("run", spec.toString(), "--out", dir.resolve("bad").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("spec.json").contains("byte offset 38").contains("unknown key 'stepz'");
        Files.writeString(spec, "{\"experiments\": [{\"name\": \"symetry\"}]}");
        assertThat(MainTest.run("run", spec.toString(), "--out", dir.resolve("bad").toString()).err())
                .contains("did you mean 'symmetry'");
    }

    @Test
    void runningARunJsonAgainGivesIdenticalMetrics(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        MainTest.Run r = MainTest.run("run", "symmetry", "circles", "--steps", "60", "--seed", "7", "--out", first.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readString(first.resolve("run.json"))).contains("\"spec\":{\"seed\":7,\"seeds\":1,");
        Path again = dir.resolve("again");
        MainTest.Run rerun = MainTest.run("run", first.resolve("run.json").toString(), "--out", again.toString());
        assertThat(rerun.status()).as(rerun.err()).isZero();
        String metrics = Files.readString(first.resolve("metrics.csv"));
        assertThat(metrics.lines().count()).isGreaterThan(10);
        assertThat(Files.readString(again.resolve("metrics.csv"))).isEqualTo(metrics);
        // a different seed gives different metrics, so the equality above is not vacuous
        Path other = dir.resolve("other");
        MainTest.run("run", "symmetry", "circles", "--steps", "60", "--seed", "8", "--out", other.toString());
        assertThat(Files.readString(other.resolve("metrics.csv"))).isNotEqualTo(metrics);
    }

    @Test
    void aYamlSpecWithSeveralSeedsReportsTheSpread(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "# two seeds of a short symmetry run\nseed: 5\nseeds: 2\nexperiments:\n"
                + "  - name: symmetry\n    steps: 40\n");
        Path out = dir.resolve("run");
        MainTest.Run r = MainTest.run("run", spec.toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("across seeds").contains("±");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"seeds\":[5,6]");
        String csv = Files.readString(out.resolve("metrics.csv"));
        assertThat(csv).contains("\n5,").contains("\n6,");
        assertThat(Files.readString(out.resolve("report.html"))).contains("(2 seeds)");

        Files.writeString(spec, "experiments:\n  - name: symmetry\n    stepz: 40\n");
        MainTest.Run bad = MainTest.run("run", spec.toString(), "--out", dir.resolve("bad").toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("spec.yaml").contains("offset 36").contains("unknown key 'stepz'");
        Files.writeString(spec, "experiments: [name: symmetry\n");
        assertThat(MainTest.run("run", spec.toString(), "--out", dir.resolve("bad").toString()).err())
                .contains("not valid YAML");
    }

    @Test
    void namesAndSpecFilesDoNotMix(@TempDir Path dir) throws Exception {
        MainTest.Run r = MainTest.run("run", "symmetry", dir.resolve("x.json").toString(), "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("give experiment names or one spec file");
        assertThat(MainTest.run("run", "symmetry", "--seeds", "0", "--out", dir.toString()).status()).isEqualTo(2);
    }
}
