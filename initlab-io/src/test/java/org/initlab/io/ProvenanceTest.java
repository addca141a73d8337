package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.initlab.core.Version;
import org.initlab.nn.Gemm;
import org.junit.jupiter.api.Test;

class ProvenanceTest {
    private static final Provenance FIXED = new Provenance(
            "initlab train --seed 3",
            List.of(3L, 4L),
            "circles(n=100)",
            "ab".repeat(32),
            "1.2.3",
            "25.0.1",
            "Vendor",
            "Linux 6.1 amd64",
            8,
            2,
            "java",
            "java",
            Provenance.RNG,
            Instant.parse("2026-12-07T00:00:00Z"));

    @Test
    void theWrittenFormHasEveryKeyInOrderAndTheComponentsValues() {
        Map<String, Object> m = FIXED.toMap();
        assertThat(m.keySet()).containsExactlyElementsOf(Provenance.KEYS);
        assertThat(m)
                .containsEntry("command", "initlab train --seed 3")
                .containsEntry("seeds", List.of(3L, 4L))
                .containsEntry("data", "circles(n=100)")
                .containsEntry("initlab_version", "1.2.3")
                .containsEntry("cpus", 8)
                .containsEntry("threads", 2)
                .containsEntry("time", "2026-12-07T00:00:00Z");
        assertThat(Json.write(m)).startsWith("{\"command\":\"initlab train --seed 3\",\"seeds\":[3,4],\"data\":");
    }

    @Test
    void theMetadataHasTheSameKeysAsStrings() {
        Map<String, String> m = FIXED.toMetadata();
        assertThat(m.keySet()).containsExactlyElementsOf(Provenance.KEYS);
        assertThat(m)
                .containsEntry("seeds", "3,4")
                .containsEntry("cpus", "8")
                .containsEntry("data_sha256", "ab".repeat(32));
        Provenance noData = FIXED.withData(null, null);
        assertThat(noData.toMetadata()).containsEntry("data", "").containsEntry("data_sha256", "");
        assertThat(noData.toMap()).containsKey("data").containsEntry("data", null);
    }

    @Test
    void nowFillsTheVersionJvmAndBackendsOfThisProcess() {
        Instant before = Instant.now();
        Provenance p = Provenance.now("test", List.of(1L), null, null, 3);
        assertThat(p.version()).isEqualTo(Version.number());
        assertThat(p.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.blas()).isEqualTo(Gemm.backend());
        assertThat(p.threads()).isEqualTo(3);
        assertThat(p.time()).isBetween(before, Instant.now());
    }

    @Test
    void refusesDataWithoutChecksumAndNoThreads() {
        assertThatThrownBy(() -> FIXED.withData("circles", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data and its checksum come together, got data circles and checksum null");
        assertThatThrownBy(() -> Provenance.now("x", List.of(), null, null, 0))
                .hasMessage("threads must be >= 1, got 0");
    }
}
