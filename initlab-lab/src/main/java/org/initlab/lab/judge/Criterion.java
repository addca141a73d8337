package org.initlab.lab.judge;

/**
 * One test of a claim: a figure compared with a threshold, stated before the run with its reason
 * and source. {@link #check} decides from the figure's 95% interval: beyond the threshold on the
 * claimed side is {@link Finding#SUPPORTED}, wholly on the other side {@link Finding#NOT_SUPPORTED},
 * and an interval that contains the threshold {@link Finding#INCONCLUSIVE} (the effect is within
 * the seed-to-seed noise). A NaN figure (a run that diverged) is judged as the worst value for the
 * claim: not supported.
 *
 * @param figure what is measured, in words ("He test accuracy minus 1/fan_in test accuracy")
 * @param side whether the claim wants the figure at least or at most the threshold
 * @param threshold the bound
 * @param reason why this bound, and where it comes from (paper, figure, or argument)
 */
public record Criterion(String figure, Side side, double threshold, String reason) {
    /** Which side of the threshold the claim wants. */
    public enum Side {
        AT_LEAST("≥"),
        AT_MOST("≤");

        private final String symbol;

        Side(String symbol) {
            this.symbol = symbol;
        }

        /** {@code ≥} or {@code ≤}. */
        public String symbol() {
            return symbol;
        }
    }

    public Criterion {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("a threshold must be finite, got " + threshold + " for " + figure);
        }
    }

    /** The figure should be at least {@code threshold}. */
    public static Criterion atLeast(String figure, double threshold, String reason) {
        return new Criterion(figure, Side.AT_LEAST, threshold, reason);
    }

    /** The figure should be at most {@code threshold}. */
    public static Criterion atMost(String figure, double threshold, String reason) {
        return new Criterion(figure, Side.AT_MOST, threshold, reason);
    }

    /** Judges the figure's per-seed values. */
    public Check check(double... perSeed) {
        return check(Estimate.of(perSeed));
    }

    /** Judges an estimate of the figure. */
    public Check check(Estimate e) {
        Finding f;
        if (Double.isNaN(e.low()) || Double.isNaN(e.high())) {
            f = Finding.NOT_SUPPORTED;
        } else if (side == Side.AT_LEAST) {
            f = e.low() >= threshold
                    ? Finding.SUPPORTED
                    : e.high() < threshold ? Finding.NOT_SUPPORTED : Finding.INCONCLUSIVE;
        } else {
            f = e.high() <= threshold
                    ? Finding.SUPPORTED
                    : e.low() > threshold ? Finding.NOT_SUPPORTED : Finding.INCONCLUSIVE;
        }
        return new Check(this, e, f);
    }
}
