package org.initlab.core.gain;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code E[f(z)]} for {@code z ~ N(0, 1)}, that is {@code ∫ f(z) ϕ(z) dz} with
 * {@code ϕ(z) = exp(−z²/2)/√(2π)}, by composite Gauss–Legendre quadrature.
 *
 * <p>Method: the integral is truncated to [−{@value #HALF_WIDTH}, {@value #HALF_WIDTH}]
 * (the normal mass outside is 4e-33), the interval is cut at every breakpoint inside it,
 * each piece is cut into equal panels no wider than {@value #PANEL_WIDTH}, and each panel gets
 * a {@value #NODES}-node Gauss–Legendre rule (exact for polynomials of degree 31). A kink
 * of {@code f} at a breakpoint therefore sits on a panel edge, where it costs nothing; inside
 * a panel it costs far more ({@code E[max(0, z − 0.3)]} is off by 3.4e-5 without the
 * breakpoint at 0.3, by 2e-16 with it). A single Gauss–Hermite rule has that flaw at every
 * kink, since it treats {@code f} as one polynomial across it; with an odd node count its
 * middle node even sits on ReLU's kink at 0. The grid without breakpoints has
 * edges at every multiple of 0.5, so kinks at 0, ±1 and 6 are on edges anyway; the
 * breakpoints make the result independent of that coincidence.
 *
 * <p>Measured accuracy ({@code GaussianExpectationTest}, {@code GainsTest}): error at most
 * 4.5e-16 on {@code E[z²] = 1}, {@code E[z⁴] = 3}, {@code E[|z|] = √(2/π)},
 * {@code E[max(0, z)²] = 1/2}, {@code E[max(0, z)] = 1/√(2π)} and the kink at 0.3; the second
 * moments of all fifteen activations agree with 40-digit {@code mpmath} quadrature within
 * 4e-16. The cost is 768 evaluations of {@code f} plus at most 16 per breakpoint.
 *
 * <p>Assumes {@code f} is finite on the interval and grows slower than {@code exp(z²/4)}, so
 * the truncated tails are negligible; smooth between breakpoints, with no pole near the real
 * axis closer than about 0.5 (tanh's nearest is at ±iπ/2).
 */
public final class GaussianExpectation {

    /** Integration runs over [−HALF_WIDTH, HALF_WIDTH]. */
    static final double HALF_WIDTH = 12.0;
    /** Panels are at most this wide. */
    static final double PANEL_WIDTH = 0.5;
    /** Gauss–Legendre nodes per panel. */
    static final int NODES = 16;

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final GaussLegendre RULE = GaussLegendre.of(NODES);

    private GaussianExpectation() {}

    /**
     * {@code E[f(z)]}, {@code z ~ N(0, 1)}, for {@code f} smooth on the whole line.
     *
     * @param f the integrand; evaluated only inside [−12, 12]
     * @return the expectation
     */
    public static double of(DoubleUnaryOperator f) {
        return of(f, new double[0]);
    }

    /**
     * {@code E[f(z)]}, {@code z ~ N(0, 1)}, for {@code f} smooth except at the breakpoints.
     *
     * @param f the integrand; evaluated only inside [−12, 12]
     * @param breakpoints where {@code f} or one of its low derivatives jumps, in any order;
     *     duplicates and points outside (−12, 12) are ignored
     * @return the expectation
     * @throws IllegalArgumentException if a breakpoint is NaN or infinite
     */
    public static double of(DoubleUnaryOperator f, double... breakpoints) {
        Objects.requireNonNull(f, "f");
        double[] edges = segmentEdges(breakpoints);
        double sum = 0.0;
        for (int s = 0; s + 1 < edges.length; s++) {
            double a = edges[s];
            double b = edges[s + 1];
            int panels = (int) Math.ceil((b - a) / PANEL_WIDTH - 1e-12);
            double width = (b - a) / panels;
            for (int p = 0; p < panels; p++) {
                double lo = a + p * width;
                double hi = p == panels - 1 ? b : lo + width;
                sum += panel(f, lo, hi);
            }
        }
        return sum;
    }

    /** −12, the breakpoints inside (−12, 12) sorted without duplicates, 12. */
    private static double[] segmentEdges(double[] breakpoints) {
        for (double b : breakpoints) {
            if (!Double.isFinite(b)) {
                throw new IllegalArgumentException(
                        "breakpoints must be finite; got " + b + " in " + Arrays.toString(breakpoints));
            }
        }
        double[] inside = Arrays.stream(breakpoints)
                .filter(b -> b > -HALF_WIDTH && b < HALF_WIDTH)
                .sorted()
                .distinct()
                .toArray();
        double[] edges = new double[inside.length + 2];
        edges[0] = -HALF_WIDTH;
        System.arraycopy(inside, 0, edges, 1, inside.length);
        edges[edges.length - 1] = HALF_WIDTH;
        return edges;
    }

    /** ∫ f(z) ϕ(z) dz over [lo, hi] by the Gauss–Legendre rule mapped onto the panel. */
    private static double panel(DoubleUnaryOperator f, double lo, double hi) {
        double mid = 0.5 * (lo + hi);
        double half = 0.5 * (hi - lo);
        double sum = 0.0;
        for (int i = 0; i < RULE.nodes().length; i++) {
            double z = mid + half * RULE.nodes()[i];
            sum += RULE.weights()[i] * f.applyAsDouble(z) * Math.exp(-0.5 * z * z);
        }
        return sum * half * INV_SQRT_2PI;
    }
}
