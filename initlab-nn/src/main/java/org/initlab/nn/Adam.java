package org.initlab.nn;

import java.util.IdentityHashMap;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015, "Adam: A Method for Stochastic Optimization") and AdamW
 * (Loshchilov and Hutter 2019, "Decoupled Weight Decay Regularization"), as PyTorch computes
 * them at step t:
 * <pre>
 *   Adam:  g ← g + λ w                       AdamW:  w ← w - lr · λ · w
 *   m ← β1 m + (1-β1) g;   v ← β2 v + (1-β2) g²
 *   w ← w - lr · (m / (1-β1ᵗ)) / (sqrt(v / (1-β2ᵗ)) + ε)
 * </pre>
 * with {@code lr} times the parameter's {@link Parameter#lrScale()} (decay included, as PyTorch's
 * per-group {@code lr} does).
 */
public final class Adam implements Optimizer {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final IdentityHashMap<Parameter, float[][]> moments = new IdentityHashMap<>();
    private int step;

    /**
     * @param decoupled AdamW's decoupled weight decay instead of an L2 penalty
     */
    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(lr > 0)
                || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1)
                || !(eps > 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("adam: need lr > 0, 0 <= beta1, beta2 < 1, eps > 0, weight_decay >= 0;"
                    + " got lr=" + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps
                    + ", weight_decay=" + weightDecay);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8, 0, false);
    }

    @Override
    public void step(List<Parameter> parameters, double lrFactor) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        double sqrtCorrection2 = Math.sqrt(correction2);
        for (Parameter p : parameters) {
            double rate = lr * lrFactor * p.lrScale();
            double stepSize = rate / correction1;
            float[] w = p.value();
            float[] g = p.grad();
            float[][] mv = moments.computeIfAbsent(p, k -> new float[][] {new float[w.length], new float[w.length]});
            float[] m = mv[0];
            float[] v = mv[1];
            for (int i = 0; i < w.length; i++) {
                double gi = g[i];
                if (decoupled) {
                    w[i] -= (float) (rate * weightDecay * w[i]);
                } else {
                    gi += weightDecay * w[i];
                }
                m[i] = (float) (beta1 * m[i] + (1 - beta1) * gi);
                v[i] = (float) (beta2 * v[i] + (1 - beta2) * gi * gi);
                w[i] -= (float) (stepSize * m[i] / (Math.sqrt(v[i]) / sqrtCorrection2 + eps));
            }
        }
    }
}
