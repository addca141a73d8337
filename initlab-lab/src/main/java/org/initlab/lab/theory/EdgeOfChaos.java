package org.initlab.lab.theory;

import java.util.function.DoubleUnaryOperator;
import org.initlab.core.gain.Activation;

/**
 * The edge of chaos: the weight variance {@code σ_w²} at which {@code χ₁ = 1} for a given bias
 * variance {@code σ_b²}, the boundary between the ordered phase ({@code χ₁ < 1}: gradients vanish,
 * all inputs look alike at depth) and the chaotic one ({@code χ₁ > 1}: gradients explode, nearby
 * inputs decorrelate) (Poole et al. 2016, Fig. 2; Schoenholz et al. 2017, Fig. 1). There both
 * depth scales diverge and arbitrarily deep networks can be trained.
 *
 * <p>Method: {@code g(σ_w²) = χ₁ − 1}, with {@code χ₁} at the fixed point reached from
 * {@code q₀ = 1} ({@link MeanField#chi1AtFixedPoint}), is bracketed by doubling or halving
 * {@code σ_w²} from 1 until its sign changes, then solved by {@link Roots} to a relative
 * {@code 1e-13}; a value with {@code |g| ≤ 1e-14} met on the way is returned at once. Where q
 * explodes, g counts as positive (at least {@code 2e-14}): a signal grows without bound only when
 * {@code σ_w²} times the activation's asymptotic {@code E[φ(√q z)²]/q} exceeds 1, and for every
 * unbounded activation here, linear for large {@code |x|}, that ratio equals the asymptotic
 * {@code E[φ'(√q z)²]}, so {@code χ₁ ≥ 1} there; without the rule, ELU's {@code χ₁ → σ_w²/2} at
 * exploding q would make {@code σ_w² = 2} a false root. A sign change where {@code χ₁ − 1} jumps
 * over 0 instead of passing through it is no edge of chaos, and gives NaN. That is the case of the
 * smooth rectifiers (GELU, SiLU, Mish, softplus) with little or no bias: as {@code σ_w²} grows,
 * their finite fixed point disappears (or, without bias, the signal from {@code q₀ = 1} switches
 * from vanishing to exploding) while {@code χ₁} is still below 1, and beyond it {@code χ₁ > 1};
 * with enough bias (e.g. {@code σ_b² = 0.5} for GELU) {@code χ₁} reaches 1 at a finite
 * {@code q*}. Known values:
 * ReLU 2 for every {@code σ_b²} (closed form), tanh 1 at {@code σ_b² = 0} (there {@code q* = 0}
 * and {@code χ₁ = σ_w² tanh'(0)² = σ_w²}) and 1.7609546... at {@code σ_b² = 0.05}.
 */
public final class EdgeOfChaos {

    /** The search covers {@code σ_w²} in [1/RANGE, RANGE]. */
    static final double RANGE = 1e6;

    private static final double FLAT = 1e-14;
    private static final double JUMP_STEP = 1e-8;
    private static final double JUMP_TOLERANCE = 1e-6;

    private EdgeOfChaos() {}

    /**
     * The critical {@code σ_w²} for an activation.
     *
     * @param activation the activation
     * @param param its parameter, NaN for the default (or for none)
     * @param sigmaB2 {@code σ_b²}, finite and {@code ≥ 0}
     * @return the critical {@code σ_w²}, or NaN when {@code χ₁ − 1} keeps one sign on
     *     [1e-6, 1e6] or changes it only by a jump (see the class description)
     * @throws IllegalArgumentException for a bad parameter or variance
     */
    public static double criticalSigmaW2(Activation activation, double param, double sigmaB2) {
        return criticalSigmaW2(ActivationKernel.of(activation, param), sigmaB2);
    }

    /**
     * The critical {@code σ_w²} for a kernel; see the class description.
     *
     * @param kernel the activation's kernel
     * @param sigmaB2 {@code σ_b²}, finite and {@code ≥ 0}
     * @return the critical {@code σ_w²}, or NaN when there is none in [1e-6, 1e6] (see above)
     * @throws IllegalArgumentException for a bad variance
     */
    public static double criticalSigmaW2(ActivationKernel kernel, double sigmaB2) {
        new MeanField(kernel, 1, sigmaB2); // validates σ_b² once, with the usual message
        DoubleUnaryOperator gap = w -> gap(new MeanField(kernel, w, sigmaB2));
        double w = 1;
        double g = gap.applyAsDouble(w);
        if (Math.abs(g) <= FLAT) {
            return continuousThrough(gap, w);
        }
        double direction = g < 0 ? 2 : 0.5;
        double previous = w;
        double gPrevious = g;
        while (true) {
            w = previous * direction;
            if (w > RANGE || w < 1 / RANGE) {
                return Double.NaN;
            }
            g = gap.applyAsDouble(w);
            if (Math.abs(g) <= FLAT) {
                return continuousThrough(gap, w);
            }
            if (Math.signum(g) != Math.signum(gPrevious)) {
                break;
            }
            previous = w;
            gPrevious = g;
        }
        double lo = Math.min(previous, w);
        double hi = Math.max(previous, w);
        double gLo = lo == w ? g : gPrevious;
        double gHi = hi == w ? g : gPrevious;
        return continuousThrough(gap, Roots.bracketed(gap, lo, hi, gLo, gHi, 1e-13 * hi));
    }

    /**
     * {@code w} when {@code χ₁ − 1} passes through 0 there continuously (within {@code 1e-6} of 0
     * at {@code w(1 ± 1e-8)}), NaN when it jumps over 0 (see the class description).
     */
    private static double continuousThrough(DoubleUnaryOperator gap, double w) {
        double below = gap.applyAsDouble(w * (1 - JUMP_STEP));
        double above = gap.applyAsDouble(w * (1 + JUMP_STEP));
        return Math.abs(below) <= JUMP_TOLERANCE && Math.abs(above) <= JUMP_TOLERANCE ? w : Double.NaN;
    }

    /** {@code χ₁ − 1} at the fixed point from {@code q₀ = 1}; at least {@code 2e-14} when q explodes. */
    private static double gap(MeanField field) {
        LengthFixedPoint fixedPoint = field.lengthFixedPoint(1.0);
        double excess = field.chi1At(fixedPoint, 1.0) - 1;
        return fixedPoint.status() == LengthFixedPoint.Status.EXPLODES ? Math.max(excess, 2 * FLAT) : excess;
    }
}
