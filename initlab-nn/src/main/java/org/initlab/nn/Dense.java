package org.initlab.nn;

import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Allocation;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Fully connected layer {@code y = x Wᵀ + b}, weight {@code [out, in]} (PyTorch layout), bias
 * {@code [out]}; or {@code y = x Wᵀ} without a bias (PyTorch's {@code Linear(bias=False)}).
 *
 * <p>Backward: {@code dW += gᵀ x}, {@code db += Σ_batch g}, {@code dx = g W}. Products go through
 * BLAS {@code sgemm}; forward allocates the output, backward the input gradient.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private Tensor input;

    /**
     * @param name path prefix of the parameters ({@code "0"} gives {@code "0.weight"}, {@code "0.bias"})
     * @param in input features
     * @param out output features
     */
    public Dense(String name, int in, int out) {
        this(name, in, out, true);
    }

    /**
     * @param name path prefix of the parameters
     * @param in input features
     * @param out output features
     * @param withBias whether the layer has the bias {@code NAME.bias} (without it {@code b = 0}, fixed)
     */
    public Dense(String name, int in, int out, boolean withBias) {
        this(name + ".weight", withBias ? name + ".bias" : null, in, out);
    }

    /**
     * With the parameters' paths given whole, for an imported model whose names do not follow
     * {@code PREFIX.weight} (an ONNX file's {@code onnx::Gemm_12}).
     *
     * @param biasPath the bias's path, or null for a layer without one
     */
    public Dense(String weightPath, String biasPath, int in, int out) {
        this.in = in;
        this.out = out;
        this.weight = new Parameter(weightPath, Shape.of(out, in), Layout.PYTORCH, Role.WEIGHT, null);
        this.bias = biasPath != null
                ? new Parameter(biasPath, Shape.of(out), Layout.PYTORCH, Role.BIAS, Fans.explicit(in, out))
                : null;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.features() != in) {
            throw new IllegalArgumentException("dense " + weight.path() + " expects " + in + " input features, got "
                    + x.features() + " (input " + x + ")");
        }
        input = x;
        int batch = x.batch();
        float[] y = Allocation.floats(batch, out);
        if (bias != null) {
            float[] b = bias.value();
            for (int r = 0; r < batch; r++) {
                System.arraycopy(b, 0, y, r * out, out);
            }
        }
        Gemm.multiply(false, true, batch, out, in, 1f, x.data(), weight.value(), 1f, y);
        return new Tensor(y, batch, out);
    }

    @Override
    public Tensor backward(Tensor g) {
        backwardParameters(g);
        float[] dx = Allocation.floats(g.batch(), in);
        Gemm.multiply(false, false, g.batch(), in, out, 1f, g.data(), weight.value(), 0f, dx);
        return new Tensor(dx, input.shape());
    }

    /** {@code dW += Gᵀ·X} and {@code db += Σ_rows G}, as {@link #backward} adds them, without {@code G·W}. */
    @Override
    public void backwardParameters(Tensor g) {
        int batch = g.batch();
        Gemm.multiply(true, false, out, in, batch, 1f, g.data(), input.data(), 1f, weight.grad());
        float[] gd = g.data();
        if (bias != null) {
            float[] db = bias.grad();
            for (int r = 0; r < batch; r++) {
                for (int o = 0; o < out; o++) {
                    db[o] += gd[r * out + o];
                }
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public String kind() {
        return "dense";
    }

    /** {@code [in] → [out]}. */
    @Override
    public int[] outputShape(int[] in) {
        return new int[] {out};
    }
}
