package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The classic forward-propagation study (the histograms of Glorot and Bengio 2010, Fig. 6, and of
 * He et al. 2015): {@code samples} standard normal inputs of 1000 dimensions through layers
 * [1000, 800, 500, 300, 200, 100, 10] with tanh or ReLU, the weights drawn by N(0, 0.01²), by
 * "Xavier" with variance 1/fan_in (LeCun normal, as Caffe's xavier filler), by Glorot's normalized
 * 2/(fan_in + fan_out), and by He's 2/fan_in; biases zero. Measured by the {@link Probe} at
 * initialization: each hidden activation's std and histogram.
 *
 * <p>The claim is judged from the numbers with these criteria, the ratio being the last hidden
 * layer's activation std over the first's: tanh with N(0, 0.01²) collapses (ratio below 0.01); tanh
 * with Glorot keeps its signal (ratio above 0.1); ReLU with He keeps its scale (ratio within
 * [1/3, 3]); ReLU with 1/fan_in shrinks it (ratio below half of He's).
 *
 * @param samples inputs pushed through (10,000 by default; 100,000 is the original size)
 * @param seed seed of the inputs and the weights
 */
public record ForwardHistograms(int samples, long seed) implements LegacyExperiment {
    /** Layer widths, input first. */
    public static final List<Integer> WIDTHS = List.of(1000, 800, 500, 300, 200, 100, 10);
    /** The activations compared. */
    public static final List<String> ACTIVATIONS = List.of("tanh", "relu");
    /** The initializers compared, with their labels. */
    public static final Map<String, String> INITS = initializers();

    private static Map<String, String> initializers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("N(0, 0.01²)", "normal(std=0.01)");
        m.put("Xavier 1/fan_in", "lecun_normal");
        m.put("Glorot 2/(fan_in+fan_out)", "glorot_normal");
        m.put("He 2/fan_in", "he_normal");
        return m;
    }

    public ForwardHistograms {
        if (samples < 2 || samples > 1_000_000) {
            throw new IllegalArgumentException("samples must be in [2, 1000000], got " + samples);
        }
    }

    /** One configuration's hidden activation statistics, first hidden layer first. */
    public record Run(String activation, String initLabel, String initSpec, List<LayerStats> hidden) {
        /** Last hidden std over first hidden std. */
        public double stdRatio() {
            return hidden.get(hidden.size() - 1).output().std() / hidden.get(0).output().std();
        }
    }

    /** All runs and the judgement of the claim. */
    public record Result(ForwardHistograms config, List<Run> runs, boolean supported, String verdict, String conclusion) {
    }

    @Override
    public String name() {
        return "forward-histograms";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("seed", seed);
        m.put("widths", WIDTHS);
        m.put("activations", ACTIVATIONS);
        m.put("initializers", INITS);
        return m;
    }

    @Override
    public int work() {
        return configurations();
    }

    @Override
    public Outcome run(IntConsumer progress) {
        Result r = measure(progress);
        List<List<String>> rows = new ArrayList<>();
        for (Run run : r.runs()) {
            rows.add(List.of(run.activation(), run.initLabel(), String.format(Locale.ROOT, "%.3g", run.hidden().get(0).output().std()),
                    String.format(Locale.ROOT, "%.3g", run.hidden().get(run.hidden().size() - 1).output().std()),
                    String.format(Locale.ROOT, "%.3g", run.stdRatio())));
        }
        return new Outcome(r.supported(), r.verdict(), r.conclusion(),
                List.of("activation", "init", "std layer 1", "std last", "last/first"), rows, section(r), metricsCsv(r));
    }

    /** Runs every configuration; {@code progress} hears the number of configurations done. */
    public Result measure(IntConsumer progress) {
        float[] x = new float[samples * WIDTHS.get(0)];
        Samplers.normal(RandomStream.of(seed, "experiment/forward-histograms/inputs"), 0, x.length, 0, 1, x, 0);
        int[] labels = new int[samples];
        Dataset batch = new Dataset("N(0,1)^1000", new Tensor(x, samples, WIDTHS.get(0)), labels, 10);
        List<Run> runs = new ArrayList<>();
        for (String act : ACTIVATIONS) {
            for (Map.Entry<String, String> init : INITS.entrySet()) {
                Sequential net = ModelSpec.parse(model(act));
                InitPlan.allWeights(Registry.parse(init.getValue())).apply(net, seed);
                Snapshot s = Probe.atInitialization(net, batch);
                List<LayerStats> hidden = s.layers().stream().filter(l -> l.kind().equals("activation")).toList();
                runs.add(new Run(act, init.getKey(), init.getValue(), hidden));
                progress.accept(runs.size());
            }
        }
        return judge(runs);
    }

    /** Number of configurations {@link #run} goes through. */
    public int configurations() {
        return ACTIVATIONS.size() * INITS.size();
    }

    static String model(String activation) {
        List<Integer> hidden = WIDTHS.subList(1, WIDTHS.size() - 1);
        return "mlp(" + WIDTHS.get(0) + "," + hidden.toString().replace(" ", "") + "," + WIDTHS.get(WIDTHS.size() - 1)
                + ",act=" + activation + ")";
    }

    private Result judge(List<Run> runs) {
        double tanhSmall = find(runs, "tanh", "normal(std=0.01)").stdRatio();
        double tanhGlorot = find(runs, "tanh", "glorot_normal").stdRatio();
        double reluHe = find(runs, "relu", "he_normal").stdRatio();
        double reluLecun = find(runs, "relu", "lecun_normal").stdRatio();
        boolean collapse = tanhSmall < 0.01;
        boolean glorotKeeps = tanhGlorot > 0.1;
        boolean heKeeps = reluHe > 1 / 3.0 && reluHe < 3;
        boolean lecunShrinks = reluLecun < reluHe / 2;
        boolean supported = collapse && glorotKeeps && heKeeps && lecunShrinks;
        String conclusion = String.format(Locale.ROOT,
                "From the first to the last hidden layer the activation std changed by a factor %.3g for tanh with"
                        + " N(0, 0.01²) (%s), %.3g for tanh with Glorot's normalized init (%s), %.3g for ReLU with He (%s)"
                        + " and %.3g for ReLU with 1/fan_in (%s than half of He's).",
                tanhSmall, collapse ? "collapsed: below 0.01" : "did not collapse", tanhGlorot,
                glorotKeeps ? "kept: above 0.1" : "not kept", reluHe, heKeeps ? "kept within [1/3, 3]" : "not kept",
                reluLecun, lecunShrinks ? "shrunk to less" : "not less");
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "small weights kill the signal, Glorot keeps tanh's and He keeps ReLU's, 1/fan_in halves ReLU's variance"
                        + " per layer"
                : "at least one criterion failed (see the conclusion)");
        return new Result(this, runs, supported, verdict, conclusion);
    }

    private static Run find(List<Run> runs, String act, String spec) {
        return runs.stream().filter(r -> r.activation().equals(act) && r.initSpec().equals(spec)).findFirst().orElseThrow();
    }

    /** One CSV line per (activation, init, hidden layer), with a header line first. */
    public static String metricsCsv(Result r) {
        StringBuilder sb = new StringBuilder("activation,init,layer,width,mean,std,min,max,saturated_fraction,zero_fraction\n");
        for (Run run : r.runs()) {
            for (int l = 0; l < run.hidden().size(); l++) {
                LayerStats s = run.hidden().get(l);
                sb.append(run.activation()).append(',').append(run.initSpec().replace(",", ";")).append(',').append(l + 1)
                        .append(',').append(WIDTHS.get(l + 1)).append(',').append(s.output().mean()).append(',')
                        .append(s.output().std()).append(',').append(s.output().min()).append(',').append(s.output().max())
                        .append(',').append(Double.isNaN(s.saturatedFraction()) ? "" : Double.toString(s.saturatedFraction()))
                        .append(',').append(s.zeroFraction()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The report section: summary table, std-per-layer charts, the histogram grid. */
    public static HtmlReport.Section section(Result r) {
        List<String> header = new ArrayList<>(List.of("activation", "init"));
        for (int l = 1; l < WIDTHS.size() - 1; l++) {
            header.add("std layer " + l);
        }
        header.add("last/first");
        List<List<String>> rows = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        for (String act : ACTIVATIONS) {
            List<Svg.Series> series = new ArrayList<>();
            for (Run run : r.runs()) {
                if (!run.activation().equals(act)) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(act, run.initLabel()));
                double[] xs = new double[run.hidden().size()];
                double[] ys = new double[run.hidden().size()];
                for (int l = 0; l < run.hidden().size(); l++) {
                    xs[l] = l + 1;
                    ys[l] = run.hidden().get(l).output().std();
                    row.add(String.format(Locale.ROOT, "%.3g", ys[l]));
                }
                row.add(String.format(Locale.ROOT, "%.3g", run.stdRatio()));
                rows.add(row);
                series.add(new Svg.Series(run.initLabel(), xs, ys));
            }
            charts.add(Svg.lineChart(act + ": activation std per layer", "hidden layer", "std (log scale)", series, true));
        }
        for (Run run : r.runs()) {
            for (int l = 0; l < run.hidden().size(); l++) {
                charts.add(Svg.histogram(run.activation() + ", " + run.initLabel() + ", layer " + (l + 1),
                        run.hidden().get(l).histogram(), run.activation().equals("tanh") ? "#0072B2" : "#D55E00"));
            }
        }
        ForwardHistograms c = r.config();
        return new HtmlReport.Section("forward-histograms: activations through a deep net at initialization",
                "Weights that are too small make the signal vanish layer after layer; Glorot's normalized init keeps"
                        + " tanh activations alive (Glorot and Bengio 2010), He's 2/fan_in keeps ReLU activations at a"
                        + " constant scale while 1/fan_in halves their variance at every layer (He et al. 2015).",
                c.samples() + " standard normal inputs of 1000 dimensions through layers " + WIDTHS + ", biases zero,"
                        + " seed " + c.seed() + "; statistics of each hidden activation measured by the probe.",
                r.verdict(), header, rows, charts, r.conclusion());
    }
}
