package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeepReluTest {
    @Test
    void aShortRunShowsTheVanishingGradientAndHeLearning() {
        // the fallback data, so the test means the same with or without the shared Fashion-MNIST files
        LegacyExperiment.Outcome o = new DeepRelu(1000, 6, 0, DeepRelu.FALLBACK).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.metricsCsv().lines().filter(l -> l.contains(",init,")).count()).isEqualTo(2 * 30);
        // probe snapshots while training: per dense layer a gradient norm and an update ratio
        assertThat(o.metricsCsv().lines().filter(l -> !l.contains(",init,")).count()).isGreaterThan(1 + 2 * 30 * 5);
        assertThat(o.section().charts()).hasSize(5);
        assertThat(o.metricsCsv()).doesNotContain("NaN");
        assertThat(o.section().setup()).startsWith("mlp(784,");
    }
}
