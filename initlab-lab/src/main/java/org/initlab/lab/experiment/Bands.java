package org.initlab.lab.experiment;

import java.util.List;
import java.util.function.Function;
import org.initlab.lab.report.Svg;

/**
 * Curves across seeds for charts: the mean of each point over the seeds as the line and the
 * seeds' range (min to max) as its band, over the points every seed has. A seed whose value is
 * not finite at a point (a diverged run) leaves the mean NaN there, so the line stops where a run
 * diverged.
 */
final class Bands {
    private Bands() {
    }

    /** The series at x = 1, 2, ... (layers, epochs) of {@code f} over {@code seeds}. */
    static <R> Svg.Series of(String name, List<R> seeds, Function<R, double[]> f) {
        int n = seeds.stream().mapToInt(r -> f.apply(r).length).min().orElse(0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return of(name, x, seeds, f);
    }

    /** The series at {@code x} of {@code f} over {@code seeds} (the first {@code x.length} points of each). */
    static <R> Svg.Series of(String name, double[] x, List<R> seeds, Function<R, double[]> f) {
        int n = x.length;
        double[] mean = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (R r : seeds) {
                double v = f.apply(r)[i];
                sum += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            mean[i] = sum / seeds.size();
            low[i] = lo;
            high[i] = hi;
        }
        return seeds.size() > 1 ? new Svg.Series(name + " (mean, band: range over seeds)", x, mean, low, high)
                : new Svg.Series(name, x, mean);
    }
}
