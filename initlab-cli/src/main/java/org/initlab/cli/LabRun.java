package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.initlab.io.Provenance;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.experiment.Experiment;
import org.initlab.lab.experiment.ExperimentSpec;
import org.initlab.lab.experiment.Experiments;
import org.initlab.lab.experiment.HeapWatch;
import org.initlab.lab.experiment.RunDirectory;
import org.initlab.lab.experiment.Scheduler;
import org.initlab.lab.experiment.Study;
import org.initlab.lab.experiment.StudyPlan;
import org.initlab.lab.experiment.StudyReport;
import org.initlab.lab.report.HtmlReport;

/**
 * Runs experiments with one progress bar, prints each one's summary table, verdict and conclusion
 * in order, then the claims index (per experiment: verdict, the figure that decided it, seeds, wall
 * and CPU seconds), and writes one run directory with a report section per experiment; shared by
 * {@code run} and {@code demo}. Every measurement of every experiment (each setting, each seed) is
 * one job on one {@link Scheduler} of {@code threads} workers, the largest estimated first
 * ({@link Experiment#cost()}); with several workers the native BLAS's own threads are limited to
 * {@code max(1, cores / threads)} meanwhile ({@link Scheduler#blasThreads(int, int)}). Every
 * measurement is a pure function of its configuration and seed, so the results are those of a run
 * one after another. A failing measurement fails the run at once. An experiment is announced on standard error as soon as its last measurement
 * ends, and the run directory is written again, whole, with every experiment finished so far (in
 * the order given), so what finished survives an interrupt; the tables on standard output follow
 * the order given.
 */
final class LabRun {
    private LabRun() {}

    /**
     * What a run returns.
     *
     * @param experiments per experiment, in the order given: its JSON summary
     * @param timing the whole run's timing as JSON members ({@link RunTiming#json()})
     */
    record Result(List<Map<String, Object>> experiments, Map<String, Object> timing) {}

    /**
     * Runs every experiment of {@code spec} into {@code dir}, without overrides.
     *
     * @param tables print each experiment's table, verdict and conclusion to {@code out}
     * @param threads workers measuring in parallel (results do not depend on it)
     * @param command the command line, for the provenance
     */
    static Result run(
            ExperimentSpec spec,
            Path dir,
            PrintWriter out,
            PrintWriter err,
            boolean tables,
            int threads,
            String command)
            throws IOException {
        return run(spec, dir, out, err, tables, threads, command, Map.of(), List.of());
    }

    /** As above, with {@code extra} members for {@code run.json} and {@code notices} at the top of the report. */
    static Result run(
            ExperimentSpec spec,
            Path dir,
            PrintWriter out,
            PrintWriter err,
            boolean tables,
            int threads,
            String command,
            Map<String, Object> extra,
            List<String> notices)
            throws IOException {
        RunDirectory.checkTarget(dir);
        RunTiming timing = new RunTiming(threads);
        // the first seed; each experiment's results list the seeds it used, and its data with checksums
        Map<String, Object> machine = Provenance.now(command, List.of(spec.seed()), null, null, threads)
                .toMap();
        List<StudyPlan<?>> plans = new ArrayList<>();
        int total = 0;
        for (String entry : spec.experiments()) {
            Experiment<?> e = Experiments.parse(entry);
            StudyPlan<?> plan = StudyPlan.of(e, spec.seedsFor(e), spec.studyRobustness());
            plans.add(plan);
            total += plan.work();
        }
        int n = plans.size();
        Progress progress = new Progress(err, "lab");
        AtomicInteger done = new AtomicInteger();
        int all = total;
        IntConsumer tick = k -> {
            synchronized (progress) {
                progress.update(done.incrementAndGet(), all, "units");
            }
        };
        Study.Outcome<?>[] outcomes = new Study.Outcome<?>[n];
        List<Map<String, Object>> results = new ArrayList<>();
        int printed = 0;
        try (Scheduler scheduler = new Scheduler(threads);
                HeapWatch heap = new HeapWatch(n)) {
            timing.blasThreads(scheduler.blasThreads());
            BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<List<Future<Scheduler.Timed<Experiment.Result>>>> futures =
                    submit(plans, scheduler, heap, tick, finished, failure);
            for (int count = 0; count < n; count++) {
                int p = take(finished);
                rethrow(failure.get());
                Study.Outcome<?> o = outcome(plans.get(p), futures.get(p), heap.peak(p));
                outcomes[p] = o;
                timing.add(o);
                synchronized (progress) {
                    progress.finish(o.experiment().name() + ": "
                            + o.main().verdict().finding().label() + " ("
                            + String.format(
                                    Locale.ROOT,
                                    "%.1f s, CPU %.1f s",
                                    o.seconds(),
                                    o.timing().cpuSeconds()) + ")");
                }
                for (DataProvenance d : StudyReport.data(o)) {
                    if (!d.note().isEmpty()) {
                        err.println("initlab: " + o.experiment().name() + ": data: " + d.describe());
                    }
                }
                while (printed < n && outcomes[printed] != null) {
                    if (tables) {
                        print(outcomes[printed], out);
                    }
                    printed++;
                }
                results = write(dir, spec, machine, extra, notices, outcomes, timing, count == n - 1);
            }
        }
        if (tables) {
            summary(outcomes).print(out);
        }
        err.println(timing.line());
        return new Result(results, timing.json());
    }

