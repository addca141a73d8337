package org.initlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.io.Json;
import org.initlab.io.Provenance;
import org.initlab.io.data.AddingProblem;
import org.initlab.io.data.CopyMemory;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.DataSource;
import org.initlab.io.data.Datasets;
import org.initlab.io.data.Split;
import org.initlab.lab.probe.Probe;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;
import org.initlab.nn.model.BuiltModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code initlab train}: trains one model with one initializer and prints its learning curve. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train one model and print loss and accuracy (regression: RMSE) per epoch.",
            "Example: initlab train --data circles --model 'mlp(2,[16,16],2,act=relu)' --init he_normal",
            "         initlab train --data 'adding(length=20)' --model 'lstm(2,32,1)'"
        })
final class TrainCommand implements Callable<Integer> {
    @Mixin
    PretrainedOptions pretrained = new PretrainedOptions();

    @Option(
            names = "--data",
            defaultValue = "circles",
            description = {
                "Dataset spec: NAME or NAME(key=value,...). Synthetic (seeded by --seed): circles, moons, spirals, xor, blobs,"
                        + " teacher-student (regression), adding (regression on [n,T,2] sequences), copy (a label per step);"
                        + " real data: digits, iris, fashion-mnist-small (embedded, always there); fashion-mnist, mnist,"
                        + " mnist-test (get them with 'initlab data fetch NAME'; looked up in --data-dir, the user data"
                        + " folder, then /usr/share/datasets; see 'initlab data list'); idx:DIR, csv:FILE.",
                "E.g. circles(n=2000,noise=0.1,factor=0.3), adding(length=50), copy(length=5,delay=10), iris(validation=0.3).",
                "Every name with its parameters and defaults: see the README or org.initlab.io.data.Datasets.",
                "Default: ${DEFAULT-VALUE}."
            })
    String data;

    @Option(
            names = "--data-dir",
            description = "Folder holding data sets (fashion-mnist/, mnist/, ...), looked at"
                    + " before the user data folder; it must exist.")
    Path dataDir;

    @Option(
            names = "--limit",
            description = "Train on the first N training examples and test on the first N/6"
                    + " test examples (default: all).")
    Integer limit;

    @Option(
            names = "--model",
            defaultValue = "mlp(2,[16,16],2,act=relu)",
            description = ModelOption.DESCRIPTION + " Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--init", defaultValue = "default", description = InitOption.DESCRIPTION)
    String init;

    @Option(
            names = "--loss",
            defaultValue = "auto",
            description = {
                "auto (from the data and the model's outputs), cross_entropy (one output per class), bce (one logit,",
                "  two classes: sigmoid + binary cross-entropy), mse (real targets; class labels become one-hot or 0/1).",
                "Default: ${DEFAULT-VALUE}."
            })
    String loss;

    @Option(
            names = "--optimizer",
            defaultValue = "adam(lr=0.01)",
            description = "sgd(...), adam(...), adamw(...), rmsprop(...). Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--epochs", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of initialization, data and order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--schedule",
            defaultValue = "constant",
            description =
                    "Learning-rate schedule: constant, cosine, warmup_cosine (5%% linear warm-up). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--clip-norm", description = "Clip gradients to this global L2 norm.")
    Double clipNorm;

    @Option(names = "--clip-value", description = "Clamp gradient components to this absolute value.")
    Double clipValue;

    @Option(
            names = "--probe",
            paramLabel = "N",
            description = "Probe every N steps: per-layer statistics, update ratios and verdicts while training.")
    Integer probeEvery;

