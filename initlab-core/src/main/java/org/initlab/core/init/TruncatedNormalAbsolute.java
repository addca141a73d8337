package org.initlab.core.init;

import org.initlab.core.random.Samplers;

/**
 * Law: {@code W ~ N(mean, std²)} conditioned on {@code a <= W <= b}, with absolute bounds
 * (PyTorch's {@code trunc_normal_(tensor, mean=0, std=1, a=-2, b=2)}, hence the alias
 * {@code trunc_normal}).
 *
 * <p>Beware the classic mistake: {@code trunc_normal_(std=0.02)} keeps the default bounds ±2,
 * which are 100 std away, so nothing is truncated. For bounds relative to std use
 * {@link TruncatedNormal}. Sampled exactly as {@link TruncatedNormal} with bounds
 * {@code (a - mean)/std}, {@code (b - mean)/std}; unlike PyTorch's float implementation it never
 * puts values on or outside the bounds in bulk at small std.
 *
 * @param mean the parent normal's mean
 * @param std the parent normal's standard deviation, {@code > 0}
 * @param a absolute lower bound
 * @param b absolute upper bound, greater than a
 */
public record TruncatedNormalAbsolute(double mean, double std, double a, double b) implements Initializer {
    /** Validates the parameters. */
    public TruncatedNormalAbsolute {
        Fill.requireFinite("truncated_normal_absolute", "mean", mean);
        Fill.requirePositive("truncated_normal_absolute", "std", std);
        Fill.requireFinite("truncated_normal_absolute", "a", a);
        Fill.requireFinite("truncated_normal_absolute", "b", b);
        if (!(a < b)) {
            throw new IllegalArgumentException("truncated_normal_absolute: a must be < b, got a=" + a + ", b=" + b);
        }
        Fill.requireFloat32(
                "truncated_normal_absolute",
                "max(|a|, |b|)",
                Math.max(Math.abs(a), Math.abs(b)),
                "a=" + a + ", b=" + b);
    }

    /** PyTorch's defaults: {@code trunc_normal_(mean=0, std=1, a=-2, b=2)}. */
    public TruncatedNormalAbsolute() {
        this(0, 1, -2, 2);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Samplers.truncatedNormal(target.stream(), from, to, mean, std, (a - mean) / std, (b - mean) / std, dst, off);
    }

    @Override
    public Expectation expectation(Target target) {
        return TruncatedNormal.truncatedExpectation(mean, std, (a - mean) / std, (b - mean) / std);
    }
}
