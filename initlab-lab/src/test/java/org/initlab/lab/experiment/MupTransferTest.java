package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Test;

class MupTransferTest {
    private static final int[] WIDTHS = {64, 128, 256, 512};
    private static final double[] LOG2_LR = {-8, -7, -6, -5, -4};
    private static final int[] CHECKPOINTS = {50, 100};

    /** Losses [width][rate][checkpoint] whose minimum at the budget lies at rate index {@code best[w]}: a V around it. */
    private static double[][][] valley(int... best) {
        double[][][] l = new double[best.length][LOG2_LR.length][];
        for (int w = 0; w < best.length; w++) {
            for (int i = 0; i < LOG2_LR.length; i++) {
                double end = 0.1 + 0.05 * Math.abs(i - best[w]);
                l[w][i] = new double[] {2 * end, end};
            }
        }
        return l;
    }

    private static MupTransfer.Result result(long seed, int[] spBest, int[] mupBest) {
        return new MupTransfer.Result(seed, WIDTHS, LOG2_LR, CHECKPOINTS, valley(spBest), valley(mupBest), null);
    }

    @Test
    void theBestRateIsTheArgminWithDivergedRunsWorstAndTiesToTheSmallerRate() {
        assertThat(MupTransfer.best(new double[] {0.5, 0.2, 0.3})).isEqualTo(1);
        assertThat(MupTransfer.best(new double[] {0.5, 0.2, 0.2})).isEqualTo(1);
        assertThat(MupTransfer.best(new double[] {Double.NaN, 0.9, Double.POSITIVE_INFINITY}))
                .isEqualTo(1);
        assertThat(MupTransfer.best(new double[] {Double.NaN, Double.NaN})).isEqualTo(-1);
        MupTransfer.Result r = result(0, new int[] {4, 3, 2, 1}, new int[] {2, 2, 3, 2});
        assertThat(r.bestLog2Lr(false)).containsExactly(-4, -5, -6, -7);
        assertThat(r.spread(false)).isEqualTo(3);
        assertThat(r.drift(false)).isEqualTo(-3);
        assertThat(r.spread(true)).isEqualTo(1);
    }

