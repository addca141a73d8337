package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RnnOrthogonalTest {
    @Test
    void orthogonalCarriesTheGradientAndLearnsWhereSmallGaussianStalls() {
        LegacyExperiment.Outcome o = new RnnOrthogonal(20, 10, 0).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.rows()).extracting(r -> r.get(0)).containsExactly("orthogonal", "normal 1/sqrt(n)", "normal 0.01");
        assertThat(o.metricsCsv().lines().filter(l -> l.contains("step_gradient_at_init")).count()).isEqualTo(3 * 20);
    }
}
