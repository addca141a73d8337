package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Learned absolute position embeddings (GPT-2's {@code wpe}): {@code y[b, t, :] = x[b, t, :] + P[t, :]}
 * with {@code P [maxSteps, d]} ({@link Role#EMBEDDING}, path {@code NAME.weight}). Input and output
 * {@code [batch, T, d]} with {@code T <= maxSteps}. Backward: {@code dx = g},
 * {@code dP[t, :] += Σ_b g[b, t, :]}. Allocates the output (forward) and nothing else.
 */
public final class PositionEmbedding implements Layer {
    private final int maxSteps;
    private final int dim;
    private final Parameter weight;
    private int[] shape;

    /**
     * @param name path prefix ({@code "pos"} gives {@code "pos.weight"})
     * @param maxSteps the longest sequence, {@code >= 1}
     * @param dim the model width, {@code >= 1}
     */
    public PositionEmbedding(String name, int maxSteps, int dim) {
        if (maxSteps < 1 || dim < 1) {
            throw new IllegalArgumentException(
                    "position embedding " + name + " needs max steps >= 1 and dim >= 1, got " + maxSteps + ", " + dim);
        }
        this.maxSteps = maxSteps;
        this.dim = dim;
        this.weight = new Parameter(name + ".weight", Shape.of(maxSteps, dim), Layout.PYTORCH, Role.EMBEDDING, null);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != dim || s[1] > maxSteps) {
            throw new IllegalArgumentException("position embedding " + weight.path() + " expects [batch, T <= "
                    + maxSteps + ", " + dim + "], got " + Arrays.toString(s));
        }
        shape = s.clone();
        float[] y = x.data().clone();
        float[] p = weight.value();
        int td = s[1] * dim;
        for (int b = 0; b < s[0]; b++) {
            for (int i = 0; i < td; i++) {
                y[b * td + i] += p[i];
            }
        }
        return new Tensor(y, s);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (shape == null || !Arrays.equals(g.shape(), shape)) {
            throw new IllegalArgumentException(
                    "position embedding " + weight.path() + " expects a gradient shaped like its" + " last output "
                            + Arrays.toString(shape) + ", got " + Arrays.toString(g.shape()));
        }
        float[] gv = g.data();
        float[] dp = weight.grad();
        int td = shape[1] * dim;
        for (int b = 0; b < shape[0]; b++) {
            for (int i = 0; i < td; i++) {
                dp[i] += gv[b * td + i];
            }
        }
        return new Tensor(gv.clone(), shape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight);
    }

    @Override
    public String kind() {
        return "position_embedding";
    }
}
