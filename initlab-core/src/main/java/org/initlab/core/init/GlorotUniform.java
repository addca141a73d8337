package org.initlab.core.init;

/**
 * Law: {@code W ~ U(-l, l)}, {@code l = gain · sqrt(6 / (fan_in + fan_out))}; variance
 * {@code gain² · 2 / (fan_in + fan_out)} = {@code variance_scaling(gain², fan_avg, uniform)}.
 *
 * <p>Paper: X. Glorot and Y. Bengio (2010), "Understanding the difficulty of training deep
 * feedforward neural networks" (their "normalized initialization"). Use with tanh, sigmoid and
 * softsign, or any roughly linear-at-zero activation. Equivalents: PyTorch
 * {@code xavier_uniform_(gain)}, Keras/JAX {@code glorot_uniform} (no gain), DL4J
 * {@code XAVIER_UNIFORM}, DJL {@code XavierInitializer(UNIFORM, AVG, 3)}. Glorot is not LeCun:
 * 1/fan_in is LeCun's 1998 rule, and He's is 2/fan_in, not 2/(fan_in + fan_out).
 *
 * @param gain multiplies the bound (PyTorch's argument; 1 in Keras/JAX)
 */
public record GlorotUniform(double gain) implements VarianceScalingPreset {
    /** Validates gain &gt; 0. */
    public GlorotUniform {
        Fill.requirePositive("glorot_uniform", "gain", gain);
    }

    /** Gain 1. */
    public GlorotUniform() {
        this(1);
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(gain * gain, Mode.FAN_AVG, Distribution.UNIFORM);
    }
}
