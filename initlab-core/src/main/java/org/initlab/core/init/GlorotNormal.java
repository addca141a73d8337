package org.initlab.core.init;

/**
 * Law: {@code W ~ N(0, σ²)}, {@code σ = gain · sqrt(2 / (fan_in + fan_out))} =
 * {@code variance_scaling(gain², fan_avg, normal)}; with {@code truncated=true}, Keras/JAX's
 * truncated normal at ±2σ' with σ' = σ / 0.8796 (same variance).
 *
 * <p>Paper: X. Glorot and Y. Bengio (2010), "Understanding the difficulty of training deep
 * feedforward neural networks". Use with tanh/sigmoid. Equivalents: PyTorch
 * {@code xavier_normal_(gain)} (untruncated: the default here), Keras/JAX {@code glorot_normal}
 * (truncated: {@code glorot_normal(truncated=true)}), DL4J {@code XAVIER} (untruncated), DJL
 * {@code XavierInitializer(GAUSSIAN, AVG, 1)} (its std is sqrt(magnitude / fan_avg)).
 *
 * @param gain multiplies σ
 * @param truncated draw from the truncated normal as Keras and JAX do
 */
public record GlorotNormal(double gain, boolean truncated) implements VarianceScalingPreset {
    /** Validates gain &gt; 0. */
    public GlorotNormal {
        Fill.requirePositive("glorot_normal", "gain", gain);
    }

    /** Gain 1, untruncated (PyTorch). */
    public GlorotNormal() {
        this(1, false);
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(gain * gain, Mode.FAN_AVG, VarianceScalingPreset.normal(truncated));
    }
}
