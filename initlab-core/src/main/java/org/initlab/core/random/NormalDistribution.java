package org.initlab.core.random;

/**
 * The standard normal distribution N(0, 1): quantile (inverse CDF), CDF, upper tail and
 * density, each accurate to a few ulps (about 1e-15 relative) over its whole domain.
 *
 * <ul>
 *   <li>{@link #quantile} is algorithm AS 241, PPND16: M. J. Wichura (1988), "Algorithm
 *       AS 241: The percentage points of the normal distribution", Applied Statistics
 *       37(3), 477-484. Rational approximations in three regions; the central one
 *       ({@code |p - 0.5| <= 0.425}) needs no logarithm.</li>
 *   <li>{@link #cdf} and {@link #upperTail} are W. J. Cody's ANORM: rational Chebyshev
 *       approximations of W. J. Cody (1969), "Rational Chebyshev approximations for the
 *       error function", Mathematics of Computation 23, 631-637, as packaged in Cody
 *       (1993), "Algorithm 715: SPECFUN", ACM TOMS 19(1), 22-32. The tail is computed
 *       directly, never as {@code 1 - cdf}, so {@code upperTail(8) = 6.2e-16} keeps full
 *       relative precision, and {@code exp(-x^2/2)} is split so the square is exact.</li>
 * </ul>
 *
 * <p>Only IEEE-exact operations ({@code + - * / sqrt}) and {@link StrictMath#log} and
 * {@link StrictMath#exp} are used, so every result is bit-identical on every machine.
 * Allocates nothing. The samplers invert with {@link SamplingQuantile}, which reuses AS
 * 241's tail functions; this class is its reference.
 */
public final class NormalDistribution {

    /** 1 / sqrt(2 pi). */
    private static final double INV_SQRT_2PI = 0.39894228040143267794;
    /** Cody's split between his first two regions; {@code cdf(0.66291) = 0.75}. */
    private static final double CENTRAL_LIMIT = 0.66291;
    /** sqrt(32): Cody's split between his second and third regions. */
    private static final double ROOT_32 = 5.656854248;
    /** Beyond this |x|, the lower tail underflows to 0 in double precision (Cody's XLOW). */
    private static final double TAIL_UNDERFLOW = 37.519;

    private NormalDistribution() {}

