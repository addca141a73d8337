package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.shape.Allocation;

/**
 * The last time step of a sequence: {@code [batch, T, h] → [batch, h]}, {@code y[b] = x[b, T-1]}
 * (PyTorch's {@code output[:, -1]}, Keras's {@code return_sequences=False}). Put after an
 * {@link Lstm}, {@link SimpleRNN} or {@link SelfAttention} to feed a {@link Dense} head.
 *
 * <p>Backward puts {@code dL/dy} at step {@code T-1} and zeros at every other step. No
 * parameters. Forward allocates the output ({@code batch·h}), backward the input gradient
 * ({@code batch·T·h}); the layer keeps only the last input's shape.
 */
public final class LastStep implements Layer {
    private int[] inputShape;

    /** A layer without configuration; shapes are taken from each input. */
    public LastStep() {}

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length != 3 || s[0] < 1 || s[1] < 1 || s[2] < 1) {
            throw new IllegalArgumentException(
                    "last_step expects input [batch, T, h] with batch, T, h >= 1, got " + Arrays.toString(s));
        }
        inputShape = s;
        int steps = s[1];
        int h = s[2];
        float[] y = new float[s[0] * h];
        for (int b = 0; b < s[0]; b++) {
            System.arraycopy(x.data(), (b * steps + steps - 1) * h, y, b * h, h);
        }
        return new Tensor(y, s[0], h);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inputShape == null) {
            throw new IllegalStateException("last_step: backward before forward");
        }
        int batch = inputShape[0];
        int steps = inputShape[1];
        int h = inputShape[2];
        if (!Arrays.equals(g.shape(), new int[] {batch, h})) {
            throw new IllegalArgumentException("last_step expects gradient [" + batch + ", " + h
                    + "] like its last output, got " + Arrays.toString(g.shape()));
        }
        float[] dx = Allocation.floats(batch, steps, h);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(g.data(), b * h, dx, (b * steps + steps - 1) * h, h);
        }
        return new Tensor(dx, inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "last_step";
    }

    /** {@code [T, h] → [h]}. */
    @Override
    public int[] outputShape(int[] in) {
        return in == null || in.length == 0 ? null : new int[] {in[in.length - 1]};
    }
}
