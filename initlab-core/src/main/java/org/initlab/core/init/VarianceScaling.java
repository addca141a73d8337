package org.initlab.core.init;

import org.initlab.core.random.Samplers;

/**
 * The one fan-based initializer: {@code Var(W) = scale / fan}, with {@code fan} chosen by
 * {@link Mode} and the law by {@link Distribution}:
 * <pre>
 *   uniform:           W ~ U(-l, l),  l = sqrt(3 · scale / fan)
 *   normal:            W ~ N(0, σ²),  σ = sqrt(scale / fan)
 *   truncated_normal:  W ~ N(0, σ²) truncated to ±2σ,  σ = sqrt(scale / fan) / 0.87962566103423978
 * </pre>
 * With {@code scale = gain²} this is every fan-based method: Glorot/Xavier (fan_avg, scale 1),
 * He/Kaiming (fan_in, scale 2), LeCun (fan_in, scale 1); those presets are thin records in
 * {@link VarianceScalingPreset}. No single paper: scale 1 with fan_in is LeCun et al. (1998),
 * scale 1 with fan_avg Glorot and Bengio (2010), scale 2 with fan_in He et al. (2015).
 *
 * <p>Equivalents: Keras {@code VarianceScaling(scale, mode, distribution)} (same law and the
 * defaults used here: scale 1, fan_in, truncated normal; beware that Keras's
 * {@code distribution="normal"} means truncated, while here {@code normal} is untruncated) and JAX
 * {@code variance_scaling(scale, mode, distribution)} (no defaults; {@code "normal"} untruncated;
 * {@code fan_geo_avg} in recent versions). DL4J's {@code VAR_SCALING_*} differ: the uniform ones
 * use the bound 3·scale/sqrt(fan), the normal ones truncate without the 0.8796 correction.
 * PyTorch has no general form.
 * Fans come from {@link org.initlab.core.shape.Fans}, which counts grouped and transposed
 * convolutions correctly.
 *
 * @param scale variance multiplier (gain²), {@code > 0}
 * @param mode which fan divides the variance
 * @param distribution the law's shape
 */
public record VarianceScaling(double scale, Mode mode, Distribution distribution) implements Initializer {

    /**
     * The standard deviation of a standard normal truncated to [-2, 2]:
     * {@code sqrt(1 - 4φ(2) / (2Φ(2) - 1))} = 0.87962566103423978. Dividing σ by it makes the
     * truncated law's variance equal the requested one (the constant Keras and JAX use).
     */
    public static final double TRUNCATED_STD_AT_TWO = 0.87962566103423978;

    /** Validates the parameters. */
    public VarianceScaling {
        Fill.requirePositive("variance_scaling", "scale", scale);
        // the widest law is the normal one, and the largest std that of fan 1: sqrt(scale)
        Fill.requireFloat32(
                "variance_scaling",
                "6.34·sqrt(scale) (a normal draw at fan 1)",
                Fill.NORMAL_Z_MAX * Math.sqrt(scale),
                "scale=" + scale);
        if (mode == null || distribution == null) {
            throw new IllegalArgumentException("variance_scaling: mode and distribution are required");
        }
    }

    /** Keras/JAX defaults: scale 1, fan_in, truncated normal. */
    public VarianceScaling() {
        this(1, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /** The variance {@code scale / fan} for this target. */
    public double variance(Target target) {
        return scale / mode.of(target.fans());
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        double variance = variance(target);
        switch (distribution) {
            case UNIFORM -> {
                double limit = Math.sqrt(3 * variance);
                Samplers.uniform(target.stream(), from, to, (float) -limit, (float) limit, dst, off);
            }
            case NORMAL -> Samplers.normal(target.stream(), from, to, 0, Math.sqrt(variance), dst, off);
            case TRUNCATED_NORMAL ->
                Samplers.truncatedNormal(
                        target.stream(), from, to, 0, Math.sqrt(variance) / TRUNCATED_STD_AT_TWO, -2, 2, dst, off);
        }
    }

    @Override
    public Expectation expectation(Target target) {
        double variance = variance(target);
        return switch (distribution) {
            case UNIFORM -> {
                float limit = (float) Math.sqrt(3 * variance);
                yield Expectation.uniform(-limit, limit);
            }
            case NORMAL -> Expectation.unbounded(0, Math.sqrt(variance));
            case TRUNCATED_NORMAL ->
                TruncatedNormal.truncatedExpectation(0, Math.sqrt(variance) / TRUNCATED_STD_AT_TWO, -2, 2);
        };
    }
}
