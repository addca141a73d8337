package org.initlab.core.init;

import org.initlab.core.random.Samplers;

/**
 * Law: {@code W ~ N(mean, std²)}, not truncated.
 *
 * <p>Defaults are PyTorch's {@code normal_(mean=0, std=1)}. Keras {@code RandomNormal} defaults to
 * std 0.05 and JAX {@code normal(stddev=0.01)}. The classic "small random numbers"
 * {@code normal(std=0.01)} makes deep nets vanish; DCGAN uses {@code normal(std=0.02)}. Each element
 * is the normal quantile of its own stream word (inverse transform), so any slice can be drawn
 * alone.
 *
 * @param mean the mean
 * @param std the standard deviation, {@code > 0}
 */
public record Normal(double mean, double std) implements Initializer {
    /** Validates finite mean and positive finite std. */
    public Normal {
        Fill.requireFinite("normal", "mean", mean);
        Fill.requirePositive("normal", "std", std);
        Fill.requireNormalFloat32("normal", mean, std);
    }

    /** {@code normal(0, 1)}. */
    public Normal() {
        this(0, 1);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Samplers.normal(target.stream(), from, to, mean, std, dst, off);
    }

    @Override
    public Expectation expectation(Target target) {
        return Expectation.unbounded(mean, std);
    }
}
