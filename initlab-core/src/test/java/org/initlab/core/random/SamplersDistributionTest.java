package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.initlab.core.stats.KolmogorovSmirnov;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statistical tests of the fills against their exact laws. Every check is at significance
 * {@value #ALPHA} (two-sided where it applies) on 10^6 draws from a fixed seed, so the suite
 * is deterministic; a correct sampler would fail a given check for about one seed in a
 * thousand. Each case uses its own tensor path.
 */
class SamplersDistributionTest {

    private static final double ALPHA = 0.001;
    /** Two-sided 99.9% point of N(0, 1): quantile(0.9995). */
    private static final double Z_999 = 3.2905267314919255;

    private static final int N = 1_000_000;
    private static final long SEED = 20240917L;

    /**
     * A sampler case with its exact law: CDF, mean, variance and fourth central moment.
     */
    record Law(
            String name, float[] sample, DoubleUnaryOperator cdf, double mean, double variance, double fourthCentral) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> laws() {
        return Stream.of(
                        uniform(-0.5f, 2f),
                        normal(1.0, 2.0),
                        truncated(0.0, 1.0, -2, 2),
                        truncated(0.5, 3.0, -1, 3),
                        truncated(0.0, 1.0, 5, 6),
                        truncated(0.0, 1.0, 8, 9),
                        truncated(0.0, 1.0, -9, -8),
                        truncated(-0.25, 0.1, -3, -2.5))
                .map(Arguments::of);
    }

    private static Law uniform(float low, float high) {
        String name = "uniform[" + low + ", " + high + ")";
        float[] x = new float[N];
        Samplers.uniform(RandomStream.of(SEED, name), 0, N, low, high, x, 0);
        double width = (double) high - low;
        return new Law(
                name,
                x,
                v -> Math.min(1.0, Math.max(0.0, (v - low) / width)),
                (low + (double) high) / 2,
                width * width / 12,
                Math.pow(width, 4) / 80);
    }

    private static Law normal(double mean, double std) {
        String name = "normal(" + mean + ", " + std + ")";
        float[] x = new float[N];
        Samplers.normal(RandomStream.of(SEED, name), 0, N, mean, std, x, 0);
        return new Law(name, x, v -> NormalDistribution.cdf((v - mean) / std), mean, std * std, 3 * Math.pow(std, 4));
    }

    private static Law truncated(double mean, double std, double a, double b) {
        String name = "truncatedNormal(" + mean + ", " + std + ", [" + a + ", " + b + "])";
        float[] x = new float[N];
        Samplers.truncatedNormal(RandomStream.of(SEED, name), 0, N, mean, std, a, b, x, 0);
        double mass = NormalDistribution.intervalProbability(a, b);
        DoubleUnaryOperator cdf = v -> {
            double z = Math.min(b, Math.max(a, (v - mean) / std));
            return Math.min(1.0, NormalDistribution.intervalProbability(a, z) / mass);
        };
        TruncatedNormalMoments m = TruncatedNormalMoments.of(mean, std, a, b);
        double centre = (m.mean() - mean) / std;
        double mu4 = Math.pow(std, 4) * TruncatedNormalMomentsTest.centralMomentByQuadrature(a, b, centre, 4);
        return new Law(name, x, cdf, m.mean(), m.variance(), mu4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laws")
    void kolmogorovSmirnovAcceptsTheExactCdf(Law law) {
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(law.sample(), law.cdf());
        assertThat(r.rejectsAt(ALPHA))
                .as("%s: D=%s, p=%s", law, r.statistic(), r.pValue())
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laws")
    void sampleMeanIsWithinTheConfidenceBound(Law law) {
        double mean = mean(law.sample());
        double bound = Z_999 * Math.sqrt(law.variance() / N);
        assertThat(Math.abs(mean - law.mean()))
                .as("%s: mean %s vs %s", law, mean, law.mean())
                .isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laws")
    void sampleVarianceIsWithinTheConfidenceBound(Law law) {
        // Var(s^2) ~ (mu4 - sigma^4) / n by the central limit theorem.
        double variance = variance(law.sample());
        double bound = Z_999 * Math.sqrt((law.fourthCentral() - law.variance() * law.variance()) / N);
        assertThat(Math.abs(variance - law.variance()))
                .as("%s: variance %s vs %s", law, variance, law.variance())
                .isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest
    @CsvSource({"0.0, 1e-3, -2, 2", "0.1, 1e-3, -2, 2", "0.0, 1e-3, 5, 6", "-3.0, 1e-3, -1, 3", "0.0, 1e-6, -2, 2"})
    void smallStdNeitherEscapesNorPilesUpAtTheBounds(double mean, double std, double a, double b) {
        float[] x = new float[N];
        Samplers.truncatedNormal(RandomStream.of(SEED, "pile-up"), 0, N, mean, std, a, b, x, 0);
        float lowest = (float) (mean + std * a);
        float highest = (float) (mean + std * b);
        int atBound = 0;
        for (float v : x) {
            assertThat(v).isBetween(lowest, highest);
            atBound += (v == lowest || v == highest) ? 1 : 0;
        }
        // A value equals a bound only if mean + std * z rounds to it: z within half a float
        // ulp (in standard units) of a or b. Expected count from the exact law, then the
        // Poisson count exceeded with probability below ALPHA.
        double mass = NormalDistribution.intervalProbability(a, b);
        double lowEdge = Math.min(b, (lowest + (Math.nextUp(lowest) - (double) lowest) / 2 - mean) / std);
        double highEdge = Math.max(a, (highest - ((double) highest - Math.nextDown(highest)) / 2 - mean) / std);
        double expected = N
                * (NormalDistribution.intervalProbability(a, Math.max(a, lowEdge))
                        + NormalDistribution.intervalProbability(Math.min(b, highEdge), b))
                / mass;
        assertThat(atBound)
                .as("values at a bound; %s expected", expected)
                .isLessThanOrEqualTo(poissonUpperQuantile(expected, ALPHA));
    }

    /** Smallest k with {@code P(Poisson(lambda) > k) < alpha}. */
    private static int poissonUpperQuantile(double lambda, double alpha) {
        double term = Math.exp(-lambda);
        double cumulative = term;
        int k = 0;
        while (1.0 - cumulative >= alpha) {
            k++;
            term *= lambda / k;
            cumulative += term;
        }
        return k;
    }

    private static double mean(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double variance(float[] x) {
        double mean = mean(x);
        double sum = 0;
        for (float v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (x.length - 1);
    }
}
