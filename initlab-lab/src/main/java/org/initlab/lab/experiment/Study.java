package org.initlab.lab.experiment;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.initlab.lab.judge.Verdict;

/**
 * Runs an experiment the way a claim is tested: with several seeds, and (for claims about training)
 * at half, the default and double the training budget and at each of the experiment's
 * {@linkplain Experiment#alternatives() alternative settings}, then judges each setting and each
 * seed with the experiment's pure judge. Where the experiment's results are
 * {@linkplain Experiment#trajectory() trajectories}, the three budgets are read off one run at
 * double the budget. Measurements are independent tasks (each a pure function of its seed and
 * configuration), so they may run on several threads with the same results as one after another.
 */
public final class Study {
    private Study() {}

    /**
     * One setting's measurements and verdict.
     *
     * @param label {@code default}, {@code epochs=5 (half)}, {@code lr=0.001}, ...
     * @param experiment the configuration measured
     * @param results one result per seed, in seed order
     * @param verdict the judge's verdict on all seeds together
     */
    public record Measured<R extends Experiment.Result>(
            String label, Experiment<R> experiment, List<R> results, Verdict verdict) {}

    /**
     * A whole study of one experiment.
     *
     * @param experiment the experiment at its requested configuration
     * @param seeds the seeds, in order
     * @param settings the default setting first, then the other budgets and the alternatives
     * @param perSeed the default setting's verdict for each seed alone
     * @param rendering the default setting's tables, charts, CSV and conclusion
     * @param timing wall and CPU time of the study, and its approximate peak heap
     */
    public record Outcome<R extends Experiment.Result>(
            Experiment<R> experiment,
            List<Long> seeds,
            List<Measured<R>> settings,
            List<Verdict> perSeed,
            Rendering rendering,
            Timing timing) {
        /** Wall time of the study in seconds. */
        public double seconds() {
            return timing.wallSeconds();
        }

        /** The default setting. */
        public Measured<R> main() {
            return settings.get(0);
        }

        /** Whether some setting's finding differs from the default's. */
        public boolean settingDependent() {
            return settings.stream()
                    .anyMatch(s -> s.verdict().finding() != main().verdict().finding());
        }
    }

    /** How much beyond the default setting a study measures. */
    public enum Robustness {
        /** The default budget and setting only. */
        NONE,
        /** Also half and double the training budget. */
        BUDGETS,
        /** Also half and double the budget, and each alternative setting at the default budget. */
        ALL;

        /** {@link #ALL} or {@link #NONE}. */
        public static Robustness of(boolean robustness) {
            return robustness ? ALL : NONE;
        }
    }

    /**
     * How long a study took and what it held.
     *
     * @param wallSeconds from its first measurement's start to its last one's end (with other
     *     studies running at the same time, their work is inside this span too)
     * @param cpuSeconds CPU time of the threads that ran its measurements, summed
     * @param measurements the measurements made (settings run × seeds)
     * @param peakHeapBytes the largest heap in use after a garbage collection while it ran (the
     *     whole process's; approximate, see {@link HeapWatch}), or -1 when none was observed
     */
    public record Timing(double wallSeconds, double cpuSeconds, int measurements, long peakHeapBytes) {}

    /** Units of progress {@link #run} reports for these arguments. */
    public static int work(Experiment<?> e, int seeds, boolean robustness) {
        return work(e, seeds, Robustness.of(robustness));
    }

    /** Units of progress {@link #run} reports for these arguments. */
    public static int work(Experiment<?> e, int seeds, Robustness robustness) {
        return StudyPlan.of(e, List.of(0L), robustness).work() * seeds;
    }

    /** {@link #run(Experiment, List, Robustness, int, IntConsumer)} with {@link Robustness#ALL} or {@link Robustness#NONE}. */
    public static <R extends Experiment.Result> Outcome<R> run(
            Experiment<R> e, List<Long> seeds, boolean robustness, int threads, IntConsumer progress) {
        return run(e, seeds, Robustness.of(robustness), threads, progress);
    }

    /**
     * Runs {@code e} with {@code seeds}, also at the other budgets and settings when
     * {@code robustness}, on {@code threads} threads (a {@link Scheduler}, largest measurements first).
     *
     * @param progress called with the units done so far (from any thread, one call at a time)
     */
    public static <R extends Experiment.Result> Outcome<R> run(
            Experiment<R> e, List<Long> seeds, Robustness robustness, int threads, IntConsumer progress) {
        StudyPlan<R> plan = StudyPlan.of(e, seeds, robustness);
        AtomicInteger done = new AtomicInteger();
        IntConsumer step = k -> {
            synchronized (progress) {
                progress.accept(done.incrementAndGet());
            }
        };
        try (Scheduler scheduler = new Scheduler(threads);
                HeapWatch heap = new HeapWatch(1)) {
            List<Scheduler.Job<R>> jobs = plan.measurements().stream()
                    .map(m -> new Scheduler.Job<>(m.cost(), () -> {
                        heap.begin(0);
                        try {
                            return m.measure(step);
                        } finally {
                            heap.end(0);
                        }
                    }))
                    .toList();
            List<Scheduler.Timed<R>> timed =
                    scheduler.submit(jobs).stream().map(Study::await).toList();
            return plan.outcome(timed, heap.peak(0));
        }
    }

    /**
     * The value of a measurement running on another thread, its failure rethrown as it was (an
     * unchecked exception or an error, such as an out-of-memory error, keeps its type).
     */
    public static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", x);
        } catch (ExecutionException x) {
            if (x.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (x.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(x.getCause());
        }
    }
}
