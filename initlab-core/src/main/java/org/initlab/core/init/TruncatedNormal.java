package org.initlab.core.init;

import org.initlab.core.random.Samplers;
import org.initlab.core.random.TruncatedNormalMoments;

/**
 * Law: {@code W ~ N(mean, std²)} conditioned on {@code mean + low·std <= W <= mean + high·std};
 * the bounds are in units of std (Keras/JAX convention, default ±2 std).
 *
 * <p>Note that {@code std} is the parent normal's: the truncated law's own standard deviation is
 * smaller (0.8796 std for ±2). Keras {@code TruncatedNormal(mean, stddev)} and JAX
 * {@code truncated_normal(stddev, lower=-2, upper=2)} are this law. PyTorch's {@code trunc_normal_}
 * takes absolute bounds instead: that is {@link TruncatedNormalAbsolute}. Drawn by inverse
 * transform on the side of the law that avoids cancellation, so there are no outliers and no
 * pile-up at the bounds even for std = 1e-3 or bounds far in a tail (PyTorch issues 155588,
 * 145498).
 *
 * @param mean the parent normal's mean
 * @param std the parent normal's standard deviation, {@code > 0}
 * @param low lower bound in units of std
 * @param high upper bound in units of std, greater than low
 */
public record TruncatedNormal(double mean, double std, double low, double high) implements Initializer {
    /** Validates the parameters. */
    public TruncatedNormal {
        Fill.requireFinite("truncated_normal", "mean", mean);
        Fill.requirePositive("truncated_normal", "std", std);
        Fill.requireFinite("truncated_normal", "low", low);
        Fill.requireFinite("truncated_normal", "high", high);
        if (!(low < high)) {
            throw new IllegalArgumentException(
                    "truncated_normal: low must be < high (in units of std), got low=" + low + ", high=" + high);
        }
        Fill.requireFloat32(
                "truncated_normal",
                "|mean| + max(|low|, |high|)·std",
                Math.abs(mean) + Math.max(Math.abs(low), Math.abs(high)) * std,
                "mean=" + mean + ", std=" + std + ", low=" + low + ", high=" + high);
    }

    /** {@code truncated_normal(0, 1, -2, 2)}. */
    public TruncatedNormal() {
        this(0, 1, -2, 2);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Samplers.truncatedNormal(target.stream(), from, to, mean, std, low, high, dst, off);
    }

    @Override
    public Expectation expectation(Target target) {
        return truncatedExpectation(mean, std, low, high);
    }

    /** Mean, std and bounds of N(mean, std²) truncated to [mean + a·std, mean + b·std]. */
    static Expectation truncatedExpectation(double mean, double std, double a, double b) {
        TruncatedNormalMoments m = TruncatedNormalMoments.of(mean, std, a, b);
        return new Expectation(m.mean(), m.std(), mean + a * std, mean + b * std);
    }
}
