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
 * <p>Numbers: each row's sums (mean, variance, {@code mean(d)}, {@code mean(d ⊙ x̂)}) in double,
 * the elementwise work in float (as PyTorch's float kernels), in loops the JIT can vectorize.
 * Allocation: forward allocates the output and keeps {@code x̂} ({@code float}, the input's size)
 * and one {@code 1/σ} per row in buffers reused while the sizes stay the same; backward
 * allocates the input gradient.
 */
public final class LayerNorm implements Layer {
    private final int features;
    private final double eps;
    private final Parameter scale;
    private final Parameter shift;
    private float[] normalized;
    private float[] invStd;
    private int[] shape;

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
        float[] g = scale.value();
        float[] b = shift.value();
        for (int r = 0; r < rows; r++) {
            int base = r * features;
            double mean = sum(in, base, 0, false) / features;
            double var = sum(in, base, mean, true) / features;
            float inv = (float) (1 / Math.sqrt(var + eps));
            float m = (float) mean;
            invStd[r] = inv;
            for (int i = 0; i < features; i++) {
                float h = (in[base + i] - m) * inv;
                normalized[base + i] = h;
                y[base + i] = g[i] * h + b[i];
            }
        }
        return new Tensor(y, shape);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        float[] go = gradOutput.data();
        float[] gamma = scale.value();
        float[] dGamma = scale.grad();
        float[] dBeta = shift.grad();
        int rows = go.length / features;
        float[] dx = new float[go.length];
        for (int r = 0; r < rows; r++) {
            int base = r * features;
            // two independent sums of two lanes each: four add chains in flight instead of two
            double sumD0 = 0;
            double sumD1 = 0;
            double sumDh0 = 0;
            double sumDh1 = 0;
            int i2 = 0;
            for (; i2 + 1 < features; i2 += 2) {
                float d0 = go[base + i2] * gamma[i2];
                float d1 = go[base + i2 + 1] * gamma[i2 + 1];
                sumD0 += d0;
                sumD1 += d1;
                sumDh0 += d0 * normalized[base + i2];
                sumDh1 += d1 * normalized[base + i2 + 1];
            }
            if (i2 < features) {
                float d0 = go[base + i2] * gamma[i2];
                sumD0 += d0;
                sumDh0 += d0 * normalized[base + i2];
            }
            double sumD = sumD0 + sumD1;
            double sumDh = sumDh0 + sumDh1;
            for (int i = 0; i < features; i++) {
                dGamma[i] += go[base + i] * normalized[base + i];
                dBeta[i] += go[base + i];
            }
            float meanD = (float) (sumD / features);
            float meanDh = (float) (sumDh / features);
            float inv = invStd[r];
            for (int i = 0; i < features; i++) {
                dx[base + i] = (go[base + i] * gamma[i] - meanD - normalized[base + i] * meanDh) * inv;
            }
        }
        return new Tensor(dx, shape);
    }

    /**
     * {@code Σ_i (x[base + i] - center)} over a row, or {@code Σ_i (x[base + i] - center)²} when
     * {@code squared}, in double with four partial sums (lanes {@code i mod 4}) added at the end:
     * four independent add chains instead of one, since a single chain's latency bounds these short rows.
     */
    private double sum(float[] x, int base, double center, boolean squared) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < features; i += 4) {
            double a = x[base + i] - center;
            double b = x[base + i + 1] - center;
            double c = x[base + i + 2] - center;
            double d = x[base + i + 3] - center;
            if (squared) {
                a *= a;
                b *= b;
                c *= c;
                d *= d;
            }
            s0 += a;
            s1 += b;
            s2 += c;
            s3 += d;
        }
        for (; i < features; i++) {
            double a = x[base + i] - center;
            s0 += squared ? a * a : a;
        }
        return (s0 + s1) + (s2 + s3);
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
