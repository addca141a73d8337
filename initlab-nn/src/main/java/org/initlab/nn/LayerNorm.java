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
 * {@code dβ += Σ g}. Computed in double per row.
 */
public final class LayerNorm implements Layer {
    private final int features;
    private final double eps;
    private final Parameter scale;
    private final Parameter shift;
    private double[] normalized;
    private double[] invStd;
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
        normalized = new double[in.length];
        invStd = new double[rows];
        shape = x.shape();
        float[] g = scale.value();
        float[] b = shift.value();
        for (int r = 0; r < rows; r++) {
            int base = r * features;
            double mean = 0;
            for (int i = 0; i < features; i++) {
                mean += in[base + i];
            }
            mean /= features;
            double var = 0;
            for (int i = 0; i < features; i++) {
                double d = in[base + i] - mean;
                var += d * d;
            }
            var /= features;
            invStd[r] = 1 / Math.sqrt(var + eps);
            for (int i = 0; i < features; i++) {
                double h = (in[base + i] - mean) * invStd[r];
                normalized[base + i] = h;
                y[base + i] = (float) (g[i] * h + b[i]);
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
            double meanD = 0;
            double meanDh = 0;
            for (int i = 0; i < features; i++) {
                double d = go[base + i] * (double) gamma[i];
                meanD += d;
                meanDh += d * normalized[base + i];
                dGamma[i] += (float) (go[base + i] * normalized[base + i]);
                dBeta[i] += go[base + i];
            }
            meanD /= features;
            meanDh /= features;
            for (int i = 0; i < features; i++) {
                double d = go[base + i] * (double) gamma[i];
                dx[base + i] = (float) ((d - meanD - normalized[base + i] * meanDh) * invStd[r]);
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
