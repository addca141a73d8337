package org.initlab.nn;

import java.util.IdentityHashMap;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 penalty, in
 * PyTorch's formulation: {@code g ← g + λ w}; {@code v ← μ v + g} ({@code v = g} at the first
 * step); {@code d = g + μ v} (Nesterov) or {@code d = v}; {@code w ← w - lr · d}, with {@code lr} times the
 * parameter's {@link Parameter#lrScale()}. Keeps one velocity buffer per parameter.
 */
public final class Sgd implements Optimizer {
    private final double lr;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final IdentityHashMap<Parameter, float[]> velocity = new IdentityHashMap<>();

    /**
     * @param lr learning rate, {@code > 0}
     * @param momentum μ, 0 for plain SGD
     * @param nesterov use Nesterov momentum
     * @param weightDecay λ of the L2 penalty added to the gradient
     */
    public Sgd(double lr, double momentum, boolean nesterov, double weightDecay) {
        if (!(lr > 0) || !(momentum >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("sgd: need lr > 0, momentum >= 0, weight_decay >= 0; got lr=" + lr
                    + ", momentum=" + momentum + ", weight_decay=" + weightDecay);
        }
        this.lr = lr;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD. */
    public Sgd(double lr) {
        this(lr, 0, false, 0);
    }

    @Override
    public void step(List<Parameter> parameters, double lrFactor) {
        float mu = (float) momentum;
        float wd = (float) weightDecay;
        for (Parameter p : parameters) {
            float rate = (float) (lr * lrFactor * p.lrScale());
            float[] w = p.value();
            float[] g = p.grad();
            float[] v = velocity.get(p);
            boolean first = mu != 0 && v == null;
            if (first) {
                v = new float[w.length];
                velocity.put(p, v);
            }
            for (int i = 0; i < w.length; i++) {
                float gi = g[i] + wd * w[i];
                float d = gi;
                if (mu != 0) {
                    v[i] = first ? gi : mu * v[i] + gi;
                    d = nesterov ? gi + mu * v[i] : v[i];
                }
                w[i] -= rate * d;
            }
        }
    }
}
