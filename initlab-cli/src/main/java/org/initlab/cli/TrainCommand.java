package org.initlab.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.nn.ConfusionMatrix;
import org.initlab.nn.Dataset;
import org.initlab.nn.DivergenceException;
import org.initlab.io.data.Idx;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.RocAuc;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.io.data.Synthetic;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code initlab train}: trains one model with one initializer and prints its learning curve. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train one model and print loss and accuracy per epoch.",
                "Example: initlab train --data circles --model 'mlp(2,[16,16],2,act=relu)' --init he_normal"})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    PretrainedOptions pretrained = new PretrainedOptions();

    @Option(names = "--data", defaultValue = "circles", description = {
            "circles, moons, spirals, xor (synthetic: 1000 training, 500 test points),",
            "fashion-mnist (60000 training, 10000 test images [1,28,28]; found in $INITLAB_DATA/fashion-mnist,",
            "  else ../shared/data/fashion-mnist relative to the current directory or the repository),",
            "or idx:DIR (a folder with train-/t10k-images-idx3-ubyte.gz and train-/t10k-labels-idx1-ubyte.gz, 10 classes).",
            "Default: ${DEFAULT-VALUE}."})
    String data;

    @Option(names = "--limit", description = "Image datasets: train on the first N training images and test on the"
            + " first N/6 test images (default: all).")
    Integer limit;

    @Option(names = "--model", defaultValue = "mlp(2,[16,16],2,act=relu)", description = "Model spec. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--init", defaultValue = "default",
            description = "Initializer spec for every weight (biases zero), or 'default' for the per-activation plan.")
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
            description = "Learning-rate schedule: constant, cosine, warmup_cosine (5% linear warm-up). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--clip-norm", description = "Clip gradients to this global L2 norm.")
    Double clipNorm;

    @Option(names = "--clip-value", description = "Clamp gradient components to this absolute value.")
    Double clipValue;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        Sequential net = ModelSpec.parse(model);
        InitPlan plan = InitOption.plan(init);
        var opt = OptimizerSpec.parse(optimizer);
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        Dataset train;
        Dataset test;
        if (SYNTHETIC.contains(data)) {
            train = dataset(data, 1000, seed);
            test = dataset(data, 500, seed + 1);
        } else {
            Path dir = imageFolder(data, System.getenv("INITLAB_DATA"), Path.of("").toAbsolutePath());
            int trainLimit = limit == null ? Integer.MAX_VALUE : limit;
            int testLimit = limit == null ? Integer.MAX_VALUE : Math.max(1, limit / 6);
            train = Idx.read(data + "/train", dir.resolve(IDX_FILES.get(0)), dir.resolve(IDX_FILES.get(1)),
                    Idx.FASHION_MNIST_CLASSES, trainLimit);
            test = Idx.read(data + "/test", dir.resolve(IDX_FILES.get(2)), dir.resolve(IDX_FILES.get(3)),
                    Idx.FASHION_MNIST_CLASSES, testLimit);
        }
        requireFits(net, train);
        pretrained.initialize(net, plan, seed, spec.commandLine().getErr());
        Progress progress = new Progress(spec.commandLine().getErr(), "train");
        List<Trainer.Epoch> history;
        try {
            history = new Trainer(net, opt, List.of()).fit(train, test, config(train.size()),
                    new Trainer.Listener() {
                        @Override
                        public void step(int epoch, int b, int batches) {
                            progress.update(b, batches, "epoch " + (epoch + 1) + "/" + epochs);
                        }

                        @Override
                        public void epoch(Trainer.Epoch e) {
                            progress.finish(String.format("epoch %d/%d  loss %.4f  test accuracy %.3f", e.epoch(), epochs,
                                    e.loss(), e.testAccuracy()));
                        }
                    });
        } catch (DivergenceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Object> metrics = finalMetrics(net, test);
        var out = spec.commandLine().getOut();
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Trainer.Epoch e : history) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", e.epoch());
                row.put("loss", e.loss());
                row.put("train_accuracy", e.trainAccuracy());
                row.put("test_accuracy", e.testAccuracy());
                row.put("seconds", e.seconds());
                rows.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("data", data);
            doc.put("model", model);
            doc.put("init", init);
            doc.put("optimizer", optimizer);
            doc.put("seed", seed);
            doc.put("train_size", train.size());
            doc.put("test_size", test.size());
            doc.put("epochs", rows);
            doc.put("test_accuracy", history.get(history.size() - 1).testAccuracy());
            doc.put("test_metrics", metrics);
            out.println(Json.write(doc));
            return 0;
        }
        Table t = new Table("epoch", "loss", "train_accuracy", "test_accuracy");
        for (Trainer.Epoch e : history) {
            t.row(e.epoch(), e.loss(), e.trainAccuracy(), e.testAccuracy());
        }
        t.print(out);
        out.println();
        Table m = new Table("test_metric", "value");
        metrics.forEach((k, v) -> m.row(k, v));
        m.print(out);
        return 0;
    }

    /** Accuracy, macro/weighted precision, recall and F1 on the test set; ROC-AUC for two classes. */
    private static Map<String, Object> finalMetrics(Sequential net, Dataset test) {
        Tensor logits = Trainer.logits(net, test);
        ConfusionMatrix cm = ConfusionMatrix.fromLogits(logits, test.labels());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", cm.accuracy());
        m.put("macro_precision", cm.precision(ConfusionMatrix.Average.MACRO));
        m.put("macro_recall", cm.recall(ConfusionMatrix.Average.MACRO));
        m.put("macro_f1", cm.f1(ConfusionMatrix.Average.MACRO));
        m.put("weighted_f1", cm.f1(ConfusionMatrix.Average.WEIGHTED));
        if (test.classes() == 2) {
            float[] z = logits.data();
            double[] score = new double[test.size()];
            for (int i = 0; i < score.length; i++) {
                score[i] = z[2 * i + 1] - z[2 * i];
            }
            m.put("roc_auc", RocAuc.of(score, test.labels()));
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

    private static final List<String> SYNTHETIC = List.of("circles", "moons", "spirals", "xor");
    private static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /** Runs one example through the model so a shape mismatch is reported before any training. */
    private void requireFits(Sequential net, Dataset train) {
        try {
            net.forward(train.rows(new int[] {0}, 0, 1).features(), false);
        } catch (IllegalArgumentException e) {
            int[] shape = train.features().shape();
            shape[0] = 1;
            throw new IllegalArgumentException("model '" + model + "' does not fit " + data + "'s examples of shape "
                    + java.util.Arrays.toString(shape) + " (" + train.features().features() + " features): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The folder of an image dataset: for {@code idx:DIR} that folder; for {@code fashion-mnist}
     * the first of {@code $INITLAB_DATA/fashion-mnist}, {@code CWD/../shared/data/fashion-mnist},
     * {@code REPO/../shared/data/fashion-mnist} (REPO: the nearest folder holding {@code .git} above
     * the current directory, then above this program's classes) that holds the four IDX files.
     * The error names every place looked at.
     */
    static Path imageFolder(String name, String dataEnv, Path cwd) {
        return imageFolder(name, dataEnv, cwd, classesLocation());
    }

    /** As {@link #imageFolder(String, String, Path)} with the location of the program's classes given. */
    static Path imageFolder(String name, String dataEnv, Path cwd, Path classes) {
        if (name.startsWith("idx:")) {
            Path dir = Path.of(name.substring(4));
            List<String> missing = IDX_FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("--data " + name + ": " + dir.toAbsolutePath() + " lacks " + missing
                        + "; an idx folder needs " + IDX_FILES);
            }
            return dir;
        }
        if (!name.equals("fashion-mnist")) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; valid here: circles, moons, spirals, xor,"
                    + " fashion-mnist, idx:DIR");
        }
        List<Path> candidates = new ArrayList<>();
        if (dataEnv != null && !dataEnv.isBlank()) {
            candidates.add(Path.of(dataEnv).resolve("fashion-mnist"));
        }
        candidates.add(cwd.resolve("../shared/data/fashion-mnist").normalize());
        for (Path start : new Path[] {cwd, classes}) {
            Path repo = repositoryAbove(start);
            if (repo != null) {
                candidates.add(repo.resolve("../shared/data/fashion-mnist").normalize());
            }
        }
        List<String> looked = new ArrayList<>();
        for (Path dir : candidates.stream().distinct().toList()) {
            if (IDX_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
                return dir;
            }
            looked.add(dir.toString());
        }
        throw new IllegalArgumentException("fashion-mnist not found: no folder holding " + IDX_FILES + " at "
                + String.join(", ", looked) + (dataEnv == null || dataEnv.isBlank() ? " (INITLAB_DATA is not set)" : "")
                + "; set INITLAB_DATA to the folder containing fashion-mnist/ or use --data idx:DIR");
    }

    private static Path repositoryAbove(Path start) {
        for (Path p = start == null ? null : start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return null;
    }

    private static Path classesLocation() {
        try {
            var source = TrainCommand.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    static Dataset dataset(String name, int n, long seed) {
        return switch (name) {
            case "circles" -> Synthetic.circles(n, 0.05, 0.5, seed);
            case "moons" -> Synthetic.moons(n, 0.1, seed);
            case "spirals" -> Synthetic.spirals(n, 3, 0.2, seed);
            case "xor" -> Synthetic.xor(n, seed);
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'; valid here: circles, moons, spirals, xor,"
                    + " fashion-mnist, idx:DIR");
        };
    }
}
