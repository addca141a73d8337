package org.initlab.core.random;

/**
 * The standard normal quantile the samplers use: {@code z = Phi^-1(p)} to 9.2e-9 relative
 * in the centre, where float results are all that is asked, and about 1e-15 in the tails,
 * from IEEE-exact operations only ({@code + - * / sqrt}, {@link Math#fma}, comparisons, bit
 * manipulation), so it is bit-identical on every machine and JIT state, and shaped so that
 * it can be evaluated over whole arrays with SIMD instructions.
 *
 * <p>Law, with {@code q = p - 1/2}:
 * <ul>
 *   <li><b>Centre</b>, {@code |q| <= 0.495} (99% of the words): {@code z = q P(s) / Q(s)},
 *       {@code s = fma(-q, q, 0.495^2)}, with {@code P} of degree 6 and {@code Q} monic of
 *       degree 6, both evaluated by Horner's rule with one {@code fma} per step (see
 *       {@link #central}). The coefficients are a minimax fit of the relative error of
 *       {@code z} over {@code [0, 0.495]} with the error pinned to zero at {@code |q| = 0.495},
 *       so that the centre meets the tails without a step backwards; made for this class by
 *       {@code scripts/fit_sampling_quantile.py} (mpmath at 30 digits, exact values
 *       {@code sqrt(2) erfinv(2q)} at 260 Chebyshev nodes in {@code q^2}, Loeb's linearised
 *       least squares with Lawson's reweighting) and rounded to double. The error
 *       equioscillates at +-9.16e-9, below 2<sup>-25</sup> / 3: {@code (float) z} is the
 *       correctly rounded float of the exact quantile or one of its two neighbours, and
 *       neighbours only when the exact value lies within 9.2e-9 relative of a rounding
 *       boundary. All coefficients are positive, so Horner's rule does not cancel.</li>
 *   <li><b>Tails</b>, {@code |q| > 0.495}: AS 241's tail functions (see
 *       {@link NormalDistribution}) of {@code r = sqrt(-log(tail))},
 *       {@code tail = min(p, 1 - p)}, with the sign of {@code q}. The logarithm is
 *       {@link #log}, within an ulp of {@link StrictMath#log}, so the tails keep AS 241's
 *       accuracy, down to {@code tail} in the subnormal range.</li>
 * </ul>
 * Against AS 241 ({@link NormalDistribution#quantile}, about 1e-16), measured at
 * {@code p = openUnit(word)} for every one of the 2<sup>32</sup> words: the largest relative
 * difference is 9.2e-9 in the centre and 9.6e-16 in the tails; on a logarithmic grid of tail
 * probabilities down to the subnormal range, below 1e-15. Over all words, {@code (float) z}
 * differs from AS 241's rounded to float in 1 central value in 14 (by one float ulp,
 * never more) and in no tail value; the quantile increases strictly with the word, across
 * both ends of the centre too. {@code quantile(1 - p) = -quantile(p)} exactly whenever
 * {@code 1 - p} is exact.
 *
 * <p>Without hardware FMA (x86 before 2013) {@link Math#fma} is computed in software:
 * the results are the same, many times slower. Allocates nothing.
 */
public final class SamplingQuantile {

    /** {@code |p - 1/2|} up to this uses the central rational function. */
    static final double CENTRAL_HALF_WIDTH = 0.495;
    /** {@code 0.495^2} rounded to double: {@code s = CENTRAL_SQUARE - q^2}. */
    static final double CENTRAL_SQUARE = 0.245025;

    /**
     * {@code ln 2 = LN2_HIGH + LN2_LOW}: {@code LN2_HIGH} has 29 significant bits, so
     * {@code k LN2_HIGH} is exact for every exponent {@code k}.
     */
    private static final double LN2_HIGH = 0x1.62e42ffp-1;

    private static final double LN2_LOW = -0x1.718432a1b0e26p-35;
    /** Raw bits of the double nearest {@code sqrt(1/2)}. */
    private static final long SQRT_HALF_BITS = 0x3FE6_A09E_667F_3BCDL;

    private SamplingQuantile() {}

