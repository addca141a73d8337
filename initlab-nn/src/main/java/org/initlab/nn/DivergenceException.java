package org.initlab.nn;

/** A run produced a NaN or infinite value: where (layer) and when (step) it first appeared. */
public final class DivergenceException extends RuntimeException {
    private final long step;
    private final String where;

    public DivergenceException(long step, String where, String what) {
        super("diverged at step " + step + ": " + what + " in " + where);
        this.step = step;
        this.where = where;
    }

    /** The training step (0-based) at which the first non-finite value appeared. */
    public long step() {
        return step;
    }

    /** The layer or quantity where it appeared, e.g. {@code "layer 3 (dense 3.weight) output"}. */
    public String where() {
        return where;
    }
}
