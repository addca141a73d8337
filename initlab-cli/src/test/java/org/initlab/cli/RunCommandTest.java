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
}
