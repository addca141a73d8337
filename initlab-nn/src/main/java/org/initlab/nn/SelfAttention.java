package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Single-head self-attention (Vaswani et al. 2017, "Attention is all you need", section 3.2.1),
 * the function of PyTorch's {@code nn.MultiheadAttention} with one head, {@code bias=False} and
 * {@code batch_first=True}. For each example {@code X [T, d]}:
 * <pre>
 *   Q = X W_qᵀ   K = X W_kᵀ   V = X W_vᵀ
 *   S = s · Q Kᵀ                     s = 1/sqrt(d) if scaled, s = 1 otherwise
 *   A = softmax(S) row by row        (row maximum subtracted before exp)
 *   Y = (A V) W_oᵀ
 * </pre>
 *
 * <p>Why the scale: with {@code q, k} of independent unit-variance entries, {@code q·k} has
 * variance {@code d}, so unscaled scores spread as {@code sqrt(d)} and the softmax saturates to
 * nearly one-hot rows whose gradients vanish. The {@code scaled} flag exists to show this;
 * {@link #meanMaxAttention()}, {@link #meanAttentionEntropy()} and
 * {@link #meanSoftmaxJacobianNorm()} measure it. No mask: every
 * step attends to every step.
 *
 * <p>Shapes: input {@code [batch, T, d]}, output {@code [batch, T, d]}. Parameters, all
 * {@code [d, d]} in PyTorch layout ({@code [out, in]}) with role {@link Role#WEIGHT}:
 * {@code NAME.q.weight}, {@code NAME.k.weight}, {@code NAME.v.weight}, {@code NAME.o.weight}.
 * No biases (PyTorch's {@code in_proj_bias} and {@code out_proj.bias}): a key bias cancels in
 * the softmax, and the others are a {@link Dense} away. {@link InitPlan#defaults()} gives the four
 * weights Glorot uniform (PyTorch uses Xavier uniform on the stacked {@code in_proj_weight}).
 *
 * <p>Backward, per example with {@code G = dL/dY} and {@code C = A V}:
 * {@code dW_o += Gᵀ C}, {@code dC = G W_o}, {@code dA = dC Vᵀ}, {@code dV = Aᵀ dC}, the softmax
 * Jacobian per row {@code dS_ij = A_ij (dA_ij - Σ_k A_ik dA_ik)}, {@code dQ = s · dS K},
 * {@code dK = s · dSᵀ Q}, {@code dW_q += dQᵀ X} (likewise {@code k, v}) and
 * {@code dX = dQ W_q + dK W_k + dV W_v}.
 *
 * <p>Computation and allocation: {@link AttentionProducts} with one head (matrix products in
 * float through BLAS, the softmax and the probabilities the diagnostics read in double; buffers
 * reused while the sizes stay the same; forward allocates the output, backward the input
 * gradient). The layer keeps a reference to the last input and never modifies it.
 */
public final class SelfAttention implements Layer {
    private final String name;
    private final int dim;
    private final boolean scaled;
    private final double scale;
    private final Parameter wq;
    private final Parameter wk;
    private final Parameter wv;
    private final Parameter wo;
    private final AttentionProducts products;
    private Tensor input;
    private double[] attention;
    private int batch;
    private int steps;

    /**
     * @param name path prefix of the parameters ({@code "1"} gives {@code "1.q.weight"} ...
     *     {@code "1.o.weight"})
     * @param dim model width {@code d} of the input, the projections and the output, {@code >= 1}
     * @param scaled whether scores are multiplied by {@code 1/sqrt(d)} (true in every standard
     *     transformer; false only to show the saturation the scale prevents)
     */
    public SelfAttention(String name, int dim, boolean scaled) {
        if (dim < 1) {
            throw new IllegalArgumentException("self_attention " + name + " needs dim >= 1, got " + dim);
        }
        this.name = name;
        this.dim = dim;
        this.scaled = scaled;
        this.scale = scaled ? 1 / Math.sqrt(dim) : 1;
        this.wq = weight(name, "q", dim);
        this.wk = weight(name, "k", dim);
        this.wv = weight(name, "v", dim);
        this.wo = weight(name, "o", dim);
        this.products = new AttentionProducts(dim, 1, false, scale, new Parameter[] {wq, wk, wv, wo});
    }

    private static Parameter weight(String name, String role, int dim) {
        return new Parameter(name + "." + role + ".weight", Shape.of(dim, dim), Layout.PYTORCH, Role.WEIGHT, null);
    }

    public Parameter queryWeight() {
        return wq;
    }

    public Parameter keyWeight() {
        return wk;
    }

    public Parameter valueWeight() {
        return wv;
    }

    public Parameter outputWeight() {
        return wo;
    }

    public int dim() {
        return dim;
    }

    public boolean scaled() {
        return scaled;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != dim || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException("self_attention " + name + " expects input [batch, T, " + dim
                    + "] with batch, T >= 1, got " + Arrays.toString(s));
        }
        input = x;
        batch = s[0];
        steps = s[1];
        float[] y = products.forward(x.data(), batch, steps);
        attention = products.probabilities();
        return new Tensor(y, batch, steps, dim);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException("self_attention " + name + ": backward before forward");
        }
        if (!Arrays.equals(g.shape(), new int[] {batch, steps, dim})) {
            throw new IllegalArgumentException("self_attention " + name + " expects gradient [" + batch + ", " + steps
                    + ", " + dim + "] like its last output, got " + Arrays.toString(g.shape()));
        }
        return new Tensor(products.backward(g.data()), batch, steps, dim);
    }

    /**
     * The largest attention weight of each row, averaged over the rows of the last forward
     * ({@code batch·T} of them): {@code 1/T} for uniform attention, near 1 when the softmax
     * saturates to one-hot rows.
     */
    public double meanMaxAttention() {
        requireForward();
        double total = 0;
        for (int row = 0; row < batch * steps; row++) {
            double max = 0;
            for (int j = 0; j < steps; j++) {
                max = Math.max(max, attention[row * steps + j]);
            }
            total += max;
        }
        return total / (batch * steps);
    }

    /**
     * The entropy {@code -Σ_j A_ij ln A_ij} (nats) of each row, averaged over the rows of the last
     * forward: {@code ln T} for uniform attention, near 0 when saturated.
     */
    public double meanAttentionEntropy() {
        requireForward();
        double total = 0;
        for (double a : attention) {
            total -= a > 0 ? a * Math.log(a) : 0;
        }
        return total / (batch * steps);
    }

    /**
     * The Frobenius norm of the softmax's Jacobian {@code diag(a) - a aᵀ} of each row {@code a},
     * averaged over the rows of the last forward: {@code sqrt(Σa² - 2Σa³ + (Σa²)²)}, which is
     * {@code sqrt(1/T - 1/T²)} for uniform attention and 0 for one-hot rows. It bounds how much of
     * the gradient reaching the attention weights passes back to the scores (and so to the query
     * and key weights): a saturated softmax passes almost none.
     */
    public double meanSoftmaxJacobianNorm() {
        requireForward();
        double total = 0;
        for (int row = 0; row < batch * steps; row++) {
            double squares = 0;
            double cubes = 0;
            for (int j = 0; j < steps; j++) {
                double a = attention[row * steps + j];
                squares += a * a;
                cubes += a * a * a;
            }
            total += Math.sqrt(Math.max(0, squares - 2 * cubes + squares * squares));
        }
        return total / (batch * steps);
    }

    private void requireForward() {
        if (attention == null) {
            throw new IllegalStateException("self_attention " + name + ": no forward pass yet");
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(wq, wk, wv, wo);
    }

    @Override
    public String kind() {
        return "self_attention";
    }
}
