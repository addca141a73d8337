package org.initlab.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Applies one layer to every time step of a sequence, with shared parameters (Keras's
 * {@code TimeDistributed}; in PyTorch a {@code Linear} applied to a {@code [batch, T, h]} tensor):
 * {@code [batch, T, h]} is seen as {@code [batch·T, h]}, the inner layer maps it to
 * {@code [batch·T, k]}, and the result is seen as {@code [batch, T, k]}. With a {@link Dense}
 * inside it is the per-step output head of a sequence-labelling network (one set of logits per
 * step, see {@link Labels.StepClasses}).
 *
 * <p>Backward reshapes {@code [batch, T, k]} to {@code [batch·T, k]}, runs the inner backward
 * (whose parameter gradients so sum over batch and steps) and reshapes the result back to the
 * input's shape. No copies: the reshapes wrap the same arrays; the inner layer allocates.
 *
 * <p>{@link #kind()} and {@link #parameters()} are the inner layer's, so init rules and reports
 * keyed by kind treat a per-step dense head as the dense layer it is.
 */
public final class PerStep implements Layer {
    private final Layer inner;
    private int[] inputShape;

    /** @param inner the layer applied to each step; it must map {@code [rows, h]} to {@code [rows, k]} */
    public PerStep(Layer inner) {
        this.inner = java.util.Objects.requireNonNull(inner, "inner");
    }

    public Layer inner() {
        return inner;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length != 3 || s[0] < 1 || s[1] < 1 || s[2] < 1) {
            throw new IllegalArgumentException("per_step " + inner.kind()
                    + " expects input [batch, T, h] with batch, T," + " h >= 1, got " + Arrays.toString(s));
        }
        inputShape = s;
        Tensor y = inner.forward(new Tensor(x.data(), s[0] * s[1], s[2]), training);
        return new Tensor(y.data(), s[0], s[1], y.features());
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inputShape == null) {
            throw new IllegalStateException("per_step: backward before forward");
        }
        int[] s = g.shape();
        if (s.length != 3 || s[0] != inputShape[0] || s[1] != inputShape[1]) {
            throw new IllegalArgumentException("per_step expects gradient [" + inputShape[0] + ", " + inputShape[1]
                    + ", k] like its output, got " + Arrays.toString(s));
        }
        Tensor dx = inner.backward(new Tensor(g.data(), s[0] * s[1], s[2]));
        return new Tensor(dx.data(), inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    /** {@code [T, h] → [T, k]} where the inner layer maps {@code [h]} to {@code [k]}. */
    @Override
    public int[] outputShape(int[] in) {
        int[] step =
                inner.outputShape(in == null || in.length < 2 ? null : java.util.Arrays.copyOfRange(in, 1, in.length));
        if (step == null) {
            return null;
        }
        int[] out = new int[step.length + 1];
        out[0] = in == null || in.length == 0 ? UNKNOWN : in[0];
        System.arraycopy(step, 0, out, 1, step.length);
        return out;
    }
}
