package org.initlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mean, standard deviation (population), min and max of a float array, accumulated in double.
 *
 * <p>The array is cut into fixed blocks of {@value #BLOCK} elements whatever the thread count. Each
 * block is summarised alone ({@link Part#of}): its sum, min and max in {@value #LANES} lanes (element
 * {@code i} of the block goes to lane {@code i mod LANES}; the lanes are added pairwise at the end),
 * then, around the block's own mean, its sum of squared deviations, in lanes the same way (two
 * passes over a block, so no cancellation of {@code E[x²] - E[x]²}). The blocks' parts are merged in
 * block order with Chan, Golub and LeVeque's pairwise update ({@link Part#merge}). The result is
 * therefore the same for every thread count, bit for bit, and the same whether the array is held
 * whole ({@link #of}) or produced block by block ({@link StreamedSample}); only the wall time
 * changes.
 *
 * <p>Speed: a block is 256 KiB, so the two passes over it run in the L2 cache right after it was
 * filled; the lanes are arrays updated element by element, loops the JIT compiles to SIMD
 * instructions (a single running sum or min would be a chain of dependent scalar operations).
 */
record Stats(long count, double mean, double std, double min, double max) {
    /** Elements per block; a block is the unit of work and of summation order. */
    static final int BLOCK = 1 << 16;

    /** Accumulators per pass over a block; a power of two. */
    static final int LANES = 256;

    /** No values: count 0, mean and std NaN, min +infinity, max -infinity. */
    static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    static Stats of(float[] v) {
        return of(v, 1);
    }

    /** The statistics of {@code v} computed on {@code threads} threads (the same result for any count). */
    static Stats of(float[] v, int threads) {
        int blocks = (v.length + BLOCK - 1) / BLOCK;
        Part total = null;
        for (Part p : perBlock(v, blocks, threads)) {
            total = total == null ? p : total.merge(p);
        }
        return total == null ? EMPTY : total.stats();
    }

    /**
     * One block's statistics: count, mean, sum of squared deviations from its mean ({@code m2}), min
     * and max; merged in block order.
     */
    record Part(long count, double mean, double m2, double min, double max) {
        /** The statistics of {@code v[from, to)}, one block (see the class comment for the order of sums). */
        static Part of(float[] v, int from, int to) {
            int n = to - from;
            double[] sums = new double[LANES];
            double[] mins = new double[LANES];
            double[] maxs = new double[LANES];
            java.util.Arrays.fill(mins, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(maxs, Double.NEGATIVE_INFINITY);
            int whole = from + (n & -LANES);
            for (int i = from; i < whole; i += LANES) {
                firstPass(v, i, sums, mins, maxs);
            }
            for (int i = whole, k = 0; i < to; i++, k++) {
                double x = v[i];
                sums[k] += x;
                mins[k] = Math.min(mins[k], x);
                maxs[k] = Math.max(maxs[k], x);
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < LANES; k++) {
                min = Math.min(min, mins[k]);
                max = Math.max(max, maxs[k]);
            }
            double mean = pairwise(sums) / n;
            double[] squares = sums;
            java.util.Arrays.fill(squares, 0.0);
            for (int i = from; i < whole; i += LANES) {
                squaresPass(v, i, mean, squares);
            }
            for (int i = whole, k = 0; i < to; i++, k++) {
                double d = v[i] - mean;
                squares[k] += d * d;
            }
            return new Part(n, mean, pairwise(squares), min, max);
        }

        /** Chan, Golub and LeVeque's update: the statistics of this block followed by {@code b}. */
        Part merge(Part b) {
            long n = count + b.count;
            double delta = b.mean - mean;
            return new Part(
                    n,
                    mean + delta * b.count / n,
                    m2 + b.m2 + delta * delta * count * b.count / n,
                    Math.min(min, b.min),
                    Math.max(max, b.max));
        }

        Stats stats() {
            return new Stats(count, mean, Math.sqrt(m2 / count), min, max);
        }

        /** Lane {@code k} takes {@code v[i + k]}: a loop over arrays, compiled to SIMD instructions. */
        private static void firstPass(float[] v, int i, double[] sums, double[] mins, double[] maxs) {
            for (int k = 0; k < LANES; k++) {
                double x = v[i + k];
                sums[k] += x;
                mins[k] = Math.min(mins[k], x);
                maxs[k] = Math.max(maxs[k], x);
            }
        }

        private static void squaresPass(float[] v, int i, double mean, double[] squares) {
            for (int k = 0; k < LANES; k++) {
                double d = v[i + k] - mean;
                squares[k] += d * d;
            }
        }

        /** The lanes added pairwise, in a fixed order (the array is overwritten). */
        private static double pairwise(double[] lanes) {
            for (int width = LANES / 2; width >= 1; width /= 2) {
                for (int k = 0; k < width; k++) {
                    lanes[k] += lanes[k + width];
                }
            }
            return lanes[0];
        }
    }

    private static List<Part> perBlock(float[] v, int blocks, int threads) {
        List<Part> out = new ArrayList<>(blocks);
        if (threads <= 1 || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                out.add(block(v, b));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, blocks), r -> {
            Thread t = new Thread(r, "initlab-stats");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Part>> parts = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                int index = b;
                parts.add(pool.submit(() -> block(v, index)));
            }
            for (Future<Part> f : parts) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("statistics interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Part block(float[] v, int b) {
        return Part.of(v, b * BLOCK, Math.min(v.length, (b + 1) * BLOCK));
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("mean", mean);
        m.put("std", std);
        m.put("min", min);
        m.put("max", max);
        return m;
    }
}
