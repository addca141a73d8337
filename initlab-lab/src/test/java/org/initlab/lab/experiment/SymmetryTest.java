package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SymmetryTest {
    @Test
    void aReducedRunSupportsTheClaim() {
        Experiment.Outcome o = new Symmetry(300, 1).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.rows()).hasSize(4);
        // the fourth row repeats the constant run on the machine's BLAS: reported, not judged
        assertThat(o.rows().get(3).get(0)).startsWith("constant(value=0.1) on ");
        assertThat(o.conclusion()).contains("with this machine's BLAS");
        assertThat(o.rows().get(0).get(4)).isEqualTo("yes");
        assertThat(o.rows().get(1).get(4)).isEqualTo("yes");
        assertThat(o.rows().get(2).get(4)).isEqualTo("no");
        assertThat(o.metricsCsv()).startsWith("init,step,loss\n");
    }

    @Test
    void theSameSeedGivesTheSameMetrics() {
        assertThat(new Symmetry(20, 4).run(done -> { }).metricsCsv()).isEqualTo(new Symmetry(20, 4).run(done -> { }).metricsCsv());
    }

    @Test
    void namesResolveWithSuggestions() {
        assertThat(Experiment.named("forward_histograms", 0, 100, 0)).isEqualTo(new ForwardHistograms(100, 0));
        assertThat(Experiment.named("symmetry", 3, 0, 0)).isEqualTo(new Symmetry(Symmetry.DEFAULT_STEPS, 3));
        assertThatThrownBy(() -> Experiment.named("symetry", 0, 0, 0)).hasMessageContaining("did you mean 'symmetry'");
        assertThatThrownBy(() -> new Symmetry(5, 0)).hasMessageContaining("got 5");
    }
}
