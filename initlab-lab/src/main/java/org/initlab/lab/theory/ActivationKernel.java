package org.initlab.lab.theory;

import org.initlab.core.gain.Activation;

/**
 * The Gaussian expectations of an activation {@code φ} that mean-field signal propagation needs.
 * Throughout, {@code z, z₁, z₂} are independent standard normals, {@code q ≥ 0} is the second
 * moment of a pre-activation, and {@code u₁ = √q·z₁}, {@code u₂ = √q·(c·z₁ + √(1 − c²)·z₂)} are
 * two pre-activations of second moment {@code q} and correlation {@code c ∈ [−1, 1]}.
 *
 * <p>Two implementations: {@link PiecewiseLinearKernel}, closed forms for the rectifier family
 * (ReLU, leaky ReLU, linear; the arc-cosine kernel of Cho and Saul 2009), and
 * {@link QuadratureKernel}, quadrature for any {@link Activation}. {@link #of} picks the closed
 * form where there is one.
 */
public sealed interface ActivationKernel permits PiecewiseLinearKernel, QuadratureKernel {

    /**
     * The kernel for an activation: closed forms for {@code relu}, {@code leaky_relu} and
     * {@code linear}, quadrature for the others.
     *
     * @param activation the activation
     * @param param its parameter (leaky ReLU's negative slope, ELU's alpha), NaN for the default
     * @return the kernel
     * @throws IllegalArgumentException as {@link Activation#paramOrDefault}
     */
    static ActivationKernel of(Activation activation, double param) {
        double p = activation.paramOrDefault(param);
        return switch (activation) {
            case RELU -> new PiecewiseLinearKernel(activation, 0.0);
            case LEAKY_RELU -> new PiecewiseLinearKernel(activation, p);
            case LINEAR -> new PiecewiseLinearKernel(activation, 1.0);
            default -> new QuadratureKernel(activation, p);
        };
    }

    /** {@return the activation {@code φ}} */
    Activation activation();

    /** {@return the activation's parameter in use; NaN for activations without one} */
    double param();

    /**
     * {@code E[φ(√q·z)²]}: the second moment of the activation's output.
     *
     * @param q the pre-activation second moment, {@code ≥ 0}
     * @return the expectation
     */
    double secondMoment(double q);

    /**
     * {@code d/dq E[φ(√q·z)²] = E[φ'(√q·z)² + φ(√q·z)·φ''(√q·z)]} (Stein's lemma; Schoenholz et
     * al. 2017, eq. 5, without the factor {@code σ_w²}); at {@code q = 0} the limit
     * {@code q → 0⁺}.
     *
     * @param q the pre-activation second moment, {@code ≥ 0}
     * @return the slope
     */
    double secondMomentSlope(double q);

    /**
     * {@code E[φ'(√q·z)²]}; at {@code q = 0} the limit {@code q → 0⁺} (for ReLU 1/2, not
     * {@code φ'(0)² = 0}).
     *
     * @param q the pre-activation second moment, {@code ≥ 0}
     * @return the expectation
     */
    double derivativeSecondMoment(double q);

    /**
     * {@code E[φ(u₁)·φ(u₂)]}, the output covariance of two correlated inputs (uncentred).
     *
     * @param q the pre-activations' second moment, {@code ≥ 0}
     * @param c their correlation, in [−1, 1]
     * @return the expectation
     */
    double crossMoment(double q, double c);

    /**
     * {@code E[φ'(u₁)·φ'(u₂)]}; by Price's theorem {@code q} times the derivative of
     * {@link #crossMoment} in {@code c}.
     *
     * @param q the pre-activations' second moment, {@code ≥ 0}
     * @param c their correlation, in [−1, 1]
     * @return the expectation
     */
    double derivativeCrossMoment(double q, double c);

    /** Validates the arguments shared by all methods. */
    static void check(double q, double c) {
        if (!(q >= 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("second moment q must be finite and >= 0; got " + q);
        }
        if (!(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException("correlation c must be in [-1, 1]; got " + c);
        }
    }
}
