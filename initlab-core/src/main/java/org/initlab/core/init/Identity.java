package org.initlab.core.init;

/**
 * Law: {@code W[i][j] = gain} if {@code i == j}, else 0, for a rank-2 tensor of any
 * rectangular shape.
 *
 * <p>Preserves the input exactly in linear layers with as many outputs as inputs; the
 * initialization of IRNN recurrent weights (Le, Jaitly and Hinton 2015, "A Simple Way to
 * Initialize Recurrent Networks of Rectified Linear Units"). Equivalents: PyTorch {@code eye_}
 * (no gain), Keras {@code Identity(gain)}, JAX none, DL4J {@code IDENTITY} (square only; it
 * also fills the center taps of odd conv kernels, which is {@link Dirac} here).
 *
 * @param gain the diagonal value
 */
public record Identity(double gain) implements Initializer {
    /** Validates a finite gain. */
    public Identity {
        Fill.requireFinite("identity", "gain", gain);
        Fill.requireFloat32("identity", "|gain|", Math.abs(gain), "gain=" + gain);
    }

    /** Gain 1. */
    public Identity() {
        this(1);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        int cols = cols(target);
        float g = (float) gain;
        for (long idx = from; idx < to; idx++) {
            dst[off + (int) (idx - from)] = idx / cols == idx % cols ? g : 0f;
        }
    }

    @Override
    public Expectation expectation(Target target) {
        int cols = cols(target);
        int rows = target.shape().dim(0);
        return Expectation.sparseConstant(target.size(), Math.min(rows, cols), (float) gain);
    }

    private static int cols(Target target) {
        if (target.shape().rank() != 2) {
            throw new IllegalArgumentException("identity needs a rank-2 tensor, got shape " + target.shape()
                    + "; for convolution kernels use dirac");
        }
        return target.shape().dim(1);
    }
}
