package org.initlab.lab.probe;

import java.util.Arrays;

/**
 * Counts of finite values in {@code bins} equal bins over {@code [low, high]} (the last bin closed).
 * When all values are equal the range is {@code [v − 0.5, v + 0.5]}, so the histogram is still drawable.
 */
public record Histogram(double low, double high, long[] counts) {
    /** Bins per histogram in probe results. */
    public static final int BINS = 40;

    public Histogram {
        counts = counts.clone();
    }

    /** The histogram of {@code values[0 .. length)} over their own finite range. */
    public static Histogram of(float[] values, int length, int bins) {
        return of(values, length, bins, Summary.of(values, length));
    }

    /** As {@link #of(float[], int, int)} with the values' summary already computed. */
    public static Histogram of(float[] values, int length, int bins, Summary s) {
        double low = s.count() == 0 ? 0 : s.min();
        double high = s.count() == 0 ? 1 : s.max();
        if (!(high > low)) {
            low -= 0.5;
            high += 0.5;
        }
        long[] counts = new long[bins];
        double scale = bins / (high - low);
        for (int i = 0; i < length; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                counts[Math.min(bins - 1, Math.max(0, (int) ((v - low) * scale)))]++;
            }
        }
        return new Histogram(low, high, counts);
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.low == low && h.high == high && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(low) * 31 + Double.hashCode(high) * 17 + Arrays.hashCode(counts);
    }
}
