package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeepReluTest {
    @Test
    void aShortRunShowsTheVanishingGradientAndHeLearning() {
        // the fallback data, so the test means the same with or without the shared Fashion-MNIST files
        Experiment.Outcome o = new DeepRelu(1000, 6, 0, DeepRelu.FALLBACK).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.metricsCsv().lines().count()).isEqualTo(1 + 2 * 30);
        assertThat(o.section().setup()).startsWith("mlp(784,");
    }
}
