package org.initlab.core.init;

import java.util.Arrays;

/**
 * Law: {@code W = 1}.
 *
 * <p>Use for the scale (gamma) of normalization layers. As a weight it has the symmetry problem
 * of {@link Zeros}. Equivalents: PyTorch {@code ones_}, Keras/JAX {@code ones}, DL4J
 * {@code WeightInit.ONES}, DJL {@code Initializer.ONES}.
 */
public record Ones() implements Initializer {
    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Arrays.fill(dst, off, off + (int) (to - from), 1f);
    }

    @Override
    public Expectation expectation(Target target) {
        return Expectation.constant(1);
    }
}
