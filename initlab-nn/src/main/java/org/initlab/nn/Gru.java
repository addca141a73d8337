package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Gated recurrent unit (Cho et al. 2014, "Learning Phrase Representations using RNN
 * Encoder-Decoder for Statistical Machine Translation"), as PyTorch's {@code nn.GRU} computes it.
 * With {@code a_t = x_t W_ihᵀ + b} and {@code c_t = h_{t-1} W_hhᵀ}, each split into three blocks
 * of {@code hidden} in the order {@code r, z, n}:
 * <pre>
 *   r = σ(a_r + c_r)            z = σ(a_z + c_z)
 *   n = tanh(a_n + r ⊙ (c_n + b_hn))
 *   h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}          with h_0 = 0
 * </pre>
 * The reset gate multiplies the whole hidden-side term of {@code n}, bias included; that is why
 * the cell has a second bias {@code b_hn} that cannot be folded into {@code b}.
 *
 * <p>Shapes: input {@code [batch, T, inputSize]}; output the hidden state of every step,
 * {@code [batch, T, hiddenSize]} (PyTorch's {@code output} with {@code batch_first=True}).
 *
 * <p>Parameters: {@code NAME.weight_ih [3·hidden, input]} ({@code WEIGHT}), {@code NAME.weight_hh
 * [3·hidden, hidden]} ({@code RECURRENT}), {@code NAME.bias [3·hidden]} ({@code BIAS}, fans of
 * {@code weight_ih}) and {@code NAME.bias_hn [hidden]} ({@code BIAS}, fans of {@code weight_hh});
 * rows {@code [k·hidden, (k+1)·hidden)} belong to gate {@code k} of {@code r, z, n}. PyTorch keeps
 * {@code bias_ih} and {@code bias_hh} of {@code 3·hidden} each; the same function has
 * {@code bias = bias_ih + bias_hh} on the {@code r} and {@code z} rows, {@code bias = bias_ih} on
 * the {@code n} rows, and {@code bias_hn} = the {@code n} rows of {@code bias_hh}. Keras's
 * {@code GRU(reset_after=True)} (its default) computes the same cell with its two biases, gates
 * stored in the order {@code z, r, n}. {@link InitPlan#defaults()} gives {@code weight_hh} one
 * orthogonal {@code [3·hidden, hidden]} matrix (as for {@link Lstm}), {@code weight_ih} the rule
 * for the activation that follows (Glorot uniform when none does) and both biases zero; PyTorch
 * draws everything from {@code U(±1/sqrt(hidden))}.
 *
 * <p>Backward is backpropagation through time, from {@code t = T} down, with {@code dh_t} the
 * output gradient plus what flows back from step {@code t+1}:
 * <pre>
 *   dn̂ = dh_t ⊙ (1 - z) ⊙ (1 - n²)            (n̂ = a_n + r ⊙ u,  u = c_n + b_hn)
 *   dẑ = dh_t ⊙ (h_{t-1} - n) ⊙ z(1 - z)      dr̂ = dn̂ ⊙ u ⊙ r(1 - r)      du = dn̂ ⊙ r
 *   da = (dr̂, dẑ, dn̂)    dc = (dr̂, dẑ, du)    db_hn += du
 *   dh_{t-1} = dh_t ⊙ z + dc W_hh
 * </pre>
 * then as in {@link RecurrentAffine}: {@code da} gives {@code dW_ih}, {@code db} and
 * {@code dx_t = da W_ih}; {@code dc} gives {@code dW_hh} (nothing at {@code t = 1}, where
 * {@code h_0 = 0}).
 *
 * <p>Computation (see {@link RecurrentAffine}): in float, time-major, the input side {@code a} of
 * all steps in one product, one {@code [B, hidden] × [hidden, 3·hidden]} product per step for
 * {@code c}; backward one product per step for {@code dh_{t-1}} and one product each for
 * {@code dW_hh} (from {@code dc}), {@code dW_ih} and {@code dx} (from {@code da}) over all steps;
 * {@code db_hn} summed in double. Allocation: forward allocates the output and keeps, in buffers
 * reused while the sizes stay the same, {@code a} ({@code T·B·3·hidden}), {@code r, z, n, u}
 * ({@code T·B·4·hidden}), the hidden states ({@code T·B·hidden}) and the time-major input;
 * backward allocates the input gradient and {@code double[hidden]}, and reuses
 * {@code T·B·(6·hidden + input) + B·hidden} of scratch. The layer keeps a reference to the last
 * input and never modifies it.
 */
public final class Gru extends RecurrentLayer {
    private static final int GATES = 3;
    /** Values kept per step and hidden unit: r, z, n and u. */
    private static final int KEPT = 4;

    private final Parameter biasHn;
    /** Time-major {@code [T·B, 3·hidden]}: the input side {@code a = x W_ihᵀ + b}. */
    private float[] inputSide;
    /** Time-major {@code [T·B, 4·hidden]}: r, z, n, u. */
    private float[] gates;

    private float[] states;
    private float[] hiddenSide;
    private float[] da;
    private float[] dc;
    private float[] dh;
    private float[] dxs;

    /**
     * @param name path prefix of the parameters ({@code "0"} gives {@code "0.weight_ih"},
     *     {@code "0.weight_hh"}, {@code "0.bias"}, {@code "0.bias_hn"})
     * @param inputSize features of each step's input, {@code >= 1}
     * @param hiddenSize size of the hidden state, {@code >= 1}
     */
    public Gru(String name, int inputSize, int hiddenSize) {
        super("gru", name, inputSize, hiddenSize, GATES);
        this.biasHn = new Parameter(
                name + ".bias_hn",
                Shape.of(hiddenSize),
                Layout.PYTORCH,
                Role.BIAS,
                Fans.explicit(hiddenSize, (long) GATES * hiddenSize));
    }

    /** {@code NAME.bias_hn [hidden]}: the hidden-side bias of the candidate {@code n}, inside the reset gate. */
    public Parameter biasHn() {
        return biasHn;
    }

    /** {@code weight_ih, weight_hh, bias, bias_hn}. */
    @Override
    public List<Parameter> parameters() {
        return List.of(weightIh(), weightHh(), bias(), biasHn);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        beginForward(x);
        int h = hiddenSize();
        int bh = batch * h;
        int gh = GATES * h;
        int kh = KEPT * h;
        inputSide = reuse(inputSide, steps * batch * gh);
        gates = reuse(gates, steps * batch * kh);
        states = reuse(states, steps * bh);
        hiddenSide = reuse(hiddenSide, batch * gh);
        affine.projectInput(timeMajorInput(), steps * batch, inputSide);
        float[] bhn = biasHn.value();
        float[] y = new float[steps * bh];
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                affine.projectHidden(states, (t - 1) * bh, batch, hiddenSide);
            } else {
                Arrays.fill(hiddenSide, 0f);
            }
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                int a = row * gh;
                int c = b * gh;
                int kept = row * kh;
                int at = t * bh + b * h;
                int out = (b * steps + t) * h;
                for (int j = 0; j < h; j++) {
                    float r = sigmoid(inputSide[a + j] + hiddenSide[c + j]);
                    float z = sigmoid(inputSide[a + h + j] + hiddenSide[c + h + j]);
                    float u = hiddenSide[c + 2 * h + j] + bhn[j];
                    float n = tanh(inputSide[a + 2 * h + j] + r * u);
                    float previous = t == 0 ? 0f : states[at - bh + j];
                    gates[kept + j] = r;
                    gates[kept + h + j] = z;
                    gates[kept + 2 * h + j] = n;
                    gates[kept + 3 * h + j] = u;
                    float state = (1 - z) * n + z * previous;
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
        int kh = KEPT * h;
        float[] go = gradOutput.data();
        da = reuse(da, steps * batch * gh);
        dc = reuse(dc, steps * batch * gh);
        dh = reuse(dh, bh); // from step t+1 into h_t
        dxs = reuse(dxs, steps * batch * inputSize());
        double[] gradHn = new double[h];
        Arrays.fill(dh, 0f);
        for (int t = steps - 1; t >= 0; t--) {
            for (int b = 0; b < batch; b++) {
                int row = t * batch + b;
                int g = row * gh;
                int kept = row * kh;
                int at = t * bh + b * h;
                int out = (b * steps + t) * h;
                int s = b * h;
                for (int j = 0; j < h; j++) {
                    float r = gates[kept + j];
                    float z = gates[kept + h + j];
                    float n = gates[kept + 2 * h + j];
                    float u = gates[kept + 3 * h + j];
                    float previous = t == 0 ? 0f : states[at - bh + j];
                    float dht = dh[s + j] + go[out + j];
                    float dn = dht * (1 - z) * (1 - n * n);
                    float dzz = dht * (previous - n) * z * (1 - z);
                    float dr = dn * u * r * (1 - r);
                    float du = dn * r;
                    da[g + j] = dr;
                    da[g + h + j] = dzz;
                    da[g + 2 * h + j] = dn;
                    dc[g + j] = dr;
                    dc[g + h + j] = dzz;
                    dc[g + 2 * h + j] = du;
                    gradHn[j] += du;
                    dh[s + j] = dht * z;
                }
            }
            if (t > 0) {
                affine.hiddenGradient(dc, t * batch * gh, batch, dh, 1f);
            }
        }
        if (steps > 1) {
            affine.accumulateHidden(dc, batch * gh, states, 0, (steps - 1) * batch);
        }
        affine.accumulateInput(da, keptTimeMajorInput(), steps * batch, dxs);
        float[] g = biasHn.grad();
        for (int j = 0; j < h; j++) {
            g[j] += (float) gradHn[j];
        }
        return inputGradient(dxs);
    }
}
