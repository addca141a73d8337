package org.initlab.nn;

import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Layer normalization (Ba, Kiros and Hinton 2016) over the features of each example:
 * {@code x̂ = (x - μ) / sqrt(σ² + ε)} with the biased variance, {@code y = γ ⊙ x̂ + β};
 * γ ({@link Role#NORM_SCALE}) and β ({@link Role#NORM_SHIFT}) have one entry per feature.
 *
 * <p>Backward, per example with {@code n} features and {@code d = g ⊙ γ}:
 * {@code dx = (d - mean(d) - x̂ · mean(d ⊙ x̂)) / sqrt(σ² + ε)}, {@code dγ += Σ g ⊙ x̂},
 * {@code dβ += Σ g}.
 *
 * <p>Numbers: each row's sums in double, the elementwise work in float (as PyTorch's float
 * kernels). Mean and variance come from one pass over the row, shifted by its first element
 * {@code c}: {@code S₁ = Σ(x − c)}, {@code S₂ = Σ(x − c)²}, {@code μ = c + S₁/n},
 * {@code σ² = (S₂ − S₁²/n)/n}. The shift keeps this safe: every element of a row lies within
 * {@code σ·√(n−1)} of its mean, so {@code S₂ = n·(σ² + (c − μ)²) ≤ n²·σ²} and the subtraction
 * loses at most a factor {@code n} on the double sums' rounding (about {@code n²·1e-16} relative,
 * 4e-13 at 64 features), far below float's rounding of the result. The mean enters the float
 * loop as two floats {@code μ = μ_hi + μ_lo} and {@code x̂ = ((x − μ_hi) − μ_lo)·(1/σ)}: a row whose
 * mean is large against its spread keeps its precision ({@code x − μ_hi} is exact when they are
 * close), where {@code x − (float) μ} would lose about {@code log₂(|μ|/σ)} bits. (PyTorch 1.13's
 * float kernel errs by 0.15 in {@code x̂} on rows of mean 1e4 and spread 1e-2; {@code LayerNormTest}
 * holds this one to 1e-5 there.) Backward's two row sums
 * ({@code Σ d}, {@code Σ d ⊙ x̂}) likewise share one pass; {@code dγ} and {@code dβ} are summed
 * over the rows in double and added to the gradients (rounded to float) once per backward.
 *
 * <p>Speed: the per-feature loops read γ and β from double copies made once per call. C2 does not
 * vectorize a loop that stores into a float array while reading another float array at a
 * different offset ({@code y[base + i]} and {@code γ[i]} might be the same array), and a row of
 * 64 features is too short to pay for scalar loop overhead; reading γ from a {@code double[]}
 * (a type the stores cannot alias) lets the loop vectorize. The values are the same: a float
 * copied to double and back is unchanged.
 *
 * <p>Threads: forward's rows, and backward's chunks of {@value #CHUNK_ROWS} rows, run on {@link Parallel}
 * ranges. Each chunk sums its rows' {@code dγ}, {@code dβ} terms in double, and the chunks' sums
 * are added in chunk order: a fixed partition, so the results do not depend on the thread count.
 *
 * <p>Allocation: forward allocates the output and keeps {@code x̂} ({@code float}, the input's size)
 * and one {@code 1/σ} per row in buffers reused while the sizes stay the same; backward
 * allocates the input gradient.
 */
public final class LayerNorm implements Layer {
    /** Rows per chunk of backward's parameter sums: a fixed partition, whatever the thread count. */
    private static final int CHUNK_ROWS = 32;

    private final int features;
    private final double eps;
    private final Parameter scale;
    private final Parameter shift;
    private float[] normalized;
    private float[] invStd;
    private int[] shape;
    /** γ and β as doubles (see the class description). */
    private final double[] gamma;

    private final double[] beta;
    /** Backward's per-chunk sums {@code Σ g ⊙ x̂} and {@code Σ g}, {@code features} per chunk of rows. */
    private double[] partialsGamma;

    private double[] partialsBeta;

    /** @param name path prefix ({@code "3"} gives {@code "3.weight"}, {@code "3.bias"}) */
    public LayerNorm(String name, int features, double eps) {
        if (features < 1 || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "layer norm needs features >= 1 and eps > 0, got " + features + ", " + eps);
        }
        this.features = features;
        this.eps = eps;
        this.scale = new Parameter(name + ".weight", Shape.of(features), Layout.PYTORCH, Role.NORM_SCALE, null);
        this.shift = new Parameter(name + ".bias", Shape.of(features), Layout.PYTORCH, Role.NORM_SHIFT, null);
        this.gamma = new double[features];
        this.beta = new double[features];
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.features() != features) {
            throw new IllegalArgumentException(
                    "layer norm " + scale.path() + " expects " + features + " features, got " + x.features());
        }
        int rows = x.batch();
        float[] in = x.data();
        float[] y = new float[in.length];
        normalized = RecurrentLayer.reuse(normalized, in.length);
        invStd = RecurrentLayer.reuse(invStd, rows);
        shape = x.shape();
        copy(scale.value(), gamma);
        copy(shift.value(), beta);
        Parallel.forRange(rows, 6L * features, (from, to) -> forwardRows(in, y, from, to));
        return new Tensor(y, shape);
    }

    /** Normalizes rows {@code [from, to)} of {@code in} into {@code y}, keeping {@code x̂} and {@code 1/σ}. */
    private void forwardRows(float[] in, float[] y, int from, int to) {
        double[] gm = gamma;
        double[] bt = beta;
        float[] h = normalized;
        int n = features;
        for (int r = from; r < to; r++) {
            int base = r * n;
            double c = in[base];
            double s10 = 0;
            double s11 = 0;
            double s20 = 0;
            double s21 = 0;
            int i2 = 0;
            for (; i2 + 1 < n; i2 += 2) {
                double d0 = in[base + i2] - c;
                double d1 = in[base + i2 + 1] - c;
                s10 += d0;
                s11 += d1;
                s20 += d0 * d0;
                s21 += d1 * d1;
            }
            if (i2 < n) {
                double d0 = in[base + i2] - c;
                s10 += d0;
                s20 += d0 * d0;
            }
            double s1 = s10 + s11;
            double var = Math.max(0, (s20 + s21) - s1 * s1 / n) / n;
            float inv = (float) (1 / Math.sqrt(var + eps));
            double mean = c + s1 / n;
            float meanHigh = (float) mean;
            float meanLow = (float) (mean - meanHigh);
            invStd[r] = inv;
            for (int i = 0; i < n; i++) {
                float v = ((in[base + i] - meanHigh) - meanLow) * inv;
                h[base + i] = v;
                y[base + i] = (float) gm[i] * v + (float) bt[i];
            }
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        float[] go = gradOutput.data();
        int n = features;
        int rows = go.length / n;
        int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
        copy(scale.value(), gamma);
        if (partialsGamma == null || partialsGamma.length != n * chunks) {
            partialsGamma = new double[n * chunks];
            partialsBeta = new double[n * chunks];
        }
        java.util.Arrays.fill(partialsGamma, 0);
        java.util.Arrays.fill(partialsBeta, 0);
        float[] dx = new float[go.length];
        Parallel.forRange(chunks, 8L * CHUNK_ROWS * n, (from, to) -> {
            for (int c = from; c < to; c++) {
                backwardRows(go, dx, c * CHUNK_ROWS, Math.min(rows, (c + 1) * CHUNK_ROWS), n * c);
            }
        });
        float[] dGamma = scale.grad();
        float[] dBeta = shift.grad();
        for (int i = 0; i < n; i++) {
            double sg = 0;
            double sb = 0;
            for (int c = 0; c < chunks; c++) {
                sg += partialsGamma[n * c + i];
                sb += partialsBeta[n * c + i];
            }
            dGamma[i] += (float) sg;
            dBeta[i] += (float) sb;
        }
        return new Tensor(dx, shape);
    }

    /**
     * The input gradient of rows {@code [from, to)} into {@code dx}, and their sums
     * {@code Σ g ⊙ x̂} and {@code Σ g} per feature into {@code [at, at + n)} of the chunk sums (two
     * arrays, two loops: C2 vectorizes neither a loop storing to one array at two offsets nor a reduction).
     */
    private void backwardRows(float[] go, float[] dx, int from, int to, int at) {
        float[] gf = scale.value(); // read-only loops may read γ as float
        double[] gm = gamma;
        double[] pg = partialsGamma;
        double[] pb = partialsBeta;
        float[] h = normalized;
        int n = features;
        for (int r = from; r < to; r++) {
            int base = r * n;
            // two independent sums of two lanes each: four add chains in flight instead of two
            double sumD0 = 0;
            double sumD1 = 0;
            double sumDh0 = 0;
            double sumDh1 = 0;
            int i2 = 0;
            for (; i2 + 1 < n; i2 += 2) {
                float d0 = go[base + i2] * gf[i2];
                float d1 = go[base + i2 + 1] * gf[i2 + 1];
                sumD0 += d0;
                sumD1 += d1;
                sumDh0 += d0 * h[base + i2];
                sumDh1 += d1 * h[base + i2 + 1];
            }
            if (i2 < n) {
                float d0 = go[base + i2] * gf[i2];
                sumD0 += d0;
                sumDh0 += d0 * h[base + i2];
            }
            for (int i = 0; i < n; i++) {
                pg[at + i] += (double) go[base + i] * h[base + i];
            }
            for (int i = 0; i < n; i++) {
                pb[at + i] += go[base + i];
            }
            float meanD = (float) ((sumD0 + sumD1) / n);
            float meanDh = (float) ((sumDh0 + sumDh1) / n);
            float inv = invStd[r];
            for (int i = 0; i < n; i++) {
                dx[base + i] = (go[base + i] * (float) gm[i] - meanD - h[base + i] * meanDh) * inv;
            }
        }
    }

    private static void copy(float[] from, double[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] = from[i];
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale, shift);
    }

    @Override
    public String kind() {
        return "layer_norm";
    }
}
