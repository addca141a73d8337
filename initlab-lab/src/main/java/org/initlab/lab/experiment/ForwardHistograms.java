package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.core.shape.Allocation;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
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
 * [1000, 800, 500, 300, 200, 100, 10] with tanh or ReLU, the weights drawn by N(0, 0.01²), by LeCun
 * normal (variance 1/fan_in; the articles and Caffe's "xavier" filler call it Xavier, but Glorot's
 * is 2/(fan_in + fan_out)), by Glorot's normalized 2/(fan_in + fan_out), and by He's 2/fan_in;
 * biases zero. Measured by the {@link Probe} at initialization: each hidden activation's std and
 * histogram. The ratio judged is the last hidden layer's activation std over the first's; each seed
 * draws new inputs and weights, and the judge works on the spread across seeds (3 by default: the
 * whole study takes seconds).
 *
 * @param samples inputs pushed through (10,000 by default; 100,000 is the original size)
 */
public record ForwardHistograms(
        @Param(value = "standard normal inputs pushed through", min = 2, max = 100_000)
        int samples) implements Experiment<ForwardHistograms.Result> {
    /** Layer widths, input first. */
    public static final List<Integer> WIDTHS = List.of(1000, 800, 500, 300, 200, 100, 10);
    /** The activations compared. */
    public static final List<String> ACTIVATIONS = List.of("tanh", "relu");
    /** The initializers compared, with their labels. */
    public static final Map<String, String> INITS = initializers();

    private static Map<String, String> initializers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("N(0, 0.01²)", "normal(std=0.01)");
        m.put("LeCun 1/fan_in", "lecun_normal");
        m.put("Glorot 2/(fan_in+fan_out)", "glorot_normal");
        m.put("He 2/fan_in", "he_normal");
        return m;
    }

    /**
     * tanh with N(0, 0.01²) multiplies the std per layer by about
     * 0.01·√fan_in (0.1 to 0.3 at these widths): over four layers far below 1/100, the bar for "collapsed".
     */
    static final double COLLAPSED = 0.01;
    /**
     * Glorot's figure 6 shows tanh activations under the normalized init keeping their spread; a last
     * to first std ratio above 0.1 means the signal is alive (tanh's own contraction shrinks it
     * slowly, by about 0.6 over these layers).
     */
    static final double ALIVE = 0.1;
    /** He keeps the ReLU scale: a ratio within a factor 3 either way (theory: 1). */
    static final double HE_BAND = 3;
    /**
     * LeCun's 1/fan_in halves a ReLU net's activation variance per layer: over the four layers from
     * the first to the last hidden one, its ratio is (1/√2)⁴ = 0.25 of He's; 0.5 is the bar.
     */
    static final double LECUN_SHRINK = 0.5;

    /** 10,000 inputs. */
    public ForwardHistograms() {
        this(10_000);
    }

    /** One configuration's hidden activation statistics, first hidden layer first. */
    public record Run(String activation, String initLabel, String initSpec, List<LayerStats> hidden) {
        /** Last hidden std over first hidden std. */
        public double stdRatio() {
            return hidden.get(hidden.size() - 1).output().std()
                    / hidden.get(0).output().std();
        }
    }

    /**
     * One seed's runs.
     *
     * @param seed seed of the inputs and the weights
     * @param runs every (activation, init) configuration, activations outermost
     */
    public record Result(long seed, List<Run> runs) implements Experiment.Result {
        double ratio(String act, String spec) {
            return runs.stream()
                    .filter(r -> r.activation().equals(act) && r.initSpec().equals(spec))
                    .findFirst()
                    .orElseThrow()
                    .stdRatio();
        }
    }

    @Override
    public String name() {
        return "forward-histograms";
    }

    @Override
    public String title() {
        return "activations through a deep net at initialization";
    }

    @Override
    public String claim() {
        return "Weights that are too small make the signal vanish layer after layer; Glorot's normalized init keeps tanh"
                + " activations alive (Glorot and Bengio 2010, Fig. 6), He's 2/fan_in keeps ReLU activations at a constant"
                + " scale while LeCun's 1/fan_in (called Xavier in the articles) halves their variance at every layer (He et"
                + " al. 2015).";
    }

    @Override
    public String setup() {
        return samples + " standard normal inputs of 1000 dimensions through layers " + WIDTHS
                + ", biases zero; statistics" + " of each hidden activation measured by the probe at initialization.";
    }

    /** Estimated from measured CPU time: demo size forward-histograms(samples=300): 0.6 s per measurement (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.0017 * samples;
    }

    @Override
    public int work() {
        return ACTIVATIONS.size() * INITS.size();
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        float[] x = Allocation.floats(samples, WIDTHS.get(0));
        Samplers.normal(RandomStream.of(seed, "experiment/forward-histograms/inputs"), 0, x.length, 0, 1, x, 0);
        int[] labels = new int[samples];
        Dataset batch = new Dataset("N(0,1)^1000", new Tensor(x, samples, WIDTHS.get(0)), labels, 10);
        List<Run> runs = new ArrayList<>();
        for (String act : ACTIVATIONS) {
            for (Map.Entry<String, String> init : INITS.entrySet()) {
                Sequential net = ModelSpec.parse(model(act));
                InitPlan.allWeights(Registry.parse(init.getValue())).apply(net, seed);
                Snapshot s = Probe.atInitialization(net, batch);
                List<LayerStats> hidden = s.layers().stream()
                        .filter(l -> l.kind().equals("activation"))
                        .toList();
                runs.add(new Run(act, init.getKey(), init.getValue(), hidden));
                progress.accept(runs.size());
            }
        }
        return new Result(seed, runs);
    }

    static String model(String activation) {
        List<Integer> hidden = WIDTHS.subList(1, WIDTHS.size() - 1);
        return "mlp(" + WIDTHS.get(0) + "," + hidden.toString().replace(" ", "") + "," + WIDTHS.get(WIDTHS.size() - 1)
                + ",act=" + activation + ")";
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        return Verdict.of(
                Criterion.atMost(
                                "tanh, N(0, 0.01²): last/first hidden std",
                                COLLAPSED,
                                "the signal collapses: each layer" + " multiplies the std by about 0.01·√fan_in < 0.3")
                        .check(values(seeds, r -> r.ratio("tanh", "normal(std=0.01)"))),
                Criterion.atLeast(
                                "tanh, Glorot: last/first hidden std",
                                ALIVE,
                                "Glorot and Bengio's Fig. 6: the" + " normalized init keeps tanh activations spread")
                        .check(values(seeds, r -> r.ratio("tanh", "glorot_normal"))),
                Criterion.atLeast(
                                "ReLU, He: last/first hidden std",
                                1 / HE_BAND,
                                "He keeps the scale (theory 1; within a" + " factor 3)")
                        .check(values(seeds, r -> r.ratio("relu", "he_normal"))),
                Criterion.atMost("ReLU, He: last/first hidden std ", HE_BAND, "as above, from above")
                        .check(values(seeds, r -> r.ratio("relu", "he_normal"))),
                Criterion.atMost(
                                "ReLU: LeCun's ratio over He's",
                                LECUN_SHRINK,
                                "1/fan_in halves the variance per layer:" + " (1/√2)⁴ = 0.25 over four layers")
                        .check(values(seeds, r -> r.ratio("relu", "lecun_normal") / r.ratio("relu", "he_normal"))));
    }

    private static double[] values(List<Result> seeds, java.util.function.ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    /**
     * The activations of one seed as a grid (init × layer) on one shared x axis: [-1, 1] for tanh,
     * [0, the largest value of any layer] for ReLU, whose exact zeros are drawn apart.
     */
    static String grid(Result r, String act) {
        List<Run> runs =
                r.runs().stream().filter(x -> x.activation().equals(act)).toList();
        int layers = runs.get(0).hidden().size();
        org.initlab.lab.probe.Histogram[][] cells = new org.initlab.lab.probe.Histogram[runs.size()][layers];
        long[][] zeros = new long[runs.size()][layers];
        double high = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (int l = 0; l < layers; l++) {
                LayerStats s = runs.get(i).hidden().get(l);
                cells[i][l] = s.histogram();
                zeros[i][l] = act.equals("relu")
                        ? Math.round(s.zeroFraction() * s.output().count())
                        : 0;
                high = Math.max(high, s.histogram().high());
            }
        }
        List<String> columns = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            columns.add("layer " + l);
        }
        boolean tanh = act.equals("tanh");
        return org.initlab.lab.report.HistogramGrid.of(
                act + ": activation histograms per init and layer (seed " + r.seed() + ")",
                runs.stream().map(Run::initLabel).toList(),
                columns,
                cells,
                tanh ? null : zeros,
                tanh ? -1 : 0,
                tanh ? 1 : high,
                tanh ? "#0072B2" : "#D55E00");
    }

    /** One CSV line per (seed, activation, init, hidden layer), with a header line first. */
    static String metricsCsv(List<Result> seeds) {
        StringBuilder sb = new StringBuilder(
                "seed,activation,init,layer,width,mean,std,min,max,saturated_fraction,zero_fraction\n");
        for (Result r : seeds) {
            for (Run run : r.runs()) {
                for (int l = 0; l < run.hidden().size(); l++) {
                    LayerStats s = run.hidden().get(l);
                    sb.append(r.seed())
                            .append(',')
                            .append(run.activation())
                            .append(',')
                            .append(run.initSpec().replace(",", ";"))
                            .append(',')
                            .append(l + 1)
                            .append(',')
                            .append(WIDTHS.get(l + 1))
                            .append(',')
                            .append(s.output().mean())
                            .append(',')
                            .append(s.output().std())
                            .append(',')
                            .append(s.output().min())
                            .append(',')
                            .append(s.output().max())
                            .append(',')
                            .append(Double.isNaN(s.saturatedFraction()) ? "" : Double.toString(s.saturatedFraction()))
                            .append(',')
                            .append(s.zeroFraction())
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        Result first = seeds.get(0);
        List<String> header = new ArrayList<>(List.of("activation", "init"));
        for (int l = 1; l < WIDTHS.size() - 1; l++) {
            header.add("std layer " + l);
        }
        header.add("last/first");
        List<List<String>> rows = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        for (String act : ACTIVATIONS) {
            List<Svg.Series> series = new ArrayList<>();
            for (int k = 0; k < first.runs().size(); k++) {
                Run run = first.runs().get(k);
                if (!run.activation().equals(act)) {
                    continue;
                }
                int i = k;
                List<String> row = new ArrayList<>(List.of(act, run.initLabel()));
                double[] xs = new double[run.hidden().size()];
                for (int l = 0; l < run.hidden().size(); l++) {
                    int layer = l;
                    xs[l] = l + 1;
                    row.add(Cells.of(
                            seeds,
                            r -> r.runs().get(i).hidden().get(layer).output().std()));
                }
                row.add(Cells.of(seeds, r -> r.runs().get(i).stdRatio()));
                rows.add(row);
                series.add(Bands.of(
                        run.initLabel(),
                        xs,
                        seeds,
                        r -> r.runs().get(i).hidden().stream()
                                .mapToDouble(h -> h.output().std())
                                .toArray()));
            }
            charts.add(Svg.lineChart(
                    act + ": activation std per layer (mean over seeds, band min to max)",
                    "hidden layer",
                    "std (log scale)",
                    series,
                    true));
        }
        for (String act : ACTIVATIONS) {
            charts.add(grid(first, act));
        }
        String conclusion = "From the first to the last hidden layer the activation std changed by a factor "
                + Cells.of(seeds, r -> r.ratio("tanh", "normal(std=0.01)")) + " for tanh with N(0, 0.01²), "
                + Cells.of(seeds, r -> r.ratio("tanh", "glorot_normal")) + " for tanh with Glorot's normalized init, "
                + Cells.of(seeds, r -> r.ratio("relu", "he_normal")) + " for ReLU with He and "
                + Cells.of(seeds, r -> r.ratio("relu", "lecun_normal")) + " for ReLU with LeCun's 1/fan_in.";
        return new Rendering(
                List.of(new HtmlReport.Table("Hidden activation std per layer (mean ± sd over seeds)", header, rows)),
                charts,
                metricsCsv(seeds),
                conclusion);
    }
}
