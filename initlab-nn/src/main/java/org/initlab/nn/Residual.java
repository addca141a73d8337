package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * A residual block {@code y = x + α · f(x)} with branch {@code f} and an optional trainable
 * scalar branch scale {@code α} (path {@code NAME.alpha}, role {@link Role#NORM_SCALE}, so the
 * default plan sets it to 1; ReZero (Bachlechner et al. 2020) and SkipInit (De and Smith 2020)
 * start it at 0 with a rule on {@code *.alpha}), or a fixed, untrained scale: DeepNorm's
 * {@code LN(α x + f(x))} (Wang et al. 2022) is {@code LN(x + f(x)/α)} up to LayerNorm's ε, since
 * LayerNorm is invariant to a positive factor on its input, so a block with fixed scale
 * {@code 1/α} followed by {@link LayerNorm} is a DeepNorm block.
 *
 * <p>Backward: {@code dx = g + f'ᵀ(α g)}, {@code dα += Σ g ⊙ f(x)}.
 */
public final class Residual implements Layer {
    private final Sequential branch;
    private final Parameter alpha;
    private final float fixedScale;
    private Tensor branchOut;

    /** @param scaled whether the block has the trainable scale α (else α = 1, fixed) */
    public Residual(String name, Sequential branch, boolean scaled) {
        this.branch = branch;
        this.alpha = scaled ? new Parameter(name + ".alpha", Shape.of(1), Layout.PYTORCH, Role.NORM_SCALE, null) : null;
        this.fixedScale = 1f;
    }

    /**
     * A block with the fixed, untrained branch scale {@code scale}: {@code y = x + scale · f(x)}.
     *
     * @throws IllegalArgumentException unless {@code scale} is finite and {@code > 0}
     */
    public Residual(String name, Sequential branch, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(
                    "residual " + name + ": the fixed branch scale must be finite and > 0, got " + scale);
        }
        this.branch = branch;
        this.alpha = null;
        this.fixedScale = (float) scale;
    }

    public Sequential branch() {
        return branch;
    }

    private float scale() {
        return alpha == null ? fixedScale : alpha.value()[0];
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        branchOut = branch.forward(x, training);
        if (branchOut.size() != x.size()) {
            throw new IllegalArgumentException("residual branch changes the size: " + x + " -> " + branchOut);
        }
        float a = scale();
        float[] y = x.data().clone();
        float[] b = branchOut.data();
        for (int i = 0; i < y.length; i++) {
            y[i] += a * b[i];
        }
        return new Tensor(y, x.shape());
    }

    @Override
    public Tensor backward(Tensor g) {
        float a = scale();
        float[] gd = g.data();
        if (alpha != null) {
            double s = 0;
            float[] b = branchOut.data();
            for (int i = 0; i < gd.length; i++) {
                s += (double) gd[i] * b[i];
            }
            alpha.grad()[0] += (float) s;
        }
        float[] scaled = new float[gd.length];
        for (int i = 0; i < gd.length; i++) {
            scaled[i] = a * gd[i];
        }
        Tensor dBranch = branch.backward(new Tensor(scaled, g.shape()));
        float[] dx = dBranch.data();
        for (int i = 0; i < dx.length; i++) {
            dx[i] += gd[i];
        }
        return dBranch;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(branch.parameters());
        if (alpha != null) {
            all.add(alpha);
        }
        return all;
    }

    @Override
    public String kind() {
        return "residual";
    }

    /** The input's shape ({@code x + f(x)}), or the branch's when the input's is not known. */
    @Override
    public int[] outputShape(int[] in) {
        return in != null ? in : branch.outputShape(null);
    }
}
