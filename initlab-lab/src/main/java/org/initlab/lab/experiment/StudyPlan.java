package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What a {@link Study} measures, as independent measurements (one configuration, one seed each),
 * and how their results become its {@link Study.Outcome}. A caller can run the measurements of
 * many studies on one {@link Scheduler} and assemble each study when its own are done
 * ({@link #outcome}); the results are the same in any order and on any number of threads.
 *
 * @param <R> the experiment's result
 */
public final class StudyPlan<R extends Experiment.Result> {
    private final Experiment<R> experiment;
    private final List<Long> seeds;
    private final List<Run<R>> runs;
    private final List<Measurement<R>> measurements;

    /** A measurement to make once per seed, and the settings read from it (budget -1: as measured). */
    private record Run<R extends Experiment.Result>(Experiment<R> experiment, List<Slice<R>> slices) {}

    private record Slice<R extends Experiment.Result>(String label, Experiment<R> experiment, int budget) {}

    /**
     * One measurement: a configuration and a seed.
     *
     * @param experiment the configuration (the default, another budget or an alternative setting)
     * @param seed the seed
     */
    public record Measurement<R extends Experiment.Result>(Experiment<R> experiment, long seed) {
        /** The configuration's estimated CPU seconds ({@link Experiment#cost()}); orders the work only. */
        public double cost() {
            return experiment.cost();
        }

        /**
         * Measures, calling {@code step} once per unit of progress: exactly
         * {@code experiment.work()} times, whatever the experiment reports.
         */
        public R measure(IntConsumer step) {
            int[] reported = {0};
            int work = experiment.work();
            R r = experiment.measure(seed, k -> {
                while (reported[0] < Math.min(k, work)) {
                    reported[0]++;
                    step.accept(1);
                }
            });
            while (reported[0] < work) {
                reported[0]++;
                step.accept(1);
            }
            return r;
        }
    }

    private StudyPlan(Experiment<R> experiment, List<Long> seeds, List<Run<R>> runs) {
        this.experiment = experiment;
        this.seeds = List.copyOf(seeds);
        this.runs = List.copyOf(runs);
        List<Measurement<R>> all = new ArrayList<>();
        for (Run<R> run : runs) {
            for (long seed : seeds) {
                all.add(new Measurement<>(run.experiment(), seed));
            }
        }
        this.measurements = List.copyOf(all);
    }

    /**
     * The plan of {@code e} with {@code seeds}: the default setting; with robustness also half and
     * double the budget (one run at double the budget read at three budgets where the experiment's
     * results are trajectories); with {@link Study.Robustness#ALL} each alternative setting too.
     *
     * @throws IllegalArgumentException when {@code seeds} is empty
     */
    public static <R extends Experiment.Result> StudyPlan<R> of(
            Experiment<R> e, List<Long> seeds, Study.Robustness robustness) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one seed");
        }
        List<Run<R>> plan = new ArrayList<>();
        String key = e.budget();
        if (robustness == Study.Robustness.NONE || key == null) {
            plan.add(new Run<>(e, List.of(new Slice<>("default", e, -1))));
        } else {
            int b = ((Number) Experiments.parameters(e).get(key)).intValue();
            int half = Math.max(1, b / 2);
            Experiment<R> halfE = Experiments.with(e, key, half);
            Experiment<R> doubleE = Experiments.with(e, key, 2 * b);
            String halfLabel = key + "=" + half + " (half)";
            String doubleLabel = key + "=" + 2 * b + " (double)";
            if (e.trajectory()) {
                plan.add(new Run<>(
                        doubleE,
                        List.of(
                                new Slice<>("default", e, b),
                                new Slice<>(halfLabel, halfE, half),
                                new Slice<>(doubleLabel, doubleE, -1))));
            } else {
                plan.add(new Run<>(e, List.of(new Slice<>("default", e, -1))));
                plan.add(new Run<>(halfE, List.of(new Slice<>(halfLabel, halfE, -1))));
                plan.add(new Run<>(doubleE, List.of(new Slice<>(doubleLabel, doubleE, -1))));
            }
        }
        if (robustness == Study.Robustness.ALL) {
            for (String alt : e.alternatives()) {
                Experiment<R> a = Experiments.with(e, alt);
                plan.add(new Run<>(a, List.of(new Slice<>(alt, a, -1))));
            }
        }
        return new StudyPlan<>(e, seeds, plan);
    }

    /** The experiment at its requested configuration. */
    public Experiment<R> experiment() {
        return experiment;
    }

    /** Every measurement: each run's configuration with each seed, runs in order, seeds in order. */
    public List<Measurement<R>> measurements() {
        return measurements;
    }

    /** Units of progress the measurements report together. */
    public int work() {
        return measurements.stream().mapToInt(m -> m.experiment().work()).sum();
    }

    /** The estimated CPU seconds of all measurements. */
    public double cost() {
        return measurements.stream().mapToDouble(Measurement::cost).sum();
    }

    /**
     * The study from its measurements' timed results.
     *
     * @param timed one per {@link #measurements()}, in that order
     * @param peakHeapBytes the approximate peak heap while they ran, or -1
     */
    public Study.Outcome<R> outcome(List<Scheduler.Timed<R>> timed, long peakHeapBytes) {
        if (timed.size() != measurements.size()) {
            throw new IllegalArgumentException("expected " + measurements.size() + " results, got " + timed.size());
        }
        List<Study.Measured<R>> settings = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<R> measured = new ArrayList<>();
            for (int s = 0; s < seeds.size(); s++) {
                measured.add(timed.get(i * seeds.size() + s).value());
            }
            for (Slice<R> slice : runs.get(i).slices()) {
                List<R> results = new ArrayList<>();
                for (R r : measured) {
                    results.add(slice.budget() < 0 ? r : experiment.atBudget(r, slice.budget()));
                }
                settings.add(new Study.Measured<>(
                        slice.label(), slice.experiment(), List.copyOf(results), experiment.judge(results)));
            }
        }
        settings.sort((a, b) -> Integer.compare(order(a.label()), order(b.label())));
        Study.Measured<R> main = settings.get(0);
        List<org.initlab.lab.judge.Verdict> perSeed =
                main.results().stream().map(r -> experiment.judge(List.of(r))).toList();
        Rendering rendering = experiment.render(main.results(), main.verdict());
        long start = timed.stream().mapToLong(Scheduler.Timed::startNanos).min().orElse(0);
        long end = timed.stream().mapToLong(Scheduler.Timed::endNanos).max().orElse(0);
        long cpu = timed.stream().mapToLong(t -> Math.max(0, t.cpuNanos())).sum();
        Study.Timing timing = new Study.Timing((end - start) / 1e9, cpu / 1e9, timed.size(), peakHeapBytes);
        return new Study.Outcome<>(experiment, seeds, List.copyOf(settings), perSeed, rendering, timing);
    }

    private static int order(String label) {
        return label.equals("default") ? 0 : 1;
    }
}
