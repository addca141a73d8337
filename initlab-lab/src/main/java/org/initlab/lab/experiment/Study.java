package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private Study() {
    }

    /**
     * One setting's measurements and verdict.
     *
     * @param label {@code default}, {@code epochs=5 (half)}, {@code lr=0.001}, ...
     * @param experiment the configuration measured
     * @param results one result per seed, in seed order
     * @param verdict the judge's verdict on all seeds together
     */
    public record Measured<R extends Experiment.Result>(String label, Experiment<R> experiment, List<R> results,
            Verdict verdict) {
    }

    /**
     * A whole study of one experiment.
     *
     * @param experiment the experiment at its requested configuration
     * @param seeds the seeds, in order
     * @param settings the default setting first, then the other budgets and the alternatives
     * @param perSeed the default setting's verdict for each seed alone
     * @param rendering the default setting's tables, charts, CSV and conclusion
     * @param seconds wall time of the study
     */
    public record Outcome<R extends Experiment.Result>(Experiment<R> experiment, List<Long> seeds, List<Measured<R>> settings,
            List<Verdict> perSeed, Rendering rendering, double seconds) {
        /** The default setting. */
        public Measured<R> main() {
            return settings.get(0);
        }

        /** Whether some setting's finding differs from the default's. */
        public boolean settingDependent() {
            return settings.stream().anyMatch(s -> s.verdict().finding() != main().verdict().finding());
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

    /** Units of progress {@link #run} reports for these arguments. */
    public static int work(Experiment<?> e, int seeds, boolean robustness) {
        return work(e, seeds, Robustness.of(robustness));
    }

    /** Units of progress {@link #run} reports for these arguments. */
    public static int work(Experiment<?> e, int seeds, Robustness robustness) {
        return plan(e, robustness).size() * seeds * e.work();
    }

    /** {@link #run(Experiment, List, Robustness, int, IntConsumer)} with {@link Robustness#ALL} or {@link Robustness#NONE}. */
    public static <R extends Experiment.Result> Outcome<R> run(Experiment<R> e, List<Long> seeds, boolean robustness, int threads,
            IntConsumer progress) {
        return run(e, seeds, Robustness.of(robustness), threads, progress);
    }

    /**
     * Runs {@code e} with {@code seeds}, also at the other budgets and settings when
     * {@code robustness}, on {@code threads} threads.
     *
     * @param progress called with the units done so far (from any thread, one call at a time)
     */
    public static <R extends Experiment.Result> Outcome<R> run(Experiment<R> e, List<Long> seeds, Robustness robustness,
            int threads, IntConsumer progress) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one seed");
        }
        long started = System.nanoTime();
        List<Run<R>> plan = plan(e, robustness);
        List<List<R>> measured = measureAll(plan, seeds, threads, progress);
        List<Measured<R>> settings = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Run<R> run = plan.get(i);
            for (Slice<R> slice : run.slices()) {
                List<R> results = new ArrayList<>();
                for (R r : measured.get(i)) {
                    results.add(slice.budget() < 0 ? r : e.atBudget(r, slice.budget()));
                }
                settings.add(new Measured<>(slice.label(), slice.experiment(), List.copyOf(results), e.judge(results)));
            }
        }
        settings.sort((a, b) -> Integer.compare(order(a.label()), order(b.label())));
        Measured<R> main = settings.get(0);
        List<Verdict> perSeed = main.results().stream().map(r -> e.judge(List.of(r))).toList();
        Rendering rendering = e.render(main.results(), main.verdict());
        return new Outcome<>(e, List.copyOf(seeds), List.copyOf(settings), perSeed, rendering,
                (System.nanoTime() - started) / 1e9);
    }

    private static int order(String label) {
        return label.equals("default") ? 0 : 1;
    }

    /** A measurement to make once per seed, and the settings read from it (budget -1: as measured). */
    private record Run<R extends Experiment.Result>(Experiment<R> experiment, List<Slice<R>> slices) {
    }

    private record Slice<R extends Experiment.Result>(String label, Experiment<R> experiment, int budget) {
    }

    private static <R extends Experiment.Result> List<Run<R>> plan(Experiment<R> e, Robustness robustness) {
        List<Run<R>> plan = new ArrayList<>();
        String key = e.budget();
        if (robustness == Robustness.NONE || key == null) {
            plan.add(new Run<>(e, List.of(new Slice<>("default", e, -1))));
        } else {
            int b = ((Number) Experiments.parameters(e).get(key)).intValue();
            int half = Math.max(1, b / 2);
            Experiment<R> halfE = Experiments.with(e, key, half);
            Experiment<R> doubleE = Experiments.with(e, key, 2 * b);
            String halfLabel = key + "=" + half + " (half)";
            String doubleLabel = key + "=" + 2 * b + " (double)";
            if (e.trajectory()) {
                plan.add(new Run<>(doubleE, List.of(new Slice<>("default", e, b), new Slice<>(halfLabel, halfE, half),
                        new Slice<>(doubleLabel, doubleE, -1))));
            } else {
                plan.add(new Run<>(e, List.of(new Slice<>("default", e, -1))));
                plan.add(new Run<>(halfE, List.of(new Slice<>(halfLabel, halfE, -1))));
                plan.add(new Run<>(doubleE, List.of(new Slice<>(doubleLabel, doubleE, -1))));
            }
        }
        if (robustness == Robustness.ALL) {
            for (String alt : e.alternatives()) {
                Experiment<R> a = Experiments.with(e, alt);
                plan.add(new Run<>(a, List.of(new Slice<>(alt, a, -1))));
            }
        }
        return plan;
    }

    private static <R extends Experiment.Result> List<List<R>> measureAll(List<Run<R>> plan, List<Long> seeds, int threads,
            IntConsumer progress) {
        AtomicInteger done = new AtomicInteger();
        IntConsumer step = k -> {
            synchronized (progress) {
                progress.accept(done.incrementAndGet());
            }
        };
        List<List<R>> out = new ArrayList<>();
        if (threads <= 1) {
            for (Run<R> run : plan) {
                List<R> results = new ArrayList<>();
                for (long seed : seeds) {
                    results.add(measureOne(run.experiment(), seed, step));
                }
                out.add(results);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<List<Future<R>>> futures = new ArrayList<>();
            for (Run<R> run : plan) {
                List<Future<R>> fs = new ArrayList<>();
                for (long seed : seeds) {
                    fs.add(pool.submit(() -> measureOne(run.experiment(), seed, step)));
                }
                futures.add(fs);
            }
            for (List<Future<R>> fs : futures) {
                List<R> results = new ArrayList<>();
                for (Future<R> f : fs) {
                    results.add(await(f));
                }
                out.add(results);
            }
            return out;
        } finally {
            pool.shutdownNow();
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

    /** One measurement; its progress is counted unit by unit, whatever it reports. */
    private static <R extends Experiment.Result> R measureOne(Experiment<R> e, long seed, IntConsumer step) {
        int[] reported = {0};
        R r = e.measure(seed, k -> {
            while (reported[0] < Math.min(k, e.work())) {
                reported[0]++;
                step.accept(1);
            }
        });
        while (reported[0] < e.work()) {
            reported[0]++;
            step.accept(1);
        }
        return r;
    }
}
