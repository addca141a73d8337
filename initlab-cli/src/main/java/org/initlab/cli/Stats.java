package org.initlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Mean, standard deviation (population), min and max of a float array, accumulated in double.
 *
 * <p>The array is cut into fixed blocks of {@value #BLOCK} elements whatever the thread count;
 * each block is summed with four interleaved accumulators (elements {@code i ≡ 0, 1, 2, 3 mod 4}),
 * and the blocks' partial sums are added in block order. The result is therefore the same for
 * every thread count, bit for bit; only the wall time changes. The standard deviation is taken
 * around the mean in a second pass (no cancellation of {@code E[x²] - E[x]²}).
 */
record Stats(long count, double mean, double std, double min, double max) {
    /** Elements per block; a block is the unit of work and of summation order. */
    static final int BLOCK = 1 << 20;

    static Stats of(float[] v) {
        return of(v, 1);
    }

    /** The statistics of {@code v} computed on {@code threads} threads (the same result for any count). */
    static Stats of(float[] v, int threads) {
        int blocks = (v.length + BLOCK - 1) / BLOCK;
        double[][] first = perBlock(blocks, threads, b -> sumMinMax(v, b * BLOCK, Math.min(v.length, (b + 1) * BLOCK)));
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] part : first) {
            sum += part[0];
            min = Math.min(min, part[1]);
            max = Math.max(max, part[2]);
        }
        double mean = sum / v.length;
        double[][] second = perBlock(blocks, threads, b ->
                new double[] {squares(v, b * BLOCK, Math.min(v.length, (b + 1) * BLOCK), mean)});
        double ss = 0;
        for (double[] part : second) {
            ss += part[0];
        }
        return new Stats(v.length, mean, Math.sqrt(ss / v.length), min, max);
    }

    /** {sum, min, max} of {@code v[from, to)}, summed with four interleaved accumulators. */
    static double[] sumMinMax(float[] v, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            float a = v[i];
            float b = v[i + 1];
            float c = v[i + 2];
            float d = v[i + 3];
            s0 += a;
            s1 += b;
            s2 += c;
            s3 += d;
            min = Math.min(min, Math.min(Math.min(a, b), Math.min(c, d)));
            max = Math.max(max, Math.max(Math.max(a, b), Math.max(c, d)));
        }
        for (; i < to; i++) {
            s0 += v[i];
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        return new double[] {(s0 + s1) + (s2 + s3), min, max};
    }

    /** The sum of {@code (v[i] - mean)²} over {@code [from, to)}, with four interleaved accumulators. */
    static double squares(float[] v, int from, int to, double mean) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            double a = v[i] - mean;
            double b = v[i + 1] - mean;
            double c = v[i + 2] - mean;
            double d = v[i + 3] - mean;
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        for (; i < to; i++) {
            double a = v[i] - mean;
            s0 += a * a;
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double[][] perBlock(int blocks, int threads, IntFunction<double[]> block) {
        double[][] out = new double[blocks][];
        if (threads <= 1 || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                out[b] = block.apply(b);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, blocks), r -> {
            Thread t = new Thread(r, "initlab-stats");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                int index = b;
                parts.add(pool.submit(() -> block.apply(index)));
            }
            for (int b = 0; b < blocks; b++) {
                out[b] = parts.get(b).get();
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