    @Option(
            names = "--out",
            paramLabel = "FILE.safetensors|FILE.npz",
            description = {
                "Save the trained weights (keyed as PyTorch names them) with the run's provenance: command, seed,",
                "data checksum, version (.safetensors metadata; .npz holds the arrays only)."
            })
    Path out;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        boolean fromFile = !ModelOption.inLanguage(model);
        BuiltModel built = fromFile ? null : ModelOption.build(model);
        Sequential net = fromFile ? ModelOption.load(model) : built.model();
        List<Integer> input = fromFile ? List.of() : built.input();
        LossOption lossOption = LossOption.parse(loss);
        var opt = OptimizerSpec.parse(optimizer);
        if (out != null) {
            TrainedWeights.requireTarget(out);
        }
        DataSource source = Datasets.parse(data);
        Datasets.Traced traced = Datasets.loadTraced(
                data, seed, limit == null ? Integer.MAX_VALUE : limit, DataFolder.standard(dataDir));
        Split split = traced.split();
        Tensor output = requireFits(net, input, split.train());
        Dataset train = lossOption.adapt(split.train(), output);
        Dataset test = lossOption.adapt(split.test(), output);
        boolean regression = !train.isClassification();
        InitOption.initialize(
                init,
                model,
                optimizer,
                net,
                pretrained,
                seed,
                spec.commandLine().getErr());
        Probe probe = probeEvery == null ? null : new Probe(probeEvery);
        Progress progress = new Progress(spec.commandLine().getErr(), "train");
        Trainer.Result result = new Trainer(net, opt, probe == null ? List.of() : List.of(probe))
                .train(train, test, config(train.size()), new Trainer.Listener() {
                    @Override
                    public void step(int epoch, int b, int batches) {
                        progress.update(b, batches, "epoch " + (epoch + 1) + "/" + epochs);
                    }

                    @Override
                    public void epoch(Trainer.Epoch e) {
                        progress.finish("epoch " + e.epoch() + "/" + epochs + "  loss " + Format.num(e.loss())
                                + (regression
                                        ? "  test rmse " + Format.num(e.testRootMeanSquaredError())
                                        : "  test accuracy " + Format.num(e.testAccuracy())));
                    }
                });
        List<Trainer.Epoch> history = result.epochs();
        Trainer.Divergence diverged = result.divergence();
        // a diverged model's weights are not finite: its test metrics would say nothing
        TestMetrics metrics = diverged == null ? TestMetrics.of(net, test) : null;
        double baseline = baselineLoss(source);
        Trainer.Epoch last = history.isEmpty() ? null : history.get(history.size() - 1);
        Provenance provenance = Provenance.now(
                Main.commandLine(spec), List.of(seed), source.spec(), TrainedWeights.checksum(List.of(train, test)), 1);
        if (this.out != null && last != null) {
            Map<String, String> metadata = new LinkedHashMap<>(provenance.toMetadata());
            metadata.put("model", model);
            metadata.put("init", init);
            metadata.put("optimizer", optimizer);
            metadata.put("epochs", Integer.toString(epochs));
            metadata.put("data_files", TrainedWeights.files(traced.provenance()));
            TrainedWeights.write(this.out, net, metadata);
            spec.commandLine().getErr().println("wrote the trained weights to " + this.out);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Trainer.Epoch e : history) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", e.epoch());
                row.put("loss", e.loss());
                row.put("test_loss", e.testLoss());
                if (regression) {
                    row.put("test_rmse", e.testRootMeanSquaredError());
                } else {
                    row.put("train_accuracy", e.trainAccuracy());
                    row.put("test_accuracy", e.testAccuracy());
                }
                row.put("seconds", e.seconds());
                rows.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("data", data);
            doc.put("data_spec", source.spec());
            doc.put("task", task(train));
            doc.put("model", model);
            doc.put("init", init);
            doc.put("loss", loss(train, output));
            doc.put("optimizer", optimizer);
            doc.put("seed", seed);
            doc.put("train_size", train.size());
            doc.put("test_size", test.size());
            doc.put("epochs", rows);
            doc.put("provenance", provenance.toMap());
            if (last != null) {
                doc.put("test_loss", last.testLoss());
                doc.put(
                        regression ? "test_rmse" : "test_accuracy",
                        regression ? last.testRootMeanSquaredError() : last.testAccuracy());
            }
            if (!Double.isNaN(baseline)) {
                doc.put("baseline_loss", baseline);
            }
            if (metrics != null) {
                doc.put("test_metrics", metrics.document());
                if (!metrics.notes().isEmpty()) {
                    doc.put("test_metrics_not_available", metrics.notes());
                }
            }
            if (diverged != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("step", diverged.step());
                d.put("epoch", diverged.epoch());
                d.put("step_in_epoch", diverged.stepInEpoch());
                d.put("where", diverged.where());
                d.put("value", diverged.value());
                d.put("message", diverged.message());
                doc.put("diverged", d);
            }
            if (probe != null) {
                doc.put("probe", TrainingProbe.document(probe.snapshots()));
            }
            out.println(Json.write(doc));
            return finish(diverged);
        }
        Table t = regression
                ? new Table("epoch", "loss", "test_loss", "test_rmse")
                : new Table("epoch", "loss", "test_loss", "train_accuracy", "test_accuracy");
        for (Trainer.Epoch e : history) {
            if (regression) {
                t.row(e.epoch(), e.loss(), e.testLoss(), e.testRootMeanSquaredError());
            } else {
                t.row(e.epoch(), e.loss(), e.testLoss(), e.trainAccuracy(), e.testAccuracy());
            }
        }
        if (!history.isEmpty()) {
            t.print(out);
        }
        if (metrics != null) {
            out.println();
            Table m = new Table("test_metric", "value");
            metrics.values().forEach((k, v) -> m.row(k, v == null ? "n/a" : v));
            if (!Double.isNaN(baseline)) {
                m.row("baseline_loss", baseline);
            }
            m.print(out);
            for (String note : metrics.notes()) {
                out.println("n/a: " + note);
            }
        }
        if (probe != null) {
            out.println();
            TrainingProbe.print(probe.snapshots(), out);
        }
        return finish(diverged);
    }

    /**
     * After the finished epochs are printed: a diverged run ends as a failure while running (exit
     * 1, one line through the command's error path).
     */
    private int finish(Trainer.Divergence diverged) {
        spec.commandLine().getOut().flush();
        if (diverged != null) {
            throw new IllegalStateException(
                    diverged.message()
                            + "; the epochs finished before it are printed above (try a smaller learning rate, --clip-norm or another --init)");
        }
        return 0;
    }

    private static String task(Dataset d) {
        return switch (d.targets()) {
            case Labels.Classes c -> "classification";
            case Labels.StepClasses s -> "classification_per_step";
            case Labels.Values v -> "regression";
        };
    }

    /**
     * The loss of the trivial strategy, for the sequence tasks where it is known: always predicting
     * 1 on the adding problem, the memoryless guess on the copy task. NaN otherwise.
     */
    private static double baselineLoss(DataSource source) {
        if (source instanceof DataSource.Generated g) {
            if (g.generator() instanceof AddingProblem) {
                return AddingProblem.BASELINE_MSE;
            }
            if (g.generator() instanceof CopyMemory c) {
                return c.baselineLoss();
            }
        }
        return Double.NaN;
    }

    private Trainer.Config config(int trainSize) {
        long total = (long) epochs * ((trainSize + batch - 1) / batch);
        Schedule s = switch (schedule) {
            case "constant" -> new Schedule.Constant();
            case "cosine" -> new Schedule.Cosine(total, 0);
            case "warmup_cosine" -> {
                long warm = Math.max(1, total / 20);
                yield new Schedule.WarmUp(warm, new Schedule.Cosine(Math.max(1, total - warm), 0));
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown schedule '" + schedule + "'; valid: constant, cosine, warmup_cosine");
        };
        return new Trainer.Config(
                epochs,
                batch,
                seed,
                s,
                clipNorm == null ? Double.NaN : clipNorm,
                clipValue == null ? Double.NaN : clipValue);
    }

    /**
     * Runs one example through the model, so a model that cannot read the data (its input shape)
     * is reported before any training in the user's terms; {@link LossOption#adapt} then checks its
     * outputs against the targets.
     *
     * @return the model's output for that example
     */
    private Tensor requireFits(Sequential net, List<Integer> input, Dataset train) {
        Dataset one = train.head(1);
        int[] shape = one.features().shape();
        String example = java.util.Arrays.toString(java.util.Arrays.copyOfRange(shape, 1, shape.length));
        long values = one.features().features();
        if (!input.isEmpty()) {
            long takes = input.stream().mapToLong(Integer::longValue).reduce(1, Math::multiplyExact);
            if (takes != values) {
                throw new IllegalArgumentException("the model takes examples of shape " + input + " (" + takes
                        + " values) but " + data + "'s examples are " + example + " (" + values + " values)");
            }
        }
        try {
            return net.forward(one.features(), false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "model '" + model + "' cannot read " + data + "'s examples of shape " + example + " (" + values
                            + " values): " + e.getMessage(),
                    e);
        }
    }

    /** The loss the run trains with, as the trainer picks it from the (adapted) targets. */
    private static String loss(Dataset train, Tensor output) {
        return switch (train.targets()) {
            case Labels.Values v -> "mse";
            case Labels.StepClasses s -> "cross_entropy";
            case Labels.Classes c ->
                c.classes() == 2 && output.shape()[output.shape().length - 1] == 1 ? "bce" : "cross_entropy";
        };
    }
}
