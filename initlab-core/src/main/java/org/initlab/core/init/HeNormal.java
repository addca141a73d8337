package org.initlab.core.init;

import org.initlab.core.gain.Activation;

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
 * <p>Why "no free gain" is {@code gain = NaN} rather than an optional type: a record's components
 * are its configuration, from which the registry's one binder derives the spec string
 * ({@code he_normal(gain=1.5)}), its JSON form and the defaults ({@code list}, {@code explain}) by
 * reflection over plain component types. An {@code OptionalDouble} or a sealed "given or not"
 * component would need its own case in that binder, in the renderer and in the JSON round trip,
 * for one optional number in two records ({@link HeUniform} has the same). NaN cannot be mistaken
 * for a gain (a given gain must be positive), the spec form leaves it out as the default, and callers
 * need not write it: {@link Initializers#heNormal()}, {@link #withGain}, {@link #forActivation} and
 * the no-argument constructor set it.
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

    /** The same law with fan_out (the backward pass's variance is kept). */
    public HeNormal fanOut() {
        return withMode(Mode.FAN_OUT);
    }

    /** The same law with {@code fan} for its fan. */
    public HeNormal withMode(Mode fan) {
        return new HeNormal(fan, nonlinearity, negativeSlope, gain, truncated);
    }

    /**
     * The gain of {@code activation} (PyTorch's {@code calculate_gain} where it knows the name,
     * else the variance-preserving gain), with the leaky slope where it applies.
     */
    public HeNormal forActivation(Activation activation, double negativeSlope) {
        return new HeNormal(mode, activation.specName(), negativeSlope, Double.NaN, truncated);
    }

    /** The gain of {@code activation} (leaky ReLU: slope 0.01, PyTorch's default). */
    public HeNormal forActivation(Activation activation) {
        return forActivation(activation, activation == Activation.LEAKY_RELU ? 0.01 : 0);
    }

    /** A free gain instead of the activation's. */
    public HeNormal withGain(double freeGain) {
        return new HeNormal(mode, nonlinearity, negativeSlope, freeGain, truncated);
    }

    /** The Keras/JAX form: the truncated normal (at ±2σ') of the same variance. */
    public HeNormal asTruncated() {
        return new HeNormal(mode, nonlinearity, negativeSlope, gain, true);
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        double g = HeGain.of("he_normal", nonlinearity, negativeSlope, gain);
        return new VarianceScaling(g * g, mode, VarianceScalingPreset.normal(truncated));
    }
}
