package org.initlab.core.gain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ErfTest {

    private static final MathContext DIGITS_80 = new MathContext(80);
    /** π to 100 digits (a well-known constant), enough for an 80-digit reference. */
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939"
            + "93751058209749445923078164062862089986280348253421170679");

    private static final BigDecimal TWO_OVER_SQRT_PI = BigDecimal.TWO.divide(PI.sqrt(DIGITS_80), DIGITS_80);

    /**
     * erf(x) by its Maclaurin series Σ (−1)ⁿ x^(2n+1) / (n!·(2n+1)) · 2/√π in 80-digit decimal
     * arithmetic: for |x| ≤ 6 the largest term is below 1e15, so at least 60 digits survive
     * the alternating cancellation. Independent of Erf's rational approximations.
     */
    private static BigDecimal seriesErf(double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal minusX2 = bx.multiply(bx).negate();
        BigDecimal power = bx; // (−1)ⁿ x^(2n+1) / n!
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal tiny = new BigDecimal("1e-85");
        for (int n = 0; ; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), DIGITS_80);
            sum = sum.add(term, DIGITS_80);
            if (n > 4 && term.abs().compareTo(tiny) < 0) {
                return sum.multiply(TWO_OVER_SQRT_PI, DIGITS_80);
            }
            power = power.multiply(minusX2, DIGITS_80).divide(BigDecimal.valueOf(n + 1L), DIGITS_80);
        }
    }

    private static void assertRelative(double actual, double expected, double tolerance) {
        assertThat(Math.abs(actual - expected))
                .as("actual %s, expected %s", actual, expected)
                .isLessThanOrEqualTo(tolerance * Math.abs(expected));
    }

    @Property(tries = 2000)
    void erfMatchesTheSeriesToFourUlps(@ForAll @DoubleRange(min = -6, max = 6) double x) {
        assertRelative(Erf.erf(x), seriesErf(x).doubleValue(), 4.5e-16);
    }

    @Property(tries = 2000)
    void erfcKeepsRelativeAccuracyInItsUpperTail(@ForAll @DoubleRange(min = 0, max = 6) double x) {
        double expected = BigDecimal.ONE.subtract(seriesErf(x), DIGITS_80).doubleValue();
        assertRelative(Erf.erfc(x), expected, 1e-15);
    }

    @Test
    void erfcFarTailMatchesMpmath() {
        // mpmath 1.3.0, mp.dps = 50: erfc(10), erfc(20), erfc(26.5), beyond the series' reach
        assertRelative(Erf.erfc(10), 2.088487583762544757e-45, 1e-15);
        assertRelative(Erf.erfc(20), 5.3958656116079009289e-176, 1e-15);
        assertRelative(Erf.erfc(26.5), 2.2109076642637342759e-307, 1e-15);
        assertThat(Erf.erfc(28)).isZero(); // true value 6.6e-343 is below the smallest double
    }

    @Test
    void limitsAndSpecialValues() {
        assertThat(Erf.erf(0.0)).isZero();
        assertThat(Erf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Erf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Erf.erfc(Double.POSITIVE_INFINITY)).isZero();
        assertThat(Erf.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
        assertThat(Erf.erf(Double.NaN)).isNaN();
        assertThat(Erf.erfc(Double.NaN)).isNaN();
        assertThat(Erf.erf(1e-300)).isEqualTo(1e-300 * 2 / Math.sqrt(Math.PI));
    }

    @Property
    void symmetries(@ForAll @DoubleRange(min = -30, max = 30) double x) {
        assertThat(Erf.erf(-x)).isEqualTo(-Erf.erf(x));
        assertThat(Erf.erfc(x) + Erf.erfc(-x)).isCloseTo(2.0, within(4e-16));
        assertThat(Erf.erf(x) + Erf.erfc(x)).isCloseTo(1.0, within(4e-16));
    }

    @Test
    void monotoneAcrossTheRangeBoundaries() {
        for (double edge : new double[] {0.46875, 4.0}) {
            double below = Math.nextDown(edge);
            double above = Math.nextUp(edge);
            assertThat(Erf.erf(below)).isLessThanOrEqualTo(Erf.erf(edge));
            assertThat(Erf.erf(edge)).isLessThanOrEqualTo(Erf.erf(above));
            assertThat(Erf.erfc(below)).isGreaterThanOrEqualTo(Erf.erfc(edge));
            assertThat(Erf.erfc(edge)).isGreaterThanOrEqualTo(Erf.erfc(above));
        }
    }

    @Test
    void normalDistributionFunctionAndDensity() {
        // mpmath 1.3.0, mp.dps = 40: ncdf(-8), ncdf(1.5), npdf(-8), npdf(1.5)
        assertRelative(Erf.normalCdf(-8), 6.2209605742717841235e-16, 1e-14);
        assertRelative(Erf.normalCdf(1.5), 0.933192798731141934, 2e-16);
        assertRelative(Erf.normalDensity(-8), 5.052271083536892288e-15, 4e-16);
        assertRelative(Erf.normalDensity(1.5), 0.12951759566589172761, 4e-16);
    }
}
