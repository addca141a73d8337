package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.initlab.lab.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void aRunDirectoryIsReplacedWhole() throws IOException {
        Path dir = tmp.resolve("run");
        RunDirectory.write(dir, Map.of("n", 1), "a\n", new HtmlReport("first", "p"));
        RunDirectory.write(dir, Map.of("n", 2), "b\n", new HtmlReport("second", "p"));
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"n\":2");
        assertThat(Files.readString(dir.resolve("metrics.csv"))).isEqualTo("b\n");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("second");
        assertThat(siblings()).containsExactly("run");
    }

    @Test
    void aFullDiskLeavesThePreviousRunDirectoryIntact() throws IOException {
        Path dir = tmp.resolve("run");
        RunDirectory.write(dir, Map.of("n", 1), "a\n", new HtmlReport("first", "p"));
        int[] calls = {0};
        RunDirectory.FileWriter full = (file, bytes) -> {
            if (++calls[0] == 2) {
                Files.write(file, new byte[] {1, 2});
                throw new IOException("No space left on device");
            }
            Files.write(file, bytes);
        };
        assertThatThrownBy(() -> RunDirectory.write(dir, Map.of("n", 2), "b\n", new HtmlReport("second", "p"), full))
                .hasMessageContaining("No space left");
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"n\":1");
        assertThat(Files.readString(dir.resolve("metrics.csv"))).isEqualTo("a\n");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("first");
        assertThat(siblings()).containsExactly("run");
    }

    @Test
    void theTargetIsCheckedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThatThrownBy(() -> RunDirectory.checkTarget(file)).hasMessageContaining("is a file");
        assertThatThrownBy(() -> RunDirectory.checkTarget(file.resolve("sub")))
                .hasMessageContaining("is not a directory");
        Path other = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> RunDirectory.checkTarget(other)).hasMessageContaining("holds other files");
        RunDirectory.checkTarget(tmp.resolve("new/deeper"));
        RunDirectory.checkTarget(Files.createDirectories(tmp.resolve("empty")));
    }

    private Stream<String> siblingsStream() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }

    private java.util.List<String> siblings() throws IOException {
        try (Stream<String> s = siblingsStream()) {
            return s.sorted().toList();
        }
    }
}
