package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link OrthogonalInit}. */
final class OrthogonalReport {
    private OrthogonalReport() {}

    static Rendering render(OrthogonalInit e, List<OrthogonalInit.Result> seeds, Verdict verdict) {
        OrthogonalInit.Result first = seeds.get(0);
        OrthogonalInit.Timing t0 = first.timing();
        List<List<String>> timing = new ArrayList<>();
        for (int i = 0; i < t0.sides().length; i++) {
            int k = i;
            timing.add(List.of(
                    t0.sides()[k] + "²",
                    Cells.of(seeds, r -> r.timing().gaussianMs()[k]),
                    Cells.of(seeds, r -> r.timing().qrMs()[k]),
                    Cells.of(seeds, r -> r.timing().svdMs()[k]),
                    Cells.of(seeds, r -> r.timing().qrMs()[k] / r.timing().gaussianMs()[k]),
                    Cells.of(seeds, r -> r.timing().svdMs()[k] / r.timing().qrMs()[k])));
        }
        List<List<String>> training = new ArrayList<>();
        for (int i = 0; i < first.runs().size(); i++) {
            int k = i;
            List<OrthogonalInit.Result> finished =
                    seeds.stream().filter(r -> !r.runs().get(k).diverged()).toList();
            int diverged = seeds.size() - finished.size();
            training.add(List.of(
                    first.runs().get(k).label(),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> r.runs().get(k).finalTrainLoss()),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> r.runs().get(k).accuracy()),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> r.runs().get(k).macroF1()),
                    diverged == 0 ? "no" : diverged + " of " + seeds.size()));
        }
        List<List<String>> claims = new ArrayList<>();
        List<String> parts = List.of("cost", "benefit in a deep plain CNN", "less advantage for CNNs");
        for (int i = 0; i < verdict.checks().size(); i++) {
            Check c = verdict.checks().get(i);
            claims.add(List.of(
                    i < parts.size() ? parts.get(i) : "",
                    c.criterion().figure(),
                    Cells.of(c.estimate()),
                    c.criterion().side().symbol() + " "
                            + Cells.number(c.criterion().threshold()),
                    c.finding().label()));
        }
        List<String> charts = List.of(
                timingChart(seeds),
                lossChart(seeds, 0, 1, "deep plain CNN"),
                lossChart(seeds, 2, 3, "deep MLP"),
                effectChart(seeds));
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Sub-claims (mean ± sd over seeds)",
                                List.of("claim", "figure", "value", "bar", "finding"),
                                claims),
                        new HtmlReport.Table(
                                "Fill time in ms on this machine (" + t0.lapack() + "; fastest of at least "
                                        + e.repeats() + " repeats; mean ± sd over seeds)",
                                List.of(
                                        "matrix",
                                        "Gaussian",
                                        "orthogonal (QR)",
                                        "orthogonal (SVD)",
                                        "QR ÷ Gaussian",
                                        "SVD ÷ QR"),
                                timing),
                        new HtmlReport.Table(
                                "After " + e.epochs() + " epoch(s) (mean ± sd over the seeds that did not diverge)",
                                List.of("network, init", "final train loss", "test accuracy", "macro-F1", "diverged"),
                                training)),
                charts,
                csv(seeds),
                conclusion(e, seeds, verdict));
    }

    /** Whether the mean absolute effect shrank or grew from {@code early} to {@code last}. */
    private static String trend(
            List<OrthogonalInit.Result> early,
            List<OrthogonalInit.Result> last,
            ToDoubleFunction<OrthogonalInit.Result> effect) {
        double a = Math.abs(Cells.across(early, effect).mean());
        double b = Math.abs(Cells.across(last, effect).mean());
        return b < a ? "shrank (a difference in early speed more than in the end)" : "grew or held";
    }

    private static String timingChart(List<OrthogonalInit.Result> seeds) {
        OrthogonalInit.Timing t = seeds.get(0).timing();
        double[] x = new double[t.sides().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.sides()[i];
        }
        return Svg.lineChart(
                "fill time of a square matrix by side (mean over seeds, band: min to max)",
                "matrix side",
                "milliseconds (log scale)",
                List.of(
                        band("Gaussian", x, seeds, OrthogonalInit.Timing::gaussianMs),
                        band("orthogonal (QR)", x, seeds, OrthogonalInit.Timing::qrMs),
                        band("orthogonal (SVD)", x, seeds, OrthogonalInit.Timing::svdMs)),
                true);
    }

    private static Svg.Series band(
            String name,
            double[] x,
            List<OrthogonalInit.Result> seeds,
            java.util.function.Function<OrthogonalInit.Timing, double[]> f) {
        double[] mean = new double[x.length];
        double[] low = new double[x.length];
        double[] high = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int k = i;
            Estimate est = Cells.across(seeds, r -> f.apply(r.timing())[k]);
            mean[i] = est.mean();
            low[i] = est.min();
            high[i] = est.max();
        }
        return new Svg.Series(name, x, mean, low, high);
    }

    private static String lossChart(List<OrthogonalInit.Result> seeds, int a, int b, String net) {
        List<Svg.Series> series = new ArrayList<>();
        for (int k : new int[] {a, b}) {
            Svg.Series c = MitigationsReport.epochCurve(
                    seeds.get(0).runs().get(k).label(), seeds, r -> r.runs().get(k), Mitigations.Run::trainLoss);
            if (c != null) {
                series.add(c);
            }
        }
        return Svg.lineChart(
                net + ": training loss per epoch (mean over " + seeds.size() + " seeds, band min to max)",
                "epoch",
                "loss (log scale)",
                series,
                true);
    }

    private static String effectChart(List<OrthogonalInit.Result> seeds) {
        Estimate cnn = Cells.across(seeds, OrthogonalInit.Result::cnnEffect);
        Estimate mlp = Cells.across(seeds, OrthogonalInit.Result::mlpEffect);
        return Svg.pointChart(
                "orthogonal − Gaussian test accuracy per network (mean, 95% interval over seeds)",
                List.of("deep plain CNN", "deep MLP"),
                "accuracy difference",
                List.of(new Svg.Series(
                        "effect",
                        new double[] {0, 1},
                        new double[] {cnn.mean(), mlp.mean()},
                        new double[] {cnn.low(), mlp.low()},
                        new double[] {cnn.high(), mlp.high()})),
                false);
    }

    private static String csv(List<OrthogonalInit.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,part,label,metric,index,value\n");
        for (OrthogonalInit.Result r : seeds) {
            OrthogonalInit.Timing t = r.timing();
            for (int i = 0; i < t.sides().length; i++) {
                String prefix = r.seed() + ",cost,";
                csv.append(prefix)
                        .append("gaussian,fill_ms,")
                        .append(t.sides()[i])
                        .append(',')
                        .append(t.gaussianMs()[i])
                        .append('\n')
                        .append(prefix)
                        .append("orthogonal qr,fill_ms,")
                        .append(t.sides()[i])
                        .append(',')
                        .append(t.qrMs()[i])
                        .append('\n')
                        .append(prefix)
                        .append("orthogonal svd,fill_ms,")
                        .append(t.sides()[i])
                        .append(',')
                        .append(t.svdMs()[i])
                        .append('\n');
            }
            for (Mitigations.Run run : r.runs()) {
                String prefix = r.seed() + ",training," + run.label().replace(",", ";") + ",";
                for (int k = 0; k < run.trainLoss().length; k++) {
                    csv.append(prefix)
                            .append("train_loss,")
                            .append(k + 1)
                            .append(',')
                            .append(run.trainLoss()[k])
                            .append('\n')
                            .append(prefix)
                            .append("test_loss,")
                            .append(k + 1)
                            .append(',')
                            .append(run.testLoss()[k])
                            .append('\n')
                            .append(prefix)
                            .append("test_accuracy,")
                            .append(k + 1)
                            .append(',')
                            .append(run.testAccuracy()[k])
                            .append('\n');
                }
                csv.append(prefix)
                        .append("diverged_step,0,")
                        .append(run.divergedStep())
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static String conclusion(OrthogonalInit e, List<OrthogonalInit.Result> seeds, Verdict verdict) {
        OrthogonalInit.Timing t = seeds.get(0).timing();
        int side = t.sides()[t.sides().length - 1];
        ToDoubleFunction<OrthogonalInit.Result> qr = r -> r.timing().qrMs()[t.sides().length - 1];
        StringBuilder s = new StringBuilder();
        s.append("Cost: at ")
                .append(side)
                .append("² the orthogonal fill took ")
                .append(Cells.of(seeds, qr))
                .append(" ms by QR and ")
                .append(Cells.of(seeds, r -> r.timing().svdMs()[t.sides().length - 1]))
                .append(" ms by SVD against ")
                .append(Cells.of(seeds, r -> r.timing().gaussianMs()[t.sides().length - 1]))
                .append(" ms for the Gaussian: QR is ")
                .append(Cells.of(seeds, r -> r.timing().qrOverGaussian()))
                .append(" times the Gaussian (the claim's bar: 10), ")
                .append(verdict.checks().get(0).finding().label())
                .append(", and SVD ")
                .append(Cells.of(seeds, r -> r.timing().svdOverQr()))
                .append(" times QR. These are wall times on this" + " machine (LAPACK: ")
                .append(t.lapack())
                .append(") under its load at the time; the factor grows with"
                        + " the side, and the cost is paid once per weight, before training.");
        s.append(" Deep plain CNN (")
                .append(e.depth())
                .append(" convolutions, ")
                .append(e.act())
                .append("): delta-orthogonal" + " reached test accuracy ")
                .append(Cells.of(seeds, r -> r.cnnOrthogonal().score()))
                .append(" against ")
                .append(Cells.of(seeds, r -> r.cnnGaussian().score()))
                .append(" for the Gaussian, an effect of ")
                .append(Cells.of(seeds, OrthogonalInit.Result::cnnEffect))
                .append(" (bar ")
                .append(Cells.number(OrthogonalInit.BENEFIT))
                .append("): ")
                .append(verdict.checks().get(1).finding().label())
                .append(". MLP of the same depth: orthogonal ")
                .append(Cells.of(seeds, r -> r.mlpOrthogonal().score()))
                .append(" against ")
                .append(Cells.of(seeds, r -> r.mlpGaussian().score()))
                .append(", effect ")
                .append(Cells.of(seeds, OrthogonalInit.Result::mlpEffect))
                .append(". The MLP's effect minus the CNN's, ")
                .append(Cells.of(seeds, r -> r.mlpEffect() - r.cnnEffect()))
                .append(", makes \"less advantage for CNNs\" ")
                .append(verdict.checks().get(2).finding().label())
                .append(".");
        if (e.epochs() > 1) {
            List<OrthogonalInit.Result> early =
                    seeds.stream().map(r -> e.atBudget(r, 1)).toList();
            s.append(" After the first epoch the effects were ")
                    .append(Cells.of(early, OrthogonalInit.Result::cnnEffect))
                    .append(" (CNN) and ")
                    .append(Cells.of(early, OrthogonalInit.Result::mlpEffect))
                    .append(" (MLP)");
            String cnn = trend(early, seeds, OrthogonalInit.Result::cnnEffect);
            String mlp = trend(early, seeds, OrthogonalInit.Result::mlpEffect);
            s.append(
                    cnn.equals(mlp)
                            ? ": with training both effects " + cnn + "."
                            : ": with training the CNN's effect " + cnn + " and the MLP's " + mlp + ".");
        }
        long diverged = seeds.stream()
                .flatMap(r -> r.runs().stream())
                .filter(Mitigations.Run::diverged)
                .count();
        if (diverged > 0) {
            s.append(" ").append(diverged).append(" run(s) diverged; they are scored as chance (0.1) in the effects.");
        }
        return s.toString();
    }
}
