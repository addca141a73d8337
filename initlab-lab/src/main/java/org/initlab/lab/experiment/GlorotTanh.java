package org.initlab.lab.experiment;

import java.util.ArrayList;
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
 * Glorot and Bengio (2010), Figs. 6-7: in a 5-layer tanh network the "standard" init
 * {@code U(±1/√fan_in)} (variance 1/(3 fan_in), PyTorch's default) shrinks the activations and
 * spreads the back-propagated gradients unevenly over the layers; the normalized init
 * {@code U(±√(6/(fan_in + fan_out)))} keeps both closer to constant. {@value #MODEL} on the
 * {@code digits} data (8×8 images, 10 classes; {@value #FALLBACK} when the files are missing),
 * plain SGD lr 0.1, batch 32; the probe measures each tanh layer at initialization and after
 * training.
 *
 * <p>Criteria, at initialization: the last tanh layer's activation std over the first's is smaller
 * under the standard init than under Glorot's, and the spread of the back-propagated gradient norms
 * over the tanh layers (largest over smallest) is larger under the standard init.
 *
 * @param epochs training epochs after which the second probe runs
 * @param seed seed of weights, data split and order
 */
public record GlorotTanh(int epochs, long seed) implements LegacyExperiment {
    /** The network: five weight layers, four tanh hidden layers of 100 units. */
    public static final String MODEL = "mlp(64,[100,100,100,100],10,act=tanh)";
    /** Used when the digits files are missing. */
    public static final String FALLBACK = "blobs(centers=10,features=64,std=1,box=1)";
    /** The two initializers. */
    public static final Map<String, String> INITS = Map.of("standard U(±1/√fan_in)", "torch_default",
            "normalized (Glorot)", "glorot_uniform");
    private static final List<String> ORDER = List.of("standard U(±1/√fan_in)", "normalized (Glorot)");

    public GlorotTanh {
        if (epochs < 1 || epochs > 10_000) {
            throw new IllegalArgumentException("epochs must be in [1, 10000], got " + epochs);
        }
    }

    @Override
    public String name() {
        return "glorot-tanh";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", MODEL);
        m.put("data", "digits, " + FALLBACK + " if its files are missing");
        m.put("optimizer", "sgd(lr=0.1), batch 32");
        m.put("epochs", epochs);
        m.put("seed", seed);
        m.put("initializers", INITS);
        return m;
    }

    @Override
    public int work() {
        return ORDER.size();
    }

    private record Run(String label, List<LayerStats> atInit, List<LayerStats> trained, double testAccuracy) {
        double stdRatio() {
            return atInit.get(atInit.size() - 1).output().std() / atInit.get(0).output().std();
        }

        double gradientSpread() {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (LayerStats l : atInit) {
                lo = Math.min(lo, l.gradOutputNorm());
                hi = Math.max(hi, l.gradOutputNorm());
            }
            return hi / lo;
        }
    }

    @Override
    public Outcome run(IntConsumer progress) {
        ExperimentData data = ExperimentData.load("digits", FALLBACK, seed, Integer.MAX_VALUE, 1400, 400);
        String source = data.source();
        Dataset train = data.split().train();
        Dataset test = data.split().test();
        Dataset probeBatch = train.head(Math.min(256, train.size()));
        List<Run> runs = new ArrayList<>();
        for (String label : ORDER) {
            Sequential net = ModelSpec.parse(MODEL);
            InitPlan.allWeights(Registry.parse(INITS.get(label))).apply(net, seed);
            List<LayerStats> before = tanhLayers(Probe.atInitialization(net, probeBatch));
            List<Trainer.Epoch> h = new Trainer(net, new Sgd(0.1), List.of()).fit(train, test,
                    new Trainer.Config(epochs, 32, seed), new Trainer.Listener() { });
            List<LayerStats> after = tanhLayers(Probe.atInitialization(net, probeBatch));
            runs.add(new Run(label, before, after, h.get(h.size() - 1).testAccuracy()));
            progress.accept(runs.size());
        }
        return judge(runs, source);
    }

    private static List<LayerStats> tanhLayers(Snapshot s) {
        return s.layers().stream().filter(l -> l.kind().equals("activation")).toList();
    }

    private Outcome judge(List<Run> runs, String source) {
        Run standard = runs.get(0);
        Run glorot = runs.get(1);
        boolean activations = standard.stdRatio() < glorot.stdRatio();
        boolean gradients = standard.gradientSpread() > glorot.gradientSpread();
        boolean supported = activations && gradients;
        String conclusion = String.format(Locale.ROOT, "At initialization the last tanh layer's std was %.3g of the first's"
                        + " under the standard init and %.3g under Glorot's; the back-propagated gradient norms spread over"
                        + " a factor %.3g and %.3g across the tanh layers. After %d epochs the test accuracy was %.3f and %.3f.",
                standard.stdRatio(), glorot.stdRatio(), standard.gradientSpread(), glorot.gradientSpread(), epochs,
                standard.testAccuracy(), glorot.testAccuracy());
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "the normalized init keeps activations and back-propagated gradients more even across the layers"
                : "criteria failed:" + (activations ? "" : " the standard init did not shrink the activations more;")
                        + (gradients ? "" : " its gradients were not spread more unevenly"));
        List<String> header = List.of("init", "std layer 1", "std layer 4", "last/first", "gradient spread", "test accuracy");
        List<List<String>> rows = new ArrayList<>();
        List<Svg.Series> stds = new ArrayList<>();
        List<Svg.Series> grads = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        StringBuilder csv = new StringBuilder("init,when,layer,mean,std,gradient_norm\n");
        for (Run r : runs) {
            rows.add(List.of(r.label(), String.format(Locale.ROOT, "%.3g", r.atInit().get(0).output().std()),
                    String.format(Locale.ROOT, "%.3g", r.atInit().get(r.atInit().size() - 1).output().std()),
                    String.format(Locale.ROOT, "%.3g", r.stdRatio()), String.format(Locale.ROOT, "%.3g", r.gradientSpread()),
                    String.format(Locale.ROOT, "%.3f", r.testAccuracy())));
            double[] xs = new double[r.atInit().size()];
            double[] ys = new double[xs.length];
            double[] gs = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = i + 1;
                ys[i] = r.atInit().get(i).output().std();
                gs[i] = r.atInit().get(i).gradOutputNorm();
            }
            stds.add(new Svg.Series(r.label(), xs, ys));
            grads.add(new Svg.Series(r.label(), xs, gs));
            for (String when : List.of("init", "trained")) {
                List<LayerStats> layers = when.equals("init") ? r.atInit() : r.trained();
                for (int i = 0; i < layers.size(); i++) {
                    LayerStats l = layers.get(i);
                    csv.append(r.label()).append(',').append(when).append(',').append(i + 1).append(',')
                            .append(l.output().mean()).append(',').append(l.output().std()).append(',')
                            .append(l.gradOutputNorm()).append('\n');
                }
            }
        }
        charts.add(Svg.lineChart("tanh activation std at initialization", "tanh layer", "std", stds, false));
        charts.add(Svg.lineChart("back-propagated gradient norm at initialization", "tanh layer", "norm (log scale)", grads,
                true));
        for (Run r : runs) {
            for (String when : List.of("init", "trained")) {
                List<LayerStats> layers = when.equals("init") ? r.atInit() : r.trained();
                for (int i = 0; i < layers.size(); i++) {
                    charts.add(Svg.histogram(r.label() + ", layer " + (i + 1) + ", " + (when.equals("init")
                            ? "at initialization" : "after " + epochs + " epochs"), layers.get(i).histogram(),
                            when.equals("init") ? "#0072B2" : "#009E73"));
                }
            }
        }
        HtmlReport.Section section = new HtmlReport.Section("glorot-tanh: standard versus normalized init in a 5-layer tanh net",
                "With U(±1/√fan_in) the tanh activations shrink from layer to layer and the back-propagated gradients are"
                        + " uneven across layers; the normalized init U(±√(6/(fan_in+fan_out))) keeps both closer to constant"
                        + " (Glorot and Bengio 2010).",
                MODEL + " on " + source + ", SGD lr 0.1, batch 32, " + epochs + " epochs, seed " + seed + "; probe at"
                        + " initialization and after training on 256 training examples.",
                verdict, header, rows, charts, conclusion);
        return new Outcome(supported, verdict, conclusion, header, rows, section, csv.toString());
    }
}
