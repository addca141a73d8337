package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Registry;
import org.initlab.io.data.Split;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * He, Zhang, Ren and Sun (2015), Sec. 2.2, on a small convolutional network: a ReLU layer whose
 * weights have variance {@code σ²} keeps the second moment of its input times
 * {@code fan_in · σ² / 2} (the pre-activation {@code y = W x} is symmetric, so the ReLU keeps half
 * of {@code E[y²] = fan_in σ² E[x²]}). He's {@code σ² = 2/fan_in} keeps it (root-mean-square gain
 * 1), LeCun's {@code 1/fan_in} gives {@code 1/√2}, Glorot's {@code 2/(fan_in + fan_out)} gives
 * {@code √(fan_in/(fan_in + fan_out))} ({@code √(1/3)} for the second convolution,
 * {@code 8·9 → 16·9}), and PyTorch's default {@code U(±1/√fan_in)} (variance {@code 1/(3 fan_in)})
 * gives {@code √(1/6)}, the smallest.
 *
 * <p>Set-up: {@value #MODEL} (two 3×3 convolutions with ReLU and 2×2 max-pooling, a dense ReLU
 * layer of 64 and the logits) on the first {@code train} Fashion-MNIST training images (test on the
 * first {@code train/6} test images); when the files are not found, on {@value #FALLBACK} (ten
 * Gaussian clusters in 784 dimensions shaped as 28×28 images, of about Fashion-MNIST's pixel
 * scale) with {@code train} training and {@code train/6} test examples, and the set-up says so.
 * Every weight gets the initializer compared, biases zero (PyTorch's default also draws biases;
 * here only the weights differ). The probe measures every layer on the first 256 training images at
 * initialization; then SGD with momentum 0.9, learning rate 0.01, batches of 64, for
 * {@code epochs} epochs.
 *
 * <p>Measured per block (a weight layer and the ReLU after it): the gain, the root mean square of
 * the ReLU's output over that of the block's input, next to the prediction
 * {@code √(fan_in σ²/2)} computed from the initializer's exact standard deviation.
 *
 * <p>Criteria, on the second convolution block (the one fed by a rectified, pooled layer): He's
 * gain is within a factor 4/3 of 1; the gains of LeCun, Glorot and PyTorch's default, each divided
 * by He's of the same seed (the draws share their random streams, so the ratio cancels most of the
 * fluctuation of 16 filters), are within 15% of their predicted fraction, which puts them below He's
 * and PyTorch's default lowest. After training, every initializer reaches a test accuracy of at
 * least 0.5 (five times chance) and He's is at least the best of the others minus 0.02. The first
 * block's gain is shown but not judged: with 8 filters on smooth images each filter passes nearly
 * all or nearly none of its outputs, so that gain fluctuates with the draw.
 *
 * @param train training examples
 * @param epochs passes over them
 * @param seed seed of the weights and the data order
 * @param data the dataset spec, {@value #FASHION} by default; {@value #FALLBACK} is used instead when
 *     its files are not found
 */
public record CnnInit(int train, int epochs, long seed, String data) implements LegacyExperiment {
    /** The network. */
    public static final String MODEL = "cnn(1,28,28,10)";
    /** Training examples at the default size. */
    public static final int DEFAULT_TRAIN = 5000;
    /** Epochs at the default size. */
    public static final int DEFAULT_EPOCHS = 3;
    /** The default dataset. */
    public static final String FASHION = "fashion-mnist";
    /** The dataset used when the default's files are missing. */
    public static final String FALLBACK = "blobs(centers=10,features=784,std=0.4,box=0.5)";
    /** The initializers compared, in report order: label to registry spec. */
    public static final Map<String, String> INITS = ordered("He", "he_normal", "LeCun", "lecun_normal", "Glorot",
            "glorot_uniform", "PyTorch default", "torch_default");
    /** He's gain on the judged block must lie in [1/this, this]. */
    public static final double HE_TOLERANCE = 4.0 / 3.0;
    /** Relative tolerance of the other gains, as fractions of He's, around their predictions. */
    public static final double RATIO_TOLERANCE = 0.15;
    /** Test accuracy every initializer must reach (chance is 0.1). */
    public static final double TRAINS = 0.5;
    /** How far He's test accuracy may fall below the best of the others. */
    public static final double MARGIN = 0.02;
    private static final int JUDGED_BLOCK = 1;

    /** On Fashion-MNIST (or the fallback). */
    public CnnInit(int train, int epochs, long seed) {
        this(train, epochs, seed, FASHION);
    }

    public CnnInit {
        if (train < 64 || epochs < 1) {
            throw new IllegalArgumentException("train must be >= 64 and epochs >= 1, got " + train + " and " + epochs);
        }
    }

    private static Map<String, String> ordered(String... labelSpec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labelSpec.length; i += 2) {
            m.put(labelSpec[i], labelSpec[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", MODEL);
        m.put("data", data + " (first " + train + " training examples), " + FALLBACK + " if its files are missing");
        m.put("optimizer", "sgd(lr=0.01, momentum=0.9), batch 64");
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("initializers", INITS);
        return m;
    }

    @Override
    public int work() {
        return INITS.size();
    }

    /**
     * One block: a weight layer and its ReLU.
     *
     * @param layer index of the weight layer in the model
     * @param gain measured RMS(ReLU output) / RMS(block input)
     * @param predicted {@code √(fan_in σ² / 2)}
     */
    record Block(int layer, String kind, double gain, double predicted) {
    }

    private record Run(String label, List<LayerStats> layers, List<Block> blocks, List<Trainer.Epoch> history) {
        Block judged() {
            return blocks.get(JUDGED_BLOCK);
        }

        /** Std of the second ReLU's output over the first's (both convolution blocks). */
        double convStdRatio() {
            return layers.get(blocks.get(1).layer() + 1).output().std() / layers.get(blocks.get(0).layer() + 1).output().std();
        }

        double logitStd() {
            return layers.get(layers.size() - 1).output().std();
        }

        double testAccuracy() {
            return history.get(history.size() - 1).testAccuracy();
        }
    }

    @Override
    public Outcome run(IntConsumer progress) {
        ExperimentData loaded = ExperimentData.load(data, FALLBACK, seed, train, train, Math.max(1, train / 6));
        Split images = loaded.shaped(1, 28, 28);
        Dataset probeBatch = images.train().head(Math.min(256, images.train().size()));
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, String> init : INITS.entrySet()) {
            Sequential net = ModelSpec.parse(MODEL);
            Initializer weights = Registry.parse(init.getValue());
            InitPlan.allWeights(weights).apply(net, seed);
            Snapshot s = Probe.atInitialization(net, probeBatch);
            List<Block> blocks = blocks(net, s, weights);
            List<Trainer.Epoch> h = new Trainer(net, new Sgd(0.01, 0.9, false, 0), List.of()).fit(images.train(),
                    images.test(), new Trainer.Config(epochs, 64, seed), new Trainer.Listener() { });
            runs.add(new Run(init.getKey(), s.layers(), blocks, h));
            progress.accept(runs.size());
        }
        return judge(runs, loaded.source(), images.train().size(), images.test().size());
    }

    /** The blocks of {@code net}: each layer with weights that an activation follows. */
    private List<Block> blocks(Sequential net, Snapshot s, Initializer weights) {
        List<Layer> layers = net.layers();
        List<Block> out = new ArrayList<>();
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (layers.get(i).parameters().isEmpty() || !s.layers().get(i + 1).kind().equals("activation")) {
                continue;
            }
            Parameter w = layers.get(i).parameters().get(0);
            double inputRms = i == 0 ? s.inputRms() : s.layers().get(i - 1).output().rms();
            double std = weights.expectation(w.target(seed)).std();
            double predicted = Math.sqrt(w.target(seed).fans().fanIn() * std * std / 2);
            out.add(new Block(i, s.layers().get(i).kind(), s.layers().get(i + 1).output().rms() / inputRms, predicted));
        }
        return out;
    }

    private Outcome judge(List<Run> runs, String source, int nTrain, int nTest) {
        Run he = runs.get(0);
        double heGain = he.judged().gain();
        boolean heKeeps = heGain >= 1 / HE_TOLERANCE && heGain <= HE_TOLERANCE;
        boolean othersShrink = true;
        StringBuilder fractions = new StringBuilder();
        for (Run r : runs.subList(1, runs.size())) {
            double fraction = r.judged().gain() / heGain;
            double predicted = r.judged().predicted() / he.judged().predicted();
            othersShrink &= Math.abs(fraction / predicted - 1) <= RATIO_TOLERANCE;
            fractions.append(String.format(Locale.ROOT, "%s %.3f (predicted %.3f), ", r.label(), fraction, predicted));
        }
        double lowest = runs.stream().mapToDouble(Run::testAccuracy).min().orElseThrow();
        double bestOther = runs.subList(1, runs.size()).stream().mapToDouble(Run::testAccuracy).max().orElseThrow();
        boolean allTrain = lowest >= TRAINS;
        boolean heGood = he.testAccuracy() >= bestOther - MARGIN;
        boolean supported = heKeeps && othersShrink && allTrain && heGood;
        StringBuilder accuracies = new StringBuilder();
        for (Run r : runs) {
            accuracies.append(accuracies.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", r.label(),
                    r.testAccuracy()));
        }
        String conclusion = String.format(Locale.ROOT, "At initialization the second convolution block's RMS gain was"
                        + " %.3f under He; as fractions of He's: %sso the std of the second ReLU over the first was %.3f"
                        + " (He) down to %.3f (PyTorch default). After %d epoch(s) the test accuracy was %s.", heGain,
                fractions, he.convStdRatio(), runs.get(runs.size() - 1).convStdRatio(), epochs, accuracies);
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "He keeps the scale from one ReLU convolution to the next, LeCun, Glorot and PyTorch's default"
                        + " shrink it as their variances predict (PyTorch's most); all four train and He is at least as good"
                : "criteria failed:" + (heKeeps ? "" : " He's gain was not within a factor 4/3 of 1;")
                        + (othersShrink ? "" : " some gain, as a fraction of He's, was not within 15% of its prediction;")
                        + (allTrain ? "" : " some initializer stayed below 0.5 test accuracy;")
                        + (heGood ? "" : " He's test accuracy fell more than 0.02 below the best of the others"));
        return report(runs, source, nTrain, nTest, verdict, conclusion, supported);
    }

    private Outcome report(List<Run> runs, String source, int nTrain, int nTest, String verdict, String conclusion,
            boolean supported) {
        List<String> header = List.of("init", "gain conv 1", "gain conv 2", "predicted conv 2", "std ReLU 2 / ReLU 1",
                "logit std", "last epoch loss", "test loss", "test accuracy");
        List<List<String>> rows = new ArrayList<>();
        List<Svg.Series> stds = new ArrayList<>();
        List<Svg.Series> losses = new ArrayList<>();
        List<Svg.Series> accuracy = new ArrayList<>();
        StringBuilder csv = new StringBuilder("init,quantity,index,value\n");
        for (Run r : runs) {
            Trainer.Epoch last = r.history().get(r.history().size() - 1);
            rows.add(List.of(r.label(), f3(r.blocks().get(0).gain()), f3(r.judged().gain()), f3(r.judged().predicted()),
                    f3(r.convStdRatio()), f3(r.logitStd()), String.format(Locale.ROOT, "%.4f", last.loss()),
                    String.format(Locale.ROOT, "%.4f", last.testLoss()), f3(last.testAccuracy())));
            double[] xs = new double[r.layers().size()];
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                LayerStats l = r.layers().get(i);
                xs[i] = i + 1;
                ys[i] = l.output().std();
                csv.append(r.label()).append(",output_std_").append(l.kind()).append(',').append(i + 1).append(',')
                        .append(ys[i]).append('\n');
            }
            for (Block b : r.blocks()) {
                csv.append(r.label()).append(",gain_").append(b.kind()).append(',').append(b.layer() + 1).append(',')
                        .append(b.gain()).append('\n');
                csv.append(r.label()).append(",predicted_gain_").append(b.kind()).append(',').append(b.layer() + 1)
                        .append(',').append(b.predicted()).append('\n');
            }
            double[] epochs = new double[r.history().size()];
            double[] loss = new double[epochs.length];
            double[] acc = new double[epochs.length];
            for (int e = 0; e < epochs.length; e++) {
                Trainer.Epoch h = r.history().get(e);
                epochs[e] = h.epoch();
                loss[e] = h.loss();
                acc[e] = h.testAccuracy();
                csv.append(r.label()).append(",train_loss,").append(h.epoch()).append(',').append(h.loss()).append('\n');
                csv.append(r.label()).append(",test_loss,").append(h.epoch()).append(',').append(h.testLoss()).append('\n');
                csv.append(r.label()).append(",test_accuracy,").append(h.epoch()).append(',').append(h.testAccuracy())
                        .append('\n');
            }
            stds.add(new Svg.Series(r.label(), xs, ys));
            losses.add(new Svg.Series(r.label(), epochs, loss));
            accuracy.add(new Svg.Series(r.label(), epochs, acc));
        }
        List<String> charts = List.of(
                Svg.lineChart("output std per layer at initialization (conv, relu, pool, conv, relu, pool, flatten,"
                        + " dense, relu, logits)", "layer", "std (log scale)", stds, true),
                Svg.lineChart("training loss per epoch", "epoch", "cross-entropy", losses, false),
                Svg.lineChart("test accuracy per epoch", "epoch", "accuracy", accuracy, false));
        HtmlReport.Section section = new HtmlReport.Section("cnn: He, LeCun, Glorot and PyTorch's default on a small CNN",
                "In a ReLU CNN, He's variance 2/fan_in keeps the signal's scale from one convolution to the next; LeCun's"
                        + " 1/fan_in and Glorot's 2/(fan_in+fan_out) shrink it and PyTorch's default U(±1/√fan_in) shrinks"
                        + " it most (He, Zhang, Ren and Sun 2015); a network this shallow trains from all four, He at"
                        + " least as well.",
                MODEL + " on " + source + ", " + nTrain + " training and " + nTest + " test images, biases zero, SGD lr"
                        + " 0.01 momentum 0.9, batch 64, " + epochs + " epoch(s), seed " + seed + "; gains (RMS of a"
                        + " ReLU's output over RMS of its block's input) by the probe at initialization on 256 images.",
                verdict, header, rows, charts, conclusion);
        return new Outcome(supported, verdict, conclusion, header, rows, section, csv.toString());
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
