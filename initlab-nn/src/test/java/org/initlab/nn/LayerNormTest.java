package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.junit.jupiter.api.Test;

/**
 * {@link LayerNorm}'s forward and parameter gradients against a reference computed in double
 * from the same float inputs (two-pass mean and variance, sums over rows in double): the one
 * shifted pass, the mean split in two floats and the double sums of {@code dγ}, {@code dβ} must
 * leave only float rounding of the results. The finite-difference checks are in
 * {@code LayerGradientTest}.
 */
class LayerNormTest {
    private static final int FEATURES = 64;
    private static final double EPS = 1e-5;

    private static float[] uniform(String what, int n, float low, float high) {
        float[] v = new float[n];
        Samplers.uniform(RandomStream.of(5, "layer-norm-test/" + what), 0, n, low, high, v, 0);
        return v;
    }

    private static LayerNorm layer(float[] gamma, float[] beta) {
        LayerNorm ln = new LayerNorm("0", FEATURES, EPS);
        System.arraycopy(gamma, 0, ln.parameters().get(0).value(), 0, FEATURES);
        System.arraycopy(beta, 0, ln.parameters().get(1).value(), 0, FEATURES);
        return ln;
    }

    /** {@code (x − μ)/√(σ² + ε)} in double, two passes. */
    private static double[] reference(float[] x, int rows) {
        double[] h = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double mean = 0;
            for (int i = 0; i < FEATURES; i++) {
                mean += x[r * FEATURES + i];
            }
            mean /= FEATURES;
            double var = 0;
            for (int i = 0; i < FEATURES; i++) {
                double d = x[r * FEATURES + i] - mean;
                var += d * d;
            }
            double inv = 1 / Math.sqrt(var / FEATURES + EPS);
            for (int i = 0; i < FEATURES; i++) {
                h[r * FEATURES + i] = (x[r * FEATURES + i] - mean) * inv;
            }
        }
        return h;
    }

    @Test
    void rowsFarFromZeroKeepTheirPrecision() {
        // mean 1e4, spread 1e-2: x − (float) μ alone would err by up to ulp(1e4)/2 / 1e-2 ≈ 0.05
        int rows = 8;
        float[] x = uniform("far", rows * FEATURES, -0.017f, 0.017f);
        for (int k = 0; k < x.length; k++) {
            int row = k / FEATURES;
            x[k] += 10_000f + 100f * row;
        }
        float[] ones = new float[FEATURES];
        java.util.Arrays.fill(ones, 1f);
        Tensor y = layer(ones, new float[FEATURES]).forward(new Tensor(x, rows, FEATURES), true);
        double[] h = reference(x, rows);
        double worst = 0;
        for (int k = 0; k < x.length; k++) {
            worst = Math.max(worst, Math.abs(y.data()[k] - h[k]));
        }
        assertThat(worst).as("largest error of x̂").isLessThan(1e-5).isGreaterThan(0);
    }

    @Test
    void forwardAndParameterGradientsMatchTheDoubleReference() {
        int rows = 300;
        float[] x = uniform("x", rows * FEATURES, -3f, 5f);
        float[] g = uniform("g", rows * FEATURES, -1f, 1f);
        float[] gamma = uniform("gamma", FEATURES, 0.5f, 1.5f);
        float[] beta = uniform("beta", FEATURES, -0.5f, 0.5f);
        LayerNorm ln = layer(gamma, beta);
        Tensor y = ln.forward(new Tensor(x, rows, FEATURES), true);
        Tensor dx = ln.backward(new Tensor(g, rows, FEATURES));
        double[] h = reference(x, rows);
        double[] dGamma = new double[FEATURES];
        double[] dBeta = new double[FEATURES];
        for (int r = 0; r < rows; r++) {
            double sumD = 0;
            double sumDh = 0;
            for (int i = 0; i < FEATURES; i++) {
                int k = r * FEATURES + i;
                double expected = gamma[i] * h[k] + beta[i];
                assertThat((double) y.data()[k]).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-6));
                dGamma[i] += (double) g[k] * h[k];
                dBeta[i] += g[k];
                sumD += (double) g[k] * gamma[i];
                sumDh += (double) g[k] * gamma[i] * h[k];
            }
            double var = 0;
            double mean = 0;
            for (int i = 0; i < FEATURES; i++) {
                mean += x[r * FEATURES + i];
            }
            mean /= FEATURES;
            for (int i = 0; i < FEATURES; i++) {
                var += (x[r * FEATURES + i] - mean) * (x[r * FEATURES + i] - mean);
            }
            double inv = 1 / Math.sqrt(var / FEATURES + EPS);
            for (int i = 0; i < FEATURES; i++) {
                int k = r * FEATURES + i;
                double expected = ((double) g[k] * gamma[i] - sumD / FEATURES - h[k] * sumDh / FEATURES) * inv;
                assertThat((double) dx.data()[k]).isCloseTo(expected, org.assertj.core.data.Offset.offset(2e-6));
            }
        }
        List<Parameter> p = ln.parameters();
        for (int i = 0; i < FEATURES; i++) {
            // sums of 300 terms of size ~1: a float sum row by row would err by ~1e-5
            assertThat((double) p.get(0).grad()[i]).isCloseTo(dGamma[i], org.assertj.core.data.Offset.offset(4e-6));
            assertThat((double) p.get(1).grad()[i]).isCloseTo(dBeta[i], org.assertj.core.data.Offset.offset(4e-6));
        }
    }

    @Test
    void gradientsAccumulateOverBackwardCalls() {
        float[] x = uniform("acc-x", 4 * FEATURES, -1f, 1f);
        float[] g = uniform("acc-g", 4 * FEATURES, -1f, 1f);
        float[] ones = new float[FEATURES];
        java.util.Arrays.fill(ones, 1f);
        LayerNorm ln = layer(ones, new float[FEATURES]);
        ln.forward(new Tensor(x, 4, FEATURES), true);
        ln.backward(new Tensor(g, 4, FEATURES));
        float[] once = ln.parameters().get(1).grad().clone();
        ln.backward(new Tensor(g, 4, FEATURES));
        for (int i = 0; i < FEATURES; i++) {
            assertThat(ln.parameters().get(1).grad()[i]).isEqualTo(2 * once[i]);
        }
    }
}
