package org.initlab.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Average pooling over NCHW input {@code x [N, C, H, W]} with a square {@code k × k} window moved by
 * {@code s}, no padding: {@code y [N, C, H_out, W_out]}, {@code H_out = floor((H - k)/s) + 1}
 * (likewise {@code W_out}), and
 * <pre>
 *   y[n,c,i,j] = (1/k²) Σ_{u,v &lt; k} x[n, c, i·s + u, j·s + v]
 * </pre>
 * Backward: {@code dx[n,c,i·s+u,j·s+v] += g[n,c,i,j] / k²} for every window, so elements shared by
 * overlapping windows ({@code s < k}) collect from each; elements no window covers get zero.
 *
 * <p>Allocation: forward allocates the output (sums in double) and keeps only the input's shape;
 * backward allocates the input gradient. No parameters.
 */
public final class AvgPool2D implements Layer {
    private final Window2D window;
    private int[] inputShape;
    private int[] outputShape;

    /**
     * @param kernel window side {@code k}
     * @param stride step {@code s} along both spatial axes (PyTorch's default is {@code k})
     */
    public AvgPool2D(int kernel, int stride) {
        this.window = new Window2D("avg_pool2d", kernel, kernel, stride, 0);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] out = window.outputShape(x, 0, 0);
        int h = x.shape()[2];
        int w = x.shape()[3];
        int k = window.kernelH();
        int s = window.stride();
        double area = (double) k * k;
        float[] in = x.data();
        float[] y = new float[out[0] * out[1] * out[2] * out[3]];
        int o = 0;
        for (int plane = 0; plane < out[0] * out[1]; plane++) {
            int base = plane * h * w;
            for (int i = 0; i < out[2]; i++) {
                for (int j = 0; j < out[3]; j++) {
                    double sum = 0;
                    for (int u = 0; u < k; u++) {
                        for (int v = 0; v < k; v++) {
                            sum += in[base + (i * s + u) * w + j * s + v];
                        }
                    }
                    y[o++] = (float) (sum / area);
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
            throw new IllegalArgumentException("avg_pool2d: output gradient has shape " + Arrays.toString(g.shape())
                    + ", the last forward produced " + Arrays.toString(outputShape));
        }
        int h = inputShape[2];
        int w = inputShape[3];
        int k = window.kernelH();
        int s = window.stride();
        float[] gd = g.data();
        float[] dx = new float[inputShape[0] * inputShape[1] * h * w];
        int o = 0;
        for (int plane = 0; plane < outputShape[0] * outputShape[1]; plane++) {
            int base = plane * h * w;
            for (int i = 0; i < outputShape[2]; i++) {
                for (int j = 0; j < outputShape[3]; j++) {
                    float share = (float) (gd[o++] / ((double) k * k));
                    for (int u = 0; u < k; u++) {
                        for (int v = 0; v < k; v++) {
                            dx[base + (i * s + u) * w + j * s + v] += share;
                        }
                    }
                }
            }
        }
        return new Tensor(dx, inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "avg_pool2d";
    }

    /** {@code [C, H, W] → [C, H', W']}, {@code H' = floor((H - k)/stride) + 1}. */
    @Override
    public int[] outputShape(int[] in) {
        return window.exampleShape(in, 0);
    }
}
