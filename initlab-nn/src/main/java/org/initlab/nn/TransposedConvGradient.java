package org.initlab.nn;

/**
 * The input gradient of a {@link Conv2D} with stride 1, a square {@code k × k} kernel and padding
 * {@code p <= k - 1}, computed as a convolution of the output gradient {@code G}: with the kernel
 * flipped and its channel axes swapped, {@code Wf[c, o, u, v] = W[o, c, k-1-u, k-1-v]}, and
 * padding {@code k-1-p},
 * <pre>
 *   dx[n, c, y, x] = Σ_{o,u,v} Wf[c, o, u, v] · G[n, o, y - (k-1-p) + u, x - (k-1-p) + v]
 * </pre>
 * (within a group), the same sum as col2im of {@code Wᵀ·G} in another order. Per chunk of
 * examples and group: {@code colG} gathers the patches of {@code G} ({@code (C_out/g)·k²} rows,
 * {@link Im2Col}), one product {@code Wf_q · colG} gives {@code [C_in/g, E·H·W]}, copied into
 * {@code dx}. Against col2im, the patches are copies where col2im adds (a third of the step's
 * Java time in the deeper CNN of the benchmarks went to col2im's additions), and the product's
 * inner size is {@code (C_out/g)·k²} instead of {@code C_out/g}. Chunks follow
 * {@link Conv2D#examplesPerProduct}; results do not depend on the thread count.
 *
 * <p>Keeps between calls (grown, never shrunk): the flipped kernel, the patch buffer and the
 * product buffer.
 */
final class TransposedConvGradient {
    private final int inChannels;
    private final int outChannels;
    private final int groups;
    private final int kernel;
    private final Im2Col patches;
    private float[] flipped;
    private float[] col;
    private float[] product;

    private TransposedConvGradient(int inChannels, int outChannels, int groups, Window2D window) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.kernel = window.kernelH();
        this.patches = new Im2Col(
                outChannels, groups, new Window2D(window.layer(), kernel, kernel, 1, kernel - 1 - window.padding()));
    }

    /** For a convolution of {@code window}, or null where this does not apply (stride above 1, a kernel that is not square, padding above {@code k - 1}). */
    static TransposedConvGradient of(int inChannels, int outChannels, int groups, Window2D window) {
        boolean applies = window.stride() == 1
                && window.kernelH() == window.kernelW()
                && window.padding() <= window.kernelH() - 1;
        return applies ? new TransposedConvGradient(inChannels, outChannels, groups, window) : null;
    }

    /**
     * Writes {@code dx} ({@code [N, C_in, H, W]}, every element) for the output gradient
     * {@code gd} of shape {@code outputShape}, the layer's weight {@code [C_out, C_in/g, k, k]}
     * and its last input's shape.
     */
    void inputGradient(float[] weight, float[] gd, int[] outputShape, int[] inputShape, float[] dx) {
        int batch = outputShape[0];
        int outH = outputShape[2];
        int outW = outputShape[3];
        int h = inputShape[2];
        int w = inputShape[3];
        int positions = h * w;
        int inPerGroup = inChannels / groups;
        int taps = patches.taps();
        int chunk = Conv2D.examplesPerProduct(batch, taps, positions);
        col = Conv2D.scratch(col, taps * chunk * positions);
        product = Conv2D.scratch(product, inPerGroup * chunk * positions);
        float[] wf = flippedKernel(weight);
        for (int q = 0; q < groups; q++) {
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int examples = Math.min(chunk, batch - n0);
                int cols = examples * positions;
                int first = n0;
                int group = q;
                patches.gatherChunk(gd, outH, outW, first, examples, group, h, w, col);
                Gemm.multiply(
                        false, false, inPerGroup, cols, taps, 1f, wf, q * inPerGroup * taps, col, 0, 0f, product, 0);
                Parallel.forPairs(examples, inPerGroup, positions, (e, from, to) -> {
                    int base = ((first + e) * inChannels + group * inPerGroup) * positions;
                    for (int c = from; c < to; c++) {
                        System.arraycopy(product, c * cols + e * positions, dx, base + c * positions, positions);
                    }
                });
            }
        }
    }

    /**
     * {@code Wf [C_in, (C_out/g)·kH·kW]}: row {@code q·C_in/g + c} holds group {@code q}'s
     * {@code W[q·C_out/g + o, c, kH-1-u, kW-1-v]} at column {@code (o·kH + u)·kW + v}.
     */
    private float[] flippedKernel(float[] wv) {
        int kh = kernel;
        int kw = kernel;
        int inPerGroup = inChannels / groups;
        int outPerGroup = outChannels / groups;
        int area = kh * kw;
        flipped = Conv2D.scratch(flipped, wv.length);
        float[] f = flipped;
        for (int q = 0; q < groups; q++) {
            for (int c = 0; c < inPerGroup; c++) {
                int row = (q * inPerGroup + c) * outPerGroup * area;
                for (int o = 0; o < outPerGroup; o++) {
                    int src = ((q * outPerGroup + o) * inPerGroup + c) * area;
                    for (int t = 0; t < area; t++) {
                        f[row + o * area + t] = wv[src + area - 1 - t];
                    }
                }
            }
        }
        return f;
    }
}
