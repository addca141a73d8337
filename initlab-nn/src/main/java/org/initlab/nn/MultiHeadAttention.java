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
 * <p>Allocation: forward keeps, in double, {@code Q, K, V, C} ({@code batch·T·d} each) and the
 * attention weights ({@code batch·h·T·T}); backward allocates the input gradient, per-example
 * scratch and double accumulators for the four weight gradients. Plain loops, cost
 * {@code O(T·d² + T²·d)} per example.
 */
public final class MultiHeadAttention implements Layer {
    private final String name;
    private final int dim;
    private final int heads;
    private final int headDim;
    private final boolean causal;
    private final double scale;
    private final Parameter[] w = new Parameter[4]; // q, k, v, o
    private Tensor input;
    private double[][] proj; // q, k, v
    private double[] attention;
    private double[] context;
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
            throw new IllegalArgumentException("attention " + name + " needs dim >= 1 and heads >= 1 dividing dim, got dim "
                    + dim + ", heads " + heads);
        }
        this.name = name;
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.causal = causal;
        this.scale = 1 / Math.sqrt(headDim);
        String[] roles = {"q", "k", "v", "o"};
        for (int p = 0; p < 4; p++) {
            w[p] = new Parameter(name + "." + roles[p] + ".weight", Shape.of(dim, dim), Layout.PYTORCH, Role.WEIGHT, null);
        }
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

    private boolean allowed(int i, int j) {
        return !causal || j <= i;
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
        int td = steps * dim;
        proj = new double[3][batch * td];
        context = new double[batch * td];
        attention = new double[batch * heads * steps * steps];
        float[] xv = x.data();
        float[] y = new float[batch * td];
        double[] row = new double[steps];
        for (int b = 0; b < batch; b++) {
            int off = b * td;
            for (int p = 0; p < 3; p++) {
                for (int t = 0; t < steps; t++) {
                    for (int r = 0; r < dim; r++) {
                        double acc = 0;
                        for (int c = 0; c < dim; c++) {
                            acc += xv[off + t * dim + c] * (double) w[p].value()[r * dim + c];
                        }
                        proj[p][off + t * dim + r] = acc;
                    }
                }
            }
            double[] q = proj[0];
            double[] k = proj[1];
            double[] v = proj[2];
            for (int n = 0; n < heads; n++) {
                int h0 = n * headDim;
                for (int i = 0; i < steps; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < steps; j++) {
                        if (allowed(i, j)) {
                            double dot = 0;
                            for (int c = h0; c < h0 + headDim; c++) {
                                dot += q[off + i * dim + c] * k[off + j * dim + c];
                            }
                            row[j] = scale * dot;
                            max = Math.max(max, row[j]);
                        }
                    }
                    double sum = 0;
                    for (int j = 0; j < steps; j++) {
                        row[j] = allowed(i, j) ? Math.exp(row[j] - max) : 0;
                        sum += row[j];
                    }
                    int a = ((b * heads + n) * steps + i) * steps;
                    for (int j = 0; j < steps; j++) {
                        double aij = row[j] / sum;
                        attention[a + j] = aij;
                        if (aij != 0) {
                            for (int c = h0; c < h0 + headDim; c++) {
                                context[off + i * dim + c] += aij * v[off + j * dim + c];
                            }
                        }
                    }
                }
            }
            float[] o = w[3].value();
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

    @Override
    public Tensor backward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException("attention " + name + ": backward before forward");
        }
        if (!Arrays.equals(g.shape(), new int[] {batch, steps, dim})) {
            throw new IllegalArgumentException("attention " + name + " expects gradient [" + batch + ", " + steps + ", "
                    + dim + "] like its last output, got " + Arrays.toString(g.shape()));
        }
        int td = steps * dim;
        int dd = dim * dim;
        double[] grads = new double[4 * dd];
        double[] dA = new double[steps];
        float[] gv = g.data();
        float[] xv = input.data();
        float[] dx = new float[batch * td];
        for (int b = 0; b < batch; b++) {
            int off = b * td;
            double[] dC = new double[td];
            double[][] dP = new double[3][td];
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < dim; r++) {
                    double gr = gv[off + t * dim + r];
                    for (int c = 0; c < dim; c++) {
                        grads[3 * dd + r * dim + c] += gr * context[off + t * dim + c];
                        dC[t * dim + c] += gr * w[3].value()[r * dim + c];
                    }
                }
            }
            for (int n = 0; n < heads; n++) {
                int h0 = n * headDim;
                for (int i = 0; i < steps; i++) {
                    int a = ((b * heads + n) * steps + i) * steps;
                    double weighted = 0;
                    for (int j = 0; j < steps; j++) {
                        double aij = attention[a + j];
                        double dot = 0;
                        for (int c = h0; c < h0 + headDim; c++) {
                            dot += dC[i * dim + c] * proj[2][off + j * dim + c];
                            dP[2][j * dim + c] += aij * dC[i * dim + c];
                        }
                        dA[j] = dot;
                        weighted += aij * dot;
                    }
                    for (int j = 0; j < steps; j++) {
                        double dS = attention[a + j] * (dA[j] - weighted) * scale;
                        if (dS != 0) {
                            for (int c = h0; c < h0 + headDim; c++) {
                                dP[0][i * dim + c] += dS * proj[1][off + j * dim + c];
                                dP[1][j * dim + c] += dS * proj[0][off + i * dim + c];
                            }
                        }
                    }
                }
            }
            for (int p = 0; p < 3; p++) {
                float[] wp = w[p].value();
                for (int t = 0; t < steps; t++) {
                    for (int r = 0; r < dim; r++) {
                        double gr = dP[p][t * dim + r];
                        for (int c = 0; c < dim; c++) {
                            grads[p * dd + r * dim + c] += gr * xv[off + t * dim + c];
                            dx[off + t * dim + c] += (float) (gr * wp[r * dim + c]);
                        }
                    }
                }
            }
        }
        for (int p = 0; p < 4; p++) {
            float[] target = w[p].grad();
            for (int i = 0; i < dd; i++) {
                target[i] += (float) grads[p * dd + i];
            }
        }
        return new Tensor(dx, batch, steps, dim);
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
