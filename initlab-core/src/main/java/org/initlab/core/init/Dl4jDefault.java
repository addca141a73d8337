package org.initlab.core.init;

/**
 * Deeplearning4j's defaults ({@code WeightInit.XAVIER} for every weight, bias 0):
 * <pre>
 *   weight, recurrent, embedding:  W ~ N(0, 2 / (fan_in + fan_out))   (untruncated)
 *   bias:                          zeros
 *   norm scale/shift:              ones / zeros
 * </pre>
 * DL4J divides a convolution's fan_out by the stride product; strides are not part of a
 * {@link Target}, so this matches DL4J for stride 1. DL4J's LSTM forget-gate bias defaults to 1;
 * a {@link Role} has no gates, so the engine sets that slice itself.
 *
 * <p>Paper: Glorot and Bengio (2010). PyTorch: {@code xavier_normal_} on weights, {@code zeros_} on
 * biases (the same law for dense layers and stride-1 convolutions).
 */
public record Dl4jDefault() implements FrameworkDefault {
    @Override
    public Initializer resolve(Target target) {
        return switch (target.role()) {
            case WEIGHT, RECURRENT, EMBEDDING -> new GlorotNormal();
            case BIAS, NORM_SHIFT -> new Zeros();
            case NORM_SCALE -> new Ones();
        };
    }
}
