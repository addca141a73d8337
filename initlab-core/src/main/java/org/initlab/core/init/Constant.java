package org.initlab.core.init;

import java.util.Arrays;

/**
 * Law: {@code W = value}.
 *
 * <p>Use for biases that must start away from zero (e.g. the LSTM forget-gate bias 1 of Jozefowicz,
 * Zaremba and Sutskever 2015, or a small positive bias before ReLU). As a weight it
 * never breaks symmetry. Equivalents: PyTorch {@code constant_(val)}, Keras {@code Constant(value)},
 * JAX {@code constant(value)}, DL4J {@code WeightInitConstant}, DJL {@code ConstantInitializer}.
 *
 * @param value the value every element takes (finite)
 */
public record Constant(double value) implements Initializer {
    /** Rejects non-finite values. */
    public Constant {
        Fill.requireFinite("constant", "value", value);
    }

    /** {@code constant(0)}. */
    public Constant() {
        this(0);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Arrays.fill(dst, off, off + (int) (to - from), (float) value);
    }

    @Override
    public Expectation expectation(Target target) {
        return Expectation.constant((float) value);
    }
}
