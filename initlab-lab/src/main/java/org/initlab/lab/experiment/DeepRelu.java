package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * He et al. (2015), Fig. 3: a 30-layer ReLU network trained from Xavier's 1/fan_in variance (LeCun
 * normal) stalls, from He's 2/fan_in it learns. {@code mlp(784, [128 × 29], 10, act=relu)} on
 * {@code train} Fashion-MNIST images (the first ones of the training set, test on the first
 * {@code train/6} test images, the loader's ratio), SGD with momentum 0.9 and learning rate 0.01, batches of 64, for
 * {@code epochs} epochs; biases zero. When the Fashion-MNIST files are not found the run uses
 * {@value #FALLBACK} (ten well separated Gaussian clusters of unit scale in 784 dimensions) instead
 * and says so in its set-up.
 *
 * <p>Criteria: at step 0 the gradient norm of the first layer's weights under 1/fan_in is below
 * 1/100 of He's (it shrinks by about √2 per layer on the way back), and after training He's test
 * accuracy beats 1/fan_in's by at least 0.2.
 *
 * @param train training examples
 * @param epochs passes over them
 * @param seed seed of the weights and the data order
 * @param data the dataset spec, {@value #FASHION} by default; {@value #FALLBACK} is used instead when
 *     its files are not found
 */
public record DeepRelu(int train, int epochs, long seed, String data) implements LegacyExperiment {
    /** Hidden layers: with the output layer, 30 weight layers. */
    public static final int HIDDEN = 29;
    /** Hidden width. */
    public static final int WIDTH = 128;
    /** The initializers compared. */
    public static final Map<String, String> INITS = Map.of("Xavier 1/fan_in", "lecun_normal", "He 2/fan_in", "he_normal");
    private static final List<String> ORDER = List.of("Xavier 1/fan_in", "He 2/fan_in");

    /** The default dataset. */
    public static final String FASHION = "fashion-mnist";
    /** The dataset used when the default's files are missing. */
    public static final String FALLBACK = "blobs(centers=10,features=784,std=1,box=1)";

    /** On Fashion-MNIST (or the fallback). */
    public DeepRelu(int train, int epochs, long seed) {
        this(train, epochs, seed, FASHION);
    }

    public DeepRelu {
        if (train < 64 || epochs < 1) {
            throw new IllegalArgumentException("train must be >= 64 and epochs >= 1, got " + train + " and " + epochs);
        }
    }

    static String model() {
        return "mlp(784," + Collections.nCopies(HIDDEN, Integer.toString(WIDTH)).toString().replace(" ", "") + ",10,act=relu)";
    }

    @Override
    public String name() {
        return "deep-relu";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model());
        m.put("data", data + " (first " + train + " training examples), " + FALLBACK + " if its files are missing");
        m.put("optimizer", "sgd(lr=0.01, momentum=0.9), batch 64");
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("initializers", INITS);
        return m;
    }

    @Override
    public int work() {
        return ORDER.size();
    }

    /** Dense layers whose training-time curves the report draws (1-based). */
    static final int[] SHOWN = {1, 10, 20, 30};

    /**
     * @param gradNorms weight-gradient norm per dense layer at step 0
     * @param training probe snapshots while training (every {@link #probeEvery} steps)
     */
    private record Run(String label, double[] gradNorms, double[] epochLoss, double testAccuracy, List<Snapshot> training) {
    }

    /** Steps between probe snapshots while training: about ten per run. */
    int probeEvery() {
        return Math.max(1, epochs * ((train + 63) / 64) / 10);
    }

    /** Weight-gradient norm ({@code gradient = true}) or update ratio of each dense layer at a snapshot. */
    static double[] perDense(Snapshot s, boolean gradient) {
        return s.layers().stream().filter(l -> l.kind().equals("dense"))
                .mapToDouble(l -> gradient ? l.weightGradNorm() : l.updateRatio()).toArray();
    }

    @Override
    public Outcome run(IntConsumer progress) {
        ExperimentData loaded = ExperimentData.load(data, FALLBACK, seed, train, train, Math.max(1, train / 6));
        String source = loaded.source();
        Dataset trainSet = loaded.split().train();
        Dataset testSet = loaded.split().test();
        List<Run> runs = new ArrayList<>();
        for (String label : ORDER) {
            Sequential net = ModelSpec.parse(model());
            InitPlan.allWeights(Registry.parse(INITS.get(label))).apply(net, seed);
            Snapshot s = Probe.atInitialization(net, trainSet.head(Math.min(256, trainSet.size())));
            double[] grads = s.layers().stream().filter(l -> l.kind().equals("dense")).mapToDouble(LayerStats::weightGradNorm)
                    .toArray();
            Probe probe = new Probe(probeEvery());
            Trainer trainer = new Trainer(net, new Sgd(0.01, 0.9, false, 0), List.of(probe));
            List<Trainer.Epoch> h = trainer.fit(trainSet, testSet, new Trainer.Config(epochs, 64, seed), new Trainer.Listener() { });
            runs.add(new Run(label, grads, h.stream().mapToDouble(Trainer.Epoch::loss).toArray(), h.get(h.size() - 1).testAccuracy(),
                    probe.snapshots()));
            progress.accept(runs.size());
        }
        return judge(runs, source, trainSet.size(), testSet.size());
    }

    private Outcome judge(List<Run> runs, String source, int nTrain, int nTest) {
        Run xavier = runs.get(0);
        Run he = runs.get(1);
        boolean gradientsVanish = xavier.gradNorms()[0] < he.gradNorms()[0] / 100;
        boolean heLearns = he.testAccuracy() >= xavier.testAccuracy() + 0.2;
        boolean supported = gradientsVanish && heLearns;
        String conclusion = String.format(Locale.ROOT, "At step 0 the first layer's weight-gradient norm was %.3g under"
                        + " 1/fan_in and %.3g under He (ratio %.2g); after %d epoch(s) the test accuracy was %.3f under"
                        + " 1/fan_in and %.3f under He.", xavier.gradNorms()[0], he.gradNorms()[0],
                xavier.gradNorms()[0] / he.gradNorms()[0], epochs, xavier.testAccuracy(), he.testAccuracy());
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "with 1/fan_in the gradient vanishes on its way down 30 ReLU layers and training stalls; He trains"
                : "criteria failed:" + (gradientsVanish ? "" : " the 1/fan_in gradient did not vanish;")
                        + (heLearns ? "" : " He did not beat 1/fan_in by 0.2 test accuracy"));
        List<String> header = List.of("init", "grad norm layer 1", "grad norm layer 30", "first epoch loss", "last epoch loss",
                "test accuracy");
        List<List<String>> rows = new ArrayList<>();
        List<Svg.Series> grads = new ArrayList<>();
        List<String> trainingCharts = new ArrayList<>();
        StringBuilder csv = new StringBuilder("init,step,layer,weight_gradient_norm,update_ratio\n");
        for (Run r : runs) {
            rows.add(List.of(r.label(), String.format(Locale.ROOT, "%.3g", r.gradNorms()[0]),
                    String.format(Locale.ROOT, "%.3g", r.gradNorms()[r.gradNorms().length - 1]),
                    String.format(Locale.ROOT, "%.4f", r.epochLoss()[0]),
                    String.format(Locale.ROOT, "%.4f", r.epochLoss()[r.epochLoss().length - 1]),
                    String.format(Locale.ROOT, "%.3f", r.testAccuracy())));
            double[] xs = new double[r.gradNorms().length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = i + 1;
                csv.append(r.label()).append(",init,").append(i + 1).append(',').append(r.gradNorms()[i]).append(",\n");
            }
            grads.add(new Svg.Series(r.label(), xs, r.gradNorms()));
            for (Snapshot s : r.training()) {
                double[] g = perDense(s, true);
                double[] u = perDense(s, false);
                for (int i = 0; i < g.length; i++) {
                    csv.append(r.label()).append(',').append(s.step()).append(',').append(i + 1).append(',').append(g[i])
                            .append(',').append(u[i]).append('\n');
                }
            }
            trainingCharts.add(overTraining(r, true));
            trainingCharts.add(overTraining(r, false));
        }
        HtmlReport.Section section = new HtmlReport.Section("deep-relu: 30 ReLU layers, Xavier's 1/fan_in versus He",
                "In a deep ReLU network Var(W) = 1/fan_in halves the signal's and the gradient's variance at every layer,"
                        + " so a 30-layer network barely trains; He's 2/fan_in keeps them and the network learns"
                        + " (He, Zhang, Ren and Sun 2015, Fig. 3).",
                model() + " on " + source + ", " + nTrain + " training and " + nTest + " test examples, SGD lr 0.01 momentum"
                        + " 0.9, batch 64, " + epochs + " epoch(s), seed " + seed + "; gradient norms by the probe at step 0.",
                verdict, header, rows, charts(Svg.lineChart("weight-gradient norm per layer at step 0", "layer",
                        "norm (log scale)", grads, true), trainingCharts), conclusion);
        return new Outcome(supported, verdict, conclusion, header, rows, section, csv.toString());
    }

    private static List<String> charts(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Weight-gradient norm or update ratio ||ΔW||/||W|| of the {@link #SHOWN} layers over training steps. */
    private static String overTraining(Run r, boolean gradient) {
        List<Svg.Series> series = new ArrayList<>();
        for (int layer : SHOWN) {
            double[] x = new double[r.training().size()];
            double[] y = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                Snapshot s = r.training().get(k);
                x[k] = s.step();
                double[] v = perDense(s, gradient);
                y[k] = layer - 1 < v.length ? Math.max(1e-30, v[layer - 1]) : Double.NaN;
            }
            series.add(new Svg.Series("layer " + layer, x, y));
        }
        return gradient ? Svg.lineChart(r.label() + ": weight-gradient norm while training", "step", "norm (log scale)", series, true)
                : Svg.lineChart(r.label() + ": update ratio ||ΔW||/||W|| while training (about 1e-3 is healthy)", "step",
                        "ratio (log scale)", series, true);
    }
}
