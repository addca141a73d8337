package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run built-in experiments and write run.json (provenance), metrics.csv and",
            "one self-contained report.html into --out. Experiments:",
            "  forward-histograms  activation histograms of a 1000-800-500-300-200-100-10",
            "                      net under four inits (--samples inputs, default 10000)",
            "  symmetry            zero/constant vs random init (--steps, default 600)",
            "  circles             zeros, N(0,1)x10 and He on a [2,10,5,1] net",
            "                      (--steps, default 15000)",
            "  deep-relu           30 ReLU layers, 1/fan_in vs He, on Fashion-MNIST",
            "                      (--samples images, default 10000; --steps epochs, 3)",
            "  glorot-tanh         standard vs normalized init, 5-layer tanh net, digits",
            "                      (--steps epochs, default 20)",
            "  advisor             the advised plan vs naive plans on three architectures",
            "  lsuv                LSUV vs He and orthogonal, 16-layer ReLU net, digits",
            "                      (--steps epochs, default 10)",
            "  rnn-orthogonal      orthogonal vs Gaussian recurrent weights, tanh RNN on",
            "                      the adding problem (--samples length, default 30;",
            "                      --steps epochs, default 20)",
            "  mitigations         clipping, BatchNorm, Fixup/ReZero, Adam, attention",
            "                      scale vs the broken nets they rescue (--steps epochs, 10)",
            "  cnn                 He, LeCun, Glorot, PyTorch default on a small CNN",
            "                      (--samples images, default 5000; --steps epochs, 3)",
            "  pretrained          pretrained CNN body fine-tuned on new classes vs scratch",
            "                      (--samples examples, default 250; --steps epochs, 20)"})
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT",
            description = "Experiment names, or one spec file: FILE.json ({\"seed\": 1, \"seeds\": 3, \"experiments\":"
                    + " [{\"name\": \"symmetry\", \"steps\": 300}]}), FILE.yaml (the same in YAML), or a run's run.json"
                    + " (runs it again: same experiments, sizes and seeds).")
    List<String> names;

    @Option(names = "--out", defaultValue = "initlab-run", description = "Run directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--samples", defaultValue = "0",
            description = "forward-histograms: inputs per configuration (default 10000; 100000 is the original size);"
                    + " deep-relu, cnn: training images; rnn-orthogonal: sequence length; pretrained: fine-tuning"
                    + " examples.")
    int samples;

    @Option(names = "--steps", defaultValue = "0", description = "symmetry, circles: training steps (default 600, 15000);"
            + " epochs for deep-relu, glorot-tanh, lsuv, rnn-orthogonal, mitigations, cnn and pretrained.")
    int steps;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of data and weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--seeds", defaultValue = "1",
            description = "Runs per experiment, with seeds --seed, --seed + 1, ...; the claim must hold for each; tables show"
                    + " mean ± standard deviation. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String> files = names.stream().filter(RunCommand::isFile).toList();
        ExperimentSpec toRun;
        if (files.isEmpty()) {
            List<ExperimentSpec.Entry> entries = new ArrayList<>();
            for (String n : names) {
                entries.add(new ExperimentSpec.Entry(n, samples, steps));
            }
            toRun = new ExperimentSpec(seed, seeds, entries);
        } else if (names.size() == 1) {
            toRun = ExperimentSpec.read(Path.of(files.get(0)));
        } else {
            throw new IllegalArgumentException("give experiment names or one spec file, not " + String.join(" and ", names));
        }
        PrintWriter w = spec.commandLine().getOut();
        List<Map<String, Object>> results = LabRun.run(toRun, out, w, spec.commandLine().getErr(), !json);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("out", out.toString());
            doc.put("experiments", results);
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
