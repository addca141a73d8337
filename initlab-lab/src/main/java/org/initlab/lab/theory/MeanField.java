package org.initlab.lab.theory;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.initlab.core.gain.Activation;
import org.initlab.lab.theory.LengthFixedPoint.Status;
import org.initlab.lab.theory.MeanFieldAnalysis.Phase;

/**
 * Mean-field signal propagation through a deep, wide, random fully connected network
 * {@code h^l = W^l φ(h^{l−1}) + b^l} with {@code W_ij ~ N(0, σ_w²/fan_in)} and
 * {@code b_i ~ N(0, σ_b²)} (Poole, Lahiri, Raghu, Sohl-Dickstein and Ganguli 2016, "Exponential
 * expressivity in deep neural networks through transient chaos"; Schoenholz, Gilmer, Ganguli and
 * Sohl-Dickstein 2017, "Deep information propagation"). In the infinite-width limit each
 * pre-activation is Gaussian, and two quantities evolve by deterministic maps:
 * <pre>
 *   length map       q^{l+1} = σ_w² E[φ(√q^l z)²] + σ_b²                       (Poole eq. 3)
 *   correlation map  c^{l+1} = (σ_w² E[φ(u₁)φ(u₂)] + σ_b²) / q*                  (Poole eq. 5)
 *   χ₁ = σ_w² E[φ'(√q* z)²]                                                     (Poole eq. 7)
 *   χ_q = σ_w² E[φ'(√q* z)² + φ(√q* z) φ''(√q* z)],   ξ_q = −1/ln χ_q           (Schoenholz eqs. 4–5)
 *   χ_c = σ_w² E[φ'(u₁) φ'(u₂)] at c*,                 ξ_c = −1/ln χ_c           (Schoenholz eqs. 7–9)
 * </pre>
 * with {@code u₁, u₂} as in {@link ActivationKernel}. {@code χ_q} is the slope of the length map,
 * computed in the form {@code σ_w² E[z φ(√q z) φ'(√q z)]/√q} that Stein's lemma gives for it, which
 * needs no {@code φ''}; so the Dirac deltas of a kinked activation's {@code φ''} (ReLU6 at 6, hard
 * tanh at ±1) are accounted for exactly. The correlation map here is divided by the length map at
 * the diagonal {@code q} instead of by {@code q*}; the two agree at {@code q = q*}, and this form keeps
 * {@code c = 1} fixed at any {@code q}.
 *
 * <p>Fixed points. The length map is increasing in {@code q} for every activation of
 * {@link Activation} (checked on a grid by {@code MeanFieldTest}), so iterating it from {@code q₀}
 * converges monotonically to the nearest fixed point in the direction it first moves;
 * {@link #lengthFixedPoint} finds that point by doubling or halving {@code q} until the sign of
 * {@code L(q) − q} changes, then by {@link Roots}. The correlation map is convex and increasing on
 * [0, 1] (its Hermite expansion has nonnegative coefficients), so {@code c*} is 1 when
 * {@code χ₁ ≤ 1} and the unique root in [0, 1) otherwise.
 *
 * <p>Instances are immutable and cheap; the expectations are computed on each call (one
 * dimension: about 800 evaluations of {@code φ}; two: about 600,000).
 */
public final class MeanField {

    /** Below {@code ZERO_FLOOR · min(1, q₀)} a shrinking q counts as vanishing. */
    static final double ZERO_FLOOR = 1e-12;
    /** Above {@code CEILING · max(1, q₀, σ_b²)} a growing q counts as exploding. */
    static final double CEILING = 1e12;
    /** Relative size of {@code L(q) − q} below which q is taken as fixed. */
    private static final double FIXED_TOLERANCE = 1e-14;
    /** Distance of a depth-scale rate from 1 below which the depth scale is infinite. */
    private static final double RATE_TOLERANCE = 1e-12;

