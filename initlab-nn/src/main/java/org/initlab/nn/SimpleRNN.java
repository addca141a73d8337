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
 * <p>Computation (see {@link RecurrentAffine}): in float, time-major, the input side of all steps
 * in one product, then one {@code [B, hidden] × [hidden, hidden]} product per step; backward one
 * such product per step and one product each for {@code dW_hh}, {@code dW_ih} and {@code dx}.
 * Allocation: forward allocates the output and keeps, in buffers reused while the sizes stay the
 * same, the time-major input and states ({@code T·B·(input + hidden)}) and a step's scratch;
 * backward allocates the input gradient and reuses {@code T·B·(hidden + input) + B·hidden} of
 * scratch. The layer keeps a reference to the last input and never modifies it.
 */
public final class SimpleRNN extends RecurrentLayer {
    /** Time-major states {@code [T·B, hidden]} (pre-activations until each step is done). */
    private float[] states;

    private float[] hiddenSide;
    private float[] dz;
    private float[] dh;
    private float[] dxs;

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
        int bh = batch * h;
        states = reuse(states, steps * bh);
        hiddenSide = reuse(hiddenSide, bh);
        affine.projectInput(timeMajorInput(), steps * batch, states);
        float[] y = new float[states.length];
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                affine.projectHidden(states, (t - 1) * bh, batch, hiddenSide);
            }
            for (int b = 0; b < batch; b++) {
                int at = t * bh + b * h;
                int out = (b * steps + t) * h;
                for (int j = 0; j < h; j++) {
                    float v = tanh(t == 0 ? states[at + j] : states[at + j] + hiddenSide[b * h + j]);
                    states[at + j] = v;
                    y[out + j] = v;
                }
            }
        }
        return new Tensor(y, batch, steps, h);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        beginBackward(gradOutput);
        int h = hiddenSize();
        int bh = batch * h;
        float[] g = gradOutput.data();
        dz = reuse(dz, steps * bh);
        dh = reuse(dh, bh);
        dxs = reuse(dxs, steps * batch * inputSize());
        java.util.Arrays.fill(dh, 0f);
        for (int t = steps - 1; t >= 0; t--) {
            for (int b = 0; b < batch; b++) {
                int at = t * bh + b * h;
                int out = (b * steps + t) * h;
                for (int j = 0; j < h; j++) {
                    float ht = states[at + j];
                    dz[at + j] = (dh[b * h + j] + g[out + j]) * (1 - ht * ht);
                }
            }
            if (t > 0) {
                affine.hiddenGradient(dz, t * bh, batch, dh, 0f);
            }
        }
        if (steps > 1) {
            affine.accumulateHidden(dz, bh, states, 0, (steps - 1) * batch);
        }
        affine.accumulateInput(dz, keptTimeMajorInput(), steps * batch, dxs);
        return inputGradient(dxs);
    }
}
