package org.initlab.lab.theory;

import org.initlab.core.gain.Activation;

/**
 * Closed forms for {@code φ(x) = x} ({@code x > 0}), {@code a·x} ({@code x ≤ 0}): ReLU
 * ({@code a = 0}), leaky ReLU, linear ({@code a = 1}). Writing {@code φ(x) = a·x + (1 − a)·relu(x)}
 * and {@code θ = arccos c}:
 * <pre>
 *   E[φ(√q z)²]     = q (1 + a²)/2              E[φ'(√q z)²]   = (1 + a²)/2
 *   E[φ(u₁)φ(u₂)]   = q [a c + (1 − a)² (sin θ + (π − θ) cos θ)/(2π)]
 *   E[φ'(u₁)φ'(u₂)] = a + (1 − a)² (π − θ)/(2π)
 * </pre>
 * The ReLU parts are the arc-cosine kernels of degree 1 and 0 (Cho and Saul 2009, "Kernel
 * methods for deep learning"); the cross terms use {@code E[u₁·relu(u₂)] = q c/2}. So ReLU's
 * length map is {@code σ_w² q/2 + σ_b²}, its {@code χ₁ = σ_w²/2}, and the edge of chaos is
 * {@code σ_w² = 2} for every {@code σ_b²} (He et al. 2015's gain √2). Exact up to rounding; used
 * by {@link MeanField} for these activations and as the oracle for {@link QuadratureKernel}.
 *
 * @param activation {@link Activation#RELU}, {@link Activation#LEAKY_RELU} or
 *     {@link Activation#LINEAR}
 * @param negativeSlope {@code a}: 0 for ReLU, 1 for linear, the slope for leaky ReLU; finite
 */
public record PiecewiseLinearKernel(Activation activation, double negativeSlope) implements ActivationKernel {

    /** Validates that the activation is piecewise linear with the given slope. */
    public PiecewiseLinearKernel {
        boolean consistent = switch (activation) {
            case RELU -> negativeSlope == 0;
            case LINEAR -> negativeSlope == 1;
            case LEAKY_RELU -> Double.isFinite(negativeSlope);
            default -> false;
        };
        if (!consistent) {
            throw new IllegalArgumentException("a piecewise-linear kernel is relu (slope 0), linear (slope 1)"
                    + " or leaky_relu (finite slope); got " + activation.specName() + " with slope " + negativeSlope);
        }
    }

    @Override
    public double param() {
        return activation == Activation.LEAKY_RELU ? negativeSlope : Double.NaN;
    }

    private double halfSquaredNorm() {
        return 0.5 * (1 + negativeSlope * negativeSlope);
    }

    @Override
    public double secondMoment(double q) {
        ActivationKernel.check(q, 0);
        return q * halfSquaredNorm();
    }

    @Override
    public double secondMomentSlope(double q) {
        ActivationKernel.check(q, 0);
        return halfSquaredNorm();
    }

    @Override
    public double derivativeSecondMoment(double q) {
        ActivationKernel.check(q, 0);
        return halfSquaredNorm();
    }

    @Override
    public double crossMoment(double q, double c) {
        ActivationKernel.check(q, c);
        double a = negativeSlope;
        double sine = Math.sqrt((1 - c) * (1 + c));
        double theta = Math.atan2(sine, c);
        double relu = (sine + (Math.PI - theta) * c) / (2 * Math.PI);
        return q * (a * c + (1 - a) * (1 - a) * relu);
    }

    @Override
    public double derivativeCrossMoment(double q, double c) {
        ActivationKernel.check(q, c);
        double a = negativeSlope;
        double theta = Math.atan2(Math.sqrt((1 - c) * (1 + c)), c);
        return a + (1 - a) * (1 - a) * (Math.PI - theta) / (2 * Math.PI);
    }
}
