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
}
