package org.initlab.nn;

import java.util.List;
import org.initlab.core.gain.Activation;

/**
 * Elementwise nonlinearity {@code y = φ(x)}; backward {@code dx = g · φ'(x)}. φ and φ' are the
 * core's {@link Activation} definitions, evaluated in double and rounded to float.
 */
public final class ActivationLayer implements Layer {
    private final Activation activation;
    private final double param;
    private Tensor input;

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
