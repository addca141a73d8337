package org.initlab.core.gain;

/**
 * GELU on float arrays for the training engine: {@code y = x·Φ(x)} and, in the same pass, its
 * slope {@code φ'(x) = Φ(x) + x·ϕ(x)}, so that a layer keeps the slope from forward and its
 * backward is one multiplication ({@code dx = g·φ'(x)}) instead of a second evaluation of
 * {@code erf}. The same function as {@link Activation#GELU} (whose double {@code apply} and
 * {@code derivative}, on {@link Erf}, stay the reference for theory and gains), computed for a
 * float argument and a float result in one branch-free formula.
 *
 * <p>Method, for {@code z = |x|/√2}: {@code e = exp(−z²)}, where {@code z² = x²/2} is exact in
 * double (a float has 24 significant bits); the lower tail
 * {@code Φ(−|x|) = erfc(z)/2 = t·e·Q(t)/2} with {@code t = 1/(1 + 0.4·z)}, the form of Numerical
 * Recipes' {@code erfcc} (Press et al., <i>Numerical Recipes</i>, 2nd ed., §6.2) with
 * {@code Q(t) = exp(z²)·erfc(z)/t} fitted directly: smooth on all of {@code t ∈ [0, 1]} (z from
 * ∞ to 0), so one polynomial of degree 14, evaluated in double by Estrin's scheme, serves every
 * {@code z} (coefficients and their check: {@code scripts/fit_gelu_float.py}; largest relative
 * error of the tail 3.9e-11). Then {@code Φ(x)} is the tail for {@code x ≤ 0} and {@code 1 −}
 * the tail for {@code x > 0}, and the density is {@code ϕ(x) = e/√(2π)}: one {@code exp} and one
 * division per element for both results, against two {@code exp}, two rational functions and the
 * range branches of {@code apply} plus {@code derivative}.
 *
 * <p>Accuracy (checked by {@code FloatGeluTest} against {@code Activation.GELU} at every float
 * of [−2, 2] with step 2⁻¹⁶, on a dense grid of [−20, 12] and at special values): {@code y} is
 * within {@code (0.5 + 0.001)} ulp of float of the exact value, i.e. the double value rounded to
 * float, the tail's 3.9e-11 relative error being below a thousandth of an ulp; the lower tail
 * keeps this relative accuracy down to float's underflow ({@code y} is a normal float for
 * {@code x ≥ −13.14} and rounds to −0 below {@code x ≈ −14.36}). The slope likewise, plus an
 * absolute 2e-11 that shows only within about 1e-4 of its zero at {@code x ≈ −0.7518}, where
 * {@code Φ(x)} and {@code x·ϕ(x)} cancel. For comparison, PyTorch 1.13's float CPU GELU (measured
 * against its double GELU) is off by hundreds of ulps at {@code x = −3}, by 4% at {@code x = −5},
 * and returns 0 instead of about {@code −1e-7} to {@code −1e-14} below {@code x ≈ −5.5}.
 *
 * <p>Specials follow {@link Activation#GELU}: NaN gives NaN; {@code +∞} gives {@code y = +∞};
 * {@code −∞} gives NaN ({@code −∞·0}); the slope at {@code ±∞} is NaN ({@code ±∞·0}).
 */
public final class FloatGelu {
    private static final double INV_SQRT_2 = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** The scale of {@code z} in {@code t = 1/(1 + 0.4·z)}. */
    private static final double T_SCALE = 0.4;

    // Q(t) = exp(z²)·erfc(z)/t in ascending powers of t (scripts/fit_gelu_float.py)
    private static final double Q0 = 0.22567583342438063;
    private static final double Q1 = 0.22567583101716965;
    private static final double Q2 = 0.20762194348965135;
    private static final double Q3 = 0.17150866689267225;
    private static final double Q4 = 0.12175421906496918;
    private static final double Q5 = 0.0662497152398401;
    private static final double Q6 = 0.02061263431233101;
    private static final double Q7 = -0.019487942488653466;
    private static final double Q8 = -0.025985910277313857;
    private static final double Q9 = 0.036024453221244666;
    private static final double Q10 = -0.15690320411677752;
    private static final double Q11 = 0.2708624232783978;
    private static final double Q12 = -0.212920740248089;
    private static final double Q13 = 0.08213108620977588;
    private static final double Q14 = -0.012819009057837174;

    private FloatGelu() {}

    /**
     * Writes {@code y[i] = x[i]·Φ(x[i])} and {@code slope[i] = Φ(x[i]) + x[i]·ϕ(x[i])}, each
     * rounded to float, for {@code i} in {@code [from, to)}. {@code y} and {@code slope} may be
     * {@code x} itself (each element is read before it is written); {@code slope} may be null
     * when no backward pass follows.
     *
     * @throws ArrayIndexOutOfBoundsException when {@code [from, to)} is outside an array
     */
    public static void apply(float[] x, float[] y, float[] slope, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            double e = Math.exp(-0.5 * v * v); // 0.5·v·v is exact
            double t = 1 / (1 + T_SCALE * (Math.abs(v) * INV_SQRT_2));
            double tail = 0.5 * e * t * q(t); // Φ(−|v|)
            double cdf = v > 0 ? 1 - tail : tail;
            y[i] = (float) (v * cdf);
            if (slope != null) {
                slope[i] = (float) (cdf + v * (INV_SQRT_2PI * e));
            }
        }
    }

    /**
     * {@code Q(t)} by Estrin's scheme (pairs, then pairs of pairs in {@code t²}, {@code t⁴},
     * {@code t⁸}): four dependent steps instead of Horner's fourteen, so the element's other work
     * overlaps it.
     */
    private static double q(double t) {
        double t2 = t * t;
        double t4 = t2 * t2;
        double t8 = t4 * t4;
        double a0 = Q0 + Q1 * t;
        double a1 = Q2 + Q3 * t;
        double a2 = Q4 + Q5 * t;
        double a3 = Q6 + Q7 * t;
        double a4 = Q8 + Q9 * t;
        double a5 = Q10 + Q11 * t;
        double a6 = Q12 + Q13 * t;
        double b0 = a0 + a1 * t2;
        double b1 = a2 + a3 * t2;
        double b2 = a4 + a5 * t2;
        double b3 = a6 + Q14 * t2;
        return (b0 + b1 * t4) + (b2 + b3 * t4) * t8;
    }
}
