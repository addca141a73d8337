package org.initlab.nn;

import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.gain.FloatGelu;

/**
 * Elementwise nonlinearity {@code y = φ(x)}; backward {@code dx = g · φ'(x)}. φ and φ' are the
 * core's {@link Activation} definitions, evaluated in double and rounded to float. ReLU, the
 * common case, runs as a float loop with the same bits: {@code y = max(x, 0)},
 * {@code dx = x > 0 ? g : g·0} (the signed zero and NaN of the double formula kept). GELU runs
 * through {@link FloatGelu}: the same double formulas, with {@code exp(−x²/2)} shared, and the
 * slope {@code φ'(x)} kept from forward (rounded to float, in a buffer reused while the size stays
 * the same), so backward is {@code dx = g·φ'(x)} in float, within 1.5 ulp of the double product
 * rounded once. Both elementwise loops run on {@link Parallel} ranges; every element is computed
 * the same way whoever runs it, so results do not depend on the thread count.
 */
public final class ActivationLayer implements Layer {
    /** Element operations one GELU element counts as for {@link Parallel} (an exp and two rational functions). */
    private static final long GELU_WORK = 32;

    private final Activation activation;
    private final double param;
    private Tensor input;
    /** GELU only: {@code φ'(x)} of the last forward's input. */
    private float[] slope;

    /** @param param the activation's parameter (leaky slope, ELU alpha), NaN for its default */
    public ActivationLayer(Activation activation, double param) {
        this.activation = activation;
        this.param = activation.paramOrDefault(param);
    }

    public Activation activation() {
        return activation;
    }

    /** The parameter in use (defaults filled in; NaN for activations without one). */
    public double param() {
        return param;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        input = x;
        float[] in = x.data();
        float[] y = new float[in.length];
        if (activation == Activation.RELU) {
            Parallel.forRange(in.length, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    y[i] = Math.max(in[i], 0f);
                }
            });
            return new Tensor(y, x.shape());
        }
        if (activation == Activation.GELU) {
            float[] s = RecurrentLayer.reuse(slope, in.length);
            slope = s;
            Parallel.forRange(in.length, GELU_WORK, (from, to) -> FloatGelu.apply(in, y, s, from, to));
            return new Tensor(y, x.shape());
        }
        for (int i = 0; i < in.length; i++) {
            y[i] = (float) activation.apply(in[i], param);
        }
        return new Tensor(y, x.shape());
    }

    @Override
    public Tensor backward(Tensor g) {
        float[] in = input.data();
        float[] gd = g.data();
        float[] dx = new float[in.length];
        if (activation == Activation.RELU) {
            Parallel.forRange(in.length, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    dx[i] = in[i] > 0 ? gd[i] : gd[i] * 0f;
                }
            });
            return new Tensor(dx, input.shape());
        }
        if (activation == Activation.GELU) {
            float[] s = slope;
            Parallel.forRange(in.length, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    dx[i] = gd[i] * s[i];
                }
            });
            return new Tensor(dx, input.shape());
        }
        for (int i = 0; i < in.length; i++) {
            dx[i] = (float) (gd[i] * activation.derivative(in[i], param));
        }
        return new Tensor(dx, input.shape());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "activation";
    }
}
