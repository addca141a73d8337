package org.initlab.lab.judge;

/** The three values of a verdict. */
public enum Finding {
    /** The figure is beyond the threshold, by more than its seed-to-seed (or sampling) uncertainty. */
    SUPPORTED("supported"),
    /** The figure is on the wrong side of the threshold, by more than its uncertainty. */
    NOT_SUPPORTED("not supported"),
    /** The threshold lies within the figure's uncertainty: this run cannot tell. */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Finding(String label) {
        this.label = label;
    }

    /** {@code supported}, {@code not supported} or {@code inconclusive}. */
    public String label() {
        return label;
    }

    /**
     * The conjunction of findings: not supported if any is, else inconclusive if any is, else
     * supported (a claim made of several criteria holds when each holds).
     */
    public static Finding all(Iterable<Finding> findings) {
        Finding result = SUPPORTED;
        for (Finding f : findings) {
            if (f == NOT_SUPPORTED) {
                return NOT_SUPPORTED;
            }
            if (f == INCONCLUSIVE) {
                result = INCONCLUSIVE;
            }
        }
        return result;
    }
}
