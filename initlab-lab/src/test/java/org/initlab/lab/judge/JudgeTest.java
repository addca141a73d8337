package org.initlab.lab.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeTest {
    @Test
    void theIntervalUsesStudentsTWithNMinusOneDegreesOfFreedom() {
        // values 1, 2, 3: mean 2, sd 1, half-width t(0.975, 2) / sqrt(3) = 4.302653 / 1.7320508
        Estimate e = Estimate.of(1, 2, 3);
        assertThat(e.mean()).isEqualTo(2.0);
        assertThat(e.sd()).isEqualTo(1.0);
        assertThat(e.high() - e.mean()).isCloseTo(4.302653 / Math.sqrt(3), within(1e-6));
        assertThat(e.low()).isCloseTo(2 - 4.302653 / Math.sqrt(3), within(1e-6));
        // beyond the table: SciPy's t.ppf(0.975, 50) = 2.008559, t.ppf(0.975, 100) = 1.983972
        assertThat(Estimate.t975(50)).isCloseTo(2.008559, within(2e-4));
        assertThat(Estimate.t975(100)).isCloseTo(1.983972, within(1e-4));
        assertThat(Estimate.t975(30)).isEqualTo(2.042272);
    }

    @Test
    void oneValueIsItsOwnIntervalUnlessASamplingErrorIsStated() {
        Estimate one = Estimate.of(0.4);
        assertThat(one.low()).isEqualTo(0.4);
        assertThat(one.high()).isEqualTo(0.4);
        Estimate sampled = Estimate.withSamplingError(0.4, 0.1);
        assertThat(sampled.low()).isCloseTo(0.4 - 0.196, within(1e-3));
        assertThatThrownBy(() -> Estimate.withSamplingError(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Estimate.of()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCriterionSaysYesNoOrCannotTell() {
        Criterion c = Criterion.atLeast("accuracy gain", 0.2, "test");
        assertThat(c.check(0.5, 0.52, 0.48).finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(c.check(0.0, 0.02, -0.01).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        // mean 0.25, but the seeds disagree: the threshold lies inside the interval
        assertThat(c.check(0.6, -0.1, 0.25).finding()).isEqualTo(Finding.INCONCLUSIVE);
        Criterion most = Criterion.atMost("loss", 1.0, "test");
        assertThat(most.check(0.5, 0.52, 0.51).finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(most.check(3, 3.1, 3.2).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(most.check(0.2, 1.9).finding()).isEqualTo(Finding.INCONCLUSIVE);
        // a diverged run (NaN) never supports a claim
        assertThat(c.check(0.5, Double.NaN, 0.5).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(most.check(Double.NaN).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        // exactly at the threshold counts as meeting it
        assertThat(c.check(0.2).finding()).isEqualTo(Finding.SUPPORTED);
        assertThatThrownBy(() -> Criterion.atLeast("x", Double.NaN, "r")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVerdictIsTheConjunctionOfItsChecks() {
        Check yes = Criterion.atLeast("a", 0, "r").check(1);
        Check no = Criterion.atLeast("b", 0, "r").check(-1);
        Check maybe = Criterion.atLeast("c", 0, "r").check(-1, 2);
        assertThat(Verdict.of(yes, yes).finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(Verdict.of(yes, maybe).finding()).isEqualTo(Finding.INCONCLUSIVE);
        assertThat(Verdict.of(maybe, no, yes).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(Verdict.of(maybe, no, yes).deciding()).containsExactly(no);
        assertThat(Verdict.of(yes, no).summary()).startsWith("not supported: b -1 ≥ 0: not supported");
        assertThat(Verdict.of(yes, yes).summary()).isEqualTo("supported: all 2 criteria met");
        assertThatThrownBy(() -> new Verdict(Finding.SUPPORTED, List.of(no)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheckLineShowsTheIntervalWhenThereIsOne() {
        assertThat(Criterion.atLeast("gain", 0.2, "r").check(0.5, 0.52, 0.48).line())
                .matches("gain 0\\.5 \\[0\\.4\\d+, 0\\.5\\d+\\] ≥ 0\\.2: supported");
        assertThat(Criterion.atMost("loss", 1, "r").check(0.25).line()).isEqualTo("loss 0.25 ≤ 1: supported");
    }
}
