package org.initlab.lab.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.initlab.nn.BlasThreads;

/**
 * Runs independent jobs on {@code workers} threads, the largest estimated cost first (ties in the
 * order given), so that long jobs do not start last and leave the other workers idle at the end.
 * Every job of the lab is a pure function of its configuration and seed, so the order and the
 * number of workers change when results arrive, never what they are.
 *
 * <p>Native BLAS threads: while more than one worker runs, the native BLAS's own thread count
 * (where it can be set, {@link BlasThreads}) is limited to {@link #blasThreads(int, int)}
 * {@code = max(1, cores / workers)} (and never raised above what it was), so that {@code workers}
 * products at once keep at most about {@code cores} threads busy; it is restored by
 * {@link #close()}. With one worker it is left as it is.
 *
 * <p>Each job is timed: wall clock from its start to its end and the CPU time of the worker
 * thread that ran it (which misses time spent in the native BLAS's own threads, when it has
 * several).
 */
public final class Scheduler implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final int workers;
    private final ExecutorService pool;
    private final OptionalInt blasBefore;
    private final int blas;

    /**
     * A job: its work and its estimated cost (any unit, only compared).
     *
     * @param cost estimated cost, larger starts earlier; finite
     * @param work the computation
     */
    public record Job<T>(double cost, Callable<T> work) {
        public Job {
            if (!Double.isFinite(cost)) {
                throw new IllegalArgumentException("a job's cost must be finite, got " + cost);
            }
        }
    }

    /**
     * A job's value and timing.
     *
     * @param value what the job returned
     * @param startNanos {@link System#nanoTime()} when it started
     * @param endNanos {@link System#nanoTime()} when it ended
     * @param cpuNanos CPU time of the thread that ran it, or -1 where the JVM does not measure it
     */
    public record Timed<T>(T value, long startNanos, long endNanos, long cpuNanos) {}

    /**
     * A scheduler with {@code workers} threads.
     *
     * @throws IllegalArgumentException when {@code workers < 1}
     */
    public Scheduler(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.workers = workers;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "initlab-lab-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.blasBefore = workers > 1 ? BlasThreads.get() : OptionalInt.empty();
        int limit = blasThreads(workers, Runtime.getRuntime().availableProcessors());
        if (blasBefore.isPresent() && limit < blasBefore.getAsInt() && BlasThreads.set(limit)) {
            this.blas = limit;
        } else {
            this.blas = blasBefore.orElse(-1);
        }
    }

    /** Threads the native BLAS may use per product while {@code workers} jobs run at once on {@code cores} cores. */
    public static int blasThreads(int workers, int cores) {
        return Math.max(1, cores / Math.max(1, workers));
    }

    /** The number of workers. */
    public int workers() {
        return workers;
    }

    /** The native BLAS's thread count while this scheduler runs, or -1 where it is unknown (no native BLAS threads). */
    public int blasThreads() {
        return blas;
    }

    /**
     * Starts {@code jobs}, the largest cost first.
     *
     * @return one future per job, in the order of {@code jobs}
     */
    public <T> List<Future<Timed<T>>> submit(List<Job<T>> jobs) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            order.add(i);
        }
        order.sort(
                Comparator.comparingDouble((Integer i) -> -jobs.get(i).cost()).thenComparing(i -> i));
        List<Future<Timed<T>>> futures = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            futures.add(null);
        }
        for (int i : order) {
            Callable<T> work = jobs.get(i).work();
            futures.set(i, pool.submit(() -> timed(work)));
        }
        return futures;
    }

    private static <T> Timed<T> timed(Callable<T> work) throws Exception {
        boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpu ? THREADS.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        T value = work.call();
        long end = System.nanoTime();
        return new Timed<>(value, start, end, cpu ? THREADS.getCurrentThreadCpuTime() - cpu0 : -1);
    }

    /** Stops the workers (jobs still running are interrupted) and restores the native BLAS's thread count. */
    @Override
    public void close() {
        pool.shutdownNow();
        if (blasBefore.isPresent() && blas != blasBefore.getAsInt()) {
            BlasThreads.set(blasBefore.getAsInt());
        }
    }
}
