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

    /** {@code Σ_{i < len} (v[from + i] - mu)²}. */
    static double squares(float[] v, int from, int len, double mu) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (int end = from + (len & ~3); i < end; i += 4) {
            double d0 = v[i] - mu;
            double d1 = v[i + 1] - mu;
            double d2 = v[i + 2] - mu;
            double d3 = v[i + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < from + len; i++) {
            double d = v[i] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Adds {@code Σ_{i < len} g[from + i]} to {@code into[0]} and {@code Σ_{i < len} g[from + i] ·
     * x[from + i]} to {@code into[1]} in one pass over both runs (each product of two floats is
     * exact in double).
     */
    static void sumAndDot(float[] g, float[] x, int from, int len, double[] into) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        int i = from;
        for (int end = from + (len & ~3); i < end; i += 4) {
            s0 += g[i];
            s1 += g[i + 1];
            s2 += g[i + 2];
            s3 += g[i + 3];
            p0 += (double) g[i] * x[i];
            p1 += (double) g[i + 1] * x[i + 1];
            p2 += (double) g[i + 2] * x[i + 2];
            p3 += (double) g[i + 3] * x[i + 3];
        }
        for (; i < from + len; i++) {
            s0 += g[i];
            p0 += (double) g[i] * x[i];
        }
        into[0] += (s0 + s1) + (s2 + s3);
        into[1] += (p0 + p1) + (p2 + p3);
    }
}
