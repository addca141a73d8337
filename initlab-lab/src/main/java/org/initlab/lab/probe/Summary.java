package org.initlab.lab.probe;

/**
 * Mean, standard deviation (population), root mean square, minimum and maximum of a set of values,
 * with the count of non-finite ones (left out of the other figures). Accumulated in double.
 */
public record Summary(long count, double mean, double std, double rms, double min, double max, long nonFinite) {
    /** The summary of {@code values[0 .. length)}. */
    public static Summary of(float[] values, int length) {
        double sum = 0;
        double sumSq = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long bad = 0;
        for (int i = 0; i < length; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                bad++;
                continue;
            }
            sum += v;
            sumSq += (double) v * v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long n = length - bad;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, bad);
        }
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        return new Summary(n, mean, Math.sqrt(variance), Math.sqrt(sumSq / n), min, max, bad);
    }
}
