package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExperimentsTest {
    @Test
    void specsBindToRecordsAndFormatBack() {
        Experiment<?> e = Experiments.parse("symmetry(steps=300)");
        assertThat(e).isEqualTo(new Symmetry(300));
        assertThat(Experiments.format(e)).isEqualTo("symmetry(steps=300)");
        assertThat(Experiments.parse(Experiments.format(e))).isEqualTo(e);
        assertThat(Experiments.parse("symmetry")).isEqualTo(new Symmetry());
        assertThat(Experiments.format(new Symmetry())).isEqualTo("symmetry");
        assertThat(Experiments.parameters(e)).containsEntry("steps", 300);
    }

    @Test
    void everyExperimentRoundTripsAndDocumentsItsParameters() {
        for (Experiment<?> e : Experiments.all()) {
            assertThat(Experiments.parse(e.name())).isEqualTo(e);
            assertThat(Experiments.help(e)).hasSameSizeAs(Experiments.parameters(e));
            assertThat(e.claim()).isNotBlank();
            if (e.budget() != null) {
                assertThat(Experiments.parameters(e)).containsKey(e.budget());
            }
            for (String alt : e.alternatives()) {
                assertThat(Experiments.with(e, alt)).isNotEqualTo(e);
            }
        }
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> Experiments.parse("symetry")).hasMessageContaining("did you mean 'symmetry'");
        assertThatThrownBy(() -> Experiments.parse("symmetry(step=3)"))
                .hasMessageContaining("unknown argument 'step'")
                .hasMessageContaining("steps");
        assertThatThrownBy(() -> Experiments.parse("symmetry(steps=5)"))
                .hasMessageContaining("steps must be in [10, 1000000], got 5");
        assertThatThrownBy(() -> Experiments.parse("symmetry(steps=30, steps=40)"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> Experiments.parse("symmetry(steps=x)")).hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> Experiments.parse("symmetry(steps=30")).hasMessageContaining("missing ')'");
    }
}
