package org.initlab.nn;

import java.util.Arrays;

/**
 * The geometry of a window sliding over the two spatial axes of an NCHW tensor, shared by
 * {@link Conv2D}, {@link MaxPool2D} and {@link AvgPool2D}: a {@code kernelH × kernelW} window moved
 * by {@code stride} along both axes over the input padded by {@code padding} zeros on every side.
 *
 * <p>Output size along an axis of input size {@code n} and kernel {@code k}:
 * {@code floor((n + 2·padding - k) / stride) + 1}; output position {@code o} reads input
 * positions {@code o·stride - padding + t} for taps {@code t = 0 .. k-1}.
 *
 * @param layer what the window belongs to, for error messages ({@code "conv2d 0.weight"})
 * @param kernelH window height
 * @param kernelW window width
 * @param stride step along both axes
 * @param padding zeros added on each side of both axes
 */
record Window2D(String layer, int kernelH, int kernelW, int stride, int padding) {

    Window2D {
        if (kernelH < 1 || kernelW < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(layer + " needs kernel >= 1, stride >= 1 and padding >= 0, got kernel "
                    + kernelH + "x" + kernelW + ", stride " + stride + ", padding " + padding);
        }
    }

    /** Output size along an axis of input size {@code size} and kernel {@code kernel}. */
    int outputSize(int size, int kernel) {
        return Math.floorDiv(size + 2 * padding - kernel, stride) + 1;
    }

    /**
     * One example's output shape {@code [C', H', W']} for input {@code [C, H, W]} (no batch axis):
     * {@code C' = outChannels}, or {@code C} when {@code outChannels} is 0; {@link Layer#UNKNOWN}
     * where the input's size is unknown (or {@code in} is null) or the window does not fit.
     */
    int[] exampleShape(int[] in, int outChannels) {
        if (in != null && in.length != 3) {
            return null;
        }
        int channels = outChannels > 0 ? outChannels : in == null ? Layer.UNKNOWN : in[0];
        return new int[] {channels, exampleSize(in, 1, kernelH), exampleSize(in, 2, kernelW)};
    }

    private int exampleSize(int[] in, int axis, int kernel) {
        if (in == null || in[axis] == Layer.UNKNOWN || in[axis] + 2 * padding < kernel) {
            return Layer.UNKNOWN;
        }
        return outputSize(in[axis], kernel);
    }

    /**
     * Checks that {@code x} is {@code [batch, channels, H, W]} with the expected channel count and
     * room for at least one window.
     *
     * @return the output shape {@code [batch, outChannels, H_out, W_out]}
     */
    int[] outputShape(Tensor x, int channels, int outChannels) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException(layer + " expects an NCHW input [batch, " + channels
                    + ", H, W], got shape " + Arrays.toString(s) + " (rank " + s.length + ")");
        }
        if (channels > 0 && s[1] != channels) {
            throw new IllegalArgumentException(layer + " expects " + channels + " input channels, got " + s[1]
                    + " (input shape " + Arrays.toString(s) + ")");
        }
        if (s[2] + 2 * padding < kernelH || s[3] + 2 * padding < kernelW) {
            throw new IllegalArgumentException(layer + ": input " + s[2] + "x" + s[3] + " with padding " + padding
                    + " is smaller than the kernel " + kernelH + "x" + kernelW);
        }
        return new int[] {
            s[0], outChannels > 0 ? outChannels : s[1], outputSize(s[2], kernelH), outputSize(s[3], kernelW)
        };
    }
}
