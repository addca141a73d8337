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
 * <p>Allocation: forward keeps, in double, the gate activations ({@code batch·T·4·hidden}), the
 * cell states, their tanh and the hidden states ({@code batch·T·hidden} each), and allocates the
 * float output; backward allocates the input gradient, double scratch of
 * {@code batch·T·input + 7·hidden} and double parameter-gradient accumulators. Recurrences run
 * in double; the layer keeps a reference to the last input and never modifies it.
 */
public final class Lstm extends RecurrentLayer {
    private static final int GATES = 4;
    private double[] gates;
    private double[] cells;
    private double[] cellTanh;
    private double[] states;

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
        int in = inputSize();
        gates = new double[batch * steps * GATES * h];
        cells = new double[batch * steps * h];
        cellTanh = new double[cells.length];
        states = new double[cells.length];
        float[] xv = x.data();
        float[] y = new float[cells.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int row = b * steps + t;
                int at = row * h;
                int z = row * GATES * h;
                affine.forward(xv, row * in, t == 0 ? null : states, at - h, gates, z);
                for (int j = 0; j < h; j++) {
                    double i = sigmoid(gates[z + j]);
                    double f = sigmoid(gates[z + h + j]);
                    double g = Math.tanh(gates[z + 2 * h + j]);
                    double o = sigmoid(gates[z + 3 * h + j]);
                    gates[z + j] = i;
                    gates[z + h + j] = f;
                    gates[z + 2 * h + j] = g;
                    gates[z + 3 * h + j] = o;
                    double c = (t == 0 ? 0 : f * cells[at - h + j]) + i * g;
                    cells[at + j] = c;
                    cellTanh[at + j] = Math.tanh(c);
                    states[at + j] = o * cellTanh[at + j];
                    y[at + j] = (float) states[at + j];
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
        float[] go = gradOutput.data();
        float[] xv = input.data();
        double[] dx = new double[batch * steps * in];
        double[] dh = new double[h]; // from step t+1 into h_t
        double[] dc = new double[h]; // from step t+1 into c_t
        double[] dz = new double[GATES * h];
        affine.beginBackward();
        for (int b = 0; b < batch; b++) {
            Arrays.fill(dh, 0);
            Arrays.fill(dc, 0);
            for (int t = steps - 1; t >= 0; t--) {
                int row = b * steps + t;
                int at = row * h;
                int z = row * GATES * h;
                for (int j = 0; j < h; j++) {
                    double i = gates[z + j];
                    double f = gates[z + h + j];
                    double g = gates[z + 2 * h + j];
                    double o = gates[z + 3 * h + j];
                    double tc = cellTanh[at + j];
                    double dht = dh[j] + go[at + j];
                    double dct = dc[j] + dht * o * (1 - tc * tc);
                    double cPrev = t == 0 ? 0 : cells[at - h + j];
                    dz[j] = dct * g * i * (1 - i);
                    dz[h + j] = dct * cPrev * f * (1 - f);
                    dz[2 * h + j] = dct * i * (1 - g * g);
                    dz[3 * h + j] = dht * tc * o * (1 - o);
                    dc[j] = dct * f;
                }
                Arrays.fill(dh, 0);
                affine.backward(dz, 0, xv, row * in, t == 0 ? null : states, at - h, dx, row * in,
                        dh, 0);
            }
        }
        affine.endBackward();
        return inputGradient(dx);
    }
}
