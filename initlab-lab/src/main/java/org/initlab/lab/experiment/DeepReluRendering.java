package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/**
 * The tables, charts, CSV and conclusion of {@link DeepRelu}: numbers across seeds (accuracy with
 * macro-F1 beside it, the stalled net's confusion matrix), the probe curves (gradient norms and
 * update ratios of layers 1, 10, 20 and 30 while training) and the test-accuracy curves as mean and
 * band over the seeds, and whether the 1/fan_in stall lasted (per seed, the epoch its test
 * accuracy first passed {@value DeepRelu#ESCAPED}).
 */
final class DeepReluRendering {
    /** Report labels, in the order of {@link DeepRelu.Result#runs()}. */
    static final List<String> LABELS = List.of("LeCun normal (1/fan_in)", "He normal (2/fan_in)");

    private DeepReluRendering() {}

    static Rendering render(DeepRelu e, List<DeepRelu.Result> seeds, Verdict verdict) {
        DeepRelu.Result first = seeds.get(0);
        int epochs = first.he().testAccuracy().length;
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int i = k;
            rows.add(List.of(
                    LABELS.get(i),
                    Cells.of(seeds, r -> r.runs().get(i).gradNormsAtInit()[0]),
                    Cells.of(seeds, r -> last(r.runs().get(i).gradNormsAtInit())),
                    Cells.of(seeds, r -> last(r.runs().get(i).trainLoss())),
                    Cells.of(seeds, r -> r.runs().get(i).finalAccuracy()),
                    Cells.of(seeds, r -> r.runs().get(i).finalMacroF1()),
                    Cells.of(seeds, r -> max(r.runs().get(i).testAccuracy()))));
        }
        HtmlReport.Table summary = new HtmlReport.Table(
                "After " + epochs + " epoch(s) (mean ± sd over " + seeds.size() + " seed(s)); gradient norms at step 0",
                List.of(
                        "init",
                        "grad norm layer 1",
                        "grad norm layer 30",
                        "last epoch loss",
                        "test accuracy",
                        "macro-F1",
                        "best test accuracy"),
                rows);
        List<List<String>> perSeed = new ArrayList<>();
        for (DeepRelu.Result r : seeds) {
            perSeed.add(List.of(
                    Long.toString(r.seed()),
                    Cells.number(r.gradientRatio()),
                    Cells.number(r.lecun().finalAccuracy()),
                    Cells.number(r.he().finalAccuracy()),
                    Cells.number(r.effect()),
                    escape(r.lecun()),
                    Cells.number(max(r.he().testAccuracy()) - r.he().finalAccuracy())));
        }
        HtmlReport.Table seedTable = new HtmlReport.Table(
                "Per seed",
                List.of(
                        "seed",
                        "grad ratio 1/fan_in / He",
                        "1/fan_in test accuracy",
                        "He test accuracy",
                        "He − 1/fan_in",
                        "1/fan_in escaped (accuracy > " + DeepRelu.ESCAPED + ")",
                        "He: best minus last accuracy"),
                perSeed);
        HtmlReport.Table confusion = ClassificationReport.confusionTable(
                "1/fan_in after " + epochs + " epoch(s): test" + " confusion matrix (mean count over seeds)",
                seeds.stream()
                        .map(r -> r.lecun().reports().size() < epochs
                                ? null
                                : ClassificationReport.last(r.lecun().reports()))
                        .toList());
        List<String> charts = new ArrayList<>();
        charts.add(gradientsAtInit(seeds));
        charts.add(accuracyCurves(seeds));
        for (int k = 0; k < 2; k++) {
            charts.add(overTraining(seeds, k, true));
            charts.add(overTraining(seeds, k, false));
        }
        return new Rendering(List.of(summary, seedTable, confusion), charts, csv(seeds), conclusion(e, seeds, verdict));
    }

    private static String escape(DeepRelu.Run lecun) {
        int at = lecun.escapeEpoch();
        return at == 0 ? "no (stalled through epoch " + lecun.testAccuracy().length + ")" : "epoch " + at;
    }

    private static String conclusion(DeepRelu e, List<DeepRelu.Result> seeds, Verdict verdict) {
        int epochs = seeds.get(0).he().testAccuracy().length;
        long escaped = seeds.stream().filter(r -> r.lecun().escapeEpoch() > 0).count();
        String escapes = seeds.stream()
                .map(r -> "seed " + r.seed() + ": " + escape(r.lecun()))
                .collect(Collectors.joining(", "));
        StringBuilder s = new StringBuilder();
        s.append("At step 0 the first layer's weight-gradient norm under 1/fan_in was ")
                .append(Cells.of(seeds, DeepRelu.Result::gradientRatio))
                .append(
                        " of He's (theory about 2^-14.5 ≈ 4e-5: the gradient shrinks by √2 per layer on its way down). After ")
                .append(epochs)
                .append(" epoch(s) at lr ")
                .append(e.lr())
                .append(" the test accuracy was ")
                .append(Cells.of(seeds, r -> r.lecun().finalAccuracy()))
                .append(" from 1/fan_in and ")
                .append(Cells.of(seeds, r -> r.he().finalAccuracy()))
                .append(" from He (effect ")
                .append(Cells.of(seeds, DeepRelu.Result::effect))
                .append("; macro-F1 ")
                .append(Cells.of(seeds, r -> r.lecun().finalMacroF1()))
                .append(" and ")
                .append(Cells.of(seeds, r -> r.he().finalMacroF1()))
                .append("). ");
        if (escaped == 0) {
            s.append("The 1/fan_in net stayed on the plateau (test accuracy never above ")
                    .append(DeepRelu.ESCAPED)
                    .append(") on every seed through epoch ")
                    .append(epochs)
                    .append(": over this budget the stall lasted, as He et al. report (\"even given more epochs\").");
        } else {
            s.append("The 1/fan_in net's test accuracy passed ")
                    .append(DeepRelu.ESCAPED)
                    .append(" on ")
                    .append(escaped)
                    .append(" of ")
                    .append(seeds.size())
                    .append(" seed(s) (")
                    .append(escapes)
                    .append("), its best being ")
                    .append(Cells.of(seeds, r -> max(r.lecun().testAccuracy())))
                    .append(
                            seeds.stream().allMatch(r -> r.effect() >= DeepRelu.EFFECT)
                                    ? ": it was learning slowly, not stuck for good, though still more than "
                                            + DeepRelu.EFFECT
                                            + " below He on every seed; He et al.'s \"does not converge even given more epochs\""
                                            + " holds over this budget only in that sense."
                                    : ": it learned, coming within " + DeepRelu.EFFECT
                                            + " of He on some seed(s), so He et al.'s"
                                            + " \"does not converge even given more epochs\" does not reproduce at this budget.");
        }
        double worstDrop = seeds.stream()
                .mapToDouble(r -> max(r.he().testAccuracy()) - r.he().finalAccuracy())
                .max()
                .orElse(0);
        s.append(" He's largest fall from its best test accuracy to the last epoch was ")
                .append(Cells.number(worstDrop))
                .append(worstDrop > 0.1 ? " (unstable at this learning rate)." : ".");
        s.append(
                verdict.finding() == Finding.SUPPORTED
                        ? " Both criteria hold."
                        : verdict.finding() == Finding.INCONCLUSIVE
                                ? " Not decided: " + deciding(verdict) + " lies within the seed noise."
                                : " Not supported: " + deciding(verdict) + ".");
        return s.toString();
    }

    private static String deciding(Verdict v) {
        return v.deciding().stream().map(c -> c.criterion().figure()).collect(Collectors.joining("; "));
    }

    private static String csv(List<DeepRelu.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,init,quantity,x,layer,value\n");
        for (DeepRelu.Result r : seeds) {
            for (DeepRelu.Run run : r.runs()) {
                String head = r.seed() + "," + run.init() + ",";
                double[] g = run.gradNormsAtInit();
                for (int i = 0; i < g.length; i++) {
                    csv.append(head)
                            .append("grad_norm_at_init,0,")
                            .append(i + 1)
                            .append(',')
                            .append(g[i])
                            .append('\n');
                }
                for (int ep = 0; ep < run.testAccuracy().length; ep++) {
                    csv.append(head)
                            .append("train_loss,")
                            .append(ep + 1)
                            .append(",,")
                            .append(run.trainLoss()[ep])
                            .append('\n');
                    csv.append(head)
                            .append("test_loss,")
                            .append(ep + 1)
                            .append(",,")
                            .append(run.testLoss()[ep])
                            .append('\n');
                    csv.append(head)
                            .append("test_accuracy,")
                            .append(ep + 1)
                            .append(",,")
                            .append(run.testAccuracy()[ep])
                            .append('\n');
                }
                DeepRelu.Probed p = run.probe();
                for (int k = 0; k < p.steps().length; k++) {
                    for (int i = 0; i < p.gradNorm()[k].length; i++) {
                        csv.append(head)
                                .append("grad_norm,")
                                .append(p.steps()[k])
                                .append(',')
                                .append(i + 1)
                                .append(',')
                                .append(p.gradNorm()[k][i])
                                .append('\n');
                        csv.append(head)
                                .append("update_ratio,")
                                .append(p.steps()[k])
                                .append(',')
                                .append(i + 1)
                                .append(',')
                                .append(p.updateRatio()[k][i])
                                .append('\n');
                    }
                }
            }
        }
        return csv.toString();
    }

    private static String gradientsAtInit(List<DeepRelu.Result> seeds) {
        List<Svg.Series> series = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int i = k;
            series.add(Bands.of(LABELS.get(k), seeds, r -> r.runs().get(i).gradNormsAtInit()));
        }
        return Svg.lineChart(
                "weight-gradient norm per layer at step 0 (mean over " + seeds.size() + " seeds, band min to max)",
                "layer",
                "norm (log scale)",
                series,
                true);
    }

    private static String accuracyCurves(List<DeepRelu.Result> seeds) {
        List<Svg.Series> series = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int i = k;
            series.add(Bands.of(LABELS.get(k), seeds, r -> r.runs().get(i).testAccuracy()));
        }
        return Svg.lineChart(
                "test accuracy per epoch (mean over " + seeds.size() + " seeds, band min to max; each seed's"
                        + " escape epoch in the table)",
                "epoch",
                "accuracy",
                series,
                false);
    }

    /**
     * Weight-gradient norm or update ratio of the {@link DeepRelu#SHOWN} layers over training steps,
     * mean and band over the seeds (at the first seed's snapshot steps, which every seed shares).
     */
    private static String overTraining(List<DeepRelu.Result> seeds, int k, boolean gradient) {
        DeepRelu.Probed p = seeds.get(0).runs().get(k).probe();
        double[] x = new double[p.steps().length];
        for (int s = 0; s < x.length; s++) {
            x[s] = p.steps()[s];
        }
        List<Svg.Series> series = new ArrayList<>();
        for (int layer : DeepRelu.SHOWN) {
            series.add(Bands.of("layer " + layer, x, seeds, r -> {
                DeepRelu.Probed q = r.runs().get(k).probe();
                double[] y = new double[q.steps().length];
                for (int s = 0; s < y.length; s++) {
                    double[] v = gradient ? q.gradNorm()[s] : q.updateRatio()[s];
                    y[s] = layer - 1 < v.length ? Math.max(1e-30, v[layer - 1]) : Double.NaN;
                }
                return y;
            }));
        }
        String who = LABELS.get(k) + " (mean over " + seeds.size() + " seeds, band min to max)";
        return gradient
                ? Svg.lineChart(who + ": weight-gradient norm while training", "step", "norm (log scale)", series, true)
                : Svg.lineChart(
                        who + ": update ratio ||ΔW||/||W|| while training (about 1e-3 is healthy)",
                        "step",
                        "ratio (log scale)",
                        series,
                        true);
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }

    /** The largest value, NaN only when every value is NaN. */
    private static double max(double[] a) {
        return Arrays.stream(a).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }
}
