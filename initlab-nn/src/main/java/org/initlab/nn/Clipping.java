package org.initlab.nn;

import java.util.List;

/**
 * Gradient clipping, applied between backward and the optimizer step.
 * <ul>
 *   <li>{@link #byGlobalNorm}: when {@code ‖g‖₂} over all parameters exceeds {@code maxNorm},
 *       every gradient is multiplied by {@code maxNorm / ‖g‖₂} (Pascanu, Mikolov and Bengio 2013;
 *       PyTorch's {@code clip_grad_norm_} without its 1e-6 epsilon).</li>
 *   <li>{@link #byValue}: every component clamped to {@code [-limit, limit]}.</li>
 * </ul>
 */
public final class Clipping {
    private Clipping() {}

    /** Rescales the gradients to global norm at most {@code maxNorm}; returns the norm before. */
    public static double byGlobalNorm(List<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max norm must be > 0, got " + maxNorm);
        }
        double sum = 0;
        for (Parameter p : parameters) {
            for (float g : p.grad()) {
                sum += (double) g * g;
            }
        }
        double norm = Math.sqrt(sum);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }
        }
        return norm;
    }

    /** Clamps every gradient component to {@code [-limit, limit]}. */
    public static void byValue(List<Parameter> parameters, double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("clip value must be > 0, got " + limit);
        }
        float l = (float) limit;
        for (Parameter p : parameters) {
            float[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.max(-l, Math.min(l, g[i]));
            }
        }
    }
}
