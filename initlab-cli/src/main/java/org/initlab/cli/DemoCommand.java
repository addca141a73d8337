package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Expectation;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Target;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;
import org.initlab.io.Json;
import org.initlab.lab.experiment.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code initlab demo}: the main job on embedded defaults. Until the lab's experiments exist it
 * tours the core on real computations: measured versus theoretical statistics of the
 * initializers, bit-identical fills across threads and shards, fans of grouped and transposed
 * convolutions, and how the activation scale travels through a deep network at initialization.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole tour on embedded defaults and write one report.",
            "The initializers against their laws, fans, signal propagation, then the lab's experiments at a"
                    + " reduced but honest size, each judged over its seeds and budgets. Everything goes to --out"
                    + " DIR: report.html, run.json (with this tour's tables) and metrics.csv."
        })
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "initlab-demo",
            description = "Run directory for the report, run.json and metrics.csv. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--depth",
            defaultValue = "20",
            description = "Depth of the signal-propagation net. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(
            names = "--width",
            defaultValue = "256",
            description = "Width of the signal-propagation net. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(
            names = "--threads",
            description =
                    "Worker threads: the experiments and their seeds and settings run side by"
                            + " side, the largest first (the results are the same for any number). Default: the number of processors.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    boolean json;

    @Spec
    CommandSpec spec;

    private static final String[] SPECS = {
        "he_normal",
        "he_uniform",
        "glorot_uniform",
        "glorot_normal(truncated=true)",
        "lecun_normal",
        "truncated_normal(std=0.02)",
        "torch_default",
        "orthogonal",
        "sparse(sparsity=0.9, std=0.1)"
    };

    /**
     * The experiments of the tour, at their reduced sizes ({@code initlab run NAME} runs the full size).
     * deep-relu runs 4 epochs: there (seeds 0 to 2) He's lead over 1/fan_in, 0.30 ± 0.10, leaves the
     * verdict inconclusive; at 8 it is supported as at the full size, but its double budget (16
     * epochs) then took 150 s of one core, which put the demo past 3 minutes on 2 cores. cnn stays
     * below its full-size verdict at this size (see {@link #SIZE_NOTE}). deep-post-ln needs about 120
     * steps before the pre-LN baseline has learned its copy task (at 80 it has not, and the verdict says
     * nothing); with gpt2-residual it costs about 25 s of CPU (measured with the lr alternative, which
     * the demo does not run).
     */
    static final List<String> EXPERIMENTS = List.of(
            "forward-histograms(samples=300)",
            "symmetry(steps=150)",
            "circles(steps=6000)",
            "deep-relu(train=1400, epochs=4, lr=0.01, data=digits)",
            "glorot-tanh(epochs=4)",
            "advisor(batch=64)",
            "lsuv(epochs=3)",
            "rnn-orthogonal(length=10, epochs=2, train=200)",
            "mitigations(epochs=3, train=500)",
            "remedies(epochs=5, train=500, blocks=2)",
            "cnn(train=1000, epochs=2, draws=8)",
            "orthogonal(largest=256, repeats=1, depth=6, channels=4, epochs=2, train=400)",
            "pretrained(task=all-classes, pretrain=1000, epochs=2)",
            "wrong-formulas(depth=12, samples=64, draws=4)",
            "activation-gains(epochs=5)",
            "residual(blocks=8, width=16, epochs=2)",
            "dead-relu(depth=4, width=32, epochs=2)",
            "gan(steps=600, width=32, batch=64, lr=0.003)",
            "metrics(epochs=10)",
            "deep-post-ln(layers=6, dim=16, steps=120, warm_up=24)",
            "gpt2-residual(depths=2+32, dim=16, steps=4)",
            "mup-transfer(widths=64+128+256, steps=60, log2_lr_min=-12, log2_lr_max=-5)",
            "zero-init(blocks=8, epochs=3)");

    /**
     * What the report says of the sizes. cnn at this size is not supported where the full size is
     * (PyTorch's default init is still below 0.5 test accuracy after 2 epochs on 1,000 images, and 8
     * weight draws leave the gain tolerance inconclusive for He and LeCun); a size that reaches the
     * full-size verdict (more images and epochs, 32 draws) was not found within the demo's time budget.
     */
    static final String SIZE_NOTE = "The demo runs every experiment at a reduced size (its spec is in each section's"
            + " set-up), judged over its seeds and at half and double its budget; 'initlab run NAME' runs the full size with"
            + " its alternative settings, and the verdicts there can differ (the README lists them). Known at this size: cnn"
            + " does not reach the full size's 'supported' (PyTorch's default init is still below 0.5 test accuracy after 2"
            + " epochs on 1,000 images, and 8 weight draws leave He's and LeCun's gain tolerance inconclusive); deep-relu at"
            + " 4 epochs is inconclusive (He's lead over 1/fan_in, about 0.3, is not yet clear of the threshold), while at 8"
            + " epochs, too slow for this tour, it is supported as at the full size. deep-post-ln at 6 layers and 120 steps:"
            + " pre-LN learns the copy task and DeepNorm nearly, post-LN with or without warm-up stays near the memoryless"
            + " loss (0.8 of it), T-Fixup not yet"
            + " (not supported; inconclusive at 240 steps); gpt2-residual: flat at initialization with the scaling, the"
            + " unscaled control's growth at 2 against 32 blocks of width 16 (1.8) not yet clear of its bar (inconclusive);"
            + " mup-transfer at 60 steps and widths 64 to 256 is inconclusive (muP's best rate stays within one grid step,"
            + " but SP's moves only 1 ± 1 steps after so short a run; the full size trains 300 steps up to width 512).";

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        long startCpu = RunTiming.processCpuNanos();
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 256) {
            throw new IllegalArgumentException("--threads must be in [1, 256], got " + t);
        }
        org.initlab.lab.experiment.RunDirectory.checkTarget(out);
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("initializers", initializers(w, err));
        doc.put("fans", fans(w));
        doc.put("signal_propagation", propagation(w, err));
        if (!json) {
            w.println();
            w.println("4. The lab: experiments that test claims about initialization (full sizes: initlab run NAME)");
        }
        // every claim at a reduced size, each judged over its seeds and at half and double its budget; the alternative
        // settings (a second learning rate, another task) and the full sizes are for 'initlab run NAME'
        ExperimentSpec experiments = new ExperimentSpec(seed, 0, true, false, EXPERIMENTS);
        LabRun.Result lab = LabRun.run(
                experiments, out, w, err, !json, t, Main.commandLine(spec), Map.of("demo", doc), List.of(SIZE_NOTE));
        doc.put("experiments", lab.experiments());
        doc.put("timing", lab.timing());
        double seconds = (System.nanoTime() - started) / 1e9;
        doc.put("seconds", Math.round(seconds * 10) / 10.0);
        long cpu = RunTiming.processCpuNanos();
        if (cpu >= 0 && startCpu >= 0) {
            doc.put("process_cpu_seconds", Math.round((cpu - startCpu) / 1e8) / 10.0);
        }
        doc.put("report", out.resolve("report.html").toString());
        err.println(String.format(
                java.util.Locale.ROOT,
                "demo: %.1f s wall in all (the tour and the lab)%s",
                seconds,
                cpu >= 0 && startCpu >= 0
                        ? String.format(java.util.Locale.ROOT, ", %.1f s CPU", (cpu - startCpu) / 1e9)
                        : ""));
        if (json) {
            w.println(Json.write(doc));
        } else {
            w.println("report: " + out.resolve("report.html"));
        }
        return 0;
    }

    private List<Object> initializers(PrintWriter w, PrintWriter err) {
        Target target = Target.of(Shape.of(256, 128, 3, 3)).withSeed(seed).withPath("conv.weight");
        Table table = new Table(
                "initializer", "theory_std", "measured_std", "ratio", "min", "max", "threads_1_vs_2", "shards");
        List<Object> rows = new ArrayList<>();
        for (String s : SPECS) {
            err.println("demo: sampling " + s);
            Initializer init = Registry.parse(s);
            Expectation e = init.expectation(target);
            float[] one = Fill.tensor(init, target, 1);
            float[] two = Fill.tensor(init, target, 2);
            float[] shards = new float[one.length];
            int cut = one.length / 3 + 1;
            Fill.range(init, target, 0, cut, shards, 0, 1);
            Fill.range(init, target, cut, one.length, shards, cut, 1);
            Stats st = Stats.of(one);
            String threadsSame = Arrays.equals(one, two) ? "identical" : "DIFFERENT";
            String shardsSame = Arrays.equals(one, shards) ? "identical" : "DIFFERENT";
            table.row(s, e.std(), st.std(), st.std() / e.std(), st.min(), st.max(), threadsSame, shardsSame);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("spec", s);
            row.put("theoretical_std", e.std());
            row.put("measured", st.toMap());
            row.put("threads_identical", threadsSame.equals("identical"));
            row.put("shards_identical", shardsSame.equals("identical"));
            rows.add(row);
        }
        if (!json) {
            w.println("1. Initializers on a conv kernel " + target.shape() + " (fan_in 1152, fan_out 2304)");
            table.print(w);
            w.println();
        }
        return rows;
    }

    private List<Object> fans(PrintWriter w) {
        Table table = new Table("tensor", "fan_in", "fan_out", "pytorch_fan_in", "pytorch_fan_out");
        List<Object> rows = new ArrayList<>();
        Object[][] cases = {
            {"dense [out=512, in=784]", Shape.of(512, 784), 1, false},
            {"conv [64, 32, 3, 3]", Shape.of(64, 32, 3, 3), 1, false},
            {"grouped conv g=4 [64, 8, 3, 3]", Shape.of(64, 8, 3, 3), 4, false},
            {"depthwise g=32 [32, 1, 3, 3]", Shape.of(32, 1, 3, 3), 32, false},
            {"transposed conv [in=32, out=64, 4, 4]", Shape.of(32, 64, 4, 4), 1, true},
        };
        for (Object[] c : cases) {
            Fans f = Fans.of((Shape) c[1], Layout.PYTORCH, (int) c[2], (boolean) c[3]);
            table.row(c[0], f.fanIn(), f.fanOut(), f.pytorchFanIn(), f.pytorchFanOut());
            rows.add(Map.of(
                    "tensor",
                    c[0],
                    "fan_in",
                    f.fanIn(),
                    "fan_out",
                    f.fanOut(),
                    "pytorch_fan_in",
                    f.pytorchFanIn(),
                    "pytorch_fan_out",
                    f.pytorchFanOut()));
        }
        if (!json) {
            w.println("2. Fans, counted per group and with transposed axes swapped, next to PyTorch's");
            table.print(w);
            w.println();
        }
        return rows;
    }

    private List<Object> propagation(PrintWriter w, PrintWriter err) {
        String[][] plans = {
            {"relu", "normal(std=0.01)"},
            {"relu", "lecun_normal"},
            {"relu", "glorot_normal"},
            {"relu", "he_normal"},
            {"tanh", "normal(std=0.01)"},
            {"tanh", "glorot_normal"},
            {"tanh", "he_normal(nonlinearity=tanh)"},
            {"tanh", "orthogonal(gain=1.0)"},
            {"gelu", "he_normal"},
            {"gelu", "he_normal(nonlinearity=gelu)"},
        };
        int batch = 128;
        int[] report = {1, Math.max(1, depth / 4), Math.max(1, depth / 2), depth};
        String[] header = new String[report.length + 3];
        header[0] = "activation";
        header[1] = "init";
        for (int i = 0; i < report.length; i++) {
            header[i + 2] = "std_layer_" + report[i];
        }
        header[header.length - 1] = "verdict";
        Table table = new Table(header);
        List<Object> rows = new ArrayList<>();
        for (String[] plan : plans) {
            err.println("demo: forward pass " + plan[0] + " / " + plan[1]);
            double[] stds = forwardStds(Activation.parse(plan[0]), Registry.parse(plan[1]), batch);
            Object[] cells = new Object[header.length];
            cells[0] = plan[0];
            cells[1] = plan[1];
            for (int i = 0; i < report.length; i++) {
                cells[i + 2] = stds[report[i] - 1];
            }
            String verdict = verdict(stds[depth - 1] / stds[0]);
            cells[header.length - 1] = verdict;
            table.row(cells);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("activation", plan[0]);
            row.put("init", plan[1]);
            row.put("activation_std", Arrays.stream(stds).boxed().toList());
            row.put("verdict", verdict);
            rows.add(row);
        }
        if (!json) {
            w.println("3. Activation std through a " + depth + "-layer, width-" + width
                    + " network at initialization (batch " + batch + " of N(0, 1) inputs, zero biases)");
            table.print(w);
            Map<String, List<String>> stable = new LinkedHashMap<>();
            for (Object o : rows) {
                Map<?, ?> row = (Map<?, ?>) o;
                List<String> list = stable.computeIfAbsent((String) row.get("activation"), k -> new ArrayList<>());
                if (row.get("verdict").equals("stable")) {
                    list.add((String) row.get("init"));
                }
            }
            w.println("   verdict: std at layer " + depth + " over std at layer 1: below 0.01 vanishing, below 0.5"
                    + " shrinking, 0.5 to 2 stable, above 2 growing, above 100 exploding.");
            stable.forEach((activation, inits) -> w.println("   stable for " + activation + ": "
                    + (inits.isEmpty() ? "none of these" : String.join(", ", inits))));
        }
        return rows;
    }

    /** The verdict on the ratio of the last layer's activation std to the first layer's. */
    static String verdict(double ratio) {
        if (!(ratio >= 0.01)) {
            return "vanishing";
        }
        if (ratio > 100) {
            return "exploding";
        }
        return ratio < 0.5 ? "shrinking" : ratio > 2 ? "growing" : "stable";
    }

    /** Standard deviation of each layer's output for a plain MLP at initialization. */
    private double[] forwardStds(Activation act, Initializer init, int batch) {
        float[] x = new float[batch * width];
        Samplers.normal(RandomStream.of(seed, "demo.input"), 0, x.length, 0, 1, x, 0);
        double[] stds = new double[depth];
        float[] y = new float[batch * width];
        for (int layer = 0; layer < depth; layer++) {
            Target t = Target.of(width, width).withSeed(seed).withPath(layer + ".weight");
            float[] wts = Fill.tensor(init, t, 1);
            for (int b = 0; b < batch; b++) {
                for (int o = 0; o < width; o++) {
                    double s = 0;
                    int wo = o * width;
                    int xb = b * width;
                    for (int i = 0; i < width; i++) {
                        s += wts[wo + i] * x[xb + i];
                    }
                    y[b * width + o] = (float) act.apply(s, act.defaultParam());
                }
            }
            float[] swap = x;
            x = y;
            y = swap;
            stds[layer] = Stats.of(x).std();
        }
        return stds;
    }
}
