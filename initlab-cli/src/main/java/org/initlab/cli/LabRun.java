package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.lab.experiment.Experiment;
import org.initlab.lab.experiment.ExperimentSpec;
import org.initlab.lab.experiment.RunDirectory;
import org.initlab.lab.report.HtmlReport;

/**
 * Runs experiments one after the other with a progress bar each, prints each one's summary table
 * and verdict, then one line per experiment (claim, seconds), and writes one run directory with a
 * report section per experiment; shared by {@code run} and {@code demo}.
 */
final class LabRun {
    private LabRun() {
    }

    /**
     * @param tables print each experiment's table, verdict and conclusion to {@code out}
     * @return per experiment: name, supported, verdict, conclusion (for JSON output)
     */
    static List<Map<String, Object>> run(ExperimentSpec spec, Path dir, PrintWriter out, PrintWriter err, boolean tables)
            throws IOException {
        List<Experiment> experiments = spec.build();
        long seed = spec.seed();
        Map<String, Object> configs = new LinkedHashMap<>();
        for (Experiment e : experiments) {
            configs.put(e.name(), e.config());
        }
        Map<String, Object> provenance = RunDirectory.provenance(String.join(",", configs.keySet()), configs,
                spec.toMap());
        HtmlReport report = new HtmlReport("InitLab: " + String.join(", ", configs.keySet()), "initlab "
                + RunDirectory.version() + ", seed " + seed + (spec.seeds() > 1 ? " (" + spec.seeds() + " seeds)" : "") + ", " + RunDirectory.RNG + "; Java "
                + provenance.get("java_version") + ", BLAS " + provenance.get("blas"));
        StringBuilder csv = new StringBuilder();
        List<Map<String, Object>> results = new ArrayList<>();
        Table summary = new Table("experiment", "claim", "seconds");
        for (Experiment e : experiments) {
            Progress progress = new Progress(err, e.name());
            long started = System.nanoTime();
            Experiment.Outcome o = e.run(done -> progress.update(done, e.work(), "runs"));
            double seconds = (System.nanoTime() - started) / 1e9;
            summary.row(e.name(), o.supported() ? "supported" : "not supported", String.format(java.util.Locale.ROOT, "%.1f", seconds));
            progress.finish(e.name() + ": claim " + (o.supported() ? "supported" : "not supported"));
            report.add(o.section());
            csv.append("# ").append(e.name()).append('\n').append(o.metricsCsv());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("experiment", e.name());
            r.put("supported", o.supported());
            r.put("verdict", o.verdict());
            r.put("conclusion", o.conclusion());
            results.add(r);
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
        }
        if (tables) {
            summary.print(out);
        }
        RunDirectory.write(dir, provenance, csv.toString(), report);
        return results;
    }
}