    /** Submits every plan's measurements as jobs; each experiment's index is put in {@code finished} when its last one ends. */
    private static List<List<Future<Scheduler.Timed<Experiment.Result>>>> submit(
            List<StudyPlan<?>> plans,
            Scheduler scheduler,
            HeapWatch heap,
            IntConsumer tick,
            BlockingQueue<Integer> finished,
            AtomicReference<Throwable> failure) {
        List<Scheduler.Job<Experiment.Result>> jobs = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int p = 0; p < plans.size(); p++) {
            int slot = p;
            List<? extends StudyPlan.Measurement<?>> ms = plans.get(p).measurements();
            AtomicInteger remaining = new AtomicInteger(ms.size());
            for (StudyPlan.Measurement<?> m : ms) {
                jobs.add(new Scheduler.Job<>(m.cost(), () -> {
                    heap.begin(slot);
                    try {
                        return m.measure(tick);
                    } catch (RuntimeException | Error x) {
                        // the run fails at once, not after the other measurements
                        failure.compareAndSet(null, x);
                        finished.add(slot);
                        throw x;
                    } finally {
                        heap.end(slot);
                        if (remaining.decrementAndGet() == 0) {
                            finished.add(slot);
                        }
                    }
                }));
                owner.add(p);
            }
        }
        List<Future<Scheduler.Timed<Experiment.Result>>> all = scheduler.submit(jobs);
        List<List<Future<Scheduler.Timed<Experiment.Result>>>> by = new ArrayList<>();
        for (int p = 0; p < plans.size(); p++) {
            by.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            by.get(owner.get(i)).add(all.get(i));
        }
        return by;
    }

    /** Throws {@code x} as it is (an unchecked exception or an error), if there is one. */
    private static void rethrow(Throwable x) {
        if (x instanceof RuntimeException r) {
            throw r;
        }
        if (x instanceof Error e) {
            throw e;
        }
    }

    private static int take(BlockingQueue<Integer> finished) {
        try {
            return finished.take();
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", x);
        }
    }

    /** The study of {@code plan} from its finished measurements (a failed one's error is rethrown as it was). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Study.Outcome<?> outcome(
            StudyPlan<?> plan, List<Future<Scheduler.Timed<Experiment.Result>>> futures, long peakHeap) {
        List<Scheduler.Timed<Experiment.Result>> timed =
                futures.stream().map(Study::await).toList();
        return ((StudyPlan) plan).outcome(timed, peakHeap);
    }

    /** Writes the run directory with the experiments finished so far; returns their JSON summaries. */
    private static List<Map<String, Object>> write(
            Path dir,
            ExperimentSpec spec,
            Map<String, Object> machine,
            Map<String, Object> extra,
            List<String> notices,
            Study.Outcome<?>[] outcomes,
            RunTiming timing,
            boolean last)
            throws IOException {
        Map<String, Object> provenance = new LinkedHashMap<>();
        List<String> run = new ArrayList<>();
        provenance.put("experiments_run", run);
        provenance.put("spec", spec.toMap());
        provenance.putAll(machine);
        provenance.putAll(extra);
        List<Map<String, Object>> results = new ArrayList<>();
        provenance.put("experiments", results);
        HtmlReport report = new HtmlReport(
                "InitLab: " + String.join(", ", spec.experiments()),
                "initlab "
                        + org.initlab.core.Version.number() + ", first seed " + spec.seed() + ", " + Provenance.RNG
                        + "; Java "
                        + machine.get("java_version") + ", BLAS " + machine.get("blas") + "; " + timing.threadsLine());
        notices.forEach(report::notice);
        StringBuilder csv = new StringBuilder();
        List<Study.Outcome<?>> finished = new ArrayList<>();
        for (Study.Outcome<?> o : outcomes) {
            if (o == null) {
                continue;
            }
            finished.add(o);
            for (DataProvenance d : StudyReport.data(o)) {
                if (!d.note().isEmpty()) {
                    report.notice(o.experiment().name() + ": " + d.describe());
                }
            }
            report.add(StudyReport.section(o));
            csv.append("# ")
                    .append(Experiments.format(o.experiment()))
                    .append('\n')
                    .append(o.rendering().metricsCsv());
            Map<String, Object> r = StudyReport.json(o);
            results.add(r);
            run.add(String.valueOf(r.get("experiment")));
        }
        provenance.put("timing", last ? timing.json() : timing.partial());
        report.appendix(timing.table(finished, last));
        RunDirectory.write(dir, provenance, csv.toString(), report);
        return results;
    }

    /** The claims index on the terminal. */
    private static Table summary(Study.Outcome<?>[] outcomes) {
        Table summary = new Table("experiment", "verdict", "the figure that decided it", "seeds", "wall s", "CPU s");
        for (Study.Outcome<?> o : outcomes) {
            summary.row(
                    o.experiment().name(),
                    o.main().verdict().finding().label() + (o.settingDependent() ? " (setting-dependent)" : ""),
                    elide(o.main().verdict().deciding().get(0).line(), 60),
                    Integer.toString(o.seeds().size()),
                    String.format(Locale.ROOT, "%.1f", o.seconds()),
                    String.format(Locale.ROOT, "%.1f", o.timing().cpuSeconds()));
        }
        return summary;
    }

    /** {@code s} cut to {@code max} characters with an ellipsis. */
    static String elide(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Prints one finished study's table, verdict, verdicts by setting and conclusion. */
    private static void print(Study.Outcome<?> o, PrintWriter out) {
        Experiment<?> e = o.experiment();
        List<Long> seeds = o.seeds();
        out.println("== " + Experiments.format(e));
        HtmlReport.Table first = o.rendering().tables().get(0);
        Table t = new Table(first.header().toArray(String[]::new));
        for (List<String> row : first.rows()) {
            t.row(row.toArray());
        }
        t.print(out);
        out.println("verdict: " + o.main().verdict().finding().label() + " (" + seeds.size() + " seed"
                + (seeds.size() == 1 ? "" : "s") + ")");
        for (org.initlab.lab.judge.Check c : o.main().verdict().checks()) {
            out.println("  " + c.line());
        }
        if (o.settings().size() > 1) {
            out.println("by setting: "
                    + o.settings().stream()
                            .map(m -> m.label() + " " + m.verdict().finding().label())
                            .collect(java.util.stream.Collectors.joining("; ")));
        }
        out.println((o.rendering().conclusion() + " " + StudyReport.dependence(o)).strip());
        out.println();
    }
}
