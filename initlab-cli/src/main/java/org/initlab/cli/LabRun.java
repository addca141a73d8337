package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.experiment.AcrossSeeds;
import org.initlab.lab.experiment.Experiment;
import org.initlab.lab.experiment.ExperimentSpec;
import org.initlab.lab.experiment.Experiments;
import org.initlab.lab.experiment.LegacyExperiment;
import org.initlab.lab.experiment.RunDirectory;
import org.initlab.lab.experiment.Study;
import org.initlab.lab.experiment.StudyReport;
import org.initlab.lab.report.HtmlReport;

/**
 * Runs experiments one after the other with a progress bar each, prints each one's summary table
 * and verdict, then one line per experiment (verdict, seconds), and writes one run directory with a
 * report section per experiment; shared by {@code run} and {@code demo}. The run directory is
 * written again, whole, after every experiment, so what finished survives an interrupt.
 */
final class LabRun {
    private LabRun() {
    }

    /**
     * @param tables print each experiment's table, verdict and conclusion to {@code out}
     * @param threads threads measuring seeds and settings in parallel (results do not depend on it)
     * @return per experiment: its JSON summary
     */
    static List<Map<String, Object>> run(ExperimentSpec spec, Path dir, PrintWriter out, PrintWriter err, boolean tables,
            int threads) throws IOException {
        RunDirectory.checkTarget(dir);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("experiments_run", new ArrayList<String>());
        provenance.put("spec", spec.toMap());
        provenance.putAll(RunDirectory.machine());
        List<Map<String, Object>> results = new ArrayList<>();
        provenance.put("experiments", results);
        HtmlReport report = new HtmlReport("InitLab: " + String.join(", ", spec.experiments()), "initlab "
                + RunDirectory.version() + ", first seed " + spec.seed() + ", " + RunDirectory.RNG + "; Java "
                + provenance.get("java_version") + ", BLAS " + provenance.get("blas"));
        StringBuilder csv = new StringBuilder();
        Table summary = new Table("experiment", "verdict", "seeds", "seconds");
        for (String entry : spec.experiments()) {
            Map<String, Object> r;
            if (ExperimentSpec.legacy(entry)) {
                r = legacy(entry, spec, out, err, tables, report, csv, summary);
            } else {
                r = study(Experiments.parse(entry), spec, out, err, tables, report, csv, summary, threads);
            }
            results.add(r);
            @SuppressWarnings("unchecked")
            List<String> done = (List<String>) provenance.get("experiments_run");
            done.add(String.valueOf(r.get("experiment")));
            RunDirectory.write(dir, provenance, csv.toString(), report);
        }
        if (tables) {
            summary.print(out);
        }
        return results;
    }

    private static <R extends Experiment.Result> Map<String, Object> study(Experiment<R> e, ExperimentSpec spec, PrintWriter out,
            PrintWriter err, boolean tables, HtmlReport report, StringBuilder csv, Table summary, int threads) {
        List<Long> seeds = spec.seedsFor(e);
        Progress progress = new Progress(err, e.name());
        int work = Study.work(e, seeds.size(), spec.robustness());
        Study.Outcome<R> o = Study.run(e, seeds, spec.robustness(), threads, done -> progress.update(done, work, "units"));
        progress.finish(e.name() + ": " + o.main().verdict().finding().label() + " (" + String.format(Locale.ROOT, "%.1f s",
                o.seconds()) + ")");
        for (DataProvenance d : StudyReport.data(o)) {
            if (!d.note().isEmpty()) {
                err.println("initlab: " + e.name() + ": data: " + d.describe());
                report.notice(e.name() + ": " + d.describe());
            }
        }
        report.add(StudyReport.section(o));
        csv.append("# ").append(Experiments.format(e)).append('\n').append(o.rendering().metricsCsv());
        summary.row(e.name(), o.main().verdict().finding().label() + (o.settingDependent() ? " (setting-dependent)" : ""),
                Integer.toString(seeds.size()), String.format(Locale.ROOT, "%.1f", o.seconds()));
        if (tables) {
            out.println("== " + Experiments.format(e));
            HtmlReport.Table first = o.rendering().tables().get(0);
            Table t = new Table(first.header().toArray(String[]::new));
            for (List<String> row : first.rows()) {
                t.row(row.toArray(String[]::new));
            }
            t.print(out);
            out.println("verdict: " + StudyReport.verdictLine(o));
            if (o.settings().size() > 1) {
                for (Study.Measured<R> m : o.settings()) {
                    out.println("  at " + m.label() + ": " + m.verdict().finding().label());
                }
            }
            out.println((o.rendering().conclusion() + " " + StudyReport.dependence(o)).strip());
            out.println();
        }
        return StudyReport.json(o);
    }

    /** An experiment not yet in the measure/judge/render shape: run as before. */
    private static Map<String, Object> legacy(String entry, ExperimentSpec spec, PrintWriter out, PrintWriter err, boolean tables,
            HtmlReport report, StringBuilder csv, Table summary) {
        LegacyExperiment e;
        int seeds = Math.max(1, spec.seeds());
        if (seeds == 1) {
            e = LegacyExperiment.named(entry, spec.seed(), 0, 0);
        } else {
            List<LegacyExperiment> runs = new ArrayList<>();
            for (int i = 0; i < seeds; i++) {
                runs.add(LegacyExperiment.named(entry, spec.seed() + i, 0, 0));
            }
            e = new AcrossSeeds(runs, spec.seed());
        }
        Progress progress = new Progress(err, e.name());
        long started = System.nanoTime();
        LegacyExperiment.Outcome o = e.run(done -> progress.update(done, e.work(), "runs"));
        double seconds = (System.nanoTime() - started) / 1e9;
        String finding = o.supported() ? "supported" : "not supported";
        summary.row(e.name(), finding, Integer.toString(seeds), String.format(Locale.ROOT, "%.1f", seconds));
        progress.finish(e.name() + ": claim " + finding);
        report.add(o.section());
        csv.append("# ").append(e.name()).append('\n').append(o.metricsCsv());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("experiment", e.name());
        r.put("config", e.config());
        r.put("verdict", finding);
        r.put("summary", o.verdict());
        r.put("conclusion", o.conclusion());
        if (tables) {
            out.println("== " + e.name());
            Table t = new Table(o.header().toArray(String[]::new));
            for (List<String> row : o.rows()) {
                t.row(row.toArray(String[]::new));
            }
            t.print(out);
            out.println("claim " + o.verdict());
            out.println(o.conclusion());
            out.println();
        }
        return r;
    }
}