    @Test
    void aWidthWhereEveryRateDivergedHasNoBestRateAndFailsTheJudge() {
        double[][][] mup = valley(2, 2, 2, 2);
        for (double[] rate : mup[3]) {
            java.util.Arrays.fill(rate, Double.NaN);
        }
        MupTransfer.Result r = new MupTransfer.Result(0, WIDTHS, LOG2_LR, CHECKPOINTS, valley(4, 3, 2, 1), mup, null);
        assertThat(r.spread(true)).isNaN();
        Verdict v = new MupTransfer().judge(List.of(r));
        assertThat(v.checks().get(0).finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aStillMupOptimumAndADriftingSpOneAreSupported() {
        Verdict v = new MupTransfer()
                .judge(List.of(
                        result(0, new int[] {4, 3, 2, 1}, new int[] {2, 2, 2, 2}),
                        result(1, new int[] {4, 3, 2, 1}, new int[] {2, 2, 2, 2}),
                        result(2, new int[] {4, 3, 2, 1}, new int[] {2, 2, 2, 2})));
        assertThat(v.finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks()).hasSize(2);
    }

    @Test
    void aMupOptimumThatMovesLikeSpsIsNotSupported() {
        List<MupTransfer.Result> moving = List.of(
                result(0, new int[] {4, 3, 2, 1}, new int[] {4, 3, 2, 1}),
                result(1, new int[] {4, 3, 2, 0}, new int[] {4, 3, 1, 1}),
                result(2, new int[] {4, 3, 2, 1}, new int[] {4, 2, 2, 1}));
        Verdict v = new MupTransfer().judge(moving);
        assertThat(v.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(v.deciding()).hasSize(1);
        assertThat(v.deciding().get(0).criterion().figure()).startsWith("μP");
        // an SP optimum that stays put is not supported either: there is nothing for μP to fix
        Verdict still = new MupTransfer()
                .judge(List.of(
                        result(0, new int[] {2, 2, 2, 2}, new int[] {2, 2, 2, 2}),
                        result(1, new int[] {2, 2, 2, 2}, new int[] {2, 2, 2, 2})));
        assertThat(still.checks().get(1).finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void seedsThatDisagreeAreInconclusive() {
        Verdict v = new MupTransfer()
                .judge(List.of(
                        result(0, new int[] {4, 3, 2, 1}, new int[] {2, 2, 2, 2}),
                        result(1, new int[] {4, 3, 2, 1}, new int[] {4, 2, 2, 1})));
        assertThat(v.checks().get(0).finding()).isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void budgetsAreReadOffTheCheckpointsOfOneRun() {
        for (int b : new int[] {2, 7, 60, 300, 301}) {
            int[] c = MupTransferTraining.checkpoints(2 * b);
            assertThat(c).as("run of " + 2 * b).contains(b, Math.max(1, b / 2), 2 * b);
            assertThat(c).isSorted().doesNotHaveDuplicates();
        }
        MupTransfer.Result r = result(0, new int[] {4, 3, 2, 1}, new int[] {2, 2, 2, 2});
        MupTransfer.Result half = new MupTransfer().atBudget(r, 50);
        assertThat(half.checkpoints()).containsExactly(50);
        assertThat(half.atEnd(false)[0][4]).isEqualTo(0.2);
        assertThatThrownBy(() -> r.upTo(70)).hasMessageContaining("no checkpoint at step 70");
    }

    @Test
    void renderingShowsEveryWidthRateAndSeed() {
        MupTransfer e = new MupTransfer();
        List<MupTransfer.Result> rs = List.of(
                result(3, new int[] {4, 3, 2, 1}, new int[] {2, 2, 2, 2}),
                result(4, new int[] {4, 3, 2, 0}, new int[] {2, 2, 3, 2}));
        Rendering out = e.render(rs, e.judge(rs));
        assertThat(out.tables()).hasSize(3);
        assertThat(out.tables().get(0).rows()).hasSize(4);
        assertThat(out.tables().get(2).rows()).hasSize(8);
        assertThat(out.tables().get(2).header()).hasSize(2 + LOG2_LR.length);
        assertThat(out.charts()).hasSize(3);
        assertThat(out.charts().get(0)).contains("SP").contains("width 512");
        assertThat(out.metricsCsv())
                .startsWith("seed,parametrization,width,log2_lr,step,train_loss\n")
                .contains("\n4,mup,512,-4,100,");
        assertThat(out.conclusion()).contains("-3.50 ± 0.71").contains("on the grid's edge");
    }

    @Test
    void specsBindAndBadOnesSayWhatIsWrong() {
        Experiment<?> e = Experiments.parse("mup-transfer(widths=32+64, steps=40)");
        assertThat(Experiments.parse(Experiments.format(e))).isEqualTo(e);
        assertThatThrownBy(() -> Experiments.parse("mup-transfer(widths=64+32)"))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> Experiments.parse("mup-transfer(widths=64)")).hasMessageContaining("at least two");
        assertThatThrownBy(() -> Experiments.parse("mup-transfer(widths=64+x)")).hasMessageContaining("integers");
        assertThatThrownBy(() -> Experiments.parse("mup-transfer(optimizer=lamb)"))
                .hasMessageContaining("adam or sgd");
        assertThatThrownBy(() -> Experiments.parse("mup-transfer(log2_lr_min=-4, log2_lr_max=-6)"))
                .hasMessageContaining("must exceed");
    }

    /**
     * A reduced run: SP and μP are the same network at the base width (the same draws, every
     * multiplier 1), so their losses there are identical; wider, μP differs; the data is recorded.
     */
    @Test
    void aReducedRunIsIdenticalUnderSpAndMupAtTheBaseWidth() {
        MupTransfer small = new MupTransfer("16+32", -8, -6, 12, 32, "adam", "digits");
        MupTransfer.Result r = small.measure(2, done -> {});
        assertThat(r.widths()).containsExactly(16, 32);
        assertThat(r.log2Lr()).containsExactly(-8, -7, -6);
        assertThat(r.checkpoints()).containsExactly(3, 6, 12);
        assertThat(r.sp()[0]).isDeepEqualTo(r.mup()[0]);
        assertThat(r.sp()[1][2]).isNotEqualTo(r.mup()[1][2]);
        assertThat(r.sp()[1][2][2]).isLessThan(r.sp()[1][2][0]);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
    }
}
