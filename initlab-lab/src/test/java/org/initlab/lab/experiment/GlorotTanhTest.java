package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlorotTanhTest {
    @Test
    void aShortRunSupportsTheClaimAtInitialization() {
        LegacyExperiment.Outcome o = new GlorotTanh(1, 0).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.section().charts()).hasSize(2 + 2 * 2 * 4);
        assertThat(o.metricsCsv().lines().count()).isEqualTo(1 + 2 * 2 * 4);
    }
}
