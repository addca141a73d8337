package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;

/**
 * What a {@link Study.Outcome} shows: its report section (claim, set-up with the data used, the
 * criteria with their reasons, the verdict per setting and per seed, the experiment's own tables
 * and charts, and a conclusion that says when the verdict depends on the budget or setting), its
 * JSON form for {@code run.json} and {@code --json}, and its metrics CSV with a seed column.
 */
public final class StudyReport {
    private StudyReport() {}

    /** The data every measurement of the default setting used, without repeats. */
    public static List<DataProvenance> data(Study.Outcome<?> o) {
        Set<DataProvenance> all = new LinkedHashSet<>();
        for (Experiment.Result r : o.main().results()) {
            all.addAll(r.data());
        }
        return List.copyOf(all);
    }

    /** The verdict line: finding, then the deciding checks. */
    public static String verdictLine(Study.Outcome<?> o) {
        return o.main().verdict().summary()
                + (o.seeds().size() > 1 ? " (" + o.seeds().size() + " seeds)" : "");
    }

    /** The sentence on settings: empty when every setting agrees with the default. */
    public static String dependence(Study.Outcome<?> o) {
        if (o.settings().size() == 1) {
            return "";
        }
        Map<Finding, List<String>> by = new LinkedHashMap<>();
        for (Study.Measured<?> m : o.settings()) {
            by.computeIfAbsent(m.verdict().finding(), k -> new ArrayList<>()).add(m.label());
        }
        if (by.size() == 1) {
            return "The verdict is the same at every budget and setting tried ("
                    + o.settings().stream().map(Study.Measured::label).collect(Collectors.joining(", ")) + ").";
        }
        return "The verdict depends on the budget or setting: "
                + by.entrySet().stream()
                        .map(x -> x.getKey().label() + " at " + String.join(", ", x.getValue()))
                        .collect(Collectors.joining("; "))
                + ".";
    }

    /** The report section. */
    public static HtmlReport.Section section(Study.Outcome<?> o) {
        Experiment<?> e = o.experiment();
        List<HtmlReport.Table> tables = new ArrayList<>();
        tables.add(criteria(o.main().verdict()));
        if (o.settings().size() > 1) {
            tables.add(settings(o));
        }
        if (o.seeds().size() > 1) {
            tables.add(perSeed(o));
        }
        tables.addAll(o.rendering().tables());
        String data = data(o).stream().map(DataProvenance::describe).collect(Collectors.joining("; "));
        String setup = e.setup() + " Spec: " + Experiments.format(e) + "; seeds " + seeds(o.seeds())
                + (data.isEmpty() ? "" : "; data: " + data) + ".";
        String conclusion = o.rendering().conclusion() + (dependence(o).isEmpty() ? "" : " " + dependence(o));
        return new HtmlReport.Section(
                e.name() + ": " + e.title(),
                e.claim(),
                setup,
                o.main().verdict().finding().label(),
                verdictLine(o),
                tables,
                o.rendering().charts(),
                conclusion.strip());
    }

    /** The criteria table: figure, threshold, measured mean and interval, finding, reason. */
    static HtmlReport.Table criteria(Verdict v) {
        List<List<String>> rows = new ArrayList<>();
        for (Check c : v.checks()) {
            Estimate est = c.estimate();
            rows.add(List.of(
                    c.criterion().figure(),
                    c.criterion().side().symbol() + " "
                            + Cells.number(c.criterion().threshold()),
                    Cells.of(est),
                    est.n() > 1 || est.low() != est.high()
                            ? "[" + Cells.number(est.low()) + ", " + Cells.number(est.high()) + "]"
                            : "",
                    c.finding().label(),
                    c.criterion().reason()));
        }
        return new HtmlReport.Table(
                "Criteria (stated before the run) and what the default setting measured",
                List.of("figure", "threshold", "measured (mean ± sd)", "95% interval", "finding", "why this threshold"),
                rows);
    }

    private static HtmlReport.Table settings(Study.Outcome<?> o) {
        List<List<String>> rows = new ArrayList<>();
        for (Study.Measured<?> m : o.settings()) {
            rows.add(List.of(
                    m.label(),
                    m.verdict().finding().label(),
                    m.verdict().checks().stream()
                            .map(c -> c.criterion().figure() + " " + Cells.of(c.estimate()) + " ("
                                    + c.finding().label() + ")")
                            .collect(Collectors.joining("; "))));
        }
        return new HtmlReport.Table(
                "Verdict per budget and setting (all seeds)", List.of("setting", "verdict", "figures"), rows);
    }

