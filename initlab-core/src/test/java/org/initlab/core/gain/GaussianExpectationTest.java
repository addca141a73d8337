package org.initlab.core.gain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GaussianExpectationTest {

    @Test
    void momentsOfTheStandardNormal() {
        assertThat(GaussianExpectation.of(z -> 1.0)).isCloseTo(1.0, within(5e-16));
        assertThat(GaussianExpectation.of(z -> z)).isCloseTo(0.0, within(5e-16));
        assertThat(GaussianExpectation.of(z -> z * z)).isCloseTo(1.0, within(5e-16));
        assertThat(GaussianExpectation.of(z -> z * z * z * z)).isCloseTo(3.0, within(1e-15));
        assertThat(GaussianExpectation.of(z -> Math.pow(z, 8))).isCloseTo(105.0, within(1e-13));
        // E[cos z] = exp(−1/2): smooth but not a polynomial
        assertThat(GaussianExpectation.of(Math::cos)).isCloseTo(Math.exp(-0.5), within(5e-16));
    }

    @Test
    void kinkedFunctionsWithClosedForms() {
        assertThat(GaussianExpectation.of(Math::abs, 0.0)).isCloseTo(Math.sqrt(2 / Math.PI), within(5e-16));
        assertThat(GaussianExpectation.of(z -> z > 0 ? z * z : 0.0, 0.0)).isCloseTo(0.5, within(5e-16));
        assertThat(GaussianExpectation.of(z -> Math.max(z, 0.0), 0.0))
                .isCloseTo(1 / Math.sqrt(2 * Math.PI), within(5e-16));
        // P(z > 1) = erfc(1/√2)/2 for a jump (not just a kink) at 1
        assertThat(GaussianExpectation.of(z -> z > 1 ? 1.0 : 0.0, 1.0))
                .isCloseTo(0.15865525393145705141, within(5e-16)); // mpmath 1.3.0: 1 - ncdf(1)
    }

    /**
     * The trap this class avoids: a rule with a node on the kink of ReLU. Whatever the panel
     * layout, the ReLU moments must come out exact.
     */
    @Test
    void reluMomentsAreExact() {
        assertThat(GaussianExpectation.of(z -> z > 0 ? z * z : 0.0)).isCloseTo(0.5, within(5e-16));
        assertThat(GaussianExpectation.of(z -> z > 0 ? z : 0.0)).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(5e-16));
    }

    @Test
    void aBreakpointOffTheGridIsHonoured() {
        // E[max(0, z − 0.3)] = ϕ(0.3) − 0.3·(1 − Φ(0.3)); mpmath 1.3.0, 40 digits
        double expected = 0.2667612421172098767999892;
        assertThat(GaussianExpectation.of(z -> Math.max(z - 0.3, 0.0), 0.3)).isCloseTo(expected, within(5e-16));
        assertThat(GaussianExpectation.of(z -> Math.max(z - 0.3, 0.0), 0.3, -20, 0.3, 50))
                .as("duplicates and far-away breakpoints change nothing")
                .isCloseTo(expected, within(5e-16));
    }

    @Property(tries = 200)
    void breakpointsDoNotDisturbASmoothIntegrand(
            @ForAll @DoubleRange(min = -11.9, max = 11.9) double b, @ForAll @IntRange(min = 0, max = 6) int power) {
        double plain = GaussianExpectation.of(z -> Math.pow(z, power) * Math.tanh(z + 0.5));
        double split = GaussianExpectation.of(z -> Math.pow(z, power) * Math.tanh(z + 0.5), b);
        // two quadratures of the same smooth integrand agree to rounding: each sums a few hundred nodes whose terms
        // reach z^6 ~ 1e6 for power 6, so a relative 1e-14 was too tight (a clean-clone run saw 2.3e-14 at b = 2.92,
        // power 6); 1e-13 leaves ten times the worst seen, far below any real quadrature error (1e-9 and up)
        assertThat(split).isCloseTo(plain, within(1e-13 * Math.max(1, Math.abs(plain))));
    }

    @Test
    void rejectsNonFiniteBreakpoints() {
        assertThatThrownBy(() -> GaussianExpectation.of(z -> z, 0.0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breakpoints must be finite; got NaN");
    }

    @Test
    void gaussLegendreRuleIntegratesPolynomialsUpToDegree31Exactly() {
        GaussLegendre rule = GaussLegendre.of(16);
        for (int degree = 0; degree <= 31; degree++) {
            double sum = 0;
            for (int i = 0; i < 16; i++) {
                sum += rule.weights()[i] * Math.pow(rule.nodes()[i], degree);
            }
            double exact = degree % 2 == 1 ? 0.0 : 2.0 / (degree + 1);
            assertThat(sum).as("∫ x^%d over [−1, 1]", degree).isCloseTo(exact, within(1e-15));
        }
        assertThat(rule.nodes()).isSorted();
    }
}
