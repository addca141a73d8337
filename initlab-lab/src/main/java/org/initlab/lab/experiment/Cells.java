package org.initlab.lab.experiment;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.initlab.lab.judge.Estimate;

/**
 * Table cells from typed numbers: a value across seeds as {@code mean ± sd} with no more digits
 * than the spread justifies (the standard deviation to two significant digits, the mean to the
 * same decimal place), a single value to four significant digits.
 */
public final class Cells {
    private Cells() {}

    /** {@code f} of every result, as an estimate across seeds. */
    public static <R> Estimate across(List<R> results, ToDoubleFunction<R> f) {
        return Estimate.of(results.stream().mapToDouble(f).toArray());
    }

    /** {@code mean ± sd} across seeds, or the value alone for one seed (or no spread). */
    public static String of(Estimate e) {
        if (e.n() == 1 || e.sd() == 0 || !Double.isFinite(e.sd())) {
            return number(e.mean());
        }
        int sdExponent = (int) Math.floor(Math.log10(e.sd()));
        int decimals = Math.max(0, 1 - sdExponent);
        if (decimals > 8 || Math.abs(e.mean()) >= 1e6) {
            return String.format(Locale.ROOT, "%.3e ± %.1e", e.mean(), e.sd());
        }
        return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", e.mean(), e.sd());
    }

    /** {@code f} across the results, formatted by {@link #of(Estimate)}. */
    public static <R> String of(List<R> results, ToDoubleFunction<R> f) {
        return of(across(results, f));
    }

    /** One value to four significant digits (scientific notation outside [1e-3, 1e5)); NaN as "diverged". */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN (diverged)";
        }
        if (v == 0 || Double.isInfinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e5) {
            return Long.toString((long) v);
        }
        return a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
    }
}
