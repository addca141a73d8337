package org.initlab.nn;

/**
 * The computation {@link SelfAttention} and {@link MultiHeadAttention} share: projections,
 * per-head scores, softmax, context and output projection, and their backward pass, as matrix
 * products through {@link Gemm}. For {@code X [B·T, d]}, {@code h} heads of width
 * {@code d_h = d / h}, score scale {@code s}:
 * <pre>
 *   P = X W_pᵀ for p = q, k, v                  three [B·T, d] × [d, d] products
 *   S_bn = Q_bn K_bnᵀ                            per example b and head n: [T, d_h] × [d_h, T]
 *   A_bn = softmax(s · S_bn) row by row          (causal: j &gt; i masked; row maximum subtracted)
 *   C_bn = A_bn V_bn                             [T, T] × [T, d_h]
 *   Y = C W_oᵀ
 * </pre>
 * Backward with {@code G = dL/dY}: {@code dW_o += Gᵀ C}, {@code dC = G W_o}; per example and head
 * {@code dA = dC_bn V_bnᵀ}, {@code dV_bn = A_bnᵀ dC_bn},
 * {@code dS_ij = s · A_ij (dA_ij - Σ_k A_ik dA_ik)}, {@code dQ_bn = dS K_bn},
 * {@code dK_bn = dSᵀ Q_bn}; then {@code dW_p += dPᵀ X} and {@code dX = Σ_p dP W_p}, one product
 * each over the whole batch.
 *
 * <p>Numbers: products in float (BLAS's order); the softmax in double from the float scores,
 * its probabilities kept in double ({@link #probabilities()}, for the diagnostics and the softmax
 * backward) and in float for the products. Masked probabilities are exactly 0, so a causal
 * output does not depend on later steps, bit for bit. Layouts: {@code Q, K, V, C} and their
 * gradients are kept head-major ({@code [B, h, T, d_h]}, each head's block contiguous), the
 * probabilities as {@code [B, h, T, T]}. Buffers are reused while the sizes stay the same;
 * forward allocates the output, backward the input gradient.
 */
final class AttentionProducts {
    private final int dim;
    private final int heads;
    private final int headDim;
    private final boolean causal;
    private final double scale;
    private final Parameter[] w; // q, k, v, o
    private float[] x;
    private int batch;
    private int steps;
    private float[] rows;
    private final float[][] qkv = new float[3][];
    private float[] context;
    private float[] contextHeads;
    private float[] weights;
    private double[] probabilities;
    private final float[][] grads = new float[3][];
    private float[] dContext;
    private float[] dA;
    private float[] dS;

    AttentionProducts(int dim, int heads, boolean causal, double scale, Parameter[] w) {
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.causal = causal;
        this.scale = scale;
        this.w = w;
    }

    /** The attention probabilities of the last forward, {@code [B, h, T, T]} (not a copy), or null. */
    double[] probabilities() {
        return probabilities;
    }

    /** {@code Y [B·T, d]} for {@code x [B·T, d]}; keeps what {@link #backward} needs. */
    float[] forward(float[] input, int batchSize, int stepCount) {
        x = input;
        batch = batchSize;
        steps = stepCount;
        int n = batch * steps;
        int tt = steps * steps;
        int block = steps * headDim;
        rows = RecurrentLayer.reuse(rows, n * dim);
        for (int p = 0; p < 3; p++) {
            qkv[p] = RecurrentLayer.reuse(qkv[p], n * dim);
            Gemm.multiply(false, true, n, dim, dim, 1f, x, 0, w[p].value(), 0, 0f, rows, 0);
            toHeads(rows, qkv[p]);
        }
        weights = RecurrentLayer.reuse(weights, batch * heads * tt);
        if (probabilities == null || probabilities.length != weights.length) {
            probabilities = new double[weights.length];
        }
        contextHeads = RecurrentLayer.reuse(contextHeads, n * dim);
        for (int bn = 0; bn < batch * heads; bn++) {
            int off = bn * block;
            int sOff = bn * tt;
            Gemm.multiply(false, true, steps, steps, headDim, 1f, qkv[0], off, qkv[1], off, 0f, weights, sOff);
            for (int i = 0; i < steps; i++) {
                softmaxRow(sOff + i * steps, causal ? i + 1 : steps);
            }
            Gemm.multiply(false, false, steps, headDim, steps, 1f, weights, sOff, qkv[2], off, 0f, contextHeads, off);
        }
        context = RecurrentLayer.reuse(context, n * dim);
        fromHeads(contextHeads, context);
        float[] y = new float[n * dim];
        Gemm.multiply(false, true, n, dim, dim, 1f, context, 0, w[3].value(), 0, 0f, y, 0);
        return y;
    }

