package org.initlab.core.gain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link FloatGelu} against {@link Activation#GELU} in double (Cody's {@link Erf}): both results
 * must be within half an ulp of float (plus the stated allowances) of the double value, that is
 * the double value rounded to float except within a thousandth of an ulp of a tie.
 */
class FloatGeluTest {
    /** Allowance above half an ulp: the tail polynomial's relative error 3.9e-11 is 6.5e-4 ulp of float. */
    private static final double HALF_ULP_PLUS = 0.5 + 1e-3;
    /**
     * Absolute allowance for the slope: the tail's error (3.9e-11 relative, tail below 0.5) stays
     * in {@code Φ(x) + x·ϕ(x)} where the two terms cancel near the zero at x ≈ −0.7518.
     */
    private static final double SLOPE_CANCELLATION = 2e-11;

    private static double ulpsOff(float actual, double exact) {
        return Math.abs(actual - exact) / Math.ulp(actual);
    }

    /** Checks every x, returns the largest error of y in ulps. */
    private static double check(float[] x) {
        float[] y = new float[x.length];
        float[] slope = new float[x.length];
        FloatGelu.apply(x, y, slope, 0, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double exactY = Activation.GELU.apply(x[i], Double.NaN);
            double exactSlope = Activation.GELU.derivative(x[i], Double.NaN);
            double offY = ulpsOff(y[i], exactY);
            assertThat(offY).as("GELU(%s) = %s, exact %s", x[i], y[i], exactY).isLessThanOrEqualTo(HALF_ULP_PLUS);
            assertThat(Math.abs(slope[i] - exactSlope))
                    .as("GELU'(%s) = %s, exact %s", x[i], slope[i], exactSlope)
                    .isLessThanOrEqualTo(HALF_ULP_PLUS * Math.ulp(slope[i]) + SLOPE_CANCELLATION);
            worst = Math.max(worst, offY);
        }
        return worst;
    }

    @Test
    void everyFloatNearZeroIsRoundedCorrectly() {
        // step 2^-16 over [-2, 2]: the small-argument range and both ends of the middle one
        int n = 4 * 65536 + 1;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2f + i / 65536f;
        }
        assertThat(check(x)).isGreaterThan(0.3); // the check compares real roundings, not equal copies
    }

    @Test
    void denseGridAndTailsAreRoundedCorrectly() {
        // [-20, 12] in 1,000,001 points: both tails, Cody's range boundaries at |x| = 0.663 and 5.657,
        // the lower tail down to float's underflow (x·Φ(x) is subnormal below -13.14 and rounds to -0 below -14.36)
        int n = 1_000_001;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (-20 + 32.0 * i / (n - 1));
        }
        check(x);
    }

    @Test
    void rangeBoundariesAreRoundedCorrectly() {
        // the floats around |x|/√2 = 0.46875 and 4, on both sides of zero
        float[] x = new float[4 * 201];
        int k = 0;
        for (float b : new float[] {0.6629126f, 5.656854f, -0.6629126f, -5.656854f}) {
            float v = b;
            for (int i = 0; i < 100; i++) {
                v = Math.nextDown(v);
            }
            for (int i = 0; i < 201; i++) {
                x[k++] = v;
                v = Math.nextUp(v);
            }
        }
        check(x);
    }

    @Test
    void lowerTailKeepsRelativeAccuracy() {
        float[] x = {-3f, -5f, -6f, -8f, -10f, -12f};
        float[] y = new float[x.length];
        FloatGelu.apply(x, y, null, 0, x.length);
        // x·Φ(x) at these points: mpmath (30 digits), x * mpmath.ncdf(x), printed to 17 digits
        double[] expected = {
            -0.0040496940948902836, -1.4332578593959696e-6, -5.9195258702261888e-9,
            -4.9767684594174273e-15, -7.6198530241605261e-23, -2.1317785344932148e-32
        };
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(y[i] - expected[i]))
                    .as("GELU(%s)", x[i])
                    .isLessThanOrEqualTo(HALF_ULP_PLUS * Math.ulp(y[i]));
        }
    }

    @Test
    void specialValuesFollowTheDoubleFunction() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 40f, -40f, Float.MAX_VALUE};
        float[] y = new float[x.length];
        float[] slope = new float[x.length];
        FloatGelu.apply(x, y, slope, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            // bit patterns: NaN equals NaN, and the sign of a zero counts
            assertThat(Float.floatToIntBits(y[i]))
                    .as("GELU(%s) = %s", x[i], y[i])
                    .isEqualTo(Float.floatToIntBits((float) Activation.GELU.apply(x[i], Double.NaN)));
            assertThat(Float.floatToIntBits(slope[i]))
                    .as("GELU'(%s) = %s", x[i], slope[i])
                    .isEqualTo(Float.floatToIntBits((float) Activation.GELU.derivative(x[i], Double.NaN)));
        }
    }

    @Test
    void writesOnlyItsRangeAndMayWorkInPlace() {
        float[] x = {1f, 2f, 3f, 4f};
        float[] y = {9f, 9f, 9f, 9f};
        FloatGelu.apply(x, y, null, 1, 3);
        assertThat(y[0]).isEqualTo(9f);
        assertThat(y[3]).isEqualTo(9f);
        float[] same = x.clone();
        FloatGelu.apply(same, same, null, 0, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(same[i]).isEqualTo((float) Activation.GELU.apply(x[i], Double.NaN));
        }
    }
}
