package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MitigationsTest {
    @Test
    void everyRemedyRescuesItsBrokenNetworkInAShortRun() {
        // the fallback data, so the test means the same with or without the shared digits files
        LegacyExperiment.Outcome o = new Mitigations(8, 0, Mitigations.FALLBACK).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.rows()).hasSize(10);
        assertThat(o.section().charts()).hasSize(4);
        assertThat(o.metricsCsv()).contains("clipping,\"normal(1), no clipping\"".replace("\"", ""));
    }

    @Test
    void unscaledAttentionSaturatesTheSoftmax() {
        AttentionSaturation.Result r = new AttentionSaturation(3).measure();
        assertThat(r.supported()).as(r.toString()).isTrue();
        assertThat(r.unscaled().meanEntropy()).isLessThan(r.scaled().meanEntropy());
    }
}
