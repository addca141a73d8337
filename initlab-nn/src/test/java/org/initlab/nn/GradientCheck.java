package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

/**
 * Central finite differences against a layer's backward pass, for the scalar
 * {@code L = Σ r_i y_i} with fixed random {@code r} (so {@code dL/dy = r}). Float forward passes
 * with step {@code h = 1e-2} leave a rounding error near {@code 1e-5·|L|/h}; the tolerance,
 * {@code 2e-2} relative plus {@code 2e-3} absolute, is far below what a wrong formula gives.
 */
final class GradientCheck {
    private static final float H = 1e-2f;

    private GradientCheck() {}

    static double loss(Tensor y, float[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += (double) r[i] * y.data()[i];
        }
        return s;
    }

    static void check(Layer layer, Tensor x, long seed) {
        Random rnd = new Random(seed);
        Tensor y = layer.forward(x, true);
        float[] r = new float[y.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rnd.nextGaussian();
        }
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        Tensor dx = layer.backward(new Tensor(r.clone(), y.shape()));
        float[] xv = x.data();
        for (int i = 0; i < xv.length; i++) {
            float keep = xv[i];
            xv[i] = keep + H;
            double plus = loss(layer.forward(x, true), r);
            xv[i] = keep - H;
            double minus = loss(layer.forward(x, true), r);
            xv[i] = keep;
            assertClose("d/dx[" + i + "]", dx.data()[i], (plus - minus) / (2 * H));
        }
        for (Parameter p : layer.parameters()) {
            float[] w = p.value();
            float[] analytic = p.grad().clone();
            for (int i = 0; i < w.length; i++) {
                float keep = w[i];
                w[i] = keep + H;
                double plus = loss(layer.forward(x, true), r);
                w[i] = keep - H;
                double minus = loss(layer.forward(x, true), r);
                w[i] = keep;
                assertClose("d/d" + p.path() + "[" + i + "]", analytic[i], (plus - minus) / (2 * H));
            }
        }
    }

    static void assertClose(String what, double analytic, double numeric) {
        assertThat(Math.abs(analytic - numeric))
                .as(what + ": analytic " + analytic + ", numeric " + numeric)
                .isLessThanOrEqualTo(2e-2 * Math.abs(numeric) + 2e-3);
    }

    static Tensor randomInput(long seed, int... shape) {
        Random rnd = new Random(seed);
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) rnd.nextGaussian();
        }
        return t;
    }
}
