package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * The affine map every recurrent cell here starts from, {@code z_t = x_t W_ihᵀ + h_{t-1} W_hhᵀ + b},
 * with its three parameters and the input-shape check; the cells ({@link SimpleRNN},
 * {@link Lstm}, {@link Gru}) add the nonlinearity and the state.
 *
 * <p>Parameters (PyTorch layout, {@code G} stacked gates of {@code hidden} rows each):
 * {@code NAME.weight_ih [G·hidden, input]} ({@link Role#WEIGHT}), {@code NAME.weight_hh
 * [G·hidden, hidden]} ({@link Role#RECURRENT}), {@code NAME.bias [G·hidden]} ({@link Role#BIAS},
 * with the fans of {@code weight_ih}). PyTorch keeps two biases {@code b_ih + b_hh}; one bias is
 * the same function (the io module's {@code TorchStateDict} sums them when it loads a PyTorch state
 * dict and writes {@code bias_ih_l0 = bias, bias_hh_l0 = 0} when it exports one).
 *
 * <p>Works on one example and one step at a time, in double: {@link #forward} writes {@code z};
 * {@link #backward} takes {@code dL/dz} and accumulates the parameter gradients in double
 * buffers (allocated by {@link #beginBackward}, added to {@link Parameter#grad()} by
 * {@link #endBackward}), {@code dL/dx_t} and {@code dL/dh_{t-1}}. A cell that needs the input
 * side {@code b + W_ih x} and the hidden side {@code W_hh h} apart (the GRU's reset gate scales
 * only the latter) uses {@link #forwardInput}, {@link #addHidden}, {@link #backwardInput} and
 * {@link #backwardHidden}; {@link #forward} and {@link #backward} are exactly these in sequence.
 * Plain loops, cost {@code O(G·hidden·(input + hidden))} per step and example.
 */
final class RecurrentAffine {
    private final String kind;
    private final String name;
    private final int input;
    private final int hidden;
    private final int rows;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter bias;
    private double[] gradIh;
    private double[] gradHh;
    private double[] gradBias;

    RecurrentAffine(String kind, String name, int input, int hidden, int gates) {
        if (input < 1 || hidden < 1) {
            throw new IllegalArgumentException(kind + " " + name + " needs inputSize >= 1 and hiddenSize >= 1, got "
                    + input + ", " + hidden);
        }
        this.kind = kind;
        this.name = name;
        this.input = input;
        this.hidden = hidden;
        this.rows = gates * hidden;
        this.weightIh = new Parameter(name + ".weight_ih", Shape.of(rows, input), Layout.PYTORCH, Role.WEIGHT, null);
        this.weightHh = new Parameter(name + ".weight_hh", Shape.of(rows, hidden), Layout.PYTORCH, Role.RECURRENT, null);
        this.bias = new Parameter(name + ".bias", Shape.of(rows), Layout.PYTORCH, Role.BIAS, Fans.explicit(input, rows));
    }

    Parameter weightIh() {
        return weightIh;
    }

    Parameter weightHh() {
        return weightHh;
    }

    Parameter bias() {
        return bias;
    }

    List<Parameter> parameters() {
        return List.of(weightIh, weightHh, bias);
    }

    /**
     * Checks that {@code x} is {@code [batch, steps, input]} and returns {@code {batch, steps}}.
     */
    int[] checkInput(Tensor x) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != input || s[1] < 1 || s[0] < 1) {
            throw new IllegalArgumentException(kind + " " + name + " expects input [batch, steps, " + input + "] with batch, steps >= 1, got " + Arrays.toString(s));
        }
        return new int[] {s[0], s[1]};
    }

    /** Checks that a gradient has the shape {@code [batch, steps, hidden]} of the last output. */
    void checkGradient(Tensor g, int batch, int steps) {
        int[] s = g.shape();
        if (s.length != 3 || s[0] != batch || s[1] != steps || s[2] != hidden) {
            throw new IllegalArgumentException(kind + " " + name + " backward expects a gradient of shape [" + batch + ", " + steps
                    + ", " + hidden + "] (the last output), got " + Arrays.toString(s));
        }
    }

    /**
     * {@code z[zOff..zOff+G·hidden) = b + W_ih x + W_hh h}, with {@code x} at {@code xOff} and
     * {@code h} at {@code hOff}; {@code h == null} means {@code h = 0} (the first step).
     */
    void forward(float[] x, int xOff, double[] h, int hOff, double[] z, int zOff) {
        forwardInput(x, xOff, z, zOff);
        if (h != null) {
            addHidden(h, hOff, z, zOff);
        }
    }

    /** The input side alone: {@code z[zOff..zOff+G·hidden) = b + W_ih x}, {@code x} at {@code xOff}. */
    void forwardInput(float[] x, int xOff, double[] z, int zOff) {
        float[] wi = weightIh.value();
        float[] b = bias.value();
        for (int r = 0; r < rows; r++) {
            double s = b[r];
            int wiRow = r * input;
            for (int k = 0; k < input; k++) {
                s += (double) wi[wiRow + k] * x[xOff + k];
            }
            z[zOff + r] = s;
        }
    }

    /** The hidden side, added: {@code z[zOff..zOff+G·hidden) += W_hh h}, {@code h} at {@code hOff}. */
    void addHidden(double[] h, int hOff, double[] z, int zOff) {
        float[] wh = weightHh.value();
        for (int r = 0; r < rows; r++) {
            double s = z[zOff + r];
            int whRow = r * hidden;
            for (int k = 0; k < hidden; k++) {
                s += wh[whRow + k] * h[hOff + k];
            }
            z[zOff + r] = s;
        }
    }

    /** Allocates zeroed double accumulators for the parameter gradients of one backward pass. */
    void beginBackward() {
        gradIh = new double[weightIh.value().length];
        gradHh = new double[weightHh.value().length];
        gradBias = new double[rows];
    }

    /**
     * Given {@code dz = dL/dz_t} at {@code dzOff}, accumulates the parameter gradients, adds
     * {@code dz W_ih} to {@code dx} at {@code dxOff} and, unless {@code h == null} (the first step),
     * {@code dz W_hh} to {@code dh} at {@code dhOff}.
     */
    void backward(double[] dz, int dzOff, float[] x, int xOff, double[] h, int hOff, double[] dx, int dxOff,
            double[] dh, int dhOff) {
        backwardInput(dz, dzOff, x, xOff, dx, dxOff);
        if (h != null) {
            backwardHidden(dz, dzOff, h, hOff, dh, dhOff);
        }
    }

    /**
     * The input side of {@link #backward}, for a gradient {@code dz} of {@code b + W_ih x}:
     * {@code db += dz}, {@code dW_ih += dz xᵀ}, {@code dx += dz W_ih}.
     */
    void backwardInput(double[] dz, int dzOff, float[] x, int xOff, double[] dx, int dxOff) {
        float[] wi = weightIh.value();
        for (int r = 0; r < rows; r++) {
            double d = dz[dzOff + r];
            gradBias[r] += d;
            int wiRow = r * input;
            for (int k = 0; k < input; k++) {
                gradIh[wiRow + k] += d * x[xOff + k];
                dx[dxOff + k] += d * wi[wiRow + k];
            }
        }
    }

    /**
     * The hidden side of {@link #backward}, for a gradient {@code dz} of {@code W_hh h}:
     * {@code dW_hh += dz hᵀ}, {@code dh += dz W_hh}.
     */
    void backwardHidden(double[] dz, int dzOff, double[] h, int hOff, double[] dh, int dhOff) {
        float[] wh = weightHh.value();
        for (int r = 0; r < rows; r++) {
            double d = dz[dzOff + r];
            int whRow = r * hidden;
            for (int k = 0; k < hidden; k++) {
                gradHh[whRow + k] += d * h[hOff + k];
                dh[dhOff + k] += d * wh[whRow + k];
            }
        }
    }

    /** Adds the accumulated gradients to the parameters' {@link Parameter#grad()} and drops them. */
    void endBackward() {
        addTo(weightIh.grad(), gradIh);
        addTo(weightHh.grad(), gradHh);
        addTo(bias.grad(), gradBias);
        gradIh = null;
        gradHh = null;
        gradBias = null;
    }

    private static void addTo(float[] grad, double[] acc) {
        for (int i = 0; i < grad.length; i++) {
            grad[i] += (float) acc[i];
        }
    }
}
