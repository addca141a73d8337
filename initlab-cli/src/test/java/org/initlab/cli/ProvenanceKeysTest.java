package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.initlab.io.JsonTree;
import org.initlab.io.Provenance;
import org.initlab.io.StateDictFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four places that record a result's provenance carry the same keys, those of {@link Provenance}. */
class ProvenanceKeysTest {
    private static final String MLP = "mlp(2,[4],2,act=relu)";

    @TempDir
    Path dir;

    private static List<String> keys(JsonTree tree) {
        return ((JsonTree.Obj) tree)
                .members().stream().map(JsonTree.Member::key).toList();
    }

    private static JsonTree member(JsonTree tree, String key) {
        return ((JsonTree.Obj) tree)
                .members().stream()
                        .filter(m -> m.key().equals(key))
                        .findFirst()
                        .orElseThrow()
                        .value();
    }

    @Test
    void trainJsonCarriesTheProvenanceWithTheCommandSeedAndDataChecksum() throws Exception {
        MainTest.Run r = MainTest.run("train", "--model", MLP, "--epochs", "1", "--seed", "4", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonTree p = member(JsonTree.parse(r.out().getBytes(StandardCharsets.UTF_8), "train --json", 0), "provenance");
        assertThat(keys(p)).containsExactlyElementsOf(Provenance.KEYS);
        assertThat(((JsonTree.Str) member(p, "command")).value())
                .isEqualTo("initlab train --model " + MLP + " --epochs 1 --seed 4 --json");
        assertThat(((JsonTree.Str) member(p, "data_sha256")).value()).matches("[0-9a-f]{64}");
        assertThat(((JsonTree.Arr) member(p, "seeds")).items()).hasSize(1);
    }

    @Test
    void trainOutExportAndAdviseMetadataCarryTheSameKeys() throws Exception {
        Path trained = dir.resolve("trained.safetensors");
        MainTest.Run t =
                MainTest.run("train", "--model", MLP, "--epochs", "1", "--seed", "4", "--out", trained.toString());
        assertThat(t.status()).as(t.err()).isZero();
        Path exported = dir.resolve("init.safetensors");
        MainTest.Run e = MainTest.run(
                "export", "--model", MLP, "--init", "he_normal", "--seed", "4", "--out", exported.toString());
        assertThat(e.status()).as(e.err()).isZero();
        Path advised = dir.resolve("advised.safetensors");
        MainTest.Run a = MainTest.run("advise", "--model", MLP, "--seed", "4", "--out", advised.toString());
        assertThat(a.status()).as(a.err()).isZero();
        for (Path file : List.of(trained, exported, advised)) {
            Map<String, String> metadata = StateDictFiles.read(file).metadata();
            assertThat(metadata.keySet()).as(file.toString()).containsAll(Provenance.KEYS);
            assertThat(metadata).as(file.toString()).containsEntry("seeds", "4");
        }
        assertThat(StateDictFiles.read(exported).metadata())
                .containsEntry("data", "")
                .containsEntry(
                        "command", "initlab export --model " + MLP + " --init he_normal --seed 4 --out " + exported);
    }

    @Test
    void runJsonCarriesTheSameKeysAtItsTop() throws Exception {
        Path out = dir.resolve("run");
        MainTest.Run r =
                MainTest.run("run", "forward-histograms(samples=100)", "--seeds", "1", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonTree doc = JsonTree.parse(Files.readAllBytes(out.resolve("run.json")), "run.json", 0);
        assertThat(keys(doc)).containsAll(Provenance.KEYS);
        assertThat(((JsonTree.Str) member(doc, "command")).value()).startsWith("initlab run forward-histograms");
    }
}
