package org.initlab.lab.theory;

/**
 * Everything {@link MeanField#analyze} finds for one (activation, {@code σ_w²}, {@code σ_b²}):
 * what {@code initlab critical} prints and what the probe and the advisor compare measurements
 * with. Depth scales are in layers; {@code +∞} where the quantity they describe decays only
 * algebraically (at the edge of chaos), NaN where they are undefined.
 *
 * @param activation the activation's spec name, e.g. {@code "tanh"}
 * @param param the activation's parameter in use, NaN for activations without one
 * @param sigmaW2 the weight variance times fan-in, {@code σ_w²}
 * @param sigmaB2 the bias variance {@code σ_b²}
 * @param inputSecondMoment the {@code q₀} the length map was iterated from
 * @param fixedPoint the fixed point {@code q*} and whether it exists
 * @param chi1 {@code χ₁ = σ_w² E[φ'(√q* z)²]}: the mean squared singular value of one layer's
 *     Jacobian, the factor by which gradients' squared norms grow per layer; evaluated at the limit
 *     {@code q → 0⁺} when the signal vanishes and at the largest {@code q} examined when it explodes
 * @param chiQ {@code χ_q}, the slope of the length map at {@code q*} (evaluated as {@code chi1})
 * @param xiQ {@code ξ_q = −1/ln χ_q}, the depth over which {@code q} approaches {@code q*}; NaN
 *     when the signal explodes
 * @param cStar the stable fixed point {@code c*} of the correlation map, in [0, 1]: 1 in the
 *     ordered phase; NaN unless {@code q*} is finite and positive
 * @param chiC {@code χ_c = σ_w² E[φ'(u₁)φ'(u₂)]} at {@code c*} (equals {@code chi1} when
 *     {@code c* = 1}); NaN as {@code cStar}
 * @param xiC {@code ξ_c = −1/ln χ_c}, the depth over which two inputs' correlation reaches
 *     {@code c*}: how deep information about the input can travel (Schoenholz et al. 2017); NaN
 *     as {@code cStar}
 * @param phase ordered, critical or chaotic, by {@code chi1}
 */
public record MeanFieldAnalysis(
        String activation,
        double param,
        double sigmaW2,
        double sigmaB2,
        double inputSecondMoment,
        LengthFixedPoint fixedPoint,
        double chi1,
        double chiQ,
        double xiQ,
        double cStar,
        double chiC,
        double xiC,
        Phase phase) {

    /** {@code |χ₁ − 1|} at most this counts as critical. */
    public static final double CRITICAL_TOLERANCE = 1e-10;

    /** The phase of a deep random network (Poole et al. 2016). */
    public enum Phase {
        /** {@code χ₁ < 1}: inputs' correlations go to 1, gradients vanish. */
        ORDERED,
        /** {@code χ₁ = 1} within {@link #CRITICAL_TOLERANCE}: the edge of chaos. */
        CRITICAL,
        /** {@code χ₁ > 1}: nearby inputs decorrelate, gradients explode. */
        CHAOTIC;

        /**
         * The phase for a value of {@code χ₁}.
         *
         * @param chi1 {@code χ₁}, finite and {@code ≥ 0}
         * @return the phase
         */
        public static Phase of(double chi1) {
            if (!(chi1 >= 0) || Double.isInfinite(chi1)) {
                throw new IllegalArgumentException("chi_1 must be finite and >= 0; got " + chi1);
            }
            if (Math.abs(chi1 - 1) <= CRITICAL_TOLERANCE) {
                return CRITICAL;
            }
            return chi1 < 1 ? ORDERED : CHAOTIC;
        }
    }

    /** {@return the fixed point {@code q*}: 0 when the signal vanishes, {@code +∞} when it explodes} */
    public double qStar() {
        return fixedPoint.q();
    }
}
