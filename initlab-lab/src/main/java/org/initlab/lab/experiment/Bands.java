package org.initlab.lab.experiment;

import java.util.List;
import java.util.function.Function;
import org.initlab.lab.report.Svg;

/**
 * Curves across seeds for charts: the mean of each point over the seeds as the line and the
 * seeds' range (min to max) as its band. A seed whose value is not finite at a point (a diverged
 * run), or that has no value there (its record ended when it diverged), leaves the mean and the band
 * NaN from there on, so the line stops where the first run diverged and {@link Svg#lineChart} ends it
 * with a cross; the legend says how many seeds diverged. The chart's title says that its lines are
 * means with the seeds' range as band.
 */
final class Bands {
    private Bands() {}

    /** The series at x = 1, 2, ... (layers, epochs) of {@code f} over {@code seeds}, as long as the longest seed's. */
    static <R> Svg.Series of(String name, List<R> seeds, Function<R, double[]> f) {
        int n = seeds.stream().mapToInt(r -> f.apply(r).length).max().orElse(0);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return of(name, x, seeds, f);
    }

    /**
     * The series at {@code x} of {@code f} over {@code seeds} (the first {@code x.length} points of
     * each; a seed with fewer counts as diverged after its last).
     */
    static <R> Svg.Series of(String name, double[] x, List<R> seeds, Function<R, double[]> f) {
        int n = x.length;
        double[] mean = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        double[][] ys = seeds.stream().map(f).toArray(double[][]::new);
        int diverged = 0;
        for (double[] y : ys) {
            for (int i = 0; i < n; i++) {
                if (i >= y.length || !Double.isFinite(y[i])) {
                    diverged++;
                    break;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] y : ys) {
                double v = i < y.length ? y[i] : Double.NaN;
                sum += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            mean[i] = sum / ys.length;
            low[i] = lo;
            high[i] = hi;
        }
        String label = diverged == 0 ? name : name + " (" + diverged + " of " + seeds.size() + " seeds diverged)";
        return seeds.size() > 1 ? new Svg.Series(label, x, mean, low, high) : new Svg.Series(label, x, mean);
    }
}
