package org.initlab.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs the independent items of a layer's loop on several threads. The caller promises that item
 * {@code i} writes only what no other item reads or writes (its own output plane, channel or
 * example) and computes it the same way whoever runs it; then the result is bit-identical for
 * every thread count and every partition, which is the engine's rule. Nothing here reduces across
 * items.
 *
 * <p>Threads: a loop is split into at most {@link #THREADS} ranges, run on the common
 * {@link ForkJoinPool} with the calling thread joining in. {@code THREADS} is the system property
 * {@value #THREADS_PROPERTY} when set (read once; {@code 1} runs every loop on the calling
 * thread), else the common pool's parallelism plus one (by default the number of processors). A loop whose total work is below {@link #MIN_WORK} element
 * operations runs on the calling thread, where starting tasks would cost more than it saves.
 */
final class Parallel {
    /** Element operations below which a loop stays on the calling thread. */
    static final long MIN_WORK = 1L << 16;
    /** The system property giving the number of threads a layer's loop may use. */
    static final String THREADS_PROPERTY = "initlab.threads";
    /** Ranges per loop at most: {@value #THREADS_PROPERTY}, else the common pool's parallelism plus one. */
    static final int THREADS = threads(System.getProperty(THREADS_PROPERTY));

    private static final ThreadLocal<Boolean> SEQUENTIAL = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallel() {}

    /** The body of a loop over items {@code from .. to-1}. */
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, items)} split into at most one contiguous range per thread
     * (one range on the calling thread when {@code items · workPerItem < MIN_WORK}).
     */
    static void forRange(int items, long workPerItem, Range body) {
        int threads = THREADS;
        if (SEQUENTIAL.get() || items <= 1 || threads <= 1 || (long) items * workPerItem < MIN_WORK) {
            body.run(0, items);
            return;
        }
        int parts = Math.min(items, threads);
        IntStream.range(0, parts)
                .parallel()
                .forEach(t -> body.run((int) ((long) items * t / parts), (int) ((long) items * (t + 1) / parts)));
    }

    /** The body of {@link #forPairs}: items {@code from .. to-1} of group {@code i}. */
    interface PairRange {
        void run(int i, int from, int to);
    }

    /**
     * Runs {@code body} over the pairs {@code (i, j)}, {@code i < outer}, {@code j < inner} (item
     * {@code i·inner + j}), split as {@link #forRange} splits the items, each part given to
     * {@code body} as runs of consecutive {@code j} within one {@code i}: a convolution's
     * (example, channel) pairs, shared out even when a chunk holds one example.
     */
    static void forPairs(int outer, int inner, long workPerItem, PairRange body) {
        forRange(outer * inner, workPerItem, (from, to) -> {
            for (int i = from / inner; i * inner < to; i++) {
                body.run(i, Math.max(from - i * inner, 0), Math.min(to - i * inner, inner));
            }
        });
    }

    static int threads(String property) {
        if (property == null || property.isBlank()) {
            return ForkJoinPool.getCommonPoolParallelism() + 1;
        }
        try {
            int n = Integer.parseInt(property.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "system property " + THREADS_PROPERTY + " must be a whole number >= 1, got '" + property + "'");
    }

    /**
     * Runs {@code work} with every loop of this thread on the calling thread alone (tests compare
     * it with the parallel run); nests, and restores the previous mode afterwards.
     */
    static <T> T sequential(java.util.function.Supplier<T> work) {
        boolean was = SEQUENTIAL.get();
        SEQUENTIAL.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            SEQUENTIAL.set(was);
        }
    }
}
