package org.initlab.nn;

import java.util.Arrays;

/**
 * Long short-term memory layer (Hochreiter and Schmidhuber 1997, "Long short-term memory"; the
 * forget gate from Gers, Schmidhuber and Cummins 2000, "Learning to forget"), as in PyTorch's
 * {@code nn.LSTM}. With {@code z_t = x_t W_ihᵀ + h_{t-1} W_hhᵀ + b} split into four blocks of
 * {@code hidden} in the order {@code i, f, g, o}:
 * <pre>
 *   i = σ(z_i)   f = σ(z_f)   g = tanh(z_g)   o = σ(z_o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)          with h_0 = c_0 = 0
 * </pre>
 *
 * <p>Shapes: input {@code [batch, T, inputSize]}; output the hidden state of every step,
 * {@code [batch, T, hiddenSize]} (PyTorch's {@code output} with {@code batch_first=True}, Keras's
 * {@code return_sequences=True}); the cell state is not returned. To use only the last state,
 * follow it with a layer that takes step {@code T}, or with {@link Flatten} and a {@link Dense}.
 *
 * <p>Parameters: {@code NAME.weight_ih [4·hidden, input]} ({@code WEIGHT}), {@code NAME.weight_hh
 * [4·hidden, hidden]} ({@code RECURRENT}), {@code NAME.bias [4·hidden]} ({@code BIAS}, fans of
 * {@code weight_ih}); rows {@code [k·hidden, (k+1)·hidden)} belong to gate {@code k} of
 * {@code i, f, g, o} (Keras's {@code i, f, c, o} is the same order). PyTorch has two biases
 * {@code b_ih + b_hh}; one is the same function. {@link InitPlan#defaults()} gives
 * {@code weight_hh} one orthogonal {@code [4·hidden, hidden]} matrix (orthonormal columns over
 * the four stacked gates, as Keras's {@code Orthogonal} on its {@code [hidden, 4·hidden]} kernel),
 * {@code weight_ih} Glorot uniform when no activation follows, and a zero bias.
 *
 * <p>Forget-gate bias: Keras ({@code unit_forget_bias=True}, its default) and DL4J
 * ({@code forgetGateBiasInit}, default 1) start the {@code f} slice of the bias at 1, so the cell
 * remembers by default (recommended by Jozefowicz, Zaremba and Sutskever 2015); PyTorch does not.
 * {@link #setForgetGateBias} does this; call it after {@link InitPlan#apply}, which would
 * overwrite it.
 *
 * <p>Backward is backpropagation through time, from {@code t = T} down, with {@code dh_t} the
 * output gradient plus what flows back from step {@code t+1}:
 * {@code dc_t = dc_{t+1}→t + dh_t ⊙ o ⊙ (1 - tanh²c_t)}, {@code do = dh_t ⊙ tanh c_t},
 * {@code di = dc_t ⊙ g}, {@code dg = dc_t ⊙ i}, {@code df = dc_t ⊙ c_{t-1}}, {@code dc_t ⊙ f} to step
 * {@code t-1}; through the nonlinearities ({@code σ' = σ(1-σ)}, {@code tanh' = 1 - tanh²}) to
 * {@code dz_t}, then as in {@link RecurrentAffine}: {@code dW_ih += dz_tᵀ x_t},
 * {@code dW_hh += dz_tᵀ h_{t-1}}, {@code db += Σ dz_t}, {@code dx_t = dz_t W_ih}, and
 * {@code dz_t W_hh} to {@code h_{t-1}}.
 *
 * <p>Computation (see {@link RecurrentAffine}): in float, time-major, the input side of all steps
 * in one product, one {@code [B, hidden] × [hidden, 4·hidden]} product per step and the gates of
 * the whole batch in one loop; backward one product per step for {@code dh_{t-1}} and one product
 * each for {@code dW_hh}, {@code dW_ih} and {@code dx} over all steps. Allocation: forward
 * allocates the output and keeps, in buffers reused while the sizes stay the same, the gate
 * activations ({@code T·B·4·hidden}), the cell states, their tanh and the hidden states
 * ({@code T·B·hidden} each) and the time-major input; backward allocates the input gradient and
 * reuses {@code T·B·(4·hidden + input) + 2·B·hidden} of scratch. The layer keeps a reference to
 * the last input and never modifies it.
 */
public final class Lstm extends RecurrentLayer {
    private static final int GATES = 4;
    /** Time-major {@code [T·B, 4·hidden]}: pre-activations, then the gates i, f, g, o. */
    private float[] gates;

    private float[] cells;
    private float[] cellTanh;
    private float[] states;
    private float[] hiddenSide;
    private float[] dz;
    private float[] dh;
    private float[] dc;
    private float[] dxs;

