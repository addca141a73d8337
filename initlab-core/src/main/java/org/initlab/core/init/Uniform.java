package org.initlab.core.init;

import org.initlab.core.random.Samplers;

/**
 * Law: {@code W ~ U(low, high)}, every value in {@code [low, high)}; mean {@code (low+high)/2},
 * std {@code (high-low)/sqrt(12)}.
 *
 * <p>Defaults are PyTorch's {@code uniform_(a=0, b=1)}. Keras {@code RandomUniform} defaults to
 * (-0.05, 0.05) and JAX {@code uniform(scale=0.01)} to [0, 0.01); DL4J's {@code UNIFORM} is the
 * fan-scaled U(±1/sqrt(fan_in)), which here is {@code uniform(low=-a, high=a)} or
 * {@link TorchDefault}. Each element takes the top 24 bits of its stream word.
 *
 * @param low lower bound (inclusive)
 * @param high upper bound (exclusive), greater than low
 */
public record Uniform(double low, double high) implements Initializer {
    /** Validates {@code low < high}, both finite. */
    public Uniform {
        Fill.requireFinite("uniform", "low", low);
        Fill.requireFinite("uniform", "high", high);
        if (!(low < high)) {
            throw new IllegalArgumentException("uniform: low must be < high, got low=" + low + ", high=" + high);
        }
        Fill.requireFloat32(
                "uniform",
                "max(|low|, |high|)",
                Math.max(Math.abs(low), Math.abs(high)),
                "low=" + low + ", high=" + high);
    }

    /** {@code uniform(0, 1)}. */
    public Uniform() {
        this(0, 1);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Samplers.uniform(target.stream(), from, to, (float) low, (float) high, dst, off);
    }

    @Override
    public Expectation expectation(Target target) {
        return Expectation.uniform(low, high);
    }
}
