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
        int[] argmax = new int[y.length];
        this.argmax = argmax;
        int perPlane = out[2] * out[3];
        Parallel.forRange(out[0] * out[1], (long) perPlane * k * k, (firstPlane, endPlane) -> {
            for (int plane = firstPlane; plane < endPlane; plane++) {
                int base = plane * h * w;
                int o = plane * perPlane;
                for (int i = 0; i < out[2]; i++) {
                    int rowStart = base + i * s * w;
                    for (int j = 0; j < out[3]; j++) {
                        int start = rowStart + j * s;
                        int best = start;
                        float bestValue = in[start];
                        for (int u = 0; u < k; u++) {
                            for (int at = start + u * w; at < start + u * w + k; at++) {
                                float v = in[at];
                                // larger, or the first NaN
                                if (v > bestValue || (Float.isNaN(v) && !Float.isNaN(bestValue))) {
                                    best = at;
                                    bestValue = v;
                                }
                            }
                        }
                        argmax[o] = best;
                        y[o++] = bestValue;
                    }
                }
            }
        });
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
        int perPlane = outputShape[2] * outputShape[3];
        // an output's maximum lies in its own plane, so planes are independent
        Parallel.forRange(outputShape[0] * outputShape[1], perPlane, (firstPlane, endPlane) -> {
            for (int o = firstPlane * perPlane; o < endPlane * perPlane; o++) {
                dx[argmax[o]] += gd[o];
            }
        });
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
