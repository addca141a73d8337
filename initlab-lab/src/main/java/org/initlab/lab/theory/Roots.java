package org.initlab.lab.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * A root of a continuous function inside a bracket where it changes sign, by the Illinois
 * variant of false position (Dowell and Jarratt 1971) with a bisection safeguard: the bracket is
 * kept at every step, so the method cannot leave it, and a step that fails to halve the bracket
 * twice in a row is followed by a bisection, so the bracket shrinks at least geometrically.
 * Superlinear on smooth simple roots; never worse than bisection.
 */
final class Roots {
    /** Enough for bisection alone to shrink any double bracket to one ulp. */
    private static final int MAX_STEPS = 2100;

    private Roots() {}

    /**
     * A point within {@code tolerance} of a root of {@code f} in [lo, hi].
     *
     * @param f the function; continuous on [lo, hi]
     * @param lo one end of the bracket
     * @param hi the other end
     * @param fLo {@code f(lo)}, already computed
     * @param fHi {@code f(hi)}, already computed; of the opposite sign to {@code fLo}, or zero
     * @param tolerance the bracket width at which to stop, {@code > 0}
     * @return the root: an end where {@code f} is 0, else the middle of the final bracket
     * @throws IllegalArgumentException when {@code f(lo)} and {@code f(hi)} have the same sign
     */
    static double bracketed(DoubleUnaryOperator f, double lo, double hi, double fLo, double fHi, double tolerance) {
        if (fLo == 0) {
            return lo;
        }
        if (fHi == 0) {
            return hi;
        }
        if (Math.signum(fLo) == Math.signum(fHi) || Double.isNaN(fLo) || Double.isNaN(fHi)) {
            throw new IllegalArgumentException("no sign change in [" + lo + ", " + hi + "]: f = " + fLo + ", " + fHi);
        }
        double a = lo;
        double b = hi;
        double fa = fLo;
        double fb = fHi;
        int retainedSide = 0;
        int slowSteps = 0;
        for (int step = 0; step < MAX_STEPS && Math.abs(b - a) > tolerance; step++) {
            double width = Math.abs(b - a);
            double c = slowSteps >= 2 ? 0.5 * (a + b) : (fa * b - fb * a) / (fa - fb);
            if (!(c > Math.min(a, b) && c < Math.max(a, b))) {
                c = 0.5 * (a + b);
            }
            double fc = f.applyAsDouble(c);
            if (fc == 0) {
                return c;
            }
            if (Math.signum(fc) == Math.signum(fb)) { // replace b; a is retained once more
                b = c;
                fb = fc;
                if (retainedSide == -1) {
                    fa *= 0.5;
                }
                retainedSide = -1;
            } else { // replace a; b is retained once more
                a = c;
                fa = fc;
                if (retainedSide == +1) {
                    fb *= 0.5;
                }
                retainedSide = +1;
            }
            slowSteps = Math.abs(b - a) > 0.5 * width ? slowSteps + 1 : 0;
        }
        return 0.5 * (a + b);
    }
}
