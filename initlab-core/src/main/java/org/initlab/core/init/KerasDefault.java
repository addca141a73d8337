package org.initlab.core.init;

/**
 * Keras's layer defaults ({@code Dense}, {@code Conv*}, {@code LSTM/GRU/SimpleRNN},
 * {@code Embedding}, {@code BatchNormalization}, {@code LayerNormalization}):
 * <pre>
 *   weight (kernel):   glorot_uniform
 *   recurrent kernel:  orthogonal(gain=1)
 *   bias:              zeros
 *   embedding:         U(-0.05, 0.05)
 *   norm scale/shift:  ones / zeros
 * </pre>
 * Fans are Keras's for {@code [k..., in, out]} kernels; give the target {@code layout=keras} to
 * read Keras shapes. Keras's {@code LSTM(unit_forget_bias=True)} also adds 1 to the forget-gate
 * slice of the bias; a {@link Role} has no gates, so the engine sets that slice itself.
 *
 * <p>Papers: Glorot and Bengio (2010) for the kernels, Saxe, McClelland and Ganguli (2014) for the
 * orthogonal recurrent kernels, Jozefowicz, Zaremba and Sutskever (2015) for the forget-gate bias 1.
 * PyTorch equivalents: {@code xavier_uniform_} on weights, {@code zeros_} on biases,
 * {@code orthogonal_} on recurrent weights (PyTorch stores weights transposed against Keras).
 */
public record KerasDefault() implements FrameworkDefault {
    @Override
    public Initializer resolve(Target target) {
        return switch (target.role()) {
            case WEIGHT -> new GlorotUniform();
            case RECURRENT -> new Orthogonal();
            case BIAS, NORM_SHIFT -> new Zeros();
            case EMBEDDING -> new Uniform(-0.05, 0.05);
            case NORM_SCALE -> new Ones();
        };
    }
}
