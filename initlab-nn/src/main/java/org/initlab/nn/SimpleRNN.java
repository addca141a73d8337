package org.initlab.nn;

/**
 * Elman recurrent layer (Elman 1990, "Finding structure in time"):
 * {@code h_t = tanh(x_t W_ihᵀ + h_{t-1} W_hhᵀ + b)} for {@code t = 1..T}, with {@code h_0 = 0}.
 *
 * <p>Shapes: input {@code [batch, T, inputSize]}; output the hidden state of every step,
 * {@code [batch, T, hiddenSize]} (PyTorch's {@code output} with {@code batch_first=True}, Keras's
 * {@code return_sequences=True}). To use only the last state, follow it with a layer that takes
 * step {@code T}, or with {@link Flatten} and a {@link Dense} over all steps.
 *
 * <p>Parameters: {@code NAME.weight_ih [hidden, input]} ({@code WEIGHT}), {@code NAME.weight_hh
 * [hidden, hidden]} ({@code RECURRENT}), {@code NAME.bias [hidden]} ({@code BIAS}, fans of
 * {@code weight_ih}); see {@link RecurrentAffine}. {@link InitPlan#defaults()} gives
 * {@code weight_hh} an orthogonal matrix, {@code weight_ih} the rule for the activation after the
 * layer (Glorot uniform when none follows) and zero bias — Keras's {@code SimpleRNN} defaults.
 * PyTorch's {@code nn.RNN} draws all of them from {@code U(±1/sqrt(hidden))} and has two biases.
 *
 * <p>Backward is backpropagation through time over the whole sequence, from {@code t = T} down:
 * {@code dh_t = g_t + dh_{t+1}→t}, {@code da_t = dh_t ⊙ (1 - h_t²)}, {@code dW_ih += da_tᵀ x_t},
 * {@code dW_hh += da_tᵀ h_{t-1}}, {@code db += Σ da_t}, {@code dx_t = da_t W_ih}, and
 * {@code da_t W_hh} flows to step {@code t-1}.
 *
 * <p>Allocation: forward keeps the states {@code h} as {@code double[batch·T·hidden]} and allocates
 * the float output; backward allocates the input gradient, double scratch of
 * {@code batch·T·input + 2·hidden} and double parameter-gradient accumulators. Recurrences run in
 * double; the layer keeps a reference to the last input and never modifies it.
 */
public final class SimpleRNN extends RecurrentLayer {
    private double[] states;

    /**
     * @param name path prefix of the parameters ({@code "0"} gives {@code "0.weight_ih"},
     *     {@code "0.weight_hh"}, {@code "0.bias"})
     * @param inputSize features of each step's input, {@code >= 1}
     * @param hiddenSize size of the hidden state, {@code >= 1}
     */
    public SimpleRNN(String name, int inputSize, int hiddenSize) {
        super("rnn", name, inputSize, hiddenSize, 1);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        beginForward(x);
        int h = hiddenSize();
        int in = inputSize();
        states = new double[batch * steps * h];
        float[] xv = x.data();
        float[] y = new float[states.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int row = b * steps + t;
                int at = row * h;
                affine.forward(xv, row * in, t == 0 ? null : states, at - h, states, at);
                for (int j = 0; j < h; j++) {
                    double v = Math.tanh(states[at + j]);
                    states[at + j] = v;
                    y[at + j] = (float) v;
                }
            }
        }
        return new Tensor(y, batch, steps, h);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        beginBackward(gradOutput);
        int h = hiddenSize();
        int in = inputSize();
        float[] g = gradOutput.data();
        float[] xv = input.data();
        double[] dx = new double[batch * steps * in];
        double[] dh = new double[h]; // gradient reaching h_t from later steps, then from the output
        double[] da = new double[h];
        affine.beginBackward();
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(dh, 0);
            for (int t = steps - 1; t >= 0; t--) {
                int row = b * steps + t;
                int at = row * h;
                for (int j = 0; j < h; j++) {
                    double ht = states[at + j];
                    da[j] = (dh[j] + g[at + j]) * (1 - ht * ht);
                }
                java.util.Arrays.fill(dh, 0);
                affine.backward(da, 0, xv, row * in, t == 0 ? null : states, at - h, dx, row * in,
                        dh, 0);
            }
        }
        affine.endBackward();
        return inputGradient(dx);
    }
}
