package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.initlab.core.gain.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerGradientTest {

    @Test
    void denseBackwardMatchesFiniteDifferences() {
        Dense d = new Dense("0", 5, 3);
        InitPlan.allWeights(new org.initlab.core.init.Normal(0, 0.5)).apply(new Sequential(List.of(d)), 1);
        Random r = new Random(2);
        for (int i = 0; i < 3; i++) {
            d.bias().value()[i] = (float) r.nextGaussian();
        }
        GradientCheck.check(d, GradientCheck.randomInput(3, 4, 5), 4);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationBackwardMatchesFiniteDifferences(Activation a) {
        Tensor x = GradientCheck.randomInput(5, 3, 7);
        // keep inputs away from kinks (0 for the ReLU family, ±1 for hard tanh, 6 for relu6) by more than h
        for (int i = 0; i < x.size(); i++) {
            float v = x.data()[i];
            for (double kink : a.breakpoints()) {
                if (Math.abs(v - kink) < 0.05) {
                    v = (float) (kink + 0.1);
                }
            }
            x.data()[i] = v;
        }
        GradientCheck.check(new ActivationLayer(a, Double.NaN), x, 6);
    }

    @Test
    void relusFloatLoopHasTheBitsOfTheCoreFormula() {
        float[] special = {
            0f,
            -0f,
            1e-45f,
            -1e-45f,
            1f,
            -1f,
            Float.NaN,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.MAX_VALUE,
            -Float.MIN_NORMAL
        };
        int n = special.length * special.length;
        float[] x = new float[n];
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = special[i / special.length];
            g[i] = special[i % special.length];
        }
        ActivationLayer relu = new ActivationLayer(Activation.RELU, Double.NaN);
        float[] y = relu.forward(new Tensor(x, n, 1), true).data();
        float[] dx = relu.backward(new Tensor(g, n, 1)).data();
        for (int i = 0; i < n; i++) {
            float fy = (float) Activation.RELU.apply(x[i], Double.NaN);
            float fdx = (float) (g[i] * Activation.RELU.derivative(x[i], Double.NaN));
            assertThat(Float.floatToRawIntBits(y[i])).as("relu(%s)", x[i]).isEqualTo(Float.floatToRawIntBits(fy));
            assertThat(Float.floatToRawIntBits(dx[i]))
                    .as("x=%s g=%s", x[i], g[i])
                    .isEqualTo(Float.floatToRawIntBits(fdx));
        }
    }

    @Test
    void layerNormBackwardMatchesFiniteDifferences() {
        LayerNorm ln = new LayerNorm("1", 6, 1e-5);
        Random r = new Random(11);
        for (Parameter p : ln.parameters()) {
            for (int i = 0; i < 6; i++) {
                p.value()[i] = (float) (1 + 0.5 * r.nextGaussian());
            }
        }
        GradientCheck.check(ln, GradientCheck.randomInput(12, 4, 6), 13);
    }

    @Test
    void layerNormOutputsZeroMeanUnitVarianceRowsWithDefaultScaleAndShift() {
        LayerNorm ln = new LayerNorm("1", 8, 1e-6);
        InitPlan.defaults().apply(new Sequential(List.of(ln)), 0);
        Tensor y = ln.forward(GradientCheck.randomInput(14, 3, 8), false);
        for (int row = 0; row < 3; row++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 8; i++) {
                mean += y.data()[row * 8 + i];
                sq += y.data()[row * 8 + i] * y.data()[row * 8 + i];
            }
            assertThat(mean / 8).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(sq / 8).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void residualBlockBackwardMatchesFiniteDifferences() {
        Sequential branch = new Sequential(List.of(
                new Dense("0.0", 5, 5), new ActivationLayer(Activation.TANH, Double.NaN), new Dense("0.2", 5, 5)));
        Residual block = new Residual("0", branch, true);
        InitPlan.defaults().apply(branch, 15);
        block.parameters().get(block.parameters().size() - 1).value()[0] = 0.7f;
        GradientCheck.check(block, GradientCheck.randomInput(16, 3, 5), 17);
    }

    @Test
    void fixedScaleResidualBlockBackwardMatchesFiniteDifferencesAndHasNoParameterOfItsOwn() {
        Sequential branch = new Sequential(List.of(
                new Dense("0.0", 5, 5), new ActivationLayer(Activation.TANH, Double.NaN), new Dense("0.2", 5, 5)));
        Residual block = new Residual("0", branch, 0.4);
        InitPlan.defaults().apply(branch, 15);
        assertThat(block.parameters()).isEqualTo(branch.parameters());
        GradientCheck.check(block, GradientCheck.randomInput(16, 3, 5), 17);
        Tensor x = GradientCheck.randomInput(19, 2, 5);
        float[] y = block.forward(x, false).data();
        float[] f = branch.forward(x, false).data();
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isEqualTo(x.data()[i] + 0.4f * f[i]);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Residual("9", branch, 0.0))
                .hasMessageContaining("residual 9")
                .hasMessageContaining("> 0");
    }

    @Test
    void flattenKeepsValuesAndRestoresTheShape() {
        Tensor x = GradientCheck.randomInput(18, 2, 3, 4);
        Flatten f = new Flatten();
        assertThat(f.forward(x, true).shape()).containsExactly(2, 12);
        assertThat(f.backward(new Tensor(x.data(), 2, 12)).shape()).containsExactly(2, 3, 4);
    }

    @Test
    void sequentialChainsTheGradients() {
        Sequential net = new Sequential(
                List.of(new Dense("0", 4, 6), new ActivationLayer(Activation.TANH, Double.NaN), new Dense("2", 6, 2)));
        InitPlan.defaults().apply(net, 7);
        GradientCheck.check(net, GradientCheck.randomInput(8, 3, 4), 9);
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        Tensor z = GradientCheck.randomInput(10, 4, 3);
        int[] labels = {0, 2, 1, 2};
        Tensor t = Tensor.zeros(4, 3);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (i * 7 % 5) / 4f;
        }
        LossValue ce = Losses.softmaxCrossEntropy(z, labels);
        LossValue mse = Losses.meanSquaredError(z, t);
        LossValue bce = Losses.binaryCrossEntropy(z, t);
        float h = 1e-2f;
        for (int i = 0; i < z.size(); i++) {
            float keep = z.data()[i];
            z.data()[i] = keep + h;
            double[] plus = {
                Losses.softmaxCrossEntropy(z, labels).value(),
                Losses.meanSquaredError(z, t).value(),
                Losses.binaryCrossEntropy(z, t).value()
            };
            z.data()[i] = keep - h;
            double[] minus = {
                Losses.softmaxCrossEntropy(z, labels).value(),
                Losses.meanSquaredError(z, t).value(),
                Losses.binaryCrossEntropy(z, t).value()
            };
            z.data()[i] = keep;
            GradientCheck.assertClose("ce", ce.gradient().data()[i], (plus[0] - minus[0]) / (2 * h));
            GradientCheck.assertClose("mse", mse.gradient().data()[i], (plus[1] - minus[1]) / (2 * h));
            GradientCheck.assertClose("bce", bce.gradient().data()[i], (plus[2] - minus[2]) / (2 * h));
        }
    }

    @Test
    void stableLossesStayFiniteForHugeLogits() {
        Tensor z = new Tensor(new float[] {1e30f, -1e30f, 0f, 5e29f}, 2, 2);
        assertThat(Losses.softmaxCrossEntropy(z, new int[] {1, 0}).value()).isFinite();
        assertThat(Losses.binaryCrossEntropy(z, new Tensor(new float[] {0, 1, 1, 0}, 2, 2))
                        .value())
                .isFinite();
    }
}
