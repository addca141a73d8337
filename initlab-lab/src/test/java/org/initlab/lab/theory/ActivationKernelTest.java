package org.initlab.lab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.initlab.core.gain.Activation;
import org.initlab.core.gain.Gains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The closed forms and the quadrature agree where both exist; the quadrature agrees with the core's gains. */
class ActivationKernelTest {

    private static final double[] Q = {0.0, 0.3, 2.7};
    private static final double[] C = {-1.0, -0.6, 0.0, 0.5, 0.999, 1.0};

    @ParameterizedTest
    @CsvSource({"relu, NaN", "leaky_relu, 0.2", "leaky_relu, -0.5", "linear, NaN"})
    void quadratureAgreesWithTheClosedForms(String name, double param) {
        Activation activation = Activation.parse(name);
        ActivationKernel exact = ActivationKernel.of(activation, param);
        assertThat(exact).isInstanceOf(PiecewiseLinearKernel.class);
        QuadratureKernel numeric = new QuadratureKernel(activation, exact.param());
        for (double q : Q) {
            assertThat(numeric.secondMoment(q)).isCloseTo(exact.secondMoment(q), within(1e-15 * (1 + q)));
            assertThat(numeric.derivativeSecondMoment(q)).isCloseTo(exact.derivativeSecondMoment(q), within(1e-15));
            assertThat(numeric.secondMomentSlope(q)).isCloseTo(exact.secondMomentSlope(q), within(1e-15));
            for (double c : C) {
                assertThat(numeric.crossMoment(q, c))
                        .as("%s q=%s c=%s", name, q, c)
                        .isCloseTo(exact.crossMoment(q, c), within(1e-13 * (1 + q)));
                assertThat(numeric.derivativeCrossMoment(q, c))
                        .as("%s q=%s c=%s", name, q, c)
                        .isCloseTo(exact.derivativeCrossMoment(q, c), within(1e-13));
            }
        }
    }

    @Test
    void arcCosineKernelHasItsKnownValues() {
        ActivationKernel relu = ActivationKernel.of(Activation.RELU, Double.NaN);
        // Cho and Saul (2009): k1(c=0) = q/(2π), k0(c=0) = 1/4; orthogonal inputs stay positively correlated
        assertThat(relu.crossMoment(1, 0)).isCloseTo(1 / (2 * Math.PI), within(1e-16));
        assertThat(relu.derivativeCrossMoment(1, 0)).isCloseTo(0.25, within(1e-16));
        assertThat(relu.crossMoment(2, -1)).isEqualTo(0.0);
        assertThat(relu.crossMoment(2, 1)).isCloseTo(1.0, within(1e-15));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void secondMomentAtUnitVarianceIsTheCoresGainMoment(Activation activation) {
        ActivationKernel kernel = ActivationKernel.of(activation, Double.NaN);
        assertThat(kernel.secondMoment(1.0)).isCloseTo(Gains.secondMoment(activation, Double.NaN), within(1e-15));
        // c = 1 reduces the two-dimensional expectations to the one-dimensional ones
        assertThat(kernel.crossMoment(0.8, 1.0)).isCloseTo(kernel.secondMoment(0.8), within(1e-14));
        assertThat(kernel.derivativeCrossMoment(0.8, 1.0)).isCloseTo(kernel.derivativeSecondMoment(0.8), within(1e-14));
    }

    @Test
    void twoDimensionalQuadratureIsAccurateNearCorrelationOneForKinkedActivations() {
        // E[φ(u₁)φ(u₂)] is continuous in c; just below 1 it must approach the c = 1 value
        for (Activation a : new Activation[] {Activation.HARD_TANH, Activation.RELU6, Activation.SELU}) {
            QuadratureKernel kernel = new QuadratureKernel(a, Double.NaN);
            double atOne = kernel.crossMoment(1.3, 1.0);
            double slope = 1.3 * kernel.derivativeCrossMoment(1.3, 1.0); // Price's theorem
            double near = kernel.crossMoment(1.3, 1 - 1e-6);
            assertThat(near).as("%s", a).isCloseTo(atOne - 1e-6 * slope, within(1e-9));
        }
    }
}
