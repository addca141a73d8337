package org.initlab.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {

    @Test
    void limitLawMatchesTabulatedCriticalValues() {
        // Critical values of Kolmogorov's limit law (e.g. Stephens 1970, table 1A, n -> inf):
        // P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01, P(K > 1.9495) = 0.001; median 0.8276.
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(1.3581)).isCloseTo(0.05, within(1e-4));
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(1.6276)).isCloseTo(0.01, within(1e-5));
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(1.9495)).isCloseTo(0.001, within(1e-6));
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(0.8276)).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void bothSeriesAgreeWhereTheyMeet() {
        // Q_KS(1) = 0.26999967167735456 (the alternating series summed in 40-digit
        // arithmetic with mpmath); Q_KS(1 - 1e-12) = 0.2699996716784265.
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(1.0 - 1e-12)).isCloseTo(0.2699996716784265, within(1e-14));
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(1.0)).isCloseTo(0.26999967167735456, within(1e-14));
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(0.0)).isEqualTo(1.0);
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(0.2)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void evenlySpacedSampleHasTheSmallestStatistic() {
        int n = 1000;
        double[] sample = new double[n];
        for (int i = 0; i < n; i++) {
            sample[n - 1 - i] = (i + 0.5) / n; // reversed: the test must sort
        }
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(sample, x -> x);
        assertThat(r.statistic()).isCloseTo(0.5 / n, within(1e-15));
        assertThat(r.pValue()).isEqualTo(1.0);
    }

    @Test
    void detectsAShiftOfOneTwentiethOfTheRange() {
        // Power check: the quantiles of U(0.05, 1.05) tested as U(0, 1): D = 0.05 + 0.5 / n,
        // n = 10^5,
        // lambda = 15.8, so a correct test must reject at any usual level.
        int n = 100_000;
        double[] sample = new double[n];
        for (int i = 0; i < n; i++) {
            sample[i] = 0.05 + (i + 0.5) / n;
        }
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(sample, x -> Math.max(0.0, Math.min(1.0, x)));
        assertThat(r.statistic()).isCloseTo(0.05 + 0.5 / n, within(1e-12));
        assertThat(r.rejectsAt(1e-9)).isTrue();
    }

    @Test
    void rejectionRateUnderTheHypothesisIsTheNominalLevel() {
        // 2000 samples of n = 200 from U(0, 1) (SplittableRandom, seed 7), tested at 5%.
        // The rejection count is Binomial(2000, 0.05): mean 100, sd 9.75; we accept
        // [60, 140], beyond 4 sd (two-sided significance about 6e-5). The asymptotic law
        // with Stephens' correction is accurate well within that at n = 200.
        SplittableRandom random = new SplittableRandom(7);
        int rejections = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double[] sample = new double[200];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = random.nextDouble();
            }
            if (KolmogorovSmirnov.test(sample, x -> x).rejectsAt(0.05)) {
                rejections++;
            }
        }
        assertThat(rejections).isBetween(60, 140);
    }

    @Test
    void rejectsMeaninglessInput() {
        assertThatThrownBy(() -> KolmogorovSmirnov.test(new double[0], x -> x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> KolmogorovSmirnov.test(new double[] {0.5, Double.NaN}, x -> x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> KolmogorovSmirnov.test(new double[] {0.5}, x -> 2.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]");
    }
}