    private static HtmlReport.Table perSeed(Study.Outcome<?> o) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < o.seeds().size(); i++) {
            Verdict v = o.perSeed().get(i);
            rows.add(List.of(
                    Long.toString(o.seeds().get(i)),
                    v.finding().label(),
                    v.checks().stream()
                            .map(c -> c.criterion().figure() + " "
                                    + Cells.number(c.estimate().mean()))
                            .collect(Collectors.joining("; "))));
        }
        return new HtmlReport.Table("Verdict per seed (default setting)", List.of("seed", "verdict", "figures"), rows);
    }

    private static String seeds(List<Long> seeds) {
        return seeds.size() == 1
                ? seeds.get(0).toString()
                : seeds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The outcome as a JSON-ready map: configuration, data, verdicts with their figures. */
    public static Map<String, Object> json(Study.Outcome<?> o) {
        Map<String, Object> m = new LinkedHashMap<>();
        Experiment<?> e = o.experiment();
        m.put("experiment", e.name());
        m.put("spec", Experiments.format(e));
        m.put("config", Experiments.parameters(e));
        m.put("seeds", o.seeds());
        m.put("data", data(o).stream().map(StudyReport::json).toList());
        m.put("verdict", o.main().verdict().finding().label());
        m.put("summary", verdictLine(o));
        m.put(
                "checks",
                o.main().verdict().checks().stream().map(StudyReport::json).toList());
        List<Object> settings = new ArrayList<>();
        for (Study.Measured<?> s : o.settings()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("setting", s.label());
            x.put("spec", Experiments.format(s.experiment()));
            x.put("verdict", s.verdict().finding().label());
            x.put("checks", s.verdict().checks().stream().map(StudyReport::json).toList());
            settings.add(x);
        }
        m.put("settings", settings);
        List<Object> perSeed = new ArrayList<>();
        for (int i = 0; i < o.seeds().size(); i++) {
            perSeed.add(Map.of(
                    "seed",
                    o.seeds().get(i),
                    "verdict",
                    o.perSeed().get(i).finding().label()));
        }
        m.put("per_seed", perSeed);
        m.put("budget_dependent", o.settingDependent());
        m.put("conclusion", (o.rendering().conclusion() + " " + dependence(o)).strip());
        m.putAll(json(o.timing()));
        return m;
    }

    /**
     * A study's timing as JSON members: {@code seconds} (wall, first measurement's start to the
     * last one's end), {@code cpu_seconds}, {@code measurements} and, where a garbage collection was
     * observed while it ran, {@code peak_heap_after_gc_mib} (approximate: the whole process's heap,
     * so with experiments running side by side it includes theirs).
     */
    public static Map<String, Object> json(Study.Timing t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", Math.round(t.wallSeconds() * 10) / 10.0);
        m.put("cpu_seconds", Math.round(t.cpuSeconds() * 10) / 10.0);
        m.put("measurements", t.measurements());
        if (t.peakHeapBytes() >= 0) {
            m.put("peak_heap_after_gc_mib", Math.round(t.peakHeapBytes() / 1048576.0));
        }
        return m;
    }

    private static Map<String, Object> json(Check c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("figure", c.criterion().figure());
        m.put("side", c.criterion().side() == org.initlab.lab.judge.Criterion.Side.AT_LEAST ? "at_least" : "at_most");
        m.put("threshold", c.criterion().threshold());
        m.put("reason", c.criterion().reason());
        m.put("mean", finite(c.estimate().mean()));
        m.put("low", finite(c.estimate().low()));
        m.put("high", finite(c.estimate().high()));
        m.put(
                "values",
                java.util.Arrays.stream(c.estimate().values())
                        .mapToObj(StudyReport::finite)
                        .toList());
        m.put("finding", c.finding().label());
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? (Object) v : Double.toString(v);
    }

    /** The provenance of the data as run.json has it. */
    public static Map<String, Object> json(DataProvenance d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", d.requested());
        m.put("used", d.used());
        if (!d.note().isEmpty()) {
            m.put("note", d.note());
        }
        m.put("train_examples", d.trainExamples());
        m.put("test_examples", d.testExamples());
        m.put(
                "files",
                d.files().stream()
                        .map(f -> Map.of(
                                "name", f.name(), "location", f.location(), "bytes", f.bytes(), "sha256", f.sha256()))
                        .toList());
        return m;
    }
}
