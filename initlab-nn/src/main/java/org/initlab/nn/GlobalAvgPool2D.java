package org.initlab.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Global average pooling over NCHW input {@code x [N, C, H, W]}: each channel's plane is replaced
 * by its mean, {@code y [N, C, 1, 1]} with
 * <pre>
 *   y[n,c,0,0] = (1/(H·W)) Σ_{i,j} x[n,c,i,j]
 * </pre>
 * Backward: {@code dx[n,c,i,j] = g[n,c,0,0] / (H·W)}. The output keeps PyTorch's
 * {@code AdaptiveAvgPool2d(1)} and ONNX's {@code GlobalAveragePool} shape, so a {@link Flatten}
 * usually follows.
 *
 * <p>Allocation: forward allocates the output (sums in double) and keeps the input's shape;
 * backward allocates the input gradient. No parameters.
 */
public final class GlobalAvgPool2D implements Layer {
    private int[] inputShape;

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length != 4 || s[2] < 1 || s[3] < 1) {
            throw new IllegalArgumentException(
                    "global_avg_pool2d expects an NCHW input [batch, C, H, W], got shape " + Arrays.toString(s));
        }
        inputShape = s;
        int planes = s[0] * s[1];
        int area = s[2] * s[3];
        float[] in = x.data();
        float[] y = new float[planes];
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            for (int i = 0; i < area; i++) {
                sum += in[p * area + i];
            }
            y[p] = (float) (sum / area);
        }
        return new Tensor(y, s[0], s[1], 1, 1);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (inputShape == null) {
            throw new IllegalStateException("global_avg_pool2d: backward before forward");
        }
        int planes = inputShape[0] * inputShape[1];
        if (g.size() != planes) {
            throw new IllegalArgumentException("global_avg_pool2d: output gradient " + g + " does not match the last"
                    + " forward's output [" + inputShape[0] + ", " + inputShape[1] + ", 1, 1]");
        }
        int area = inputShape[2] * inputShape[3];
        float[] gd = g.data();
        float[] dx = new float[planes * area];
        for (int p = 0; p < planes; p++) {
            float share = (float) ((double) gd[p] / area);
            Arrays.fill(dx, p * area, (p + 1) * area, share);
        }
        return new Tensor(dx, inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "global_avg_pool2d";
    }

    /** {@code [C, H, W] → [C]}. */
    @Override
    public int[] outputShape(int[] in) {
        return new int[] {in == null ? UNKNOWN : in[0]};
    }
}
