package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.lab.judge.Finding;
import org.junit.jupiter.api.Test;

class LsuvExperimentTest {
    private static final double[] UNIT = unit(1.0);

    private static double[] unit(double v) {
        double[] a = new double[LsuvExperiment.DEPTH + 1];
        Arrays.fill(a, v);
        return a;
    }

    private static LsuvExperiment.Run run(String init, double[] variances, double accuracy) {
        return new LsuvExperiment.Run(
                init,
                variances,
                new double[] {0.1, accuracy - 0.1, accuracy},
                new double[] {Double.NaN, 1.0, 0.3},
                Reports.perEpoch(accuracy - 0.1, accuracy));
    }

    /** A result with the given final accuracies of He, orthogonal·√2 and LSUV, LSUV's variances and iterations. */
    private static LsuvExperiment.Result result(
            long seed, double he, double orthogonal, double lsuv, double[] lsuvVariances, int iterations) {
        List<LsuvExperiment.Run> runs = new ArrayList<>();
        runs.add(run(LsuvExperiment.HE, unit(0.5), he));
        runs.add(run(LsuvExperiment.ORTHOGONAL_RELU, unit(0.6), orthogonal));
        runs.add(run(LsuvExperiment.LSUV, lsuvVariances, lsuv));
        runs.add(run(LsuvExperiment.ORTHOGONAL_1, unit(1e-5), 0.3));
        int[] it = new int[LsuvExperiment.DEPTH + 1];
        Arrays.fill(it, iterations);
        return new LsuvExperiment.Result(seed, runs, it, null);
    }

    @Test
    void theJudgeSupportsUnitVarianceInFewIterationsAndAccuracyWithinTheMargin() {
        LsuvExperiment e = new LsuvExperiment();
        assertThat(e.judge(List.of(
                                result(0, 0.95, 0.94, 0.95, UNIT, 1),
                                result(1, 0.96, 0.95, 0.955, UNIT, 1),
                                result(2, 0.95, 0.95, 0.96, UNIT, 1)))
                        .finding())
                .isEqualTo(Finding.SUPPORTED);
        // LSUV clearly worse than the better baseline: not supported
        assertThat(e.judge(List.of(
                                result(0, 0.95, 0.94, 0.85, UNIT, 1),
                                result(1, 0.96, 0.95, 0.86, UNIT, 1),
                                result(2, 0.95, 0.95, 0.84, UNIT, 1)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // a layer left at variance 0.5, or too many iterations: not supported
        double[] off = UNIT.clone();
        off[7] = 0.5;
        assertThat(e.judge(List.of(result(0, 0.95, 0.94, 0.95, off, 1))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(e.judge(List.of(result(0, 0.95, 0.94, 0.95, UNIT, 9))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // the baseline's accuracy is the better of He and orthogonal·√2, not orthogonal at gain 1
        assertThat(result(0, 0.90, 0.93, 0.92, UNIT, 1).lsuvMinusBest()).isCloseTo(-0.01, within(1e-12));
    }

    @Test
    void aDifferenceAcrossTheMarginWithinSeedNoiseIsInconclusive() {
        LsuvExperiment e = new LsuvExperiment();
        assertThat(e.judge(List.of(
                                result(0, 0.95, 0.94, 0.97, UNIT, 1),
                                result(1, 0.95, 0.94, 0.88, UNIT, 1),
                                result(2, 0.95, 0.94, 0.90, UNIT, 1)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingShowsEveryInitAndEverySeedInTheCsv() {
        LsuvExperiment e = new LsuvExperiment(2, 0.01);
        List<LsuvExperiment.Result> rs =
                List.of(result(3, 0.95, 0.94, 0.95, UNIT, 1), result(4, 0.96, 0.95, 0.955, UNIT, 1));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(1);
        assertThat(r.tables().get(0).rows()).hasSize(4);
        // macro-F1 beside test accuracy (the made reports' macro-F1 is their accuracy to two decimals)
        assertThat(r.tables().get(0).header()).endsWith("test accuracy", "macro-F1");
        assertThat(r.tables().get(0).rows())
                .allMatch(row -> row.get(6).startsWith(row.get(5).substring(0, 3)));
        assertThat(r.tables().get(0).rows().get(1).get(0)).contains("√2");
        assertThat(r.tables().get(0).rows().get(3).get(0)).contains("gain 1").contains("not judged");
        assertThat(r.charts()).hasSize(2);
        assertThat(r.metricsCsv())
                .startsWith("seed,init,quantity,index,value\n")
                .contains("\n3,lsuv,test_accuracy,2,")
                .contains("\n4,he_normal,init_variance,17,");
        assertThat(r.conclusion()).contains("orthogonal at gain 1").doesNotContain("Xavier");
    }

    @Test
    void aBudgetIsReadOffTheTrajectory() {
        LsuvExperiment.Result r = new LsuvExperiment().atBudget(result(0, 0.95, 0.94, 0.95, UNIT, 1), 1);
        assertThat(r.run(LsuvExperiment.LSUV).accuracy()).isCloseTo(0.85, within(1e-12));
        assertThat(r.run(LsuvExperiment.LSUV).variances()).isEqualTo(UNIT);
    }

    /**
     * One seed at the default budget (digits are small: about 15 s on one core), the smallest run whose training
     * comparison means what the full one does (at 3 to 10 epochs the accuracies still oscillate by up to 0.09):
     * LSUV is at unit variance after one rescaling and trains as well as the fair baselines.
     */
    @Test
    void aSingleSeedRunSupportsTheClaimAndRecordsItsData() {
        LsuvExperiment e = new LsuvExperiment();
        LsuvExperiment.Result r = e.measure(0, done -> {});
        assertThat(e.judge(List.of(r)).finding())
                .as(r.toString() + " " + r.lsuvMinusBest())
                .isEqualTo(Finding.SUPPORTED);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
        // orthogonal at gain 1 loses the signal through 16 ReLU layers; the fair baselines keep it
        assertThat(r.run(LsuvExperiment.ORTHOGONAL_1).variances()[LsuvExperiment.DEPTH - 1])
                .isLessThan(1e-3);
        assertThat(r.run(LsuvExperiment.ORTHOGONAL_RELU).variances()[LsuvExperiment.DEPTH - 1])
                .isGreaterThan(0.05);
    }
}
