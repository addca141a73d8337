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
 * <p>Allocation: forward keeps, in double, {@code r, z, n} and {@code u} ({@code batch·T·4·hidden})
 * and the hidden states ({@code batch·T·hidden}), and allocates the float output and
 * {@code 6·hidden} of scratch; backward allocates the input gradient, double scratch of
 * {@code batch·T·input + 7·hidden} and double parameter-gradient accumulators. Recurrences run in
 * double; the layer keeps a reference to the last input and never modifies it.
 */
public final class Gru extends RecurrentLayer {
    private static final int GATES = 3;
    /** Values kept per step and hidden unit: r, z, n and u. */
    private static final int KEPT = 4;
    private final Parameter biasHn;
    private double[] gates;
    private double[] states;

    /**
     * @param name path prefix of the parameters ({@code "0"} gives {@code "0.weight_ih"},
     *     {@code "0.weight_hh"}, {@code "0.bias"}, {@code "0.bias_hn"})
     * @param inputSize features of each step's input, {@code >= 1}
     * @param hiddenSize size of the hidden state, {@code >= 1}
     */
    public Gru(String name, int inputSize, int hiddenSize) {
        super("gru", name, inputSize, hiddenSize, GATES);
        this.biasHn = new Parameter(name + ".bias_hn", Shape.of(hiddenSize), Layout.PYTORCH, Role.BIAS,
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
        int in = inputSize();
        gates = new double[batch * steps * KEPT * h];
        states = new double[batch * steps * h];
        float[] xv = x.data();
        float[] bhn = biasHn.value();
        float[] y = new float[states.length];
        double[] a = new double[GATES * h];
        double[] c = new double[GATES * h];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int row = b * steps + t;
                int at = row * h;
                int kept = row * KEPT * h;
                affine.forwardInput(xv, row * in, a, 0);
                Arrays.fill(c, 0);
                if (t > 0) {
                    affine.addHidden(states, at - h, c, 0);
                }
                for (int j = 0; j < h; j++) {
                    double r = sigmoid(a[j] + c[j]);
                    double z = sigmoid(a[h + j] + c[h + j]);
                    double u = c[2 * h + j] + bhn[j];
                    double n = Math.tanh(a[2 * h + j] + r * u);
                    double previous = t == 0 ? 0 : states[at - h + j];
                    gates[kept + j] = r;
                    gates[kept + h + j] = z;
                    gates[kept + 2 * h + j] = n;
                    gates[kept + 3 * h + j] = u;
                    states[at + j] = (1 - z) * n + z * previous;
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
        double[] da = new double[GATES * h];
        double[] dc = new double[GATES * h];
        double[] gradHn = new double[h];
        affine.beginBackward();
        for (int b = 0; b < batch; b++) {
            Arrays.fill(dh, 0);
            for (int t = steps - 1; t >= 0; t--) {
                int row = b * steps + t;
                int at = row * h;
                int kept = row * KEPT * h;
                for (int j = 0; j < h; j++) {
                    double r = gates[kept + j];
                    double z = gates[kept + h + j];
                    double n = gates[kept + 2 * h + j];
                    double u = gates[kept + 3 * h + j];
                    double previous = t == 0 ? 0 : states[at - h + j];
                    double dht = dh[j] + go[at + j];
                    double dn = dht * (1 - z) * (1 - n * n);
                    double dz = dht * (previous - n) * z * (1 - z);
                    double dr = dn * u * r * (1 - r);
                    double du = dn * r;
                    da[j] = dr;
                    da[h + j] = dz;
                    da[2 * h + j] = dn;
                    dc[j] = dr;
                    dc[h + j] = dz;
                    dc[2 * h + j] = du;
                    gradHn[j] += du;
                    dh[j] = dht * z;
                }
                affine.backwardInput(da, 0, xv, row * in, dx, row * in);
                if (t > 0) {
                    affine.backwardHidden(dc, 0, states, at - h, dh, 0);
                }
            }
        }
        affine.endBackward();
        float[] g = biasHn.grad();
        for (int j = 0; j < h; j++) {
            g[j] += (float) gradHn[j];
        }
        return inputGradient(dx);
    }
}