    /**
     * @param name path prefix of the parameters ({@code "0"} gives {@code "0.weight_ih"},
     *     {@code "0.weight_hh"}, {@code "0.bias"})
     * @param inputSize features of each step's input, {@code >= 1}
     * @param hiddenSize size of the hidden and cell state, {@code >= 1}
     */
    public Lstm(String name, int inputSize, int hiddenSize) {
        super("lstm", name, inputSize, hiddenSize, GATES);
    }

    /**
     * Sets the forget-gate slice {@code bias[hidden, 2·hidden)} to {@code value} and leaves the
     * other gates' biases alone; {@code setForgetGateBias(1)} gives Keras's
     * {@code unit_forget_bias}. Call after {@link InitPlan#apply}.
     */
    public void setForgetGateBias(float value) {
        Arrays.fill(bias().value(), hiddenSize(), 2 * hiddenSize(), value);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        beginForward(x);
        int h = hiddenSize();
        int bh = batch * h;
        int gh = GATES * h;
        gates = reuse(gates, steps * batch * gh);
        cells = reuse(cells, steps * bh);
        cellTanh = reuse(cellTanh, steps * bh);
        states = reuse(states, steps * bh);
        hiddenSide = reuse(hiddenSide, batch * gh);
        affine.projectInput(timeMajorInput(), steps * batch, gates);
        float[] y = new float[steps * bh];
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                affine.projectHidden(states, (t - 1) * bh, batch, hiddenSide);
            }
            for (int b = 0; b < batch; b++) {
                int z = (t * batch + b) * gh;
                int hs = b * gh;
                int at = t * bh + b * h;
                int out = (b * steps + t) * h;
                for (int j = 0; j < h; j++) {
                    float zi = gates[z + j];
                    float zf = gates[z + h + j];
                    float zg = gates[z + 2 * h + j];
                    float zo = gates[z + 3 * h + j];
                    if (t > 0) {
                        zi += hiddenSide[hs + j];
                        zf += hiddenSide[hs + h + j];
                        zg += hiddenSide[hs + 2 * h + j];
                        zo += hiddenSide[hs + 3 * h + j];
                    }
                    float i = sigmoid(zi);
                    float f = sigmoid(zf);
                    float g = tanh(zg);
                    float o = sigmoid(zo);
                    gates[z + j] = i;
                    gates[z + h + j] = f;
                    gates[z + 2 * h + j] = g;
                    gates[z + 3 * h + j] = o;
                    float c = t == 0 ? i * g : f * cells[at - bh + j] + i * g;
                    float tc = tanh(c);
                    cells[at + j] = c;
                    cellTanh[at + j] = tc;
                    float state = o * tc;
                    states[at + j] = state;
                    y[out + j] = state;
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
        int gh = GATES * h;
        float[] go = gradOutput.data();
        dz = reuse(dz, steps * batch * gh);
        dh = reuse(dh, bh); // from step t+1 into h_t
        dc = reuse(dc, bh); // from step t+1 into c_t
        dxs = reuse(dxs, steps * batch * inputSize());
        Arrays.fill(dh, 0f);
        Arrays.fill(dc, 0f);
        for (int t = steps - 1; t >= 0; t--) {
            for (int b = 0; b < batch; b++) {
                int z = (t * batch + b) * gh;
                int at = t * bh + b * h;
                int out = (b * steps + t) * h;
                int s = b * h;
                for (int j = 0; j < h; j++) {
                    float i = gates[z + j];
                    float f = gates[z + h + j];
                    float g = gates[z + 2 * h + j];
                    float o = gates[z + 3 * h + j];
                    float tc = cellTanh[at + j];
                    float dht = dh[s + j] + go[out + j];
                    float dct = dc[s + j] + dht * o * (1 - tc * tc);
                    float cPrev = t == 0 ? 0f : cells[at - bh + j];
                    dz[z + j] = dct * g * i * (1 - i);
                    dz[z + h + j] = dct * cPrev * f * (1 - f);
                    dz[z + 2 * h + j] = dct * i * (1 - g * g);
                    dz[z + 3 * h + j] = dht * tc * o * (1 - o);
                    dc[s + j] = dct * f;
                }
            }
            if (t > 0) {
                affine.hiddenGradient(dz, t * batch * gh, batch, dh, 0f);
            }
        }
        if (steps > 1) {
            affine.accumulateHidden(dz, batch * gh, states, 0, (steps - 1) * batch);
        }
        affine.accumulateInput(dz, keptTimeMajorInput(), steps * batch, dxs);
        return inputGradient(dxs);
    }
}