    /**
     * The quantile {@code z} with {@code P(Z <= z) = p}, for {@code Z ~ N(0, 1)}; AS 241
     * (PPND16), relative error about 1e-16 in exact arithmetic. Returns {@code -infinity}
     * for {@code p = 0} and {@code +infinity} for {@code p = 1}.
     *
     * @throws IllegalArgumentException if {@code p} is NaN or outside {@code [0, 1]}
     */
    public static double quantile(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("quantile needs a probability p in [0, 1], got p=" + p);
        }
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        return quantileOpen(p);
    }

    /** AS 241's split: {@code |p - 1/2|} up to this uses the central rational function. */
    private static final double CENTRAL_HALF_WIDTH = 0.425;

    /** AS 241 for {@code p} strictly inside (0, 1), unchecked. */
    private static double quantileOpen(double p) {
        double q = p - 0.5;
        if (Math.abs(q) <= CENTRAL_HALF_WIDTH) {
            return quantileCentral(q);
        }
        return quantileTail(q < 0.0 ? p : 1.0 - p, q);
    }

    /**
     * AS 241's central region: the quantile of {@code p = 1/2 + q} for
     * {@code |q| <= 0.425}, a rational function of {@code q^2}.
     */
    private static double quantileCentral(double q) {
        double r = 0.180625 - q * q;
        return q
                * (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r
                                                                                        + 4.5921953931549871457e4)
                                                                                * r
                                                                        + 1.3731693765509461125e4)
                                                                * r
                                                        + 1.9715909503065514427e3)
                                                * r
                                        + 1.3314166789178437745e2)
                                * r
                        + 3.3871328727963666080)
                / (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
                                                                                        + 2.1213794301586595867e4)
                                                                                * r
                                                                        + 5.3941960214247511077e3)
                                                                * r
                                                        + 6.8718700749205790830e2)
                                                * r
                                        + 4.2313330701600911252e1)
                                * r
                        + 1.0);
    }

    /** AS 241's split between its near and far tail functions, in {@code r}. */
    static final double FAR_TAIL_ROOT = 5.0;

    /**
     * AS 241's two tail regions, {@code |q| > 0.425}: the quantile of {@code p = 1/2 + q}
     * given the smaller tail probability {@code tail = min(p, 1 - p)}, passed separately
     * because {@code 1/2 - |q|} may have lost the low bits of a tiny {@code p}.
     */
    private static double quantileTail(double tail, double q) {
        double r = tailRoot(tail);
        double z = r <= FAR_TAIL_ROOT ? nearTail(r) : farTail(r);
        return q < 0.0 ? -z : z;
    }

    /** {@code r = sqrt(-log(tail))}, the variable of AS 241's tail functions. */
    private static double tailRoot(double tail) {
        return Math.sqrt(-StrictMath.log(tail));
    }

    /** {@code |z|} for {@code r <= 5} (tail probability above about 1.4e-11). */
    static double nearTail(double r) {
        r -= 1.6;
        return (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
                                                                                        + 1.27045825245236838258)
                                                                                * r
                                                                        + 3.64784832476320460504)
                                                                * r
                                                        + 5.76949722146069140550)
                                                * r
                                        + 4.63033784615654529590)
                                * r
                        + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
                                                                                        + 1.48103976427480074590e-1)
                                                                                * r
                                                                        + 6.89767334985100004550e-1)
                                                                * r
                                                        + 1.67638483018380384940)
                                                * r
                                        + 2.05319162663775882187)
                                * r
                        + 1.0);
    }

    /** {@code |z|} for {@code r > 5}. */
    static double farTail(double r) {
        r -= 5.0;
        return (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
                                                                                        + 2.65321895265761230930e-2)
                                                                                * r
                                                                        + 2.96560571828504891230e-1)
                                                                * r
                                                        + 1.78482653991729133580)
                                                * r
                                        + 5.46378491116411436990)
                                * r
                        + 6.65790464350110377720)
                / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5)
                                                                                                * r
                                                                                        + 7.86869131145613259100e-4)
                                                                                * r
                                                                        + 1.48753612908506148525e-2)
                                                                * r
                                                        + 1.36929880922735805310e-1)
                                                * r
                                        + 5.99832206555887937690e-1)
                                * r
                        + 1.0);
    }

    /**
     * {@code Phi(x) = P(Z <= x)} for {@code Z ~ N(0, 1)}; Cody's ANORM. Near 1 for large
     * positive {@code x}; use {@link #upperTail} when {@code 1 - Phi(x)} is wanted.
     *
     * @throws IllegalArgumentException if {@code x} is NaN
     */
    public static double cdf(double x) {
        requireNumber(x);
        double y = Math.abs(x);
        if (y <= CENTRAL_LIMIT) {
            return 0.5 + centralOffset(x);
        }
        double tail = lowerTail(y);
        return x < 0.0 ? tail : 1.0 - tail;
    }

    /**
     * {@code 1 - Phi(x) = P(Z > x) = Phi(-x)}, computed without cancellation, so it keeps
     * full relative precision far into the right tail.
     *
     * @throws IllegalArgumentException if {@code x} is NaN
     */
    public static double upperTail(double x) {
        requireNumber(x);
        double y = Math.abs(x);
        if (y <= CENTRAL_LIMIT) {
            return 0.5 - centralOffset(x);
        }
        double tail = lowerTail(y);
        return x > 0.0 ? tail : 1.0 - tail;
    }

    /**
     * {@code P(a < Z <= b) = Phi(b) - Phi(a)}, computed on the side of the distribution where
     * it does not cancel: from {@link #upperTail} when {@code a >= 0}, so that
     * {@code intervalProbability(8, 9)} keeps full relative precision. Infinite bounds are
     * allowed.
     *
     * @throws IllegalArgumentException if a bound is NaN or {@code a > b}
     */
    public static double intervalProbability(double a, double b) {
        requireNumber(a);
        requireNumber(b);
        if (a > b) {
            throw new IllegalArgumentException("interval needs a <= b, got a=" + a + ", b=" + b);
        }
        if (b <= 0.0) {
            return cdf(b) - cdf(a);
        }
        if (a >= 0.0) {
            return upperTail(a) - upperTail(b);
        }
        return 1.0 - cdf(a) - upperTail(b);
    }

    /**
     * The density {@code phi(x) = exp(-x^2 / 2) / sqrt(2 pi)}, with {@code x^2} split so
     * that large {@code |x|} loses no precision.
     *
     * @throws IllegalArgumentException if {@code x} is NaN
     */
    public static double density(double x) {
        requireNumber(x);
        double y = Math.abs(x);
        return y > 40.0 ? 0.0 : INV_SQRT_2PI * expMinusHalfSquare(y);
    }

    /** {@code Phi(x) - 1/2} for {@code |x| <= 0.66291}: Cody's first rational function. */
    private static double centralOffset(double x) {
        double s = x * x;
        double num = (((0.065682337918207449113 * s + 2.2352520354606839287) * s + 161.02823106855587881) * s
                                + 1067.6894854603709582)
                        * s
                + 18154.981253343561249;
        double den = (((s + 47.20258190468824187) * s + 976.09855173777669322) * s + 10260.932208618978205) * s
                + 45507.789335026729956;
        return x * num / den;
    }

    /** {@code Phi(-y)} for {@code y > 0.66291}: Cody's second and third regions. */
    private static double lowerTail(double y) {
        double ratio;
        if (y <= ROOT_32) {
            ratio = ((((((((1.0765576773720192317e-8 * y + 0.39894151208813466764) * y + 8.8831497943883759412) * y
                                                                                                            + 93.506656132177855979)
                                                                                                    * y
                                                                                            + 597.27027639480026226)
                                                                                    * y
                                                                            + 2494.5375852903726711)
                                                                    * y
                                                            + 6848.1904505362823326)
                                                    * y
                                            + 11602.651437647350124)
                                    * y
                            + 9842.7148383839780218)
                    / ((((((((y + 22.266688044328115691) * y + 235.38790178262499861) * y + 1519.377599407554805) * y
                                                                                            + 6485.558298266760755)
                                                                                    * y
                                                                            + 18615.571640885098091)
                                                                    * y
                                                            + 34900.952721145977266)
                                                    * y
                                            + 38912.003286093271411)
                                    * y
                            + 19685.429676859990727);
        } else if (y < TAIL_UNDERFLOW) {
            double s = 1.0 / (y * y);
            double num = ((((0.02307344176494017303 * s + 0.21589853405795699) * s + 0.1274011611602473639) * s
                                                    + 0.022235277870649807)
                                            * s
                                    + 0.001421619193227893466)
                            * s
                    + 2.9112874951168792e-5;
            double den = ((((s + 1.28426009614491121) * s + 0.468238212480865118) * s + 0.0659881378689285515) * s
                                    + 0.00378239633202758244)
                            * s
                    + 7.29751555083966205e-5;
            ratio = (INV_SQRT_2PI - s * num / den) / y;
        } else {
            return 0.0;
        }
        return expMinusHalfSquare(y) * ratio;
    }

    /**
     * {@code exp(-y^2 / 2)} for {@code 0 <= y <= 40}, as Cody computes it: {@code y} is split
     * into a head with four fraction bits, whose square is exact, and a small remainder.
     */
    private static double expMinusHalfSquare(double y) {
        double head = (long) (y * 16.0) / 16.0;
        double rest = (y - head) * (y + head);
        return StrictMath.exp(-head * head * 0.5) * StrictMath.exp(-rest * 0.5);
    }

    private static void requireNumber(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("the normal distribution is defined for " + "numbers, got x=NaN");
        }
    }
}
