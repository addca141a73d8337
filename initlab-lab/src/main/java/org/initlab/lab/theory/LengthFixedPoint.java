package org.initlab.lab.theory;

/**
 * Where the length map {@code q ↦ σ_w² E[φ(√q z)²] + σ_b²} takes a pre-activation second moment
 * after many layers: the fixed point {@code q*} reached by iterating it from a starting
 * {@code q₀} (see {@link MeanField#lengthFixedPoint}).
 *
 * @param q the fixed point {@code q*}: finite and {@code ≥ 0} when {@code status} is
 *     {@link Status#FINITE}, 0 when it is {@link Status#VANISHES}, {@code +∞} when it is
 *     {@link Status#EXPLODES}
 * @param status which of the three cases holds
 */
public record LengthFixedPoint(double q, Status status) {

    /** The fate of the signal's second moment with depth. */
    public enum Status {
        /** The iteration converges to a finite {@code q* > 0} (or to {@code q₀} itself when every q is fixed). */
        FINITE,
        /** {@code q → 0}: no bias, {@code φ(0) = 0}, and the map shrinks every small q. */
        VANISHES,
        /** {@code q → ∞}: an unbounded activation with {@code σ_w²} too large for its growth. */
        EXPLODES
    }

    /** Validates that {@code q} matches {@code status}. */
    public LengthFixedPoint {
        boolean consistent = switch (status) {
            case FINITE -> q >= 0 && Double.isFinite(q);
            case VANISHES -> q == 0;
            case EXPLODES -> q == Double.POSITIVE_INFINITY;
        };
        if (!consistent) {
            throw new IllegalArgumentException("fixed point q* = " + q + " does not match status " + status);
        }
    }
}
