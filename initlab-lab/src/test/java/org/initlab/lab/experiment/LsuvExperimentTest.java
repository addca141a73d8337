package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LsuvExperimentTest {
    @Test
    void aShortRunSupportsTheClaim() {
        LegacyExperiment.Outcome o = new LsuvExperiment(3, 0).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.rows()).extracting(r -> r.get(0)).containsExactly("he_normal", "orthogonal", "lsuv");
        assertThat(o.section().charts()).hasSize(2);
    }
}
