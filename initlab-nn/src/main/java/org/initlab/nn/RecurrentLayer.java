package org.initlab.nn;

import java.util.List;

/**
 * What the recurrent layers share: the affine map {@code z_t = x_t W_ihᵀ + h_{t-1} W_hhᵀ + b} of
 * {@link RecurrentAffine} with its parameters {@code NAME.weight_ih} ({@code WEIGHT}),
 * {@code NAME.weight_hh} ({@code RECURRENT}) and {@code NAME.bias} ({@code BIAS}); the input
 * {@code [batch, T, inputSize]} and output {@code [batch, T, hiddenSize]} shapes (the hidden state
 * of every step, PyTorch's {@code output} with {@code batch_first=True}); and the bookkeeping of
 * the last forward pass. The subclasses ({@link SimpleRNN}, {@link Lstm}, {@link Gru}) add the
 * cell: its gates, its state, and backpropagation through time. Every cell starts from the zero
 * state {@code h_0 = 0}.
 *
 * <p>To use only the last state, follow the layer with {@link LastStep}, or with
 * {@link Flatten} and a {@link Dense} over all steps.
 */
public abstract sealed class RecurrentLayer implements Layer permits SimpleRNN, Lstm, Gru {
    /** The cell's affine map and its three parameters. */
    final RecurrentAffine affine;

    private final String kind;
    private final int inputSize;
    private final int hiddenSize;
    /** The last forward's input (kept, never modified), or null before any forward. */
    Tensor input;
    /** Batch size and number of steps of the last forward. */
    int batch;

    int steps;
    /** The last input, time-major (see {@link #timeMajorInput()}). */
    private float[] xs;

    /**
     * @param kind the layer's {@link #kind()}, also the prefix of its error messages
     * @param name path prefix of the parameters
     * @param gates number of stacked gates in the affine map (1 for Elman, 4 for LSTM, 3 for GRU)
     * @throws IllegalArgumentException if a size is below 1
     */
    RecurrentLayer(String kind, String name, int inputSize, int hiddenSize, int gates) {
        this.affine = new RecurrentAffine(kind, name, inputSize, hiddenSize, gates);
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
    }

    /** {@code NAME.weight_ih [gates·hidden, input]}, role {@code WEIGHT}. */
    public final Parameter weightIh() {
        return affine.weightIh();
    }

    /** {@code NAME.weight_hh [gates·hidden, hidden]}, role {@code RECURRENT}. */
    public final Parameter weightHh() {
        return affine.weightHh();
    }

    /** {@code NAME.bias [gates·hidden]}, role {@code BIAS}, with the fans of {@code weight_ih}. */
    public final Parameter bias() {
        return affine.bias();
    }

    /** Features of each step's input. */
    public final int inputSize() {
        return inputSize;
    }

    /** Size of the hidden state (and of each step's output). */
    public final int hiddenSize() {
        return hiddenSize;
    }

    /** {@code weight_ih, weight_hh, bias}; a cell with more parameters appends them. */
    @Override
    public List<Parameter> parameters() {
        return affine.parameters();
    }

    @Override
    public final String kind() {
        return kind;
    }

    /** Checks that {@code x} is {@code [batch, T, inputSize]} and remembers it, its batch and T. */
    final void beginForward(Tensor x) {
        int[] bt = affine.checkInput(x);
        batch = bt[0];
        steps = bt[1];
        input = x;
    }

    /** Checks that a forward ran and that {@code g} has the shape of its output. */
    final void beginBackward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException(kind + " backward called before forward");
        }
        affine.checkGradient(g, batch, steps);
    }

    /**
     * The last input, time-major: {@code [T·B, inputSize]} with step {@code t} of example
     * {@code b} at row {@code t·B + b} (a buffer kept and reused while the sizes stay the same).
     */
    final float[] timeMajorInput() {
        xs = reuse(xs, steps * batch * inputSize);
        transpose(input.data(), batch, steps, inputSize, xs, true);
        return xs;
    }

    /** The last input's time-major copy made by {@link #timeMajorInput()}. */
    final float[] keptTimeMajorInput() {
        return xs;
    }

    /**
     * The input gradient: the time-major {@code dxs [T·B, inputSize]} as a new tensor of the last
     * input's shape {@code [B, T, inputSize]}.
     */
    final Tensor inputGradient(float[] dxs) {
        float[] out = new float[batch * steps * inputSize];
        transpose(dxs, batch, steps, inputSize, out, false);
        return new Tensor(out, input.shape());
    }

    /**
     * Copies between batch-major {@code [B, T, width]} and time-major {@code [T, B, width]}:
     * {@code toTimeMajor} reads {@code from} batch-major and writes {@code to} time-major, else the
     * reverse.
     */
    static void transpose(float[] from, int batch, int steps, int width, float[] to, boolean toTimeMajor) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int batchMajor = (b * steps + t) * width;
                int timeMajor = (t * batch + b) * width;
                if (toTimeMajor) {
                    System.arraycopy(from, batchMajor, to, timeMajor, width);
                } else {
                    System.arraycopy(from, timeMajor, to, batchMajor, width);
                }
            }
        }
    }

    /** {@code buffer} when it holds exactly {@code size} values, else a new zeroed array of that size. */
    static float[] reuse(float[] buffer, int size) {
        return buffer != null && buffer.length == size ? buffer : new float[size];
    }

    static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    static float tanh(float v) {
        return (float) Math.tanh(v);
    }

    /** {@code [T, inputSize] → [T, hiddenSize]}. */
    @Override
    public int[] outputShape(int[] in) {
        return new int[] {in == null || in.length == 0 ? UNKNOWN : in[0], hiddenSize};
    }
}
