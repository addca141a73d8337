package org.initlab.nn;

import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Allocation;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * A lookup table: row {@code id} of the weight {@code W [num, dim]} ({@link Role#EMBEDDING}, path
 * {@code NAME.weight}) for each id of the input:
 * <pre>
 *   y[b, t, :] = W[x[b, t], :]
 * </pre>
 * <b>Input</b> {@code [batch, T]} holds integer ids stored as floats (tensors here are float),
 * exact for ids below {@code 2^24}; every id must be an integer in {@code [0, num)}, otherwise
 * forward throws naming the id and its position {@code [b, t]}. <b>Output</b>
 * {@code [batch, T, dim]}.
 *
 * <p><b>Backward</b> scatters the output gradient into the rows that were read,
 * {@code dW[x[b, t], :] += g[b, t, :]}, so an id used several times accumulates all its
 * gradients. Ids are not differentiable: the returned input gradient is a zero tensor of the
 * input's shape, so a layer before an embedding receives no signal.
 *
 * <p>PyTorch {@code nn.Embedding(num, dim)} (long ids; weight drawn from N(0, 1) by default) and
 * Keras {@code Embedding(input_dim, output_dim)} (uniform ±0.05) compute the same law.
 *
 * <p>Allocates: forward the output and the validated ids ({@code int[batch·T]}); backward the
 * zero input gradient.
 */
public final class Embedding implements Layer {
    private final int num;
    private final int dim;
    private final Parameter weight;
    private int[] ids;
    private int[] inputShape;

    /**
     * @param name path prefix ({@code "0"} gives {@code "0.weight"})
     * @param num number of rows (the vocabulary size)
     * @param dim length of each row
     */
    public Embedding(String name, int num, int dim) {
        if (num < 1 || dim < 1) {
            throw new IllegalArgumentException(
                    "embedding " + name + " needs num >= 1 and dim >= 1, got " + num + ", " + dim);
        }
        this.num = num;
        this.dim = dim;
        this.weight = new Parameter(name + ".weight", Shape.of(num, dim), Layout.PYTORCH, Role.EMBEDDING, null);
    }

    public Parameter weight() {
        return weight;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("embedding " + weight.path() + " expects ids [batch, T], got " + x);
        }
        int steps = s[1];
        float[] in = x.data();
        int[] read = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            if (!(v >= 0 && v < num) || v != Math.rint(v)) {
                throw new IllegalArgumentException("embedding " + weight.path() + ": id " + v + " at position ["
                        + i / steps + ", " + i % steps + "] is not an integer in [0, " + num + ")");
            }
            read[i] = (int) v;
        }
        float[] w = weight.value();
        float[] y = Allocation.floats(in.length, dim);
        for (int i = 0; i < read.length; i++) {
            System.arraycopy(w, read[i] * dim, y, i * dim, dim);
        }
        ids = read;
        inputShape = s;
        return new Tensor(y, s[0], steps, dim);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (ids == null) {
            throw new IllegalStateException("embedding " + weight.path() + ": backward before any forward");
        }
        float[] g = gradOutput.data();
        if (g.length != ids.length * dim) {
            throw new IllegalArgumentException("embedding " + weight.path() + ": gradient " + gradOutput
                    + " does not match the last output [" + inputShape[0] + ", " + inputShape[1] + ", " + dim + "]");
        }
        float[] dW = weight.grad();
        for (int i = 0; i < ids.length; i++) {
            int row = ids[i] * dim;
            int at = i * dim;
            for (int j = 0; j < dim; j++) {
                dW[row + j] += g[at + j];
            }
        }
        return Tensor.zeros(inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public String kind() {
        return "embedding";
    }

    /** Ids {@code [T] → [T, dim]}. */
    @Override
    public int[] outputShape(int[] in) {
        return new int[] {in == null || in.length == 0 ? UNKNOWN : in[0], dim};
    }
}
