package org.initlab.core.init;

import org.initlab.core.gain.Activation;

/**
 * Law: {@code W ~ U(-l, l)}, {@code l = gain · sqrt(3 / fan)}, fan = fan_in by default; variance
 * {@code gain² / fan} = {@code variance_scaling(gain², mode, uniform)}, gain = sqrt 2 for ReLU.
 *
 * <p>Paper: K. He, X. Zhang, S. Ren and J. Sun (2015), "Delving Deep into Rectifiers: Surpassing
 * Human-Level Performance on ImageNet Classification". Use with ReLU-family activations (give the
 * leaky slope, or nonlinearity=gelu/silu/... for a computed gain). Equivalents: PyTorch
 * {@code kaiming_uniform_(a, mode, nonlinearity)} (same law; its default nonlinearity leaky_relu
 * with a=0 is relu), Keras/JAX {@code he_uniform} (fan_in, relu only), DL4J {@code RELU_UNIFORM},
 * DJL {@code XavierInitializer(UNIFORM, IN, 6)}. PyTorch's layer default is not He: see {@link TorchDefault}.
 *
 * @param mode fan_in (forward variance) or fan_out (backward variance)
 * @param nonlinearity activation whose gain is used: relu, leaky_relu, tanh, ..., gelu, silu
 * @param negativeSlope the leaky ReLU slope (used with nonlinearity=leaky_relu)
 * @param gain a free gain that overrides the nonlinearity (NaN: not given; {@link HeNormal} says why)
 */
public record HeUniform(Mode mode, String nonlinearity, double negativeSlope, double gain)
        implements VarianceScalingPreset {
    /** Validates the parameters and the nonlinearity name. */
    public HeUniform {
        HeGain.of("he_uniform", nonlinearity, negativeSlope, gain);
    }

    /** fan_in, relu. */
    public HeUniform() {
        this(Mode.FAN_IN, "relu", 0, Double.NaN);
    }

    /** The same law with fan_out (the backward pass's variance is kept). */
    public HeUniform fanOut() {
        return withMode(Mode.FAN_OUT);
    }

    /** The same law with {@code fan} for its fan. */
    public HeUniform withMode(Mode fan) {
        return new HeUniform(fan, nonlinearity, negativeSlope, gain);
    }

    /**
     * The gain of {@code activation} (PyTorch's {@code calculate_gain} where it knows the name,
     * else the variance-preserving gain), with the leaky slope where it applies.
     */
    public HeUniform forActivation(Activation activation, double negativeSlope) {
        return new HeUniform(mode, activation.specName(), negativeSlope, Double.NaN);
    }

    /** The gain of {@code activation} (leaky ReLU: slope 0.01, PyTorch's default). */
    public HeUniform forActivation(Activation activation) {
        return forActivation(activation, activation == Activation.LEAKY_RELU ? 0.01 : 0);
    }

    /** A free gain instead of the activation's. */
    public HeUniform withGain(double freeGain) {
        return new HeUniform(mode, nonlinearity, negativeSlope, freeGain);
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        double g = HeGain.of("he_uniform", nonlinearity, negativeSlope, gain);
        return new VarianceScaling(g * g, mode, Distribution.UNIFORM);
    }
}
