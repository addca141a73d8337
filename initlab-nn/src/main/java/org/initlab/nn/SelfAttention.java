package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Allocation;
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
 * <p>Allocation: forward keeps, in double, {@code Q, K, V, C} ({@code batch·T·d} each) and
 * {@code A} ({@code batch·T·T}), and allocates the float output; backward allocates the float
 * input gradient, double scratch ({@code 4·T·d} per example, {@code T·T} once) and double
 * accumulators for the four weight gradients ({@code 4·d·d}), added to {@link Parameter#grad()}
 * at the end. Plain loops in double, cost {@code O(T·d² + T²·d)} per example; the layer keeps a
 * reference to the last input and never modifies it.
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
    private Tensor input;
    private double[] q;
    private double[] k;
    private double[] v;
    private double[] attention;
    private double[] context;
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
        int td = steps * dim;
        q = new double[batch * td];
        k = new double[batch * td];
        v = new double[batch * td];
        context = new double[batch * td];
        attention = new double[batch * steps * steps];
        float[] y = Allocation.floats(batch, td);
        float[] xv = x.data();
        for (int b = 0; b < batch; b++) {
            int off = b * td;
            project(xv, off, wq.value(), q, off);
            project(xv, off, wk.value(), k, off);
            project(xv, off, wv.value(), v, off);
            int aOff = b * steps * steps;
            for (int i = 0; i < steps; i++) {
                int row = aOff + i * steps;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < steps; j++) {
                    double dot = 0;
                    for (int c = 0; c < dim; c++) {
                        dot += q[off + i * dim + c] * k[off + j * dim + c];
                    }
                    attention[row + j] = scale * dot;
                    max = Math.max(max, attention[row + j]);
                }
                double sum = 0;
                for (int j = 0; j < steps; j++) {
                    attention[row + j] = Math.exp(attention[row + j] - max);
                    sum += attention[row + j];
                }
                for (int j = 0; j < steps; j++) {
                    attention[row + j] /= sum;
                    for (int c = 0; c < dim; c++) {
                        context[off + i * dim + c] += attention[row + j] * v[off + j * dim + c];
                    }
                }
            }
            float[] o = wo.value();
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < dim; r++) {
                    double acc = 0;
                    for (int c = 0; c < dim; c++) {
                        acc += context[off + t * dim + c] * o[r * dim + c];
                    }
                    y[off + t * dim + r] = (float) acc;
                }
            }
        }
        return new Tensor(y, batch, steps, dim);
    }

    /** {@code out[off + t·d + r] = Σ_c x[off + t·d + c] · W[r, c]} for every step {@code t}. */
    private void project(float[] x, int off, float[] w, double[] out, int outOff) {
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < dim; r++) {
                double acc = 0;
                for (int c = 0; c < dim; c++) {
                    acc += x[off + t * dim + c] * (double) w[r * dim + c];
                }
                out[outOff + t * dim + r] = acc;
            }
        }
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
        int td = steps * dim;
        int dd = dim * dim;
        double[] grads = new double[4 * dd]; // q, k, v, o
        double[] dA = new double[steps * steps];
        float[] gv = g.data();
        float[] xv = input.data();
        float[] dx = Allocation.floats(batch, td);
        float[][] w = {wq.value(), wk.value(), wv.value(), wo.value()};
        for (int b = 0; b < batch; b++) {
            int off = b * td;
            int aOff = b * steps * steps;
            double[] dC = new double[td];
            double[] dQ = new double[td];
            double[] dK = new double[td];
            double[] dV = new double[td];
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < dim; r++) {
                    double gr = gv[off + t * dim + r];
                    for (int c = 0; c < dim; c++) {
                        grads[3 * dd + r * dim + c] += gr * context[off + t * dim + c];
                        dC[t * dim + c] += gr * w[3][r * dim + c];
                    }
                }
            }
            for (int i = 0; i < steps; i++) {
                double weighted = 0;
                for (int j = 0; j < steps; j++) {
                    double a = attention[aOff + i * steps + j];
                    double dot = 0;
                    for (int c = 0; c < dim; c++) {
                        dot += dC[i * dim + c] * v[off + j * dim + c];
                        dV[j * dim + c] += a * dC[i * dim + c];
                    }
                    dA[i * steps + j] = dot;
                    weighted += a * dot;
                }
                for (int j = 0; j < steps; j++) {
                    double dS = attention[aOff + i * steps + j] * (dA[i * steps + j] - weighted) * scale;
                    for (int c = 0; c < dim; c++) {
                        dQ[i * dim + c] += dS * k[off + j * dim + c];
                        dK[j * dim + c] += dS * q[off + i * dim + c];
                    }
                }
            }
            double[][] dProj = {dQ, dK, dV};
            for (int p = 0; p < 3; p++) {
                for (int t = 0; t < steps; t++) {
                    for (int r = 0; r < dim; r++) {
                        double gr = dProj[p][t * dim + r];
                        for (int c = 0; c < dim; c++) {
                            grads[p * dd + r * dim + c] += gr * xv[off + t * dim + c];
                            dx[off + t * dim + c] += (float) (gr * w[p][r * dim + c]);
                        }
                    }
                }
            }
        }
        List<Parameter> ps = parameters();
        for (int p = 0; p < 4; p++) {
            float[] target = ps.get(p).grad();
            for (int i = 0; i < dd; i++) {
                target[i] += (float) grads[p * dd + i];
            }
        }
        return new Tensor(dx, batch, steps, dim);
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
