package org.initlab.core.init;

/**
 * Law: {@code W ~ U(-l, l)}, {@code l = sqrt(3 / fan_in)}; variance {@code 1 / fan_in} =
 * {@code variance_scaling(1, fan_in, uniform)}.
 *
 * <p>Paper: Y. LeCun, L. Bottou, G. Orr and K.-R. Müller (1998), "Efficient BackProp". Keeps the
 * forward variance for linear-at-zero activations. Equivalents: Keras/JAX {@code lecun_uniform};
 * PyTorch has no function ({@code kaiming_uniform_(nonlinearity='linear')} is the same law). DL4J's
 * {@code LECUN_UNIFORM} is not this law: its bound is 3/sqrt(fan_in), variance 3/fan_in. Not to be confused with PyTorch's layer default U(±1/sqrt(fan_in)),
 * whose variance is 1/(3 fan_in): that is {@link TorchDefault}.
 */
public record LecunUniform() implements VarianceScalingPreset {
    @Override
    public VarianceScaling asVarianceScaling() {
        return new VarianceScaling(1, Mode.FAN_IN, Distribution.UNIFORM);
    }
}
