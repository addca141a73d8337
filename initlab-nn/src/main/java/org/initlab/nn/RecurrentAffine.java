package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * The affine map every recurrent cell here starts from, {@code z_t = x_t W_ihᵀ + h_{t-1} W_hhᵀ + b},
 * with its three parameters and the input-shape check; the cells ({@link SimpleRNN},
 * {@link Lstm}, {@link Gru}) add the nonlinearity and the state.
 *
 * <p>Parameters (PyTorch layout, {@code G} stacked gates of {@code hidden} rows each):
 * {@code NAME.weight_ih [G·hidden, input]} ({@link Role#WEIGHT}), {@code NAME.weight_hh
 * [G·hidden, hidden]} ({@link Role#RECURRENT}), {@code NAME.bias [G·hidden]} ({@link Role#BIAS},
 * with the fans of {@code weight_ih}). PyTorch keeps two biases {@code b_ih + b_hh}; one bias is
 * the same function (the io module's {@code TorchStateDict} sums them when it loads a PyTorch state
 * dict and writes {@code bias_ih_l0 = bias, bias_hh_l0 = 0} when it exports one).
 *
 * <p>Works on the whole batch, in float, through {@link Gemm} (BLAS {@code sgemm}), with the
 * sequences held <b>time-major</b> by the cells: row {@code t·B + b} of a {@code [T·B, width]}
 * buffer is step {@code t} of example {@code b}, so one step of the batch is a contiguous block.
 * Forward: {@link #projectInput} computes the input side {@code b + x_t W_ihᵀ} of every step in
 * one product ({@code [T·B, in] × [in, G·hidden]}); {@link #projectHidden} computes one step's
 * hidden side {@code h_{t-1} W_hhᵀ} for the batch ({@code [B, hidden] × [hidden, G·hidden]}).
 * Backward, given {@code dz} of every step: {@link #hiddenGradient} gives one step's
 * {@code dz_t W_hh} for {@code h_{t-1}}; after the sweep over time {@link #accumulateHidden} adds
 * {@code dW_hh += Σ_t dz_tᵀ h_{t-1}} in one product over all steps and {@link #accumulateInput}
 * adds {@code dW_ih += Σ_t dz_tᵀ x_t}, {@code db += Σ_t dz_t} and writes {@code dx = dz W_ih},
 * again one product each. A cell whose input and hidden sides take different gradients (the
 * GRU's reset gate scales only the hidden side) passes each its own {@code dz}.
 *
 * <p>Summation: products in float in BLAS's order (which depends on the BLAS, as for
 * {@link Dense}, not on the batch's content); the bias gradient in double. Nothing is allocated
 * but one {@code double[G·hidden]} per backward.
 */
final class RecurrentAffine {
    private final String kind;
    private final String name;
    private final int input;
    private final int hidden;
    private final int rows;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter bias;

    RecurrentAffine(String kind, String name, int input, int hidden, int gates) {
        if (input < 1 || hidden < 1) {
            throw new IllegalArgumentException(
                    kind + " " + name + " needs inputSize >= 1 and hiddenSize >= 1, got " + input + ", " + hidden);
        }
        this.kind = kind;
        this.name = name;
        this.input = input;
        this.hidden = hidden;
        this.rows = gates * hidden;
        this.weightIh = new Parameter(name + ".weight_ih", Shape.of(rows, input), Layout.PYTORCH, Role.WEIGHT, null);
        this.weightHh =
                new Parameter(name + ".weight_hh", Shape.of(rows, hidden), Layout.PYTORCH, Role.RECURRENT, null);
        this.bias =
                new Parameter(name + ".bias", Shape.of(rows), Layout.PYTORCH, Role.BIAS, Fans.explicit(input, rows));
    }

    Parameter weightIh() {
        return weightIh;
    }

    Parameter weightHh() {
        return weightHh;
    }

    Parameter bias() {
        return bias;
    }

    List<Parameter> parameters() {
        return List.of(weightIh, weightHh, bias);
    }

    /**
     * Checks that {@code x} is {@code [batch, steps, input]} and returns {@code {batch, steps}}.
     */
    int[] checkInput(Tensor x) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != input || s[1] < 1 || s[0] < 1) {
            throw new IllegalArgumentException(kind + " " + name + " expects input [batch, steps, " + input
                    + "] with batch, steps >= 1, got " + Arrays.toString(s));
        }
        return new int[] {s[0], s[1]};
    }

    /** Checks that a gradient has the shape {@code [batch, steps, hidden]} of the last output. */
    void checkGradient(Tensor g, int batch, int steps) {
        int[] s = g.shape();
        if (s.length != 3 || s[0] != batch || s[1] != steps || s[2] != hidden) {
            throw new IllegalArgumentException(kind + " " + name + " backward expects a gradient of shape [" + batch
                    + ", " + steps + ", " + hidden + "] (the last output), got " + Arrays.toString(s));
        }
    }

    /**
     * The input side of every step: {@code z[r] = b + xs[r] W_ihᵀ} for the {@code rows} rows of
     * {@code xs [rows, input]}, written to {@code z [rows, G·hidden]}.
     */
    void projectInput(float[] xs, int rowCount, float[] z) {
        float[] b = bias.value();
        for (int r = 0; r < rowCount; r++) {
            System.arraycopy(b, 0, z, r * rows, rows);
        }
        Gemm.multiply(false, true, rowCount, rows, input, 1f, xs, 0, weightIh.value(), 0, 1f, z, 0);
    }

    /**
     * One step's hidden side: {@code z = h W_hhᵀ} for the {@code batch} states
     * {@code h [batch, hidden]} at {@code hOff}, written to {@code z [batch, G·hidden]} from 0.
     */
    void projectHidden(float[] h, int hOff, int batch, float[] z) {
        Gemm.multiply(false, true, batch, rows, hidden, 1f, h, hOff, weightHh.value(), 0, 0f, z, 0);
    }

    /**
     * One step's gradient for the previous state: {@code dh = dz W_hh + beta · dh}, with
     * {@code dz [batch, G·hidden]} at {@code dzOff} and {@code dh [batch, hidden]} from 0;
     * {@code beta} is 0 (overwrite) or 1 (add to what the cell put there).
     */
    void hiddenGradient(float[] dz, int dzOff, int batch, float[] dh, float beta) {
        Gemm.multiply(false, false, batch, hidden, rows, 1f, dz, dzOff, weightHh.value(), 0, beta, dh, 0);
    }

    /**
     * {@code dW_hh += dzᵀ h} over {@code rowCount} rows: {@code dz [rowCount, G·hidden]} at
     * {@code dzOff} paired row by row with the states {@code h [rowCount, hidden]} at {@code hOff}
     * (time-major, each step's {@code dz_t} with {@code h_{t-1}}).
     */
    void accumulateHidden(float[] dz, int dzOff, float[] h, int hOff, int rowCount) {
        Gemm.multiply(true, false, rows, hidden, rowCount, 1f, dz, dzOff, h, hOff, 1f, weightHh.grad(), 0);
    }

    /**
     * For the input side's gradient {@code dz [rowCount, G·hidden]} and inputs
     * {@code xs [rowCount, input]}: {@code dW_ih += dzᵀ xs}, {@code db += Σ_rows dz} (summed in
     * double) and {@code dxs = dz W_ih} (overwritten, {@code [rowCount, input]}).
     */
    void accumulateInput(float[] dz, float[] xs, int rowCount, float[] dxs) {
        Gemm.multiply(true, false, rows, input, rowCount, 1f, dz, 0, xs, 0, 1f, weightIh.grad(), 0);
        double[] db = new double[rows];
        for (int r = 0; r < rowCount; r++) {
            int at = r * rows;
            for (int c = 0; c < rows; c++) {
                db[c] += dz[at + c];
            }
        }
        float[] g = bias.grad();
        for (int c = 0; c < rows; c++) {
            g[c] += (float) db[c];
        }
        Gemm.multiply(false, false, rowCount, input, rows, 1f, dz, 0, weightIh.value(), 0, 0f, dxs, 0);
    }
}
