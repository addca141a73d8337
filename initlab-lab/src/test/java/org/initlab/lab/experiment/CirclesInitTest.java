package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CirclesInitTest {
    @Test
    void aReducedRunSupportsTheClaim() {
        LegacyExperiment.Outcome o = new CirclesInit(3000, 0).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.rows()).extracting(r -> r.get(0)).containsExactly("zeros", "N(0,1)x10", "He");
        assertThat(o.section().charts()).hasSize(2);
        assertThat(o.metricsCsv().lines().count()).isEqualTo(1 + 3 * 101);
    }

    @Test
    void theSameSeedGivesTheSameMetrics() {
        assertThat(new CirclesInit(50, 2).run(done -> { }).metricsCsv()).isEqualTo(new CirclesInit(50, 2).run(done -> { }).metricsCsv());
    }
}
