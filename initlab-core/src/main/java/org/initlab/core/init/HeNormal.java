package org.initlab.core.init;

/**
 * Law: {@code W ~ N(0, σ²)}, {@code σ = gain / sqrt(fan)}, fan = fan_in by default =
 * {@code variance_scaling(gain², mode, normal)}, gain = sqrt 2 for ReLU; with
 * {@code truncated=true}, the Keras/JAX truncated normal of the same variance.
 *
 * <p>Paper: K. He, X. Zhang, S. Ren and J. Sun (2015), "Delving Deep into Rectifiers". Use with
 * ReLU-family activations; keeps the forward variance of a deep ReLU net constant where
 * Glorot/LeCun halve it every layer. Equivalents: PyTorch
 * {@code kaiming_normal_(a, mode, nonlinearity)} (untruncated: the default here), Keras/JAX
 * {@code he_normal} (truncated at ±2σ', σ' = σ/0.8796: {@code he_normal(truncated=true)}), DL4J
 * {@code RELU} (untruncated), DJL's default weight init {@code XavierInitializer(GAUSSIAN, IN, 2)}.
 *
 * @param mode fan_in (forward variance) or fan_out (backward variance)
 * @param nonlinearity activation whose gain is used: relu, leaky_relu, tanh, ..., gelu, silu
 * @param negativeSlope the leaky ReLU slope (used with nonlinearity=leaky_relu)
 * @param gain a free gain that overrides the nonlinearity (NaN: not given)
 * @param truncated draw from the truncated normal as Keras and JAX do
 */
public record HeNormal(Mode mode, String nonlinearity, double negativeSlope, double gain, boolean truncated)
        implements VarianceScalingPreset {
    /** Validates the parameters and the nonlinearity name. */
    public HeNormal {
        HeGain.of("he_normal", nonlinearity, negativeSlope, gain);
    }

    /** fan_in, relu, untruncated. */
    public HeNormal() {
        this(Mode.FAN_IN, "relu", 0, Double.NaN, false);
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        double g = HeGain.of("he_normal", nonlinearity, negativeSlope, gain);
        return new VarianceScaling(g * g, mode, VarianceScalingPreset.normal(truncated));
    }
}
