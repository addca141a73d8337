package org.initlab.core.init;

/**
 * Law: {@code W ~ N(0, 1 / fan_in)} = {@code variance_scaling(1, fan_in, normal)}; with
 * {@code truncated=true}, the Keras/JAX truncated normal of the same variance.
 *
 * <p>Paper: Y. LeCun, L. Bottou, G. Orr and K.-R. Müller (1998), "Efficient BackProp". The init
 * SELU networks need (see {@link Selu}). Equivalents: Keras/JAX/Flax {@code lecun_normal}
 * (truncated: {@code lecun_normal(truncated=true)}), PyTorch
 * {@code kaiming_normal_(nonlinearity='linear')} (untruncated), DL4J {@code LECUN_NORMAL}.
 *
 * @param truncated draw from the truncated normal as Keras and JAX do
 */
public record LecunNormal(boolean truncated) implements VarianceScalingPreset {
    /** Untruncated. */
    public LecunNormal() {
        this(false);
    }

    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(1, Mode.FAN_IN, VarianceScalingPreset.normal(truncated));
    }
}
