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
            throw new IllegalArgumentException("layer norm needs features >= 1 and eps > 0, got " + features + ", " + eps);
        }
        this.features = features;
        this.eps = eps;
        this.scale = new Parameter(name + ".weight", Shape.of(features), Layout.PYTORCH, Role.NORM_SCALE, null);
        this.shift = new Parameter(name + ".bias", Shape.of(features), Layout.PYTORCH, Role.NORM_SHIFT, null);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.features() != features) {
            throw new IllegalArgumentException("layer norm " + scale.path() + " expects " + features + " features, got " + x.features());
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
            double sum = 0;
            for (int i = 0; i < features; i++) {
                sum += in[base + i];
            }
            double mean = sum / features;
            double var = 0;
            for (int i = 0; i < features; i++) {
                double d = in[base + i] - mean;
                var += d * d;
            }
            float inv = (float) (1 / Math.sqrt(var / features + eps));
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
            double sumD = 0;
            double sumDh = 0;
            for (int i = 0; i < features; i++) {
                float d = go[base + i] * gamma[i];
                sumD += d;
                sumDh += d * normalized[base + i];
            }
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

    @Override
    public List<Parameter> parameters() {
        return List.of(scale, shift);
    }

    @Override
    public String kind() {
        return "layer_norm";
    }
}