    /**
     * Softmax of {@code scale · weights[at, at + allowed)}, zeros after; written to both kept forms.
     * The scaled scores are kept in {@code probabilities} between the passes, and the normalization
     * multiplies by {@code 1/Σ} (within one double rounding of the quotient, far below float's).
     */
    private void softmaxRow(int at, int allowed) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < allowed; j++) {
            double z = scale * weights[at + j];
            probabilities[at + j] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int j = 0; j < allowed; j++) {
            double e = Math.exp(probabilities[at + j] - max);
            probabilities[at + j] = e;
            sum += e;
        }
        double inverse = 1 / sum;
        for (int j = 0; j < allowed; j++) {
            double p = probabilities[at + j] * inverse;
            probabilities[at + j] = p;
            weights[at + j] = (float) p;
        }
        for (int j = allowed; j < steps; j++) {
            probabilities[at + j] = 0;
            weights[at + j] = 0f;
        }
    }

    /** {@code dX [B·T, d]} for {@code g = dL/dY [B·T, d]}; adds the four weight gradients. */
    float[] backward(float[] g) {
        int n = batch * steps;
        int tt = steps * steps;
        int block = steps * headDim;
        Gemm.multiply(true, false, dim, dim, n, 1f, g, 0, context, 0, 1f, w[3].grad(), 0);
        Gemm.multiply(false, false, n, dim, dim, 1f, g, 0, w[3].value(), 0, 0f, rows, 0);
        dContext = RecurrentLayer.reuse(dContext, n * dim);
        toHeads(rows, dContext);
        for (int p = 0; p < 3; p++) {
            grads[p] = RecurrentLayer.reuse(grads[p], n * dim);
        }
        dA = RecurrentLayer.reuse(dA, tt);
        dS = RecurrentLayer.reuse(dS, tt);
        for (int bn = 0; bn < batch * heads; bn++) {
            int off = bn * block;
            int sOff = bn * tt;
            Gemm.multiply(false, true, steps, steps, headDim, 1f, dContext, off, qkv[2], off, 0f, dA, 0);
            Gemm.multiply(true, false, steps, headDim, steps, 1f, weights, sOff, dContext, off, 0f, grads[2], off);
            for (int i = 0; i < steps; i++) {
                int at = sOff + i * steps;
                double weighted = 0;
                for (int j = 0; j < steps; j++) {
                    weighted += probabilities[at + j] * dA[i * steps + j];
                }
                for (int j = 0; j < steps; j++) {
                    dS[i * steps + j] = (float) (scale * probabilities[at + j] * (dA[i * steps + j] - weighted));
                }
            }
            Gemm.multiply(false, false, steps, headDim, steps, 1f, dS, 0, qkv[1], off, 0f, grads[0], off);
            Gemm.multiply(true, false, steps, headDim, steps, 1f, dS, 0, qkv[0], off, 0f, grads[1], off);
        }
        float[] dx = new float[n * dim];
        for (int p = 0; p < 3; p++) {
            fromHeads(grads[p], rows);
            Gemm.multiply(true, false, dim, dim, n, 1f, rows, 0, x, 0, 1f, w[p].grad(), 0);
            Gemm.multiply(false, false, n, dim, dim, 1f, rows, 0, w[p].value(), 0, p == 0 ? 0f : 1f, dx, 0);
        }
        return dx;
    }

    /** {@code [B·T, d]} to head-major {@code [B, h, T, d_h]}. */
    private void toHeads(float[] from, float[] to) {
        moveHeads(from, to, true);
    }

    /** Head-major {@code [B, h, T, d_h]} to {@code [B·T, d]}. */
    private void fromHeads(float[] from, float[] to) {
        moveHeads(from, to, false);
    }

    private void moveHeads(float[] from, float[] to, boolean toHeads) {
        if (heads == 1) {
            System.arraycopy(from, 0, to, 0, batch * steps * dim);
            return;
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int n = 0; n < heads; n++) {
                    int row = (b * steps + t) * dim + n * headDim;
                    int head = ((b * heads + n) * steps + t) * headDim;
                    if (toHeads) {
                        System.arraycopy(from, row, to, head, headDim);
                    } else {
                        System.arraycopy(from, head, to, row, headDim);
                    }
                }
            }
        }
    }
}
