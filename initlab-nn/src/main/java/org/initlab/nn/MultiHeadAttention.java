package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Multi-head self-attention (Vaswani et al. 2017, section 3.2.2) with an optional causal mask,
 * the function of PyTorch's {@code nn.MultiheadAttention(d, heads, bias=False, batch_first=True)}
 * called with {@code is_causal=True} / a square subsequent mask. For each example {@code X [T, d]},
 * {@code h} heads of width {@code d_h = d / h}, head {@code n} reading columns
 * {@code [n·d_h, (n+1)·d_h)}:
 * <pre>
 *   Q = X W_qᵀ   K = X W_kᵀ   V = X W_vᵀ                 (all [T, d])
 *   S_n = Q_n K_nᵀ / sqrt(d_h),  S_n[i][j] = -∞ for j &gt; i when causal
 *   A_n = softmax(S_n) row by row (row maximum over the allowed j subtracted before exp)
 *   C = [A_1 V_1, ..., A_h V_h]                           ([T, d])
 *   Y = C W_oᵀ
 * </pre>
 * With the mask, step {@code i} attends to steps {@code 0..i} only (a decoder: the output at step
 * {@code i} does not depend on later inputs). Shapes: input and output {@code [batch, T, d]}.
 * Parameters {@code NAME.q.weight}, {@code NAME.k.weight}, {@code NAME.v.weight},
 * {@code NAME.o.weight}, all {@code [d, d]} ({@code [out, in]}), role {@link Role#WEIGHT}; no
 * biases. With one head and no mask this is {@link SelfAttention}'s scaled function.
 *
 * <p>Backward, per example and head with {@code G = dL/dY}: {@code dW_o += Gᵀ C}, {@code dC = G W_o},
 * {@code dA = dC_n V_nᵀ}, {@code dV_n += A_nᵀ dC_n}, {@code dS_ij = A_ij (dA_ij - Σ_k A_ik dA_ik)}
 * (zero where masked, as {@code A_ij = 0} there), {@code dQ_n = dS K_n / sqrt(d_h)},
 * {@code dK_n = dSᵀ Q_n / sqrt(d_h)}, then {@code dW_p += dPᵀ X} and {@code dX = Σ_p dP W_p} for
 * {@code p = q, k, v}.
 *
 * <p>Computation and allocation: {@link AttentionProducts} (matrix products in float through
 * BLAS, the softmax in double; buffers reused while the sizes stay the same; forward allocates the
 * output, backward the input gradient).
 */
public final class MultiHeadAttention implements Layer {
    private final String name;
    private final int dim;
    private final int heads;
    private final int headDim;
    private final boolean causal;
    private final double scale;
    private final Parameter[] w = new Parameter[4]; // q, k, v, o
    private final AttentionProducts products;
    private Tensor input;
    private int batch;
    private int steps;

    /**
     * @param name path prefix of the parameters
     * @param dim model width d, {@code >= 1}
     * @param heads number of heads, dividing d
     * @param causal whether step i attends to steps {@code <= i} only
     */
    public MultiHeadAttention(String name, int dim, int heads, boolean causal) {
        if (dim < 1 || heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("attention " + name
                    + " needs dim >= 1 and heads >= 1 dividing dim, got dim " + dim + ", heads " + heads);
        }
        this.name = name;
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.causal = causal;
        this.scale = 1 / Math.sqrt(headDim);
        String[] roles = {"q", "k", "v", "o"};
        for (int p = 0; p < 4; p++) {
            w[p] = new Parameter(
                    name + "." + roles[p] + ".weight", Shape.of(dim, dim), Layout.PYTORCH, Role.WEIGHT, null);
        }
        this.products = new AttentionProducts(dim, heads, causal, scale, w);
    }

    public Parameter queryWeight() {
        return w[0];
    }

    public Parameter keyWeight() {
        return w[1];
    }

    public Parameter valueWeight() {
        return w[2];
    }

    public Parameter outputWeight() {
        return w[3];
    }

    public int heads() {
        return heads;
    }

    public boolean causal() {
        return causal;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != dim || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException("attention " + name + " expects input [batch, T, " + dim
                    + "] with batch, T >= 1, got " + Arrays.toString(s));
        }
        input = x;
        batch = s[0];
        steps = s[1];
        return new Tensor(products.forward(x.data(), batch, steps), batch, steps, dim);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException("attention " + name + ": backward before forward");
        }
        if (!Arrays.equals(g.shape(), new int[] {batch, steps, dim})) {
            throw new IllegalArgumentException("attention " + name + " expects gradient [" + batch + ", " + steps + ", "
                    + dim + "] like its last output, got " + Arrays.toString(g.shape()));
        }
        return new Tensor(products.backward(g.data()), batch, steps, dim);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w);
    }

    @Override
    public String kind() {
        return "attention";
    }
}
