package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.Names;
import org.initlab.io.Json;
import org.initlab.lab.experiment.ForwardHistograms;
import org.initlab.lab.experiment.RunDirectory;
import org.initlab.lab.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code initlab run EXPERIMENT}: runs a built-in experiment and writes its run directory
 * ({@code run.json}, {@code metrics.csv}, {@code report.html}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a built-in experiment and write run.json (provenance), metrics.csv and a self-contained",
                "report.html into --out. Experiments: " + RunCommand.NAMES_TEXT})
final class RunCommand implements Callable<Integer> {
    static final List<String> NAMES = List.of("forward-histograms");
    static final String NAMES_TEXT = "forward-histograms (the classic per-layer activation histograms).";

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "Experiment name.")
    String name;

    @Option(names = "--out", defaultValue = "initlab-run", description = "Run directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--samples", defaultValue = "10000", description = "Inputs per configuration. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of data and weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String experiment = name.toLowerCase(Locale.ROOT).replace('_', '-');
        if (!NAMES.contains(experiment)) {
            throw Names.unknown("experiment", name, NAMES);
        }
        ForwardHistograms config = new ForwardHistograms(samples, seed);
        Progress progress = new Progress(spec.commandLine().getErr(), experiment);
        ForwardHistograms.Result result = config.run(done -> progress.update(done, config.configurations(), "configurations"));
        progress.finish(experiment + ": " + config.configurations() + " configurations");
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("samples", samples);
        cfg.put("seed", seed);
        cfg.put("widths", ForwardHistograms.WIDTHS);
        cfg.put("activations", ForwardHistograms.ACTIVATIONS);
        cfg.put("initializers", ForwardHistograms.INITS);
        Map<String, Object> provenance = RunDirectory.provenance(experiment, cfg);
        HtmlReport report = new HtmlReport("InitLab: " + experiment, "initlab " + RunDirectory.version() + ", seed " + seed
                + ", " + RunDirectory.RNG + "; " + provenance.get("java_version") + ", " + provenance.get("blas"))
                .add(ForwardHistograms.section(result));
        RunDirectory.write(out, provenance, ForwardHistograms.metricsCsv(result), report);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("experiment", experiment);
            doc.put("out", out.toString());
            doc.put("supported", result.supported());
            doc.put("verdict", result.verdict());
            doc.put("conclusion", result.conclusion());
            w.println(Json.write(doc));
            return 0;
        }
        Table t = new Table("activation", "init", "std layer 1", "std last", "last/first");
        for (ForwardHistograms.Run r : result.runs()) {
            t.row(r.activation(), r.initLabel(), Format.num(r.hidden().get(0).output().std()),
                    Format.num(r.hidden().get(r.hidden().size() - 1).output().std()), Format.num(r.stdRatio()));
        }
        t.print(w);
        w.println();
        w.println("claim " + result.verdict());
        w.println(result.conclusion());
        w.println("wrote " + out.resolve("report.html") + ", run.json, metrics.csv");
        return 0;
    }
}
