package org.initlab.core.init;

import java.util.Locale;

/** The shape of the law a variance-scaling initializer draws from. */
public enum Distribution {
    /** U(-limit, limit) with limit = sqrt(3 * variance). */
    UNIFORM,
    /** N(0, variance), not truncated (PyTorch's convention). */
    NORMAL,
    /**
     * N(0, σ²) truncated to ±2σ with σ = sqrt(variance) / 0.8796..., so that the truncated law
     * has the requested variance (Keras and JAX convention).
     */
    TRUNCATED_NORMAL;

    /** Lower-case name ({@code truncated_normal}). */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
