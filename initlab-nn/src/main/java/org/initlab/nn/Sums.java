package org.initlab.nn;

/**
 * Sums over a run of floats in double with four accumulators over {@code i mod 4}, added as
 * {@code (s0 + s1) + (s2 + s3)}: a fixed order (the same on every run and every thread count) that
 * lets the additions overlap instead of each waiting on the one before.
 */
final class Sums {
    private Sums() {}

    /** {@code Σ_{i < len} v[from + i]}. */
    static double sum(float[] v, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (int end = from + (len & ~3); i < end; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < from + len; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
