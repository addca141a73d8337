package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Zeros;
import org.initlab.io.StateDict;
import org.initlab.io.data.Split;
import org.initlab.io.pretrained.LoadOptions;
import org.initlab.io.pretrained.LoadReport;
import org.initlab.io.pretrained.Pretrained;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.core.gain.Activation;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * Transfer from a pretrained body (Yosinski, Clune, Bengio and Lipson 2014), and the scale its
 * features hand to a fresh head. A network pretrained on Fashion-MNIST's classes 0-4 (T-shirt,
 * trouser, pullover, dress, coat) has its body (every layer but the output layer) loaded into a
 * fresh network with a new head for classes 5-9 (sandal, shirt, sneaker, bag, ankle boot), which is
 * fine-tuned on a small budget of examples and compared with the same network trained from scratch
 * on the same examples.
 *
 * <p>Training grows the body's features: their root mean square on the new classes is larger than a
 * freshly initialized body's, so a head initialized for a fresh body's features (Glorot's variance
 * {@code 2/(fan_in + fan_out)}) starts with logits that are too large, a loss above {@code ln 5}, and
 * a body whose weights grew moves less per step at the same learning rate. The body's last layer is
 * a dense layer followed by a ReLU, which commutes with a positive factor, so multiplying its weights
 * and bias by {@code c} multiplies the features by exactly {@code c} and changes nothing else the body
 * computes. The measured claim: with {@code c} = RMS of the fresh body's features / RMS of the
 * pretrained body's (both on the fine-tuning examples at step 0), the pretrained body learns classes
 * 5-9 faster than scratch and at least as well.
 *
 * <p>Set-up: {@value #MODEL} (two convolutions and a dense layer of 64 form the body, layer
 * {@code 9} is the head); data: the first {@code pretrain} Fashion-MNIST training images and the
 * first {@code pretrain/6} test images, each split by class into 0-4 and 5-9 (labels 5-9 become
 * 0-4); when the files are not found {@value #FALLBACK} with as many examples instead (ten Gaussian
 * clusters shaped as 28×28 images: the two halves then share no class structure, only the input's
 * distribution, so what transfers is only that; the set-up says which data was used). Pretraining:
 * He init, {@value #PRETRAIN_EPOCHS} epochs over the examples of classes 0-4, SGD lr 0.01 momentum
 * 0.9, batch 64. Fine-tuning, every run on the first
 * {@code budget} training examples of classes 5-9 for {@code epochs} epochs, SGD lr 0.01 momentum
 * 0.9, batch 32, every parameter trained, tested on all test examples of classes 5-9:
 * <ul>
 *   <li>scratch: He init everywhere, with the seed of the pretraining (so it starts from the very
 *       weights the pretrained body started from);</li>
 *   <li>pretrained, Glorot head: the body loaded with {@link Pretrained#initialize} (the io module's
 *       fine-tuning entry point), the head {@code U(±√(6/(fan_in+fan_out)))}, bias 0;</li>
 *   <li>pretrained, zero head (as Big Transfer, Kolesnikov et al. 2020): head weights and bias 0, so
 *       the logits are 0 and the loss {@code ln 5} at step 0;</li>
 *   <li>pretrained rescaled, Glorot head: the Glorot-head network with its last body layer multiplied
 *       by {@code c} as above.</li>
 * </ul>
 * At step 0 the probe measures the body's features (the head's input) and the logits on the first
 * 256 fine-tuning examples; test loss and accuracy are measured before fine-tuning (epoch 0) and
 * after each epoch.
 *
 * <p>Criteria, comparing the rescaled run with scratch: its test accuracy averaged over the
 * fine-tuning epochs (the area under the learning curve: the head start) is higher by at least
 * {@value #HEAD_START}, and its final test accuracy is no more than {@value #FINAL_MARGIN} below
 * scratch's. The Glorot-head and zero-head runs are reported beside them, not judged.
 *
 * @param pretrain training images loaded (about half are of classes 0-4 and pretrain the body)
 * @param budget fine-tuning examples of classes 5-9
 * @param epochs fine-tuning epochs
 * @param seed seed of the weights, data order and stand-in data
 * @param data the dataset spec, {@value #FASHION} by default; {@value #FALLBACK} is used instead when
 *     its files are not found
 */
public record PretrainedBody(int pretrain, int budget, int epochs, long seed, String data) implements LegacyExperiment {
    /** The network: five outputs for either half of the classes. */
    public static final String MODEL = "cnn(1,28,28,5)";
    /** Classes per half. */
    public static final int CLASSES = 5;
    /** Pretraining epochs. */
    public static final int PRETRAIN_EPOCHS = 3;
    /** Images loaded at the default size. */
    public static final int DEFAULT_PRETRAIN = 12_000;
    /** Fine-tuning examples at the default size. */
    public static final int DEFAULT_BUDGET = 250;
    /** Fine-tuning epochs at the default size. */
    public static final int DEFAULT_EPOCHS = 20;
    /** The default dataset. */
    public static final String FASHION = "fashion-mnist";
    /** The dataset used when the default's files are missing. */
    public static final String FALLBACK = "blobs(centers=10,features=784,std=0.4,box=0.5)";
    /** How much higher the pretrained run's mean test accuracy over the epochs must be. */
    public static final double HEAD_START = 0.01;
    /** How far the pretrained run's final test accuracy may fall below scratch's. */
    public static final double FINAL_MARGIN = 0.01;
    private static final String SCRATCH = "scratch (He)";
    private static final String GLOROT_HEAD = "pretrained + Glorot head";
    private static final String ZERO_HEAD = "pretrained + zero head";
    private static final String RESCALED = "pretrained rescaled + Glorot head";
    private static final List<String> RUNS = List.of(SCRATCH, GLOROT_HEAD, ZERO_HEAD, RESCALED);

    /** On Fashion-MNIST (or the fallback). */
    public PretrainedBody(int pretrain, int budget, int epochs, long seed) {
        this(pretrain, budget, epochs, seed, FASHION);
    }

    public PretrainedBody {
        if (pretrain < 120 || budget < 10 || epochs < 1) {
            throw new IllegalArgumentException("pretrain must be >= 120, budget >= 10 and epochs >= 1, got " + pretrain
                    + ", " + budget + " and " + epochs);
        }
    }

    @Override
    public String name() {
        return "pretrained";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", MODEL);
        m.put("data", data + " (first " + pretrain + " training images: classes 0-4 pretrain, the first " + budget
                + " of classes 5-9 fine-tune), " + FALLBACK + " if its files are missing");
        m.put("pretraining", "he_normal, sgd(lr=0.01, momentum=0.9), batch 64, " + PRETRAIN_EPOCHS + " epochs");
        m.put("fine_tuning", "sgd(lr=0.01, momentum=0.9), batch 32, all parameters");
        m.put("budget", budget);
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("runs", RUNS);
        return m;
    }

    @Override
    public int work() {
        return 1 + RUNS.size();
    }

    /**
     * One fine-tuning run.
     *
     * @param featureRms root mean square of the head's input (the body's features) at step 0
     * @param logitStd std of the logits at step 0
     * @param start test loss and accuracy before fine-tuning
     */
    private record Run(String label, double featureRms, double logitStd, Trainer.Evaluation start,
            List<Trainer.Epoch> history) {
        double finalAccuracy() {
            return history.get(history.size() - 1).testAccuracy();
        }

        double meanAccuracy() {
            return history.stream().mapToDouble(Trainer.Epoch::testAccuracy).average().orElseThrow();
        }
    }

    @Override
    public Outcome run(IntConsumer progress) {
        ExperimentData loaded = ExperimentData.load(data, FALLBACK, seed, pretrain, pretrain, Math.max(20, pretrain / 6));
        Split images = loaded.shaped(1, 28, 28);
        Dataset preTrain = classes(images.train(), 0, Integer.MAX_VALUE);
        Dataset preTest = classes(images.test(), 0, Integer.MAX_VALUE);
        Dataset fineTrain = classes(images.train(), CLASSES, budget);
        Dataset fineTest = classes(images.test(), CLASSES, Integer.MAX_VALUE);
        if (preTrain.size() == 0 || fineTrain.size() == 0 || fineTest.size() == 0) {
            throw new IllegalArgumentException("pretrain=" + pretrain + " leaves a part empty: " + preTrain.size()
                    + " pretraining, " + fineTrain.size() + " fine-tuning and " + fineTest.size() + " test examples");
        }
        Sequential source = ModelSpec.parse(MODEL);
        InitPlan.allWeights(new HeNormal()).apply(source, seed);
        List<Trainer.Epoch> pre = new Trainer(source, sgd(), List.of()).fit(preTrain, preTest,
                new Trainer.Config(PRETRAIN_EPOCHS, 64, seed), new Trainer.Listener() { });
        progress.accept(1);
        StateDict body = body(source);
        Dataset probeBatch = fineTrain.head(256);
        List<Run> runs = new ArrayList<>();
        double factor = Double.NaN;
        for (String label : RUNS) {
            Sequential net = ModelSpec.parse(MODEL);
            if (label.equals(SCRATCH)) {
                InitPlan.allWeights(new HeNormal()).apply(net, seed);
            } else {
                Initializer head = label.equals(ZERO_HEAD) ? new Zeros() : new GlorotUniform();
                LoadReport report = Pretrained.initialize(net, InitPlan.allWeights(head), seed, body,
                        LoadOptions.defaults().withStrict(false));
                if (report.loadedPaths().size() != body.arrays().size()) {
                    throw new IllegalStateException("the body did not load whole: " + report.summary());
                }
                if (label.equals(RESCALED)) {
                    factor = runs.get(0).featureRms() / features(Probe.atInitialization(net, probeBatch)).output().rms();
                    scaleLastBodyLayer(net, factor);
                }
            }
            Snapshot s = Probe.atInitialization(net, probeBatch);
            Trainer.Evaluation start = Trainer.evaluate(net, fineTest);
            List<Trainer.Epoch> h = new Trainer(net, sgd(), List.of()).fit(fineTrain, fineTest,
                    new Trainer.Config(epochs, 32, seed), new Trainer.Listener() { });
            runs.add(new Run(label, features(s).output().rms(), s.layers().get(s.layers().size() - 1).output().std(), start, h));
            progress.accept(1 + runs.size());
        }
        String setup = MODEL + " on " + loaded.source() + ": pretrained on " + preTrain.size() + " examples of classes 0-4 ("
                + PRETRAIN_EPOCHS + " epochs, He, SGD lr 0.01 momentum 0.9, batch 64; test accuracy on their "
                + preTest.size() + " test examples " + String.format(Locale.ROOT, "%.3f", pre.get(pre.size() - 1).testAccuracy())
                + "), fine-tuned on " + fineTrain.size() + " examples of classes 5-9 for " + epochs + " epochs (SGD lr 0.01"
                + " momentum 0.9, batch 32, all parameters), tested on " + fineTest.size() + " test examples of classes 5-9;"
                + " seed " + seed + ".";
        return judge(runs, factor, pre, setup);
    }

    /** The body's features: the output of the layer before the head. */
    private static LayerStats features(Snapshot s) {
        return s.layers().get(s.layers().size() - 2);
    }

    /**
     * Multiplies the weights and bias of the last layer with parameters before the head by
     * {@code factor > 0}; the ReLU after it makes this multiply the features by exactly {@code factor}.
     */
    static void scaleLastBodyLayer(Sequential net, double factor) {
        List<Layer> layers = net.layers();
        int k = layers.size() - 2;
        while (layers.get(k).parameters().isEmpty()) {
            k--;
        }
        if (!(layers.get(k + 1) instanceof ActivationLayer a) || a.activation() != Activation.RELU || !(factor > 0)) {
            throw new IllegalArgumentException("rescaling needs a ReLU after the last body layer and a factor > 0, got "
                    + layers.get(k + 1).kind() + " and " + factor);
        }
        for (Parameter p : layers.get(k).parameters()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] * factor);
            }
        }
    }

    private static Sgd sgd() {
        return new Sgd(0.01, 0.9, false, 0);
    }

    /**
     * The examples of {@code d} whose label is in {@code [from, from + CLASSES)}, at most {@code max}
     * of them in their order, relabelled {@code label - from} (copied).
     */
    static Dataset classes(Dataset d, int from, int max) {
        int[] labels = d.labels();
        int[] rows = new int[labels.length];
        int k = 0;
        for (int i = 0; i < labels.length && k < max; i++) {
            if (labels[i] >= from && labels[i] < from + CLASSES) {
                rows[k++] = i;
            }
        }
        Dataset picked = d.rows(rows, 0, k);
        int[] relabelled = picked.labels().clone();
        for (int i = 0; i < k; i++) {
            relabelled[i] -= from;
        }
        return new Dataset(d.name() + "/classes " + from + "-" + (from + CLASSES - 1), picked.features(), relabelled, CLASSES);
    }

    /** The parameters of every layer of {@code model} but the last, by path, as a state dict (copied). */
    static StateDict body(Sequential model) {
        List<Layer> layers = model.layers();
        return StateDict.of(layers.subList(0, layers.size() - 1).stream().flatMap(l -> l.parameters().stream()).toList());
    }

    private Outcome judge(List<Run> runs, double factor, List<Trainer.Epoch> pre, String setup) {
        Run scratch = runs.get(0);
        Run glorot = runs.get(1);
        Run zero = runs.get(2);
        Run rescaled = runs.get(3);
        boolean headStart = rescaled.meanAccuracy() >= scratch.meanAccuracy() + HEAD_START;
        boolean notWorse = rescaled.finalAccuracy() >= scratch.finalAccuracy() - FINAL_MARGIN;
        boolean supported = headStart && notWorse;
        String conclusion = String.format(Locale.ROOT, "At step 0 the body's features had RMS %.3g fresh and %.3g"
                        + " pretrained (factor c = %.3g), the logits std %.3g from scratch, %.3g with the Glorot head and"
                        + " %.3g rescaled, the test loss %.3f, %.3f, %.3f (zero head) and %.3f (ln 5 = %.3f). Over %d"
                        + " fine-tuning epochs the test accuracy averaged %.3f from scratch, %.3f with the Glorot head, %.3f"
                        + " with the zero head and %.3f rescaled; after the first epoch it was %.3f, %.3f, %.3f and %.3f;"
                        + " after the last %.3f, %.3f, %.3f and %.3f.",
                scratch.featureRms(), glorot.featureRms(), factor, scratch.logitStd(), glorot.logitStd(),
                rescaled.logitStd(), scratch.start().loss(), glorot.start().loss(), zero.start().loss(),
                rescaled.start().loss(), Math.log(CLASSES), epochs, scratch.meanAccuracy(), glorot.meanAccuracy(),
                zero.meanAccuracy(), rescaled.meanAccuracy(), first(scratch), first(glorot), first(zero), first(rescaled),
                scratch.finalAccuracy(), glorot.finalAccuracy(), zero.finalAccuracy(), rescaled.finalAccuracy());
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "fine-tuned from the pretrained body, its features brought to a fresh body's scale, classes 5-9 are"
                        + " learnt faster and at least as well as from scratch"
                : "criteria failed:" + (headStart ? "" : String.format(Locale.ROOT, " the rescaled body's mean test"
                        + " accuracy over the epochs was not %.2f above scratch's;", HEAD_START))
                        + (notWorse ? "" : String.format(Locale.ROOT, " its final test accuracy fell more than %.2f below"
                                + " scratch's", FINAL_MARGIN)));
        List<String> header = List.of("run", "feature RMS, step 0", "logit std, step 0", "test loss, step 0",
                "test accuracy, epoch 1", "mean test accuracy", "final test loss", "final test accuracy");
        List<List<String>> rows = new ArrayList<>();
        List<Svg.Series> accuracy = new ArrayList<>();
        List<Svg.Series> testLoss = new ArrayList<>();
        List<Svg.Series> trainLoss = new ArrayList<>();
        StringBuilder csv = new StringBuilder("run,quantity,epoch,value\n");
        for (int e = 0; e < pre.size(); e++) {
            csv.append("pretraining,train_loss,").append(e + 1).append(',').append(pre.get(e).loss()).append('\n');
            csv.append("pretraining,test_accuracy,").append(e + 1).append(',').append(pre.get(e).testAccuracy()).append('\n');
        }
        for (Run r : runs) {
            Trainer.Epoch last = r.history().get(r.history().size() - 1);
            rows.add(List.of(r.label(), g3(r.featureRms()), g3(r.logitStd()), f3(r.start().loss()), f3(first(r)),
                    f3(r.meanAccuracy()), f3(last.testLoss()),
                    f3(last.testAccuracy())));
            int n = r.history().size() + 1;
            double[] xs = new double[n];
            double[] acc = new double[n];
            double[] loss = new double[n];
            acc[0] = r.start().accuracy();
            loss[0] = r.start().loss();
            csv.append(r.label()).append(",feature_rms_step_0,0,").append(r.featureRms()).append('\n');
            csv.append(r.label()).append(",logit_std_step_0,0,").append(r.logitStd()).append('\n');
            csv.append(r.label()).append(",test_loss,0,").append(loss[0]).append('\n');
            csv.append(r.label()).append(",test_accuracy,0,").append(acc[0]).append('\n');
            double[] epochs = new double[n - 1];
            double[] train = new double[n - 1];
            for (int e = 1; e < n; e++) {
                Trainer.Epoch h = r.history().get(e - 1);
                xs[e] = e;
                acc[e] = h.testAccuracy();
                loss[e] = h.testLoss();
                epochs[e - 1] = e;
                train[e - 1] = h.loss();
                csv.append(r.label()).append(",train_loss,").append(e).append(',').append(h.loss()).append('\n');
                csv.append(r.label()).append(",test_loss,").append(e).append(',').append(h.testLoss()).append('\n');
                csv.append(r.label()).append(",test_accuracy,").append(e).append(',').append(h.testAccuracy()).append('\n');
            }
            accuracy.add(new Svg.Series(r.label(), xs, acc));
            testLoss.add(new Svg.Series(r.label(), xs, loss));
            trainLoss.add(new Svg.Series(r.label(), epochs, train));
        }
        List<String> charts = List.of(
                Svg.lineChart("test accuracy on classes 5-9 (epoch 0: before fine-tuning)", "epoch", "accuracy", accuracy,
                        false),
                Svg.lineChart("test loss on classes 5-9", "epoch", "cross-entropy", testLoss, false),
                Svg.lineChart("training loss per epoch", "epoch", "cross-entropy", trainLoss, false));
        HtmlReport.Section section = new HtmlReport.Section("pretrained: fine-tuning a pretrained body versus scratch",
                "A body pretrained on Fashion-MNIST's classes 0-4 and fine-tuned with a new head on a few hundred"
                        + " examples of classes 5-9 learns them faster, and at least as well, as the same network from"
                        + " scratch (Yosinski et al. 2014), once its features, grown by pretraining, are brought back to the"
                        + " scale the fresh head was initialized for (exact for a ReLU body: one positive factor on its"
                        + " last layer).",
                setup, verdict, header, rows, charts, conclusion);
        return new Outcome(supported, verdict, conclusion, header, rows, section, csv.toString());
    }

    private static double first(Run r) {
        return r.history().get(0).testAccuracy();
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String g3(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
