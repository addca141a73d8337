package org.initlab.lab.judge;

import java.util.Locale;

/**
 * A criterion applied to a measured figure.
 *
 * @param criterion what was tested
 * @param estimate the figure across seeds
 * @param finding the outcome
 */
public record Check(Criterion criterion, Estimate estimate, Finding finding) {
    /**
     * One line: the figure, its mean and 95% interval, the threshold and the outcome, e.g.
     * {@code He − 1/fan_in test accuracy 0.52 [0.47, 0.57] ≥ 0.2: supported}.
     */
    public String line() {
        Estimate e = estimate;
        String value = e.n() == 1 && e.low() == e.high()
                ? number(e.mean())
                : number(e.mean()) + " [" + number(e.low()) + ", " + number(e.high()) + "]";
        return criterion.figure() + " " + value + " " + criterion.side().symbol() + " " + number(criterion.threshold())
                + ": " + finding.label();
    }

    /** A figure with four significant digits. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN (diverged)";
        }
        if (v == 0 || Double.isInfinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        String s = a >= 1e-3 && a < 1e5 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
