package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Batch normalization (Ioffe and Szegedy 2015, "Batch Normalization: Accelerating Deep Network
 * Training by Reducing Internal Covariate Shift") per channel: axis 1 is the channel, and the
 * statistics of channel {@code c} run over every other axis, i.e. over the batch for
 * {@code [batch, C]} inputs and over {@code (N, H, W)} for {@code [batch, C, H, W]} inputs (any
 * rank {@code >= 2} is read as {@code [batch, C, spatial...]}). With {@code m} values per channel:
 * <pre>
 *   μ = mean(x),  σ² = Σ (x - μ)² / m   (biased),   x̂ = (x - μ) / sqrt(σ² + ε),   y = γ ⊙ x̂ + β
 * </pre>
 * γ ({@link Role#NORM_SCALE}, path {@code NAME.weight}) and β ({@link Role#NORM_SHIFT},
 * {@code NAME.bias}) have one entry per channel.
 *
 * <p><b>Training</b> ({@code training = true}) normalizes with the batch statistics above and then
 * updates the running statistics, as PyTorch does (running variance from the <em>unbiased</em>
 * batch variance {@code Σ (x - μ)² / (m - 1)}; so {@code m >= 2} is required):
 * <pre>
 *   running_mean ← (1 - momentum) · running_mean + momentum · μ
 *   running_var  ← (1 - momentum) · running_var  + momentum · σ² · m / (m - 1)
 * </pre>
 * <b>Eval</b> ({@code training = false}) uses {@code running_mean} and {@code running_var} in
 * place of μ and σ² and leaves them alone. They start at 0 and 1 and are not parameters: no
 * initializer or optimizer touches them.
 *
 * <p><b>Backward</b> after a training forward (the batch statistics depend on x), per channel with
 * {@code d = g ⊙ γ} and sums over the channel's {@code m} values:
 * <pre>
 *   dx = (d - mean(d) - x̂ · mean(d ⊙ x̂)) / sqrt(σ² + ε),   dγ += Σ g ⊙ x̂,   dβ += Σ g
 * </pre>
 * After an eval forward the statistics are constants, so {@code dx = d / sqrt(running_var + ε)}
 * with the same dγ and dβ. Sums run in double ({@link Sums}: four interleaved partial sums per
 * plane, added in a fixed order); backward reads {@code g} and {@code x} once for both of its
 * sums, {@code Σ g} and {@code Σ g ⊙ x̂ = (Σ g ⊙ x − μ·Σ g) / sqrt(σ² + ε)}; {@code x̂} is
 * recomputed for {@code dx} from the kept input and the per-channel {@code μ} and
 * {@code 1/sqrt(σ² + ε)}, with the same double expression as in forward.
 *
 * <p>PyTorch equivalent: {@code BatchNorm1d}/{@code BatchNorm2d(C, eps, momentum)}. Keras writes
 * {@code momentum} for the weight of the <em>old</em> value (its 0.99 is our 0.01) and uses the
 * biased variance for the running estimate.
 *
 * <p>Allocates: forward the output and two per-channel arrays (the input is kept, not copied);
 * backward the input gradient. The running statistics are updated in place.
 */
public final class BatchNorm implements Layer {
    /** PyTorch's default weight of the new batch statistic in the running averages. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final int channels;
    private final double eps;
    private final double momentum;
    private final Parameter scale;
    private final Parameter shift;
    private final float[] runningMean;
    private final float[] runningVar;
    private Tensor input;
    private double[] mean;
    private double[] invStd;
    private int[] shape;
    private int spatial;
    private boolean lastTraining;
    private long batchesTracked;

    /**
     * @param name path prefix ({@code "3"} gives {@code "3.weight"}, {@code "3.bias"})
     * @param channels size of axis 1 (features of a {@code [batch, C]} input, channels of an image)
     * @param eps added to the variance before the square root, {@code > 0} (PyTorch: 1e-5)
     * @param momentum weight of the batch statistic in the running averages, in {@code [0, 1]}
     */
    public BatchNorm(String name, int channels, double eps, double momentum) {
        if (channels < 1 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(
                    "batch norm " + name + " needs channels >= 1, eps > 0 and momentum in [0, 1], got " + channels
                            + ", " + eps + ", " + momentum);
        }
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.scale = new Parameter(name + ".weight", Shape.of(channels), Layout.PYTORCH, Role.NORM_SCALE, null);
        this.shift = new Parameter(name + ".bias", Shape.of(channels), Layout.PYTORCH, Role.NORM_SHIFT, null);
        this.runningMean = new float[channels];
        this.runningVar = new float[channels];
        Arrays.fill(runningVar, 1f);
    }

    /** Momentum {@value #DEFAULT_MOMENTUM}, as PyTorch. */
    public BatchNorm(String name, int channels, double eps) {
        this(name, channels, eps, DEFAULT_MOMENTUM);
    }

    public Parameter scale() {
        return scale;
    }

    public Parameter shift() {
        return shift;
    }

    /** The running mean per channel (not a copy; starts at 0). */
    public float[] runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance per channel (not a copy; starts at 1). */
    public float[] runningVariance() {
        return runningVar;
    }

    /**
     * Training forwards run so far (PyTorch's {@code num_batches_tracked} buffer): counted, kept and
     * saved with the running statistics; the engine's running averages use {@code momentum}, so the
     * count does not change any computation (PyTorch uses it only when {@code momentum=None}).
     */
    public long batchesTracked() {
        return batchesTracked;
    }

    /** Sets {@link #batchesTracked()} (when loading a state dict); {@code count >= 0}. */
    public void setBatchesTracked(long count) {
        if (count < 0) {
            throw new IllegalArgumentException(
                    "batch norm " + scale.path() + ": num_batches_tracked must be >= 0, got " + count);
        }
        batchesTracked = count;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length < 2 || s[1] != channels) {
            throw new IllegalArgumentException("batch norm " + scale.path() + " expects [batch, " + channels
                    + "] or [batch, " + channels + ", H, W], got " + x);
        }
        int batch = s[0];
        spatial = x.size() / (batch * channels);
        int m = batch * spatial;
        if (training && m < 2) {
            throw new IllegalArgumentException(
                    "batch norm " + scale.path() + " needs at least 2 values per channel in training," + " got " + m
                            + " (input " + x + "); use eval mode for single examples");
        }
        float[] in = x.data();
        float[] y = new float[in.length];
        input = x;
        mean = new double[channels];
        invStd = new double[channels];
        shape = s;
        lastTraining = training;
        if (training) {
            batchesTracked++;
        }
        // channels are independent: each reads and writes only its own planes and statistics
        Parallel.forRange(channels, m, (from, to) -> {
            for (int c = from; c < to; c++) {
                forwardChannel(c, in, y, batch, m, training);
            }
        });
        return new Tensor(y, s);
    }

    private void forwardChannel(int c, float[] in, float[] y, int batch, int m, boolean training) {
        double mu;
        double var;
        if (training) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                sum += Sums.sum(in, (n * channels + c) * spatial, spatial);
            }
            mu = sum / m;
            double sq = 0;
            for (int n = 0; n < batch; n++) {
                sq += Sums.squares(in, (n * channels + c) * spatial, spatial, mu);
            }
            var = sq / m;
            runningMean[c] = (float) ((1 - momentum) * runningMean[c] + momentum * mu);
            runningVar[c] = (float) ((1 - momentum) * runningVar[c] + momentum * sq / (m - 1));
        } else {
            mu = runningMean[c];
            var = runningVar[c];
        }
        double inv = 1 / Math.sqrt(var + eps);
        mean[c] = mu;
        invStd[c] = inv;
        double g = scale.value()[c];
        double b = shift.value()[c];
        for (int n = 0; n < batch; n++) {
            int base = (n * channels + c) * spatial;
            for (int i = base; i < base + spatial; i++) {
                y[i] = (float) (g * ((in[i] - mu) * inv) + b);
            }
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (shape == null) {
            throw new IllegalStateException("batch norm " + scale.path() + ": backward before any forward");
        }
        float[] go = gradOutput.data();
        float[] in = input.data();
        int batch = shape[0];
        int m = batch * spatial;
        float[] dx = new float[go.length];
        Parallel.forRange(channels, 2L * m, (from, to) -> {
            for (int c = from; c < to; c++) {
                backwardChannel(c, go, in, dx, batch, m);
            }
        });
        return new Tensor(dx, shape);
    }

    private void backwardChannel(int c, float[] go, float[] in, float[] dx, int batch, int m) {
        double mu = mean[c];
        double inv = invStd[c];
        double[] sums = new double[2];
        for (int n = 0; n < batch; n++) {
            Sums.sumAndDot(go, in, (n * channels + c) * spatial, spatial, sums);
        }
        double sumG = sums[0];
        // Σ g·x̂ = inv · (Σ g·x − μ·Σ g): one pass over g and x (each g·x exact in double)
        double sumGh = inv * (sums[1] - mu * sumG);
        scale.grad()[c] += (float) sumGh;
        shift.grad()[c] += (float) sumG;
        double g = scale.value()[c];
        double meanD = lastTraining ? g * sumG / m : 0;
        double meanDh = lastTraining ? g * sumGh / m : 0;
        for (int n = 0; n < batch; n++) {
            int base = (n * channels + c) * spatial;
            for (int i = base; i < base + spatial; i++) {
                double h = (in[i] - mu) * inv;
                dx[i] = (float) ((go[i] * g - meanD - h * meanDh) * inv);
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale, shift);
    }

    @Override
    public String kind() {
        return "batch_norm";
    }
}
