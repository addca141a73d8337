package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.initlab.core.gain.Activation;
import org.junit.jupiter.api.Test;

/**
 * The GELU {@link ActivationLayer} (through {@code FloatGelu}, slope kept from forward) against
 * the core's double {@link Activation#GELU}: the output within half an ulp of float (plus
 * {@code FloatGelu}'s 0.001) of {@code x·Φ(x)}, the input gradient within 1.5 ulp of
 * {@code g·φ'(x)} (the slope's rounding to float, at most one ulp of the product, and the product's, half an ulp). The
 * finite-difference check is {@code LayerGradientTest.activationBackwardMatchesFiniteDifferences}.
 */
class GeluLayerTest {

    @Test
    void forwardAndBackwardMatchTheDoubleFunction() {
        Tensor x = GradientCheck.randomInput(71, 64, 512);
        float[] xs = x.data();
        for (int i = 0; i < xs.length; i++) {
            xs[i] *= 6; // about [-6, 6]: both tails and the middle
        }
        Tensor g = GradientCheck.randomInput(72, 64, 512);
        ActivationLayer layer = new ActivationLayer(Activation.GELU, Double.NaN);
        float[] y = layer.forward(x, true).data();
        float[] dx = layer.backward(g).data();
        for (int i = 0; i < xs.length; i++) {
            double exactY = Activation.GELU.apply(xs[i], Double.NaN);
            assertThat(Math.abs(y[i] - exactY)).as("GELU(%s)", xs[i]).isLessThanOrEqualTo(0.501 * Math.ulp(y[i]));
            double exactDx = g.data()[i] * Activation.GELU.derivative(xs[i], Double.NaN);
            assertThat(Math.abs(dx[i] - exactDx))
                    .as("dx at x = %s, g = %s", xs[i], g.data()[i])
                    .isLessThanOrEqualTo(1.501 * Math.ulp(dx[i]) + 1e-11 * Math.abs(g.data()[i]));
        }
    }

    @Test
    void backwardUsesTheLastForwardsSlope() {
        ActivationLayer layer = new ActivationLayer(Activation.GELU, Double.NaN);
        Tensor ones = new Tensor(new float[] {1f, 1f}, 1, 2);
        layer.forward(new Tensor(new float[] {-1f, 2f}, 1, 2), true);
        layer.forward(new Tensor(new float[] {0.5f, -3f}, 1, 2), true);
        float[] dx = layer.backward(ones).data();
        assertThat(dx[0]).isEqualTo((float) Activation.GELU.derivative(0.5f, Double.NaN));
        assertThat(dx[1]).isEqualTo((float) Activation.GELU.derivative(-3f, Double.NaN));
    }
}
