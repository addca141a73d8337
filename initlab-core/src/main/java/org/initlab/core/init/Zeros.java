package org.initlab.core.init;

import java.util.Arrays;

/**
 * Law: {@code W = 0}.
 *
 * <p>Use for biases and for the last layer of a residual branch (Fixup, SkipInit). Never for the
 * weights of a hidden layer: every unit computes the same function and receives the same
 * gradient, so symmetry is never broken. Equivalents: PyTorch {@code zeros_}, Keras/JAX
 * {@code zeros}, DL4J {@code WeightInit.ZERO}, DJL {@code Initializer.ZEROS}.
 */
public record Zeros() implements Initializer {
    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Arrays.fill(dst, off, off + (int) (to - from), 0f);
    }

    @Override
    public Expectation expectation(Target target) {
        return Expectation.constant(0);
    }
}
