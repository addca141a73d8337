package org.initlab.core.init;

/**
 * PyTorch's layer defaults ({@code reset_parameters} of {@code nn.Linear}, {@code nn.ConvNd},
 * {@code nn.RNN/LSTM/GRU}, {@code nn.Embedding}, norm layers):
 * <pre>
 *   weight, recurrent: W ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 *   bias:              b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))  (fan_in of its weight)
 *   embedding:         E ~ N(0, 1)
 *   norm scale/shift:  1 / 0
 * </pre>
 * The weight law comes from {@code kaiming_uniform_(a=sqrt(5))}: gain sqrt(2/(1+5)) times
 * sqrt(3/fan_in) is 1/sqrt(fan_in), variance 1/(3 fan_in), a third of LeCun's. fan_in is PyTorch's
 * own ({@link org.initlab.core.shape.Fans#pytorchFanIn()}): for a transposed convolution it is
 * {@code (C_out/groups)·k}, as PyTorch computes it. PyTorch's recurrent layers use
 * 1/sqrt(hidden_size) for every weight, including the input-to-hidden ones, and two biases; a
 * {@link Role} does not know the hidden size, so the engine's {@code InitPlan} applies that law to
 * its recurrent layers itself ({@code RecurrentDefaults}), as it does Flax's per-gate orthogonal
 * recurrent blocks and the Keras and DL4J LSTM forget-gate bias. {@code nn.Embedding}
 * also zeroes its {@code padding_idx} row, which the engine does after the fill.
 *
 * <p>Paper: none of its own; U(±1/sqrt(n)) is the "commonly used heuristic" that Glorot and
 * Bengio (2010) analyse.
 */
public record TorchDefault() implements FrameworkDefault {
    @Override
    public Initializer resolve(Target target) {
        return switch (target.role()) {
            case WEIGHT, RECURRENT, BIAS -> {
                double bound = 1 / Math.sqrt((double) target.fans().pytorchFanIn());
                yield new Uniform(-bound, bound);
            }
            case EMBEDDING -> new Normal(0, 1);
            case NORM_SCALE -> new Ones();
            case NORM_SHIFT -> new Zeros();
        };
    }
}
