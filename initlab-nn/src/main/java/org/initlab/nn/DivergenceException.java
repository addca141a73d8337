package org.initlab.nn;

/**
 * A run produced a NaN or infinite value: where (layer or loss) and when (step) it first appeared.
 * Thrown by {@link Trainer#trainStep}; {@link Trainer#train} catches it and returns the finished
 * epochs with a {@link Trainer.Divergence} that also names the epoch.
 */
public final class DivergenceException extends RuntimeException {
    private final long step;
    private final String where;
    private final String value;

    /**
     * @param step the 0-based step of the run (the number of steps finished before it)
     * @param where the quantity that went non-finite, e.g. {@code "the loss"} or
     *     {@code "layer 3 (dense 3.weight) output"}
     * @param value the first non-finite value seen there, e.g. {@code "NaN"}
     */
    public DivergenceException(long step, String where, String value) {
        this(step, where, value, "diverged at step " + (step + 1) + " of the run: " + where + " is " + value);
    }

    /** The same divergence, told with its epoch ({@link Trainer.Divergence#message()}). */
    DivergenceException(Trainer.Divergence d) {
        this(d.step() - 1, d.where(), d.value(), d.message());
    }

    private DivergenceException(long step, String where, String value, String message) {
        super(message);
        this.step = step;
        this.where = where;
        this.value = value;
    }

    /** The training step, 0-based (the number of steps finished before it); the message counts from 1. */
    public long step() {
        return step;
    }

    /** The layer or quantity where it appeared, e.g. {@code "layer 3 (dense 3.weight) output"}. */
    public String where() {
        return where;
    }

    /** The first non-finite value seen, e.g. {@code "NaN"} or {@code "Infinity"}. */
    public String value() {
        return value;
    }
}