    private final ActivationKernel kernel;
    private final double sigmaW2;
    private final double sigmaB2;

    /**
     * @param kernel the activation's Gaussian expectations
     * @param sigmaW2 {@code σ_w²}: the weights' variance times fan-in, finite and {@code > 0}
     * @param sigmaB2 {@code σ_b²}: the biases' variance, finite and {@code ≥ 0}
     * @throws IllegalArgumentException for a variance out of range
     */
    public MeanField(ActivationKernel kernel, double sigmaW2, double sigmaB2) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        if (!(sigmaW2 > 0) || Double.isInfinite(sigmaW2)) {
            throw new IllegalArgumentException("sigma_w^2 must be finite and > 0; got " + sigmaW2);
        }
        if (!(sigmaB2 >= 0) || Double.isInfinite(sigmaB2)) {
            throw new IllegalArgumentException("sigma_b^2 must be finite and >= 0; got " + sigmaB2);
        }
        this.sigmaW2 = sigmaW2;
        this.sigmaB2 = sigmaB2;
    }

    /**
     * Mean field for an activation, with closed forms where {@link ActivationKernel#of} has them.
     *
     * @param activation the activation
     * @param param its parameter, NaN for the default (or for none)
     * @param sigmaW2 {@code σ_w²}, finite and {@code > 0}
     * @param sigmaB2 {@code σ_b²}, finite and {@code ≥ 0}
     * @return the mean field
     * @throws IllegalArgumentException for a bad parameter or variance
     */
    public static MeanField of(Activation activation, double param, double sigmaW2, double sigmaB2) {
        return new MeanField(ActivationKernel.of(activation, param), sigmaW2, sigmaB2);
    }

    /** {@return the activation's kernel} */
    public ActivationKernel kernel() {
        return kernel;
    }

    /** {@return {@code σ_w²}} */
    public double sigmaW2() {
        return sigmaW2;
    }

    /** {@return {@code σ_b²}} */
    public double sigmaB2() {
        return sigmaB2;
    }

    /**
     * The length map {@code L(q) = σ_w² E[φ(√q z)²] + σ_b²}: the pre-activation second moment of
     * the next layer.
     *
     * @param q this layer's pre-activation second moment, finite and {@code ≥ 0}
     * @return the next layer's
     */
    public double lengthMap(double q) {
        return sigmaW2 * kernel.secondMoment(q) + sigmaB2;
    }

    /**
     * {@code χ_q(q) = L'(q)}, the slope of the length map (the class description gives the form).
     *
     * @param q finite and {@code ≥ 0}; at 0 the limit {@code q → 0⁺}
     * @return the slope
     */
    public double lengthMapSlope(double q) {
        return sigmaW2 * kernel.secondMomentSlope(q);
    }

    /**
     * {@code χ₁(q) = σ_w² E[φ'(√q z)²]}: the mean squared singular value of one layer's Jacobian
     * {@code W·diag(φ'(h))} at pre-activation second moment {@code q}.
     *
     * @param q finite and {@code ≥ 0}; at 0 the limit {@code q → 0⁺}
     * @return {@code χ₁}
     */
    public double chi1(double q) {
        return sigmaW2 * kernel.derivativeSecondMoment(q);
    }

    /**
     * The correlation map {@code c ↦ (σ_w² E[φ(u₁)φ(u₂)] + σ_b²)/L(q)}: the correlation, one layer
     * later, of two inputs whose pre-activations have second moment {@code q} and correlation
     * {@code c}.
     *
     * @param q finite and {@code ≥ 0}; normally {@code q*}
     * @param c in [−1, 1]
     * @return the next correlation; NaN when {@code L(q) = 0}
     */
    public double correlationMap(double q, double c) {
        return (sigmaW2 * kernel.crossMoment(q, c) + sigmaB2) / lengthMap(q);
    }

    /**
     * {@code χ_c = σ_w² E[φ'(u₁)φ'(u₂)]}; at {@code q = q*} the slope of the correlation map at
     * {@code c}.
     *
     * @param q finite and {@code ≥ 0}; normally {@code q*}
     * @param c in [−1, 1]
     * @return {@code χ_c}
     */
    public double chiC(double q, double c) {
        return sigmaW2 * kernel.derivativeCrossMoment(q, c);
    }

    /**
     * The fixed point that iterating the length map from {@code q₀} reaches. Bracketed by
     * doubling (halving) q until {@code L(q) − q} changes sign, then solved to a relative
     * {@code 1e-14}. The signal vanishes when q falls below {@code 1e-12·min(1, q₀)} with
     * {@code L(0) = 0}, and explodes when it passes {@code 1e12·max(1, q₀, σ_b²)}. When
     * {@code |L(q₀) − q₀| ≤ 1e-14·q₀}, {@code q₀} is the answer: for ReLU at {@code σ_w² = 2,
     * σ_b² = 0} every q is fixed.
     *
     * @param inputSecondMoment {@code q₀}, finite and {@code > 0}
     * @return the fixed point and its status
     */
    public LengthFixedPoint lengthFixedPoint(double inputSecondMoment) {
        double q0 = requireStart(inputSecondMoment);
        double f0 = lengthMap(q0) - q0;
        if (Math.abs(f0) <= FIXED_TOLERANCE * q0) {
            return new LengthFixedPoint(q0, Status.FINITE);
        }
        double lo;
        double hi;
        double fLo;
        double fHi;
        if (f0 > 0) {
            double ceiling = ceiling(q0);
            lo = q0;
            fLo = f0;
            hi = 2 * q0;
            while ((fHi = lengthMap(hi) - hi) > 0) {
                if (hi > ceiling) {
                    return new LengthFixedPoint(Double.POSITIVE_INFINITY, Status.EXPLODES);
                }
                lo = hi;
                fLo = fHi;
                hi *= 2;
            }
        } else {
            double floor = ZERO_FLOOR * Math.min(1, q0);
            hi = q0;
            fHi = f0;
            lo = 0.5 * q0;
            while ((fLo = lengthMap(lo) - lo) < 0) {
                hi = lo;
                fHi = fLo;
                lo *= 0.5;
                if (lo < floor) {
                    lo = 0;
                    fLo = lengthMap(0);
                    if (fLo <= 0) {
                        return new LengthFixedPoint(0, Status.VANISHES);
                    }
                    break;
                }
            }
        }
        double q = Roots.bracketed(x -> lengthMap(x) - x, lo, hi, fLo, fHi, FIXED_TOLERANCE * hi);
        return new LengthFixedPoint(q, Status.FINITE);
    }

    /**
     * {@code χ₁} at the fixed point reached from {@code q₀}: at {@code q*} when it is finite, at
     * the limit {@code q → 0⁺} when the signal vanishes, at the largest q examined
     * ({@code 1e12·max(1, q₀, σ_b²)}) when it explodes. One-dimensional expectations only.
     *
     * @param inputSecondMoment {@code q₀}, finite and {@code > 0}
     * @return {@code χ₁}
     */
    public double chi1AtFixedPoint(double inputSecondMoment) {
        return chi1At(lengthFixedPoint(inputSecondMoment), inputSecondMoment);
    }

    /**
     * {@code χ₁} at a fixed point already found, as {@link #chi1AtFixedPoint}.
     *
     * @param fixedPoint what {@link #lengthFixedPoint} returned for {@code q₀}
     * @param inputSecondMoment that {@code q₀}
     * @return {@code χ₁}
     */
    public double chi1At(LengthFixedPoint fixedPoint, double inputSecondMoment) {
        return chi1(evaluationPoint(fixedPoint, requireStart(inputSecondMoment)));
    }

    /**
     * The stable fixed point {@code c*} of the correlation map at diagonal second moment
     * {@code q}: 1 when {@code χ₁(q) ≤ 1 + 1e-10}, else the root in [0, 1) of
     * {@code correlationMap(q, c) − c} (0 exactly for an odd activation without bias).
     *
     * @param q the diagonal second moment, finite and {@code > 0}; normally {@code q*}
     * @return {@code c*} in [0, 1]
     */
    public double correlationFixedPoint(double q) {
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("the correlation map needs a finite q > 0; got " + q);
        }
        if (chi1(q) <= 1 + MeanFieldAnalysis.CRITICAL_TOLERANCE) {
            return 1.0;
        }
        double length = lengthMap(q);
        DoubleUnaryOperator gap = c -> (sigmaW2 * kernel.crossMoment(q, c) + sigmaB2) / length - c;
        double fZero = gap.applyAsDouble(0);
        if (fZero <= 1e-15) {
            return 0.0;
        }
        double lo = 0;
        double fLo = fZero;
        double hi = 0.5;
        double fHi = gap.applyAsDouble(hi);
        for (double step = 0.1; fHi >= 0; step *= 0.1) {
            if (step < 1e-13) {
                return 1.0; // χ₁ exceeds 1 by too little to place c* below 1 - 1e-13
            }
            lo = hi;
            fLo = fHi;
            hi = 1 - step;
            fHi = gap.applyAsDouble(hi);
        }
        return Roots.bracketed(gap, lo, hi, fLo, fHi, 1e-13);
    }

    /**
     * The predicted pre-activation second moments of layers {@code 1..depth} for inputs of
     * second moment {@code q₀ = ‖x‖²/fan_in}: {@code q¹ = σ_w² q₀ + σ_b²} (the first layer sees
     * the inputs, not an activation of them), {@code q^{l+1} = L(q^l)}.
     *
     * @param inputSecondMoment {@code q₀}, finite and {@code ≥ 0}
     * @param depth the number of weight layers, {@code ≥ 1}
     * @return a fresh array of {@code depth} second moments, layer 1 first; entries become
     *     {@code +∞} if they overflow
     */
    public double[] predictedSecondMoments(double inputSecondMoment, int depth) {
        if (!(inputSecondMoment >= 0) || Double.isInfinite(inputSecondMoment)) {
            throw new IllegalArgumentException("input second moment must be finite and >= 0; got " + inputSecondMoment);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1; got " + depth);
        }
        double[] q = new double[depth];
        q[0] = sigmaW2 * inputSecondMoment + sigmaB2;
        for (int l = 1; l < depth; l++) {
            q[l] = Double.isFinite(q[l - 1]) ? lengthMap(q[l - 1]) : Double.POSITIVE_INFINITY;
        }
        return q;
    }

    /**
     * The predicted pre-activation second moments of a network whose layers have different
     * variances (Glorot's {@code σ_w² = 2 fan_in/(fan_in + fan_out)}, mixed initializers):
     * {@code q¹ = σ_w²[0] q₀ + σ_b²[0]}, {@code q^{l+1} = σ_w²[l] E[φ(√q^l z)²] + σ_b²[l]}, with
     * {@code σ_w²[l] = Var(W_l)·fan_in(l)}. {@link #predictedSecondMoments(double, int)} is the
     * case of equal entries.
     *
     * @param kernel the activation between the layers
     * @param inputSecondMoment {@code q₀ = ‖x‖²/fan_in}, finite and {@code ≥ 0}
     * @param sigmaW2 each layer's {@code σ_w²}, finite and {@code > 0}; its length is the depth
     * @param sigmaB2 each layer's {@code σ_b²}, finite and {@code ≥ 0}; as long as {@code sigmaW2}
     * @return a fresh array of the layers' second moments, layer 1 first
     * @throws IllegalArgumentException for arrays of different or zero lengths, or a bad entry
     */
    public static double[] predictedSecondMoments(
            ActivationKernel kernel, double inputSecondMoment, double[] sigmaW2, double[] sigmaB2) {
        if (sigmaW2.length != sigmaB2.length || sigmaW2.length == 0) {
            throw new IllegalArgumentException("need one sigma_w^2 and one sigma_b^2 per layer, at least one; got "
                    + sigmaW2.length + " and " + sigmaB2.length);
        }
        double[] q = new double[sigmaW2.length];
        double previous = inputSecondMoment;
        for (int l = 0; l < q.length; l++) {
            MeanField layer = new MeanField(kernel, sigmaW2[l], sigmaB2[l]);
            q[l] = l == 0
                    ? layer.predictedSecondMoments(inputSecondMoment, 1)[0]
                    : Double.isFinite(previous) ? layer.lengthMap(previous) : Double.POSITIVE_INFINITY;
            previous = q[l];
        }
        return q;
    }

    /**
     * Everything at once: the fixed point from {@code q₀}, {@code χ₁}, {@code χ_q} and
     * {@code ξ_q}, and, when {@code q*} is finite and positive, {@code c*}, {@code χ_c} and
     * {@code ξ_c} (two-dimensional quadrature in the chaotic phase: about a second for a
     * non-piecewise-linear activation).
     *
     * @param inputSecondMoment {@code q₀}, finite and {@code > 0}
     * @return the analysis
     */
    public MeanFieldAnalysis analyze(double inputSecondMoment) {
        LengthFixedPoint fixedPoint = lengthFixedPoint(inputSecondMoment);
        double at = evaluationPoint(fixedPoint, inputSecondMoment);
        double chi1 = chi1(at);
        double chiQ = lengthMapSlope(at);
        double xiQ = fixedPoint.status() == Status.EXPLODES ? Double.NaN : depthScale(chiQ);
        double cStar = Double.NaN;
        double chiC = Double.NaN;
        double xiC = Double.NaN;
        if (fixedPoint.status() == Status.FINITE && fixedPoint.q() > 0) {
            cStar = correlationFixedPoint(fixedPoint.q());
            chiC = cStar == 1 ? chi1 : chiC(fixedPoint.q(), cStar);
            xiC = depthScale(chiC);
        }
        return new MeanFieldAnalysis(
                kernel.activation().specName(),
                kernel.param(),
                sigmaW2,
                sigmaB2,
                inputSecondMoment,
                fixedPoint,
                chi1,
                chiQ,
                xiQ,
                cStar,
                chiC,
                xiC,
                Phase.of(chi1));
    }

    /**
     * The depth scale {@code −1/ln|χ|} of a per-layer rate {@code χ}: {@code +∞} when
     * {@code |χ|} is within {@code 1e-12} of 1, NaN when it exceeds 1 (growth, not decay), 0 when
     * {@code χ = 0}.
     *
     * @param rate the rate
     * @return the depth scale in layers
     */
    public static double depthScale(double rate) {
        double a = Math.abs(rate);
        if (Math.abs(a - 1) <= RATE_TOLERANCE) {
            return Double.POSITIVE_INFINITY;
        }
        if (a > 1 || Double.isNaN(a)) {
            return Double.NaN;
        }
        return a == 0 ? 0 : -1 / Math.log(a);
    }

    /** Where to evaluate χ₁ and χ_q for a fixed point (see {@link #chi1AtFixedPoint}). */
    private double evaluationPoint(LengthFixedPoint fixedPoint, double q0) {
        return switch (fixedPoint.status()) {
            case FINITE -> fixedPoint.q();
            case VANISHES -> 0.0;
            case EXPLODES -> ceiling(q0);
        };
    }

    private double ceiling(double q0) {
        return CEILING * Math.max(1, Math.max(q0, sigmaB2));
    }

    private static double requireStart(double q0) {
        if (!(q0 > 0) || Double.isInfinite(q0)) {
            throw new IllegalArgumentException("input second moment q0 must be finite and > 0; got " + q0);
        }
        return q0;
    }
}
