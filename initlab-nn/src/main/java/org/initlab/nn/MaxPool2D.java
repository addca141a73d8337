package org.initlab.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Max pooling over NCHW input {@code x [N, C, H, W]} with a square {@code k × k} window moved by
 * {@code s}, no padding: {@code y [N, C, H_out, W_out]}, {@code H_out = floor((H - k)/s) + 1}
 * (likewise {@code W_out}), and
 * <pre>
 *   y[n,c,i,j] = max_{u,v &lt; k} x[n, c, i·s + u, j·s + v]
 * </pre>
 * A NaN in a window makes its output NaN (the first NaN in row-major order is the maximum), as in
 * PyTorch, so divergence is not hidden.
 *
 * <p>Backward: each output's gradient goes to the input element that was its maximum; on ties, to
 * the first maximal element in row-major window order (as PyTorch does). With overlapping windows
 * ({@code s < k}) an input element collects the gradients of every window it won.
 *
 * <p>Allocation: forward allocates the output and an {@code int} index of each output's maximum
 * (kept for backward); backward allocates the input gradient. No parameters.
 */
public final class MaxPool2D implements Layer {
    private final Window2D window;
    private int[] argmax;
    private int[] inputShape;
    private int[] outputShape;

    /**
     * @param kernel window side {@code k}
     * @param stride step {@code s} along both spatial axes (PyTorch's default is {@code k})
     */
    public MaxPool2D(int kernel, int stride) {
        this.window = new Window2D("max_pool2d", kernel, kernel, stride, 0);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] out = window.outputShape(x, 0, 0);
        int h = x.shape()[2];
        int w = x.shape()[3];
        int k = window.kernelH();
        int s = window.stride();
        float[] in = x.data();
        float[] y = new float[out[0] * out[1] * out[2] * out[3]];
        argmax = new int[y.length];
        int o = 0;
        for (int plane = 0; plane < out[0] * out[1]; plane++) {
            int base = plane * h * w;
            for (int i = 0; i < out[2]; i++) {
                for (int j = 0; j < out[3]; j++) {
                    int best = base + i * s * w + j * s;
                    for (int u = 0; u < k; u++) {
                        for (int v = 0; v < k; v++) {
                            int at = base + (i * s + u) * w + j * s + v;
                            if (in[at] > in[best] || (Float.isNaN(in[at]) && !Float.isNaN(in[best]))) {
                                best = at;
                            }
                        }
                    }
                    argmax[o] = best;
                    y[o++] = in[best];
                }
            }
        }
        inputShape = x.shape();
        outputShape = out;
        return new Tensor(y, out);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (!Arrays.equals(g.shape(), outputShape)) {
            throw new IllegalArgumentException("max_pool2d: output gradient has shape " + Arrays.toString(g.shape())
                    + ", the last forward produced " + Arrays.toString(outputShape));
        }
        float[] gd = g.data();
        float[] dx = new float[inputShape[0] * inputShape[1] * inputShape[2] * inputShape[3]];
        for (int o = 0; o < gd.length; o++) {
            dx[argmax[o]] += gd[o];
        }
        return new Tensor(dx, inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "max_pool2d";
    }

    /** {@code [C, H, W] → [C, H', W']}, {@code H' = floor((H - k)/stride) + 1}. */
    @Override
    public int[] outputShape(int[] in) {
        return window.exampleShape(in, 0);
    }
}