    /**
     * The quantile {@code z} with {@code P(Z <= z) = p}, for {@code Z ~ N(0, 1)}, as the
     * samplers compute it. Returns {@code -infinity} for {@code p = 0} and {@code +infinity}
     * for {@code p = 1}.
     *
     * @throws IllegalArgumentException if {@code p} is NaN or outside {@code [0, 1]}
     */
    public static double quantile(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("quantile needs a probability p in [0, 1], got p=" + p);
        }
        if (p == 0.0 || p == 1.0) {
            return p == 0.0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= CENTRAL_HALF_WIDTH) {
            return central(q);
        }
        double size = tailSize(tailRoot(q < 0.0 ? p : 1.0 - p));
        return q < 0.0 ? -size : size;
    }

    /**
     * The coefficients of the central formula: {@code P(s) = P0 + P1 s + ... + P6 s^6} and
     * {@code Q(s) = Q0 + Q1 s + ... + Q5 s^5 + s^6}. Shared with the SIMD evaluation
     * ({@code VectorNormal}), which must follow {@link #central} operation for operation.
     */
    static final double P0 = 1.4492730844985953e-07;

    static final double P1 = 4.3355035620675925e-05;
    static final double P2 = 0.003904107860358724;
    static final double P3 = 0.12075133161748093;
    static final double P4 = 1.1804534710760957;
    static final double P5 = 2.8508876642916645;
    static final double P6 = 0.7778841569492316;
    static final double Q0 = 2.785084306007413e-08;
    static final double Q1 = 9.030061187100877e-06;
    static final double Q2 = 0.0009109137056001404;
    static final double Q3 = 0.03320043346754767;
    static final double Q4 = 0.41461810111318237;
    static final double Q5 = 1.4938525157868594;

    /**
     * The central formula, {@code |q| <= 0.495}: {@code z = q P(s) / Q(s)}, evaluated exactly
     * as written here: {@code s = }{@link #square}{@code (q)}, {@code P} and {@code Q} by
     * Horner's rule from the highest coefficient with one {@code fma} per step (the monic
     * {@code Q} starts with {@code s + Q5}), then {@code (q * P) / Q}.
     */
    static double central(double q) {
        double s = square(q);
        return q * numerator(s) / denominator(s);
    }

    /** {@code s = 0.495^2 - q^2}, rounded once: the variable of the central rational function. */
    static double square(double q) {
        return Math.fma(-q, q, CENTRAL_SQUARE);
    }

    /** {@code P(s)}. */
    static double numerator(double s) {
        double p = Math.fma(P6, s, P5);
        p = Math.fma(p, s, P4);
        p = Math.fma(p, s, P3);
        p = Math.fma(p, s, P2);
        p = Math.fma(p, s, P1);
        return Math.fma(p, s, P0);
    }

    /** {@code Q(s)}, monic. */
    static double denominator(double s) {
        double d = s + Q5;
        d = Math.fma(d, s, Q4);
        d = Math.fma(d, s, Q3);
        d = Math.fma(d, s, Q2);
        d = Math.fma(d, s, Q1);
        return Math.fma(d, s, Q0);
    }

    /** {@code |z|} from {@code r = sqrt(-log(tail))}: AS 241's near or far tail function. */
    static double tailSize(double r) {
        return r <= NormalDistribution.FAR_TAIL_ROOT ? NormalDistribution.nearTail(r) : NormalDistribution.farTail(r);
    }

    /** {@code sqrt(-log(tail))} for {@code 0 < tail <= 2^969}. */
    static double tailRoot(double tail) {
        return root(reducedFraction(tail), reducedExponent(tail));
    }

    /** {@code sqrt(-log(x))}, given {@link #reducedFraction} and {@link #reducedExponent} of x. */
    static double root(double fraction, double exponent) {
        return Math.sqrt(-log(fraction, exponent));
    }

    /**
     * The natural logarithm of {@code x = (1 + f) 2^k}, given {@code f} and {@code k} from
     * {@link #reducedFraction} and {@link #reducedExponent}; error below 4e-17 absolute in
     * {@code log(1 + f)} before rounding, so within about an ulp of {@code log(x)}.
     *
     * <p>Method (the classic one of fdlibm's {@code e_log.c}, with our own coefficients):
     * with {@code s = f / (2 + f)},
     * {@code log(1 + f) = log((1 + s) / (1 - s)) = 2s + s R(s^2)} and
     * {@code R(w) = 2w/3 + 2w^2/5 + ...}; it is rearranged as
     * {@code f - (f^2/2 - s (f^2/2 + R))} so that the large part {@code f} is exact.
     * {@code R} is a polynomial of degree 6, a minimax fit of the absolute error of
     * {@code s R} for {@code |s| <= 3 - 2 sqrt(2)} (so {@code 1 + f} in
     * {@code [sqrt(1/2), sqrt(2))}), made by {@code scripts/fit_sampling_quantile.py} (mpmath
     * at 50 digits, linearised least squares with Lawson's reweighting): error 3.8e-17.
     * {@code k ln 2} is added in two parts, the first exact.
     */
    static double log(double f, double k) {
        double s = f / (2.0 + f);
        double w = s * s;
        double r = w
                * (0x1.5555555551f8ep-1
                        + w
                                * (0x1.999999a7871a7p-2
                                        + w
                                                * (0x1.24923ed240b35p-2
                                                        + w
                                                                * (0x1.c723c0855f727p-3
                                                                        + w
                                                                                * (0x1.73072431197b8p-3
                                                                                        + w * 0x1.5a0ad8b51004ap-3)))));
        double halfSquare = 0.5 * f * f;
        return k * LN2_HIGH - ((halfSquare - (s * (halfSquare + r) + k * LN2_LOW)) - f);
    }

    /**
     * {@code f = m - 1}, where {@code x = m 2^k} with {@code m} in {@code [sqrt(1/2), sqrt(2))},
     * for {@code 0 < x <= 2^969}: read from the bits of {@code x 2^54} (an exact scaling that
     * makes subnormal {@code x} normal); {@code m - 1} is exact.
     */
    static double reducedFraction(double x) {
        long bits = Double.doubleToRawLongBits(x * 0x1.0p54);
        long k = (bits - SQRT_HALF_BITS) >> 52;
        return Double.longBitsToDouble(bits - (k << 52)) - 1.0;
    }

    /** {@code k}, where {@code x = m 2^k} as in {@link #reducedFraction}, as a double. */
    static double reducedExponent(double x) {
        long bits = Double.doubleToRawLongBits(x * 0x1.0p54);
        return ((bits - SQRT_HALF_BITS) >> 52) - 54;
    }
}
