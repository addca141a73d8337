package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.Arrays;
import java.util.List;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Test;

class DeepReluTest {
    private static final DeepRelu.Probed PROBE =
            new DeepRelu.Probed(new long[] {0, 5, 10, 15}, filled(4, 30, 1e-3), filled(4, 30, 1e-3));

    /** A run with first-layer gradient norm {@code grad} and the given test accuracy per epoch. */
    private static DeepRelu.Run run(String init, double grad, double... accuracy) {
        double[] grads = new double[30];
        Arrays.fill(grads, grad);
        double[] loss = new double[accuracy.length];
        Arrays.fill(loss, 1.0);
        return new DeepRelu.Run(init, grads, loss, loss.clone(), accuracy, PROBE, Reports.perEpoch(accuracy));
    }

    private static DeepRelu.Result result(long seed, double lecunAccuracy, double heAccuracy) {
        return new DeepRelu.Result(
                seed, 10, run("lecun_normal", 4e-5, 0.1, lecunAccuracy), run("he_normal", 1.0, 0.5, heAccuracy), null);
    }

    @Test
    void theJudgeSupportsAStallOnlyWhenEverySeedShowsIt() {
        DeepRelu e = new DeepRelu();
        assertThat(e.judge(List.of(result(0, 0.10, 0.80), result(1, 0.11, 0.78), result(2, 0.10, 0.82)))
                        .finding())
                .isEqualTo(Finding.SUPPORTED);
        // 1/fan_in learned on every seed: the effect is gone
        assertThat(e.judge(List.of(result(0, 0.78, 0.80), result(1, 0.77, 0.79), result(2, 0.80, 0.81)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // 1/fan_in escaped on one seed of three: the seeds disagree
        assertThat(e.judge(List.of(result(0, 0.10, 0.80), result(1, 0.75, 0.79), result(2, 0.10, 0.81)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
        // He diverged: not supported
        assertThat(e.judge(List.of(result(0, 0.10, Double.NaN), result(1, 0.10, 0.8)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aGradientThatDidNotVanishIsNotSupported() {
        DeepRelu.Result r =
                new DeepRelu.Result(0, 10, run("lecun_normal", 0.5, 0.1, 0.1), run("he_normal", 1.0, 0.5, 0.8), null);
        Verdict v = new DeepRelu().judge(List.of(r, r));
        assertThat(v.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(v.checks().get(0).finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aShorterBudgetIsAPrefixOfTheTrajectory() {
        DeepRelu e = new DeepRelu();
        DeepRelu.Result full = new DeepRelu.Result(
                3, 10, run("lecun_normal", 4e-5, 0.1, 0.1, 0.1, 0.3), run("he_normal", 1.0, 0.5, 0.7, 0.75, 0.8), null);
        DeepRelu.Result half = e.atBudget(full, 2);
        assertThat(half.he().testAccuracy()).containsExactly(0.5, 0.7);
        assertThat(half.lecun().escapeEpoch()).isZero();
        assertThat(full.lecun().escapeEpoch()).isEqualTo(4);
        assertThat(half.he().probe().steps()).containsExactly(0, 5, 10, 15);
        assertThat(e.atBudget(full, 1).he().probe().steps()).containsExactly(0, 5);
        assertThat(half.effect()).isEqualTo(0.7 - 0.1);
    }

    @Test
    void renderingHasTheSummaryPerSeedTableProbeChartsAndEverySeedInTheCsv() {
        DeepRelu e = new DeepRelu();
        List<DeepRelu.Result> rs = List.of(result(7, 0.10, 0.80), result(8, 0.35, 0.79));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(3);
        assertThat(r.tables().get(0).rows())
                .extracting(row -> row.get(0))
                .containsExactly("LeCun normal (1/fan_in)", "He normal (2/fan_in)");
        // macro-F1 beside accuracy: the made reports put each wrong example in the next class, so per class
        // precision = recall = accuracy and macro-F1 equals the accuracy (1/fan_in: 0.10 and 0.35, mean 0.225)
        assertThat(r.tables().get(0).header().get(5)).isEqualTo("macro-F1");
        assertThat(r.tables().get(0).rows().get(0).get(5)).isEqualTo("0.23 ± 0.18");
        assertThat(r.tables().get(0).rows().get(1).get(5)).isEqualTo("0.7950 ± 0.0071");
        // the 1/fan_in confusion matrix: 10 classes, mean of 10 and 35 right per class of 100, the rest in the next
        // class
        assertThat(r.tables().get(2).rows()).hasSize(10);
        assertThat(r.tables().get(2).rows().get(0))
                .containsExactly("0", "22.5", "77.5", "0", "0", "0", "0", "0", "0", "0", "0");
        assertThat(r.tables().get(1).rows()).hasSize(2);
        assertThat(r.tables().get(1).rows().get(0).get(5)).startsWith("no");
        assertThat(r.tables().get(1).rows().get(1).get(5)).isEqualTo("epoch 2");
        // gradients at step 0, accuracy per epoch, and per init the gradient norms and update ratios while training
        assertThat(r.charts()).hasSize(6);
        assertThat(r.metricsCsv()).startsWith("seed,init,quantity,x,layer,value\n");
        // per seed and init: 30 gradient norms at step 0, 2 epochs × 3 figures, 4 snapshots × 30 layers × 2 figures
        assertThat(r.metricsCsv().lines().count()).isEqualTo(1 + 2 * 2 * (30 + 2 * 3 + 4 * 30 * 2));
        assertThat(r.metricsCsv()).contains("\n7,lecun_normal,").contains("\n8,he_normal,");
        assertThat(r.conclusion())
                .contains("on 1 of 2 seed(s)")
                .contains("seed 8: epoch 2")
                .contains("learning slowly");
    }

    @Test
    void aReducedRunOnDigitsShowsTheVanishingGradientAndHeLearning() {
        // digits (8×8, always in shared/data) at the lab's former rate 0.01, where He learns within a few hundred steps
        DeepRelu e = new DeepRelu(1000, 6, 0.01, "digits");
        DeepRelu.Result r;
        try {
            r = e.measure(0, done -> {});
        } catch (IllegalArgumentException missing) {
            abort("digits not found: " + missing.getMessage());
            return;
        }
        Verdict v = e.judge(List.of(r));
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.SUPPORTED);
        assertThat(r.gradientRatio()).isLessThan(1e-3);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
        assertThat(r.he().probe().steps().length).isGreaterThan(6);
        assertThat(r.he().testAccuracy()).hasSize(6).doesNotContain(Double.NaN);
    }

    private static double[][] filled(int rows, int cols, double v) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            Arrays.fill(row, v);
        }
        return a;
    }
}
