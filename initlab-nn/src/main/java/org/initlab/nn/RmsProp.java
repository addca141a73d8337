package org.initlab.nn;

import java.util.IdentityHashMap;
import java.util.List;

/**
 * RMSProp (Tieleman and Hinton 2012, lecture 6.5), as PyTorch computes it without momentum:
 * {@code g ← g + λ w}; {@code s ← α s + (1-α) g²}; {@code w ← w - lr · g / (sqrt(s) + ε)}, with {@code lr} times the parameter's
 * {@link Parameter#lrScale()}.
 */
public final class RmsProp implements Optimizer {
    private final double lr;
    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final IdentityHashMap<Parameter, float[]> square = new IdentityHashMap<>();

    /** @param alpha smoothing constant (PyTorch default 0.99) */
    public RmsProp(double lr, double alpha, double eps, double weightDecay) {
        if (!(lr > 0) || !(alpha >= 0 && alpha < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "rmsprop: need lr > 0, 0 <= alpha < 1, eps > 0, weight_decay >= 0; got lr=" + lr + ", alpha="
                            + alpha + ", eps=" + eps + ", weight_decay=" + weightDecay);
        }
        this.lr = lr;
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(List<Parameter> parameters, double lrFactor) {
        for (Parameter p : parameters) {
            float[] w = p.value();
            float[] g = p.grad();
            float[] s = square.computeIfAbsent(p, k -> new float[w.length]);
            double rate = lr * lrFactor * p.lrScale();
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + weightDecay * w[i];
                s[i] = (float) (alpha * s[i] + (1 - alpha) * gi * gi);
                w[i] -= (float) (rate * gi / (Math.sqrt(s[i]) + eps));
            }
        }
    }
}
