package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The samplers' quantile against AS 241 ({@link NormalDistribution#quantile}, itself checked
 * against mpmath to 2e-15), and its deterministic logarithm against {@link StrictMath#log}.
 * The bounds are the documented accuracies: 9.2e-9 relative in the centre (the minimax
 * error of the fit, 9.16e-9; below 2^-25, so floats are within one ulp of the correctly
 * rounded quantile), 2e-15 in the tails.
 */
class SamplingQuantileTest {

    private static final double CENTRAL_BOUND = 9.2e-9;
    private static final double TAIL_BOUND = 2e-15;

    private static double relativeDifference(double p) {
        double reference = NormalDistribution.quantile(p);
        return Math.abs(SamplingQuantile.quantile(p) - reference) / Math.abs(reference);
    }

    @Test
    void centreIsWithinTheMinimaxErrorOfAs241() {
        // Every 2^-22 of q, plus the last words before the boundary |q| = 0.495.
        double worst = 0;
        for (int i = 1; i <= (int) (0.495 * (1 << 22)); i++) {
            double q = i * 0x1.0p-22;
            worst = Math.max(worst, Math.max(relativeDifference(0.5 + q), relativeDifference(0.5 - q)));
        }
        for (long c = 2126008811L - 1000; c <= 2126008811L; c++) {
            worst = Math.max(worst, relativeDifference(0.5 + (c + 0.5) * 0x1.0p-32));
        }
        assertThat(worst)
                .isLessThanOrEqualTo(CENTRAL_BOUND)
                // The fit's error equioscillates; far smaller would mean the test misses it.
                .isGreaterThan(8e-9);
    }

    @Test
    void centralFloatsAreWithinAnUlpOfTheCorrectlyRoundedQuantile() {
        // Every 97th word of the centre: (float) z against AS 241's z rounded to float, which
        // is the correctly rounded quantile but within about 1e-16 of a rounding boundary.
        int boundary = (int) Math.floor(0.495 * 0x1.0p32 - 0.5);
        long differ = 0;
        long count = 0;
        for (long c = -boundary - 1L; c <= boundary; c += 97) {
            double p = 0.5 + (c + 0.5) * 0x1.0p-32;
            float mine = (float) SamplingQuantile.quantile(p);
            float reference = (float) NormalDistribution.quantile(p);
            assertThat(Math.abs(mine - reference)).as("c=%d", c).isLessThanOrEqualTo(Math.ulp(reference));
            differ += mine != reference ? 1 : 0;
            count++;
        }
        // About one value in 14 lies within 9.2e-9 of a rounding boundary and may round the
        // other way; none would mean the sample misses the fit's error.
        assertThat((double) differ / count).isBetween(0.03, 0.12);
    }

    @Test
    void tailsKeepAs241Accuracy() {
        // Tail probabilities below 0.005 down to 1e-300, logarithmically, and their
        // complements while 1 - p still differs from 1; then subnormal ones.
        double worst = 0;
        for (double p = 0.00499999; p > 1e-300; p *= 0.9993) {
            worst = Math.max(worst, relativeDifference(p));
            if (p > 1e-15) {
                worst = Math.max(worst, relativeDifference(1 - p));
            }
        }
        for (long bits = 1; bits < 0x0010_0000_0000_0000L; bits = bits * 3 + 1) {
            worst = Math.max(worst, relativeDifference(Double.longBitsToDouble(bits)));
        }
        // The 32-bit words' tail region, every 2^-26.
        for (double p = 0x1.0p-33; p < 0.005; p += 0x1.0p-26) {
            worst = Math.max(worst, relativeDifference(p));
        }
        assertThat(worst).isLessThanOrEqualTo(TAIL_BOUND);
    }

    @Test
    void logarithmIsWithinAnUlpOfStrictMath() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            // Any positive double up to 1/2, subnormals included.
            double x = Double.longBitsToDouble(random.nextLong(1, 0x3FE0_0000_0000_0001L));
            assertLogWithinAnUlp(x);
        }
        double root = Math.sqrt(0.5);
        for (double x : new double[] {
            Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL),
            0x1.0p-33,
            0.005,
            0.25,
            0.5,
            root,
            Math.nextUp(root),
            Math.nextDown(root),
            root / 1024,
            1.0,
            2.0,
            0x1.0p969
        }) {
            assertLogWithinAnUlp(x);
        }
    }

    private static void assertLogWithinAnUlp(double x) {
        double log = SamplingQuantile.log(SamplingQuantile.reducedFraction(x), SamplingQuantile.reducedExponent(x));
        double reference = StrictMath.log(x);
        assertThat(Math.abs(log - reference)).as("log(%s)", x).isLessThanOrEqualTo(Math.ulp(reference));
    }

    @Test
    void reductionSplitsExactly() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong(1, 0x3FE0_0000_0000_0001L));
            double m = 1.0 + SamplingQuantile.reducedFraction(x);
            double k = SamplingQuantile.reducedExponent(x);
            assertThat(m).as("x=%s", x).isBetween(Math.nextDown(Math.sqrt(0.5)), Math.sqrt(2.0));
            assertThat(Math.scalb(m, (int) k)).as("x=%s", x).isEqualTo(x);
        }
    }

    @Test
    void quantileIsOddIncreasingAndFinite() {
        // p = (w + 1/2) 2^-32 and 1 - p are exact: symmetry must hold exactly.
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double p = Uniforms.openUnit(random.nextInt());
            assertThat(SamplingQuantile.quantile(1.0 - p)).isEqualTo(-SamplingQuantile.quantile(p));
        }
        // Increasing over consecutive words, across both central-tail boundaries.
        for (long centre : new long[] {2126008811L, -2126008812L, 0L}) {
            double previous = Double.NEGATIVE_INFINITY;
            for (long c = centre - 5000; c <= centre + 5000; c++) {
                double z = SamplingQuantile.quantile(0.5 + (c + 0.5) * 0x1.0p-32);
                assertThat(z).as("c=%d", c).isGreaterThan(previous);
                previous = z;
            }
        }
        assertThat(SamplingQuantile.quantile(0x1.0p-33)).isBetween(-6.34, -6.33);
        assertThat(SamplingQuantile.quantile(Double.MIN_VALUE)).isBetween(-38.5, -38.4);
        assertThat(SamplingQuantile.quantile(0.5)).isZero();
        assertThat(SamplingQuantile.quantile(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(SamplingQuantile.quantile(1.0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void tailWordsAreExactlyThoseBeyondTheCentralHalfWidth() {
        // Words near both boundaries and at the extremes: the one-comparison test of the
        // normal fill agrees with the law's |openUnit(word) - 1/2| > 0.495.
        int boundary = (int) Math.floor(0.495 * 0x1.0p32 - 0.5);
        for (long c : new long[] {boundary, -boundary - 1L, 0, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            for (long d = -3000; d <= 3000; d++) {
                long centred = c + d;
                if (centred < Integer.MIN_VALUE || centred > Integer.MAX_VALUE) {
                    continue;
                }
                int word = (int) centred ^ Integer.MIN_VALUE;
                boolean tail = Math.abs(Uniforms.centredUnit(word)) > SamplingQuantile.CENTRAL_HALF_WIDTH;
                assertThat(NormalFill.isTail(word)).as("word %d", word).isEqualTo(tail);
            }
        }
    }

    @Test
    void rejectsProbabilitiesOutsideTheUnitInterval() {
        for (double p : new double[] {-1e-300, 1.0000000000000002, Double.NaN}) {
            assertThatThrownBy(() -> SamplingQuantile.quantile(p))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[0, 1]")
                    .hasMessageContaining("p=" + p);
        }
    }
}
