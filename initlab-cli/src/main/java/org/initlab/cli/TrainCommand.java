package org.initlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.Registry;
import org.initlab.io.Json;
import org.initlab.lab.probe.Probe;
import org.initlab.io.data.AddingProblem;
import org.initlab.io.data.CopyMemory;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.DataSource;
import org.initlab.io.data.Datasets;
import org.initlab.io.data.Split;
import org.initlab.nn.ConfusionMatrix;
import org.initlab.nn.Dataset;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.RegressionMetrics;
import org.initlab.nn.RocAuc;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.nn.Targets;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code initlab train}: trains one model with one initializer and prints its learning curve. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train one model and print loss and accuracy (regression: RMSE) per epoch.",
                "Example: initlab train --data circles --model 'mlp(2,[16,16],2,act=relu)' --init he_normal",
                "         initlab train --data 'adding(length=20)' --model 'lstm(2,32,1)'"})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    PretrainedOptions pretrained = new PretrainedOptions();

    @Option(names = "--data", defaultValue = "circles", description = {
            "Dataset spec: NAME or NAME(key=value,...). Synthetic (seeded by --seed): circles, moons, spirals, xor, blobs,",
            "  teacher-student (regression), adding (regression on [n,T,2] sequences), copy (a label per step);",
            "  real data: digits, iris, fashion-mnist-small (embedded, always there); fashion-mnist, mnist, mnist-test",
            "  (get them with 'initlab data fetch NAME'; looked up in --data-dir, the user data folder, then",
            "  /usr/share/datasets; see 'initlab data list'); idx:DIR, csv:FILE.",
            "  E.g. circles(n=2000,noise=0.1,factor=0.3), adding(length=50), copy(length=5,delay=10), iris(validation=0.3).",
            "  Every name with its parameters and defaults: see the README or org.initlab.io.data.Datasets.",
            "Default: ${DEFAULT-VALUE}."})
    String data;

    @Option(names = "--data-dir", description = "Folder holding data sets (fashion-mnist/, mnist/, ...), looked at"
            + " before the user data folder; it must exist.")
    Path dataDir;

    @Option(names = "--limit", description = "Train on the first N training examples and test on the first N/6"
            + " test examples (default: all).")
    Integer limit;

    @Option(names = "--model", defaultValue = "mlp(2,[16,16],2,act=relu)", description = "Model spec. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--init", defaultValue = "default",
            description = {"Initializer spec for every weight (biases zero), 'default' for the per-activation plan,",
                    "a model-dependent plan: gpt2, deepnorm, t_fixup, small_embedding ('initlab list'),",
                    "or mup(base_width=W): muP init and, for train, per-parameter learning rates."})
    String init;

    @Option(names = "--optimizer", defaultValue = "adam(lr=0.01)", description = "sgd(...), adam(...), adamw(...), rmsprop(...). Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--epochs", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialization, data and order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--schedule", defaultValue = "constant",
            description = "Learning-rate schedule: constant, cosine, warmup_cosine (5%% linear warm-up). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--clip-norm", description = "Clip gradients to this global L2 norm.")
    Double clipNorm;

    @Option(names = "--clip-value", description = "Clamp gradient components to this absolute value.")
    Double clipValue;

    @Option(names = "--probe", paramLabel = "N",
            description = "Probe every N steps: per-layer statistics, update ratios and verdicts while training.")
    Integer probeEvery;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        Sequential net = ModelOption.load(model);
        InitPlan plan = InitOption.plan(init, net, model, optimizer);
        var opt = OptimizerSpec.parse(optimizer);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        DataSource source = Datasets.parse(data);
        Split split = source.load(seed, limit == null ? Integer.MAX_VALUE : limit, DataFolder.standard(dataDir));
        Dataset train = split.train();
        Dataset test = split.test();
        boolean regression = !train.isClassification();
        requireFits(net, train);
        pretrained.initialize(net, plan, seed, spec.commandLine().getErr());
        if (probeEvery != null && probeEvery < 1) {
            throw new IllegalArgumentException("--probe must be >= 1 step, got " + probeEvery);
        }
        Probe probe = probeEvery == null ? null : new Probe(probeEvery);
        Progress progress = new Progress(spec.commandLine().getErr(), "train");
        List<Trainer.Epoch> history;
        try {
            history = new Trainer(net, opt, probe == null ? List.of() : List.of(probe)).fit(train, test, config(train.size()),
                    new Trainer.Listener() {
                        @Override
                        public void step(int epoch, int b, int batches) {
                            progress.update(b, batches, "epoch " + (epoch + 1) + "/" + epochs);
                        }

                        @Override
                        public void epoch(Trainer.Epoch e) {
                            progress.finish(regression
                                    ? String.format("epoch %d/%d  loss %.4f  test rmse %.4f", e.epoch(), epochs, e.loss(),
                                            e.testRootMeanSquaredError())
                                    : String.format("epoch %d/%d  loss %.4f  test accuracy %.3f", e.epoch(), epochs,
                                            e.loss(), e.testAccuracy()));
                        }
                    });
        } catch (DivergenceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Object> metrics = finalMetrics(net, test);
        double baseline = baselineLoss(source);
        Trainer.Epoch last = history.get(history.size() - 1);
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
            doc.put("optimizer", optimizer);
            doc.put("seed", seed);
            doc.put("train_size", train.size());
            doc.put("test_size", test.size());
            doc.put("epochs", rows);
            doc.put("test_loss", last.testLoss());
            if (regression) {
                doc.put("test_rmse", last.testRootMeanSquaredError());
            } else {
                doc.put("test_accuracy", last.testAccuracy());
            }
            if (!Double.isNaN(baseline)) {
                doc.put("baseline_loss", baseline);
            }
            doc.put("test_metrics", metrics);
            if (probe != null) {
                doc.put("probe", TrainingProbe.document(probe.snapshots()));
            }
            out.println(Json.write(doc));
            return 0;
        }
        Table t = regression ? new Table("epoch", "loss", "test_loss", "test_rmse")
                : new Table("epoch", "loss", "test_loss", "train_accuracy", "test_accuracy");
        for (Trainer.Epoch e : history) {
            if (regression) {
                t.row(e.epoch(), e.loss(), e.testLoss(), e.testRootMeanSquaredError());
            } else {
                t.row(e.epoch(), e.loss(), e.testLoss(), e.trainAccuracy(), e.testAccuracy());
            }
        }
        t.print(out);
        out.println();
        Table m = new Table("test_metric", "value");
        metrics.forEach((k, v) -> m.row(k, v));
        if (!Double.isNaN(baseline)) {
            m.row("baseline_loss", baseline);
        }
        m.print(out);
        if (probe != null) {
            out.println();
            TrainingProbe.print(probe.snapshots(), out);
        }
        return 0;
    }

    private static String task(Dataset d) {
        return switch (d.targets()) {
            case Targets.Classes c -> "classification";
            case Targets.StepClasses s -> "classification_per_step";
            case Targets.Values v -> "regression";
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

    /**
     * Test metrics by task: accuracy, macro/weighted precision, recall and F1 (ROC-AUC for two
     * classes) for classification, the same over steps plus the fraction of whole sequences right
     * for labels per step, MSE, RMSE, MAE and R² for regression.
     */
    private static Map<String, Object> finalMetrics(Sequential net, Dataset test) {
        Tensor logits = Trainer.logits(net, test);
        Map<String, Object> m = new LinkedHashMap<>();
        if (test.targets() instanceof Targets.Values v) {
            RegressionMetrics r = v.metrics(logits);
            m.put("mse", r.meanSquaredError());
            m.put("rmse", r.rootMeanSquaredError());
            m.put("mae", r.meanAbsoluteError());
            m.put("r_squared", r.rSquared());
            return m;
        }
        int[] labels = test.labels();
        if (test.targets() instanceof Targets.Classes c && c.isSingleLogit(logits)) {
            logits = twoLogits(logits);
        }
        ConfusionMatrix cm = ConfusionMatrix.fromLogits(new Tensor(logits.data(), labels.length, test.classes()), labels);
        m.put("accuracy", cm.accuracy());
        if (test.targets() instanceof Targets.StepClasses s) {
            m.put("sequence_accuracy", s.sequenceAccuracy(logits));
        }
        m.put("macro_precision", cm.precision(ConfusionMatrix.Average.MACRO));
        m.put("macro_recall", cm.recall(ConfusionMatrix.Average.MACRO));
        m.put("macro_f1", cm.f1(ConfusionMatrix.Average.MACRO));
        m.put("weighted_f1", cm.f1(ConfusionMatrix.Average.WEIGHTED));
        if (test.classes() == 2 && test.targets() instanceof Targets.Classes) {
            float[] z = logits.data();
            double[] score = new double[test.size()];
            for (int i = 0; i < score.length; i++) {
                score[i] = z[2 * i + 1] - z[2 * i];
            }
            m.put("roc_auc", RocAuc.of(score, labels));
        }
        return m;
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
            default -> throw new IllegalArgumentException("unknown schedule '" + schedule
                    + "'; valid: constant, cosine, warmup_cosine");
        };
        return new Trainer.Config(epochs, batch, seed, s, clipNorm == null ? Double.NaN : clipNorm,
                clipValue == null ? Double.NaN : clipValue);
    }

    /**
     * Runs one example through the model and compares the output with its target, so a model that
     * does not fit the data (input features, output shape, number of classes) is reported before
     * any training.
     */
    private void requireFits(Sequential net, Dataset train) {
        Dataset one = train.head(1);
        try {
            one.targets().loss(net.forward(one.features(), false));
        } catch (IllegalArgumentException e) {
            int[] shape = train.features().shape();
            shape[0] = 1;
            throw new IllegalArgumentException("model '" + model + "' does not fit " + data + "'s examples of shape "
                    + java.util.Arrays.toString(shape) + " (" + train.features().features() + " features): " + e.getMessage(), e);
        }
    }

    /** One logit z per example as the equivalent two logits [0, z] (softmax([0, z]) = [1 − σ(z), σ(z)]). */
    private static Tensor twoLogits(Tensor single) {
        float[] z = single.data();
        float[] two = new float[2 * z.length];
        for (int i = 0; i < z.length; i++) {
            two[2 * i + 1] = z[i];
        }
        return new Tensor(two, z.length, 2);
    }
}
