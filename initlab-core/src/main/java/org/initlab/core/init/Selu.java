package org.initlab.core.init;

/**
 * Law: {@code W ~ N(0, 1 / fan_in)}, LeCun normal, the initialization self-normalizing networks
 * require.
 *
 * <p>Paper: G. Klambauer, T. Unterthiner, A. Mayr and S. Hochreiter (2017), "Self-Normalizing
 * Neural Networks": with zero-mean weights of variance 1/fan_in, SELU activations converge to
 * mean 0 and variance 1. A common mistake is PyTorch's {@code kaiming_normal_(nonlinearity='selu')}:
 * its table gain 3/4 gives variance 9/(16 fan_in), not 1/fan_in; PyTorch's own docs say to use
 * {@code nonlinearity='linear'} for SELU. Keras's {@code selu} examples use
 * {@code lecun_normal} (truncated: {@code selu(truncated=true)}).
 *
 * @param truncated draw from the truncated normal as Keras does
 */
public record Selu(boolean truncated) implements VarianceScalingPreset {
    /** Untruncated. */
    public Selu() {
        this(false);
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(1, Mode.FAN_IN, VarianceScalingPreset.normal(truncated));
    }
}
