package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.io.Json;
import org.initlab.lab.experiment.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code initlab run EXPERIMENT...}: runs built-in experiments and writes one run directory
 * ({@code run.json}, {@code metrics.csv}, {@code report.html}) with a section per experiment.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run built-in experiments, or a spec file, and write their report.",
            "After each experiment, run.json (provenance), metrics.csv and one self-contained report.html are written"
                    + " into --out. Each experiment is a spec such as 'deep-relu(epochs=10, lr=0.001)'; 'initlab run"
                    + " --list' shows every experiment and its parameters."
        })
final class RunCommand implements Callable<Integer> {
    @Parameters(
            arity = "0..*",
            paramLabel = "EXPERIMENT",
            description = "Experiment specs (name or name(key=value, ...)), or 'all' (every experiment at its default"
                    + " size), or one spec file: FILE.yaml or FILE.json"
                    + " ({\"seed\": 1, \"seeds\": 3, \"experiments\": [\"symmetry(steps=300)\"]}), or a run's run.json"
                    + " (runs it again: same experiments, sizes and seeds).")
    List<String> names = List.of();

    @Option(names = "--list", description = "List the experiments with their claims and parameters, and exit.")
    boolean list;

    @Option(names = "--markdown", description = "With --list: the README's experiment table in Markdown.")
    boolean markdown;

    @Option(
            names = "--out",
            defaultValue = "initlab-run",
            description = "Run directory (new, empty, or an earlier run's)." + " Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "First seed of data and weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--seeds",
            defaultValue = "0",
            description =
                    "Seeds per experiment (--seed, --seed + 1, ...). Default: each experiment's own (3 for claims about"
                            + " training, 1 at initialization).")
    int seeds;

    @Option(
            names = "--no-robustness",
            description =
                    "Run only the default budget and setting (no half/double budget, no" + " alternative settings).")
    boolean noRobustness;

    @Option(
            names = "--threads",
            description = "Worker threads: every experiment's seeds and settings, and the experiments"
                    + " themselves, run side by side, the largest first; the results are the same for any number. With more than"
                    + " one, the native BLAS uses max(1, processors / threads) threads per product. Default: the number of"
                    + " processors.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        if (list && markdown) {
            w.print(ExperimentHelp.markdown());
            return 0;
        }
        if (list) {
            ExperimentHelp.print(w);
            return 0;
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("give experiment names or a spec file; 'initlab run --list' shows them");
        }
        List<String> files = names.stream().filter(RunCommand::isFile).toList();
        ExperimentSpec toRun;
        if (files.isEmpty()) {
            toRun = new ExperimentSpec(seed, seeds, !noRobustness, names);
        } else if (names.size() == 1) {
            toRun = ExperimentSpec.read(Path.of(files.get(0)));
        } else {
            throw new IllegalArgumentException(
                    "give experiment specs or one spec file, not " + String.join(" and ", names));
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 256) {
            throw new IllegalArgumentException("--threads must be in [1, 256], got " + t);
        }
        LabRun.Result results =
                LabRun.run(toRun, out, w, spec.commandLine().getErr(), !json, t, Main.commandLine(spec));
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", out.toString());
            doc.put("experiments", results.experiments());
            doc.put("timing", results.timing());
            w.println(Json.write(doc));
        } else {
            w.println("wrote " + out.resolve("report.html") + ", run.json, metrics.csv");
        }
        return 0;
    }

    private static boolean isFile(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
    }
}
