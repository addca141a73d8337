package org.initlab.core.init;

import java.util.Arrays;

/**
 * Law: for an LSTM bias of {@code 4H} values in the gate order {@code i, f, g, o} (input, forget,
 * cell candidate, output: PyTorch's and Keras's order), {@code b[H, 2H) = value} (the forget gate)
 * and every other element 0.
 *
 * <p>Paper: R. Jozefowicz, W. Zaremba and I. Sutskever (2015), "An Empirical Exploration of
 * Recurrent Network Architectures", ICML: a forget-gate bias of 1 closed most of the gap between
 * the LSTM and the best architectures they found; with bias 0 the forget gate starts at
 * {@code σ(0) = 1/2}, halving the cell state at every step, so gradients through time vanish
 * before the gate has learned to keep anything. Use it for the bias of every LSTM layer; leave the
 * weights to their own rules.
 *
 * <p>Equivalents: Keras {@code LSTM(unit_forget_bias=True)} (the default; its bias initializer is
 * then zeros, ones, zeros over the four gate blocks, exactly this law); DL4J
 * {@code forgetGateBiasInit(1.0)} (the default); PyTorch has no option: an {@code nn.LSTM} has two
 * biases, {@code bias_ih_l0} and {@code bias_hh_l0}, that are summed, so the same start is
 * {@code bias_ih_l0[H:2H] = value} with everything else of both 0 (InitLab's exports write the
 * engine's one bias so: the sum into {@code bias_ih_l0}, zeros into {@code bias_hh_l0}); JAX/Flax
 * {@code LSTMCell} has no option either (one {@code Dense} per gate: set the forget gate's bias).
 *
 * @param value the forget-gate bias (finite); 1 as in Jozefowicz et al. and Keras
 */
public record LstmForgetBias(double value) implements Initializer {
    /** Rejects non-finite values. */
    public LstmForgetBias {
        Fill.requireFinite("lstm_forget_bias", "value", value);
        Fill.requireFloat32("lstm_forget_bias", "|value|", Math.abs(value), "value=" + value);
    }

    /** {@code lstm_forget_bias(1)}. */
    public LstmForgetBias() {
        this(1);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        long hidden = hidden(target);
        for (long i = from; i < to; i++) {
            dst[off + (int) (i - from)] = i / hidden == 1 ? (float) value : 0f;
        }
    }

    @Override
    public Expectation expectation(Target target) {
        return Expectation.sparseConstant(target.size(), hidden(target), (float) value);
    }

    /** {@code H} of a bias {@code [4H]}. */
    private static long hidden(Target target) {
        int[] dims = target.shape().dims();
        if (dims.length != 1 || dims[0] % 4 != 0 || dims[0] == 0) {
            throw new IllegalArgumentException("lstm_forget_bias fills an LSTM bias of 4·H values (gates i, f, g, o),"
                    + " got shape " + Arrays.toString(dims) + (target.path() == null ? "" : " for " + target.path())
                    + "; give it the bias of an LSTM layer");
        }
        return dims[0] / 4;
    }
}
