package org.initlab.lab.theory;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.initlab.core.gain.Activation;
import org.initlab.core.gain.GaussianExpectation;

/**
 * The kernel of any {@link Activation} by quadrature: one-dimensional expectations by
 * {@link GaussianExpectation} (composite 16-node Gauss–Legendre on [−12, 12], cut at the
 * activation's breakpoints mapped to {@code z = b/√q}); two-dimensional ones as the iterated
 * integral {@code E_{z₁}[f(u₁)·E_{z₂}[g(u₂)]]}, the inner one cut where {@code u₂} crosses a
 * breakpoint ({@code z₂ = (b/√q − c z₁)/√(1 − c²)}), the outer one at {@code b/√q} and at
 * {@code b/(c√q)}, where the inner integral, a smoothed copy of {@code g}, keeps a soft kink of
 * width {@code √(1 − c²)/|c|} when {@code c} is near 1, with edges refined geometrically around it.
 *
 * <p>Why not Gauss–Hermite: a Gauss–Hermite rule treats the integrand as one polynomial, so a
 * kink (ReLU6 at 6, hard tanh at ±1, ELU's second derivative at 0) costs it accuracy at every
 * node count, and with an odd count its middle node sits on the kink at 0. Splitting at the kinks
 * makes each piece smooth, and the one-dimensional rule is exact to about 1e-16 (its own tests in
 * the core). Cost: about 800 evaluations of {@code φ} for a one-dimensional expectation, about
 * 600,000 for a two-dimensional one (a few milliseconds).
 *
 * <p>Limits {@code q → 0⁺} (see {@link ActivationKernel}) are taken by evaluating at
 * {@code q =} {@value #TINY}, where {@code φ'(√q·z)} already equals its one-sided limits at 0.
 * {@link #secondMomentSlope} divides {@code E[z φ(√q z) φ'(√q z)]} by {@code √q}; when
 * {@code φ(0) = 0} the numerator is of order {@code √q} without cancellation and the tiny q
 * works too, but when {@code φ(0) ≠ 0} its {@code O(1)} terms cancel, so there it is evaluated no
 * lower than {@code q =} {@value #SLOPE_FLOOR} (bias {@code O(1e-12)}, rounding about 1e-10).
 *
 * @param activation the activation
 * @param param its parameter in use (defaults filled in), NaN for activations without one
 */
public record QuadratureKernel(Activation activation, double param) implements ActivationKernel {

    /** {@link #secondMomentSlope} at {@code q} below this is evaluated here when {@code φ(0) ≠ 0}. */
    static final double SLOPE_FLOOR = 1e-12;
    /** The smallest q used for limits {@code q → 0⁺} without cancellation; {@code √q = 1e-150}. */
    static final double TINY = 1e-300;

    /** Validates the parameter as {@link Activation#paramOrDefault} does (NaN is the default). */
    public QuadratureKernel {
        Objects.requireNonNull(activation, "activation");
        param = activation.paramOrDefault(param);
    }

    private double phi(double x) {
        return activation.apply(x, param);
    }

    private double derivative(double x) {
        return activation.derivative(x, param);
    }

    @Override
    public double secondMoment(double q) {
        ActivationKernel.check(q, 0);
        if (q == 0) {
            double y = phi(0);
            return y * y;
        }
        double r = Math.sqrt(q);
        return GaussianExpectation.of(
                z -> {
                    double y = phi(r * z);
                    return y * y;
                },
                scaled(r));
    }

    @Override
    public double secondMomentSlope(double q) {
        ActivationKernel.check(q, 0);
        double r = Math.sqrt(Math.max(q, phi(0) == 0 ? TINY : SLOPE_FLOOR));
        return GaussianExpectation.of(z -> z * phi(r * z) * derivative(r * z), scaled(r)) / r;
    }

    @Override
    public double derivativeSecondMoment(double q) {
        ActivationKernel.check(q, 0);
        double r = Math.sqrt(Math.max(q, TINY));
        return GaussianExpectation.of(
                z -> {
                    double d = derivative(r * z);
                    return d * d;
                },
                scaled(r));
    }

    @Override
    public double crossMoment(double q, double c) {
        ActivationKernel.check(q, c);
        return bivariate(this::phi, q, c);
    }

    @Override
    public double derivativeCrossMoment(double q, double c) {
        ActivationKernel.check(q, c);
        return bivariate(this::derivative, Math.max(q, TINY), c);
    }

    /** The breakpoints divided by {@code r}: where {@code φ(r·z)} has its kinks. */
    private double[] scaled(double r) {
        double[] b = activation.breakpoints();
        for (int i = 0; i < b.length; i++) {
            b[i] /= r;
        }
        return b;
    }

    /** {@code E[f(u₁) f(u₂)]} for the correlated pair of the interface description. */
    private double bivariate(DoubleUnaryOperator f, double q, double c) {
        if (q == 0) {
            double y = f.applyAsDouble(0);
            return y * y;
        }
        double r = Math.sqrt(q);
        double[] kinks = scaled(r);
        if (c == 1 || c == -1) {
            return GaussianExpectation.of(
                    z -> f.applyAsDouble(r * z) * f.applyAsDouble(c * r * z),
                    union(kinks, c == 1 ? kinks : negated(kinks)));
        }
        double s = Math.sqrt((1 - c) * (1 + c));
        double[] outer = c == 0 ? kinks : union(kinks, softKinkEdges(kinks, c, s));
        double[] inner = new double[kinks.length]; // refilled per z₁; GaussianExpectation copies it first
        return GaussianExpectation.of(
                z1 -> {
                    double left = f.applyAsDouble(r * z1);
                    if (left == 0) {
                        return 0;
                    }
                    for (int i = 0; i < kinks.length; i++) {
                        inner[i] = (kinks[i] - c * z1) / s;
                    }
                    double shift = r * c * z1;
                    double rs = r * s;
                    return left * GaussianExpectation.of(z2 -> f.applyAsDouble(shift + rs * z2), inner);
                },
                outer);
    }

    /**
     * Where the outer integrand's soft kinks sit, {@code z₁ = b/(c√q)} for each kink {@code b}
     * (given as {@code b/√q}), and, when their width {@code s/|c|} is below a panel, edges at
     * {@code ±(s/|c|)·2^k} around each, {@code k = −1..4}, so that panels grow geometrically away
     * from the transition instead of one 0.5-wide panel straddling it.
     */
    private static double[] softKinkEdges(double[] kinks, double c, double s) {
        double width = s / Math.abs(c);
        int perKink = width < 0.25 ? 13 : 1;
        double[] edges = new double[kinks.length * perKink];
        int n = 0;
        for (double k : kinks) {
            double centre = k / c;
            edges[n++] = centre;
            for (int j = -1; perKink > 1 && j <= 4; j++) {
                double offset = width * Math.scalb(1.0, j);
                edges[n++] = centre - offset;
                edges[n++] = centre + offset;
            }
        }
        return edges;
    }

    private static double[] union(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static double[] negated(double[] a) {
        return divided(a, -1);
    }

    private static double[] divided(double[] a, double d) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / d;
        }
        return out;
    }
}
