package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.initlab.io.Provenance;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.experiment.Experiment;
import org.initlab.lab.experiment.ExperimentSpec;
import org.initlab.lab.experiment.Experiments;
import org.initlab.lab.experiment.RunDirectory;
import org.initlab.lab.experiment.Study;
import org.initlab.lab.experiment.StudyReport;
import org.initlab.lab.report.HtmlReport;

/**
 * Runs experiments with one progress bar, prints each one's summary table, verdict and conclusion
 * in order, then the claims index (per experiment: verdict, the figure that decided it, seeds, seconds), and writes one run directory with a
 * report section per experiment; shared by {@code run} and {@code demo}. With several threads and
 * several experiments, the experiments run concurrently (each measured on one thread) and are
 * reported in their order; a single experiment spreads its seeds and settings over the threads.
 * Every measurement is a pure function of its configuration and seed, so the results are those of
 * a run one after another. The run directory is written again, whole, after every experiment, so
 * what finished survives an interrupt.
 */
final class LabRun {
    private LabRun() {
    }

    /**
     * Runs every experiment of {@code spec} into {@code dir}, without overrides.
     *
     * @param tables print each experiment's table, verdict and conclusion to {@code out}
     * @param threads threads measuring seeds and settings in parallel (results do not depend on it)
     * @param command the command line, for the provenance
     * @return per experiment: its JSON summary
     */
    static List<Map<String, Object>> run(ExperimentSpec spec, Path dir, PrintWriter out, PrintWriter err, boolean tables,
            int threads, String command) throws IOException {
        return run(spec, dir, out, err, tables, threads, command, Map.of(), List.of());
    }

    /** As above, with {@code extra} members for {@code run.json} and {@code notices} at the top of the report. */
    static List<Map<String, Object>> run(ExperimentSpec spec, Path dir, PrintWriter out, PrintWriter err, boolean tables,
            int threads, String command, Map<String, Object> extra, List<String> notices) throws IOException {
        RunDirectory.checkTarget(dir);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("experiments_run", new ArrayList<String>());
        provenance.put("spec", spec.toMap());
        // the first seed; each experiment's results list the seeds it used, and its data with checksums
        provenance.putAll(Provenance.now(command, List.of(spec.seed()), null, null, threads).toMap());
        provenance.putAll(extra);
        List<Map<String, Object>> results = new ArrayList<>();
        provenance.put("experiments", results);
        HtmlReport report = new HtmlReport("InitLab: " + String.join(", ", spec.experiments()), "initlab "
                + org.initlab.core.Version.number() + ", first seed " + spec.seed() + ", " + Provenance.RNG + "; Java "
                + provenance.get("java_version") + ", BLAS " + provenance.get("blas"));
        notices.forEach(report::notice);
        StringBuilder csv = new StringBuilder();
        Table summary = new Table("experiment", "verdict", "the figure that decided it", "seeds", "seconds");
        List<String> entries = spec.experiments();
        // several experiments share the threads (each measured on one); a single one spreads its seeds over them
        boolean overlap = threads > 1 && entries.size() > 1;
        ExecutorService pool = overlap ? Executors.newFixedThreadPool(threads) : null;
        int total = 0;
        for (String entry : entries) {
            Experiment<?> e = Experiments.parse(entry);
            total += Study.work(e, spec.seedsFor(e).size(), spec.studyRobustness());
        }
        Progress progress = new Progress(err, "lab");
        AtomicInteger done = new AtomicInteger();
        int all = total;
        IntConsumer tick = k -> {
            synchronized (progress) {
                progress.update(done.incrementAndGet(), all, "units");
            }
        };
        List<Future<Study.Outcome<?>>> futures = new ArrayList<>();
        try {
            for (String entry : entries) {
                Experiment<?> e = Experiments.parse(entry);
                Callable<Study.Outcome<?>> task = () -> Study.run(e, spec.seedsFor(e), spec.studyRobustness(), overlap ? 1 : threads,
                        counting(tick));
                futures.add(overlap ? pool.submit(task) : null);
            }
            for (int i = 0; i < entries.size(); i++) {
                Experiment<?> e = Experiments.parse(entries.get(i));
                Study.Outcome<?> o = futures.get(i) != null ? Study.await(futures.get(i))
                        : Study.run(e, spec.seedsFor(e), spec.studyRobustness(), threads, counting(tick));
                synchronized (progress) {
                    progress.finish(e.name() + ": " + o.main().verdict().finding().label() + " ("
                            + String.format(Locale.ROOT, "%.1f s", o.seconds()) + ")");
                }
                Map<String, Object> r = show(o, out, err, tables, report, csv, summary);
                results.add(r);
                @SuppressWarnings("unchecked")
                List<String> finished = (List<String>) provenance.get("experiments_run");
                finished.add(String.valueOf(r.get("experiment")));
                RunDirectory.write(dir, provenance, csv.toString(), report);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (tables) {
            summary.print(out);
        }
        return results;
    }

    /** {@code s} cut to {@code max} characters with an ellipsis. */
    static String elide(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A progress callback that counts each unit a study reports once. */
    private static IntConsumer counting(IntConsumer tick) {
        return k -> tick.accept(1);
    }


    /** Prints, reports and records one finished study. */
    private static <R extends Experiment.Result> Map<String, Object> show(Study.Outcome<R> o, PrintWriter out, PrintWriter err,
            boolean tables, HtmlReport report, StringBuilder csv, Table summary) {
        Experiment<R> e = o.experiment();
        List<Long> seeds = o.seeds();
        for (DataProvenance d : StudyReport.data(o)) {
            if (!d.note().isEmpty()) {
                err.println("initlab: " + e.name() + ": data: " + d.describe());
                report.notice(e.name() + ": " + d.describe());
            }
        }
        report.add(StudyReport.section(o));
        csv.append("# ").append(Experiments.format(e)).append('\n').append(o.rendering().metricsCsv());
        summary.row(e.name(), o.main().verdict().finding().label() + (o.settingDependent() ? " (setting-dependent)" : ""),
                elide(o.main().verdict().deciding().get(0).line(), 60), Integer.toString(seeds.size()),
                String.format(Locale.ROOT, "%.1f", o.seconds()));
        if (tables) {
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
                out.println("by setting: " + o.settings().stream().map(m -> m.label() + " " + m.verdict().finding().label())
                        .collect(java.util.stream.Collectors.joining("; ")));
            }
            out.println((o.rendering().conclusion() + " " + StudyReport.dependence(o)).strip());
            out.println();
        }
        return StudyReport.json(o);
    }
}
