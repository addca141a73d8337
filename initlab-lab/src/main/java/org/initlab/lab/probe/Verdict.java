package org.initlab.lab.probe;

/**
 * A judgement on a layer or a network, with the measured figure behind it and the threshold it
 * crossed (for {@link Kind#HEALTHY}: the figure closest to a threshold, and that threshold).
 *
 * @param kind what was found
 * @param figure the name of the measured quantity ({@code "output rms / input rms"})
 * @param value its measured value
 * @param threshold the threshold it was compared with
 * @param reason one sentence for a person
 */
public record Verdict(Kind kind, String figure, double value, double threshold, String reason) {

    /** Verdicts, from the most to the least severe: a network's verdict is its most severe layer's. */
    public enum Kind {
        /** Every unit of the layer computes the same value: the symmetry was never broken (zero or constant init). */
        SYMMETRIC,
        /** The signal or the gradient grew by orders of magnitude, or became non-finite. */
        EXPLODING,
        /** The signal or the gradient shrank by orders of magnitude. */
        VANISHING,
        /** Most outputs of a bounded activation sit on its flat tails, where the gradient is near zero. */
        SATURATED,
        /** Most units of a rectifier are zero for every example, so they receive no gradient. */
        DEAD,
        /** None of the above. */
        HEALTHY;

        /** The lower-case name used in tables and JSON. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
