package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.abort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Test;

class CnnInitTest {
    /** Predicted gains per block (conv 1, conv 2, dense 1) of the four initializers, in {@link CnnInit#INITS} order. */
    private static final double[][] PREDICTED = {
        {1, 1, 1}, {0.7071, 0.7071, 0.7071}, {0.3333, 0.5774, 0.9615}, {0.4082, 0.4082, 0.4082}
    };

    /**
     * A run whose draws give gains {@code scale · predicted · (1 ± spread)} alternately, so the RMS gain is
     * about {@code scale · predicted} and its standard error grows with {@code spread}.
     */
    private static CnnInit.Run run(int k, double scale, double spread, double accuracy) {
        double[][] gains = new double[32][3];
        for (int d = 0; d < gains.length; d++) {
            for (int b = 0; b < 3; b++) {
                gains[d][b] = scale * PREDICTED[k][b] * (1 + (d % 2 == 0 ? spread : -spread));
            }
        }
        double[] rms = new double[10];
        Arrays.fill(rms, 0.5);
        return new CnnInit.Run(
                CnnInit.INITS.get(k),
                PREDICTED[k],
                gains,
                rms,
                new double[] {1.0, 0.6},
                new double[] {0.7, 0.55},
                new double[] {0.7, accuracy},
                Reports.perEpoch(0.7, accuracy));
    }

    private static CnnInit.Result result(long seed, double scale, double spread, double... accuracy) {
        List<CnnInit.Run> runs = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            runs.add(run(k, scale, spread, accuracy[k]));
        }
        return new CnnInit.Result(seed, runs, null);
    }

    @Test
    void theStandardErrorOfTheGainComesFromTheDrawToDrawSpread() {
        CnnInit.Run r = run(0, 1, 0.2, 0.8);
        // squared gains 1.44 and 0.64 alternately: mean 1.04, sd 0.4064 (n − 1 = 31), se of the mean 0.0718
        assertThat(r.gain(1)).isCloseTo(Math.sqrt(1.04), within(1e-12));
        assertThat(r.gainStandardError(1))
                .isCloseTo(0.4 * Math.sqrt(32.0 / 31) / Math.sqrt(32) / (2 * Math.sqrt(1.04)), within(1e-9));
    }

    @Test
    void theJudgeSupportsGainsAtTheirPredictionAndHeAtLeastAsGood() {
        CnnInit e = new CnnInit();
        List<CnnInit.Result> good = List.of(
                result(0, 1.0, 0.05, 0.80, 0.79, 0.78, 0.77),
                result(1, 1.0, 0.05, 0.81, 0.80, 0.79, 0.78),
                result(2, 1.0, 0.05, 0.80, 0.79, 0.79, 0.78));
        Verdict v = e.judge(good);
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks()).hasSize(4 + 1 + 3);
    }

    @Test
    void gainsFarFromThePredictionOrHeClearlyWorseAreNotSupported() {
        CnnInit e = new CnnInit();
        // every gain 30% above its prediction, measured precisely
        Verdict off =
                e.judge(List.of(result(0, 1.3, 0.01, 0.8, 0.8, 0.8, 0.8), result(1, 1.3, 0.01, 0.8, 0.8, 0.8, 0.8)));
        assertThat(off.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(off.checks().subList(0, 4)).extracting(Check::finding).containsOnly(Finding.NOT_SUPPORTED);
        // He 0.1 below LeCun on every seed
        Verdict worse = e.judge(List.of(
                result(0, 1.0, 0.05, 0.70, 0.80, 0.70, 0.70),
                result(1, 1.0, 0.05, 0.71, 0.81, 0.70, 0.70),
                result(2, 1.0, 0.05, 0.70, 0.80, 0.70, 0.70)));
        assertThat(worse.finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void tooFewPreciseDrawsOrSeedsThatDisagreeAreInconclusive() {
        CnnInit e = new CnnInit();
        // RMS gains 3% above the prediction but with a 60% draw-to-draw spread (se 8%): the interval spans the
        // tolerance
        Verdict noisy = e.judge(List.of(result(0, 0.883, 0.6, 0.8, 0.8, 0.8, 0.8)));
        assertThat(noisy.finding()).as(noisy.summary()).isEqualTo(Finding.INCONCLUSIVE);
        // He ahead on two seeds, behind on one
        Verdict split = e.judge(List.of(
                result(0, 1.0, 0.05, 0.82, 0.78, 0.78, 0.78),
                result(1, 1.0, 0.05, 0.72, 0.80, 0.78, 0.78),
                result(2, 1.0, 0.05, 0.82, 0.78, 0.78, 0.78)));
        assertThat(split.finding()).as(split.summary()).isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingHasTheGainAndTrainingTablesThreeChartsAndEverySeedInTheCsv() {
        CnnInit e = new CnnInit();
        List<CnnInit.Result> rs =
                List.of(result(4, 1.0, 0.05, 0.8, 0.79, 0.78, 0.77), result(5, 1.0, 0.05, 0.8, 0.79, 0.78, 0.77));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(2);
        assertThat(r.tables().get(0).rows()).extracting(row -> row.get(0)).containsExactlyElementsOf(CnnInit.LABELS);
        assertThat(r.tables().get(0).header()).hasSize(1 + 2 * 3).contains("gain conv 2 (judged)");
        assertThat(r.tables().get(1).rows()).hasSize(4);
        // macro-F1 beside test accuracy (the made reports' macro-F1 equals their accuracy)
        assertThat(r.tables().get(1).header()).containsSubsequence("test accuracy", "macro-F1");
        assertThat(r.tables().get(1).rows()).allMatch(row -> row.get(3).equals(row.get(4)));
        assertThat(r.charts()).hasSize(3);
        assertThat(r.metricsCsv())
                .startsWith("seed,init,quantity,index,value\n")
                .contains("\n4,he_normal,")
                .contains("\n5,torch_default,");
        // per seed and init: 10 layer RMS, 3 blocks × (gain, se, predicted), 2 epochs × 3 figures
        assertThat(r.metricsCsv().lines().count()).isEqualTo(1 + 2 * 4 * (10 + 3 * 3 + 2 * 3));
        assertThat(r.conclusion()).contains("predicted order");
    }

    @Test
    void aReducedRunOnFashionMnistMeasuresTheGainsWithinTheirTolerance() {
        CnnInit e = new CnnInit(640, 1, 0.01, 16, "fashion-mnist");
        CnnInit.Result r;
        try {
            r = e.measure(1, done -> {});
        } catch (IllegalArgumentException missing) {
            abort("Fashion-MNIST not found: " + missing.getMessage());
            return;
        }
        Verdict v = e.judge(List.of(r));
        // the claim at initialization holds at any size (with 16 draws a gain may be within its sampling error of the
        // tolerance, so inconclusive, but never clearly off); the training criteria need the default size
        assertThat(v.checks().subList(0, 4))
                .as(v.summary())
                .extracting(Check::finding)
                .doesNotContain(Finding.NOT_SUPPORTED);
        assertThat(r.he().gain(CnnInit.JUDGED)).isCloseTo(1.0, within(0.2));
        for (int k = 1; k < 4; k++) {
            assertThat(r.runs().get(k).gain(CnnInit.JUDGED))
                    .isLessThan(r.runs().get(k - 1).gain(CnnInit.JUDGED));
        }
        assertThat(r.data()).hasSize(1);
        assertThat(r.he().testAccuracy()).hasSize(1).doesNotContain(Double.NaN);
    }
}
