package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.RegressionMetrics;

/** The tables, charts, CSV and conclusion of {@link Metrics}. */
final class MetricsReport {
    private MetricsReport() {}

    static Rendering render(Metrics m, List<Metrics.Result> seeds, Verdict verdict) {
        List<ClassificationReport> imbalanced =
                seeds.stream().map(Metrics.Result::lastImbalanced).toList();
        List<List<String>> summary = new ArrayList<>();
        for (boolean imb : new boolean[] {true, false}) {
            Function<Metrics.Result, ClassificationReport> f =
                    imb ? Metrics.Result::lastImbalanced : Metrics.Result::lastBalanced;
            int k = f.apply(seeds.get(0)).classes();
            summary.add(List.of(
                    imb ? "imbalanced (classes 5-9 at " + m.minorityShare() + ")" : "balanced control",
                    Cells.of(seeds, r -> f.apply(r).accuracy()),
                    Cells.of(seeds, r -> f.apply(r).micro().f1()),
                    Cells.of(seeds, r -> f.apply(r).macro().f1()),
                    Cells.of(seeds, r -> f.apply(r).weighted().f1()),
                    Cells.of(seeds, r -> f.apply(r).meanRecall(0, Metrics.FIRST_MINORITY)),
                    Cells.of(seeds, r -> f.apply(r).meanRecall(Metrics.FIRST_MINORITY, k))));
        }
        List<List<String>> regression = List.of(List.of(
                Cells.of(seeds, r -> r.lastRegression().meanSquaredError()),
                Cells.of(seeds, r -> r.lastRegression().rootMeanSquaredError()),
                Cells.of(seeds, r -> r.lastRegression().meanAbsoluteError()),
                Cells.of(seeds, r -> r.lastRegression().rSquared())));
        List<HtmlReport.Table> tables = List.of(
                new HtmlReport.Table(
                        "Test figures after training (mean ± sd over seeds)",
                        List.of("task", "accuracy", "micro-F1", "macro-F1", "weighted-F1", "recall 0-4", "recall 5-9"),
                        summary),
                ClassificationReport.averagesTable("Imbalanced task: averages (mean ± sd over seeds)", imbalanced),
                ClassificationReport.perClassTable("Imbalanced task: per class (mean ± sd over seeds)", imbalanced),
                ClassificationReport.confusionTable(
                        "Imbalanced task: confusion matrix, mean count over seeds", imbalanced),
                new HtmlReport.Table(
                        "Regression (" + Metrics.REGRESSION + "), test figures (mean ± sd over seeds)",
                        List.of("MSE", "RMSE", "MAE", "R²"),
                        regression));
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < imbalanced.get(0).classes(); c++) {
            classes.add(Integer.toString(c));
        }
        List<String> charts = List.of(
                Svg.lineChart(
                        "imbalanced task: test accuracy (= micro-F1) and macro-F1 per epoch (mean over seeds, band"
                                + " min to max)",
                        "epoch",
                        "score",
                        List.of(
                                perEpoch("accuracy, imbalanced", seeds, Metrics.Result::imbalanced, r -> r.accuracy()),
                                perEpoch(
                                        "macro-F1, imbalanced",
                                        seeds,
                                        Metrics.Result::imbalanced,
                                        r -> r.macro().f1()),
                                perEpoch(
                                        "macro-F1, balanced",
                                        seeds,
                                        Metrics.Result::balanced,
                                        r -> r.macro().f1())),
                        false),
                Svg.pointChart(
                        "test recall per class (mean and 95% interval over seeds)",
                        classes,
                        "recall",
                        List.of(
                                perClass("imbalanced", seeds, Metrics.Result::lastImbalanced),
                                perClass("balanced", seeds, Metrics.Result::lastBalanced)),
                        false));
        int epochs = seeds.get(0).imbalanced().size();
        String conclusion = "After " + epochs + " epoch(s) on the imbalanced digits (training counts per class "
                + java.util.Arrays.toString(seeds.get(0).trainCounts()) + " for seed "
                + seeds.get(0).seed() + ") the test"
                + " accuracy was " + Cells.of(seeds, r -> r.lastImbalanced().accuracy()) + " and macro-F1 "
                + Cells.of(seeds, r -> r.lastImbalanced().macro().f1()) + " (gap "
                + Cells.of(seeds, Metrics.Result::gap)
                + "); classes 5-9 were recalled at "
                + Cells.of(
                        seeds,
                        r -> r.lastImbalanced()
                                .meanRecall(
                                        Metrics.FIRST_MINORITY,
                                        r.lastImbalanced().classes()))
                + ", " + Cells.of(seeds, Metrics.Result::overstatement)
                + " below the accuracy. On the balanced control the gap was "
                + Cells.of(seeds, r -> Metrics.Result.gap(r.lastBalanced())) + ". Micro-F1 equalled the accuracy to "
                + Cells.of(
                        seeds,
                        r -> Math.abs(r.lastImbalanced().micro().f1()
                                - r.lastImbalanced().accuracy()))
                + ", as it must for single-label data. "
                + verdict.checks().stream()
                        .map(c -> c.criterion().figure() + ": " + c.finding().label())
                        .collect(Collectors.joining("; "))
                + ". "
                + (verdict.finding() == Finding.SUPPORTED
                        ? "Accuracy alone hid the weaker minority classes here."
                        : "Here the claim does not hold at the stated margins.")
                + " The regression net reached R² "
                + Cells.of(seeds, r -> r.lastRegression().rSquared()) + " (RMSE "
                + Cells.of(seeds, r -> r.lastRegression().rootMeanSquaredError()) + ", MAE "
                + Cells.of(seeds, r -> r.lastRegression().meanAbsoluteError()) + "); it is reported, not judged.";
        return new Rendering(tables, charts, csv(seeds), conclusion);
    }

    private static Svg.Series perEpoch(
            String name,
            List<Metrics.Result> seeds,
            Function<Metrics.Result, List<ClassificationReport>> task,
            ToDoubleFunction<ClassificationReport> f) {
        int n = seeds.stream().mapToInt(r -> task.apply(r).size()).min().orElse(0);
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int e = 0; e < n; e++) {
            int k = e;
            Estimate est = Estimate.of(seeds.stream()
                    .mapToDouble(r -> f.applyAsDouble(task.apply(r).get(k)))
                    .toArray());
            x[e] = e + 1;
            mean[e] = est.mean();
            low[e] = est.min();
            high[e] = est.max();
        }
        return new Svg.Series(name, x, mean, low, high);
    }

    private static Svg.Series perClass(
            String name, List<Metrics.Result> seeds, Function<Metrics.Result, ClassificationReport> task) {
        int k = task.apply(seeds.get(0)).classes();
        double[] x = new double[k];
        double[] mean = new double[k];
        double[] low = new double[k];
        double[] high = new double[k];
        for (int c = 0; c < k; c++) {
            int q = c;
            Estimate est = Estimate.of(
                    seeds.stream().mapToDouble(r -> task.apply(r).recall()[q]).toArray());
            x[c] = c;
            mean[c] = est.mean();
            low[c] = Math.max(0, est.low()); // a recall lies in [0, 1]; the t-interval of 3 seeds may not
            high[c] = Math.min(1, est.high());
        }
        return new Svg.Series(name, x, mean, low, high);
    }

    private static String csv(List<Metrics.Result> seeds) {
        StringBuilder csv = new StringBuilder(
                "seed,task,epoch,accuracy,micro_f1,macro_f1,weighted_f1,minority_recall,mse,rmse," + "mae,r2\n");
        for (Metrics.Result r : seeds) {
            for (boolean imb : new boolean[] {true, false}) {
                List<ClassificationReport> reports = imb ? r.imbalanced() : r.balanced();
                for (int e = 0; e < reports.size(); e++) {
                    ClassificationReport c = reports.get(e);
                    csv.append(r.seed())
                            .append(',')
                            .append(imb ? "imbalanced" : "balanced")
                            .append(',')
                            .append(e + 1)
                            .append(',')
                            .append(c.accuracy())
                            .append(',')
                            .append(c.micro().f1())
                            .append(',')
                            .append(c.macro().f1())
                            .append(',')
                            .append(c.weighted().f1())
                            .append(',')
                            .append(c.meanRecall(Metrics.FIRST_MINORITY, c.classes()))
                            .append(",,,,\n");
                }
            }
            for (int e = 0; e < r.regression().size(); e++) {
                RegressionMetrics g = r.regression().get(e);
                csv.append(r.seed())
                        .append(",regression,")
                        .append(e + 1)
                        .append(",,,,,,")
                        .append(g.meanSquaredError())
                        .append(',')
                        .append(g.rootMeanSquaredError())
                        .append(',')
                        .append(g.meanAbsoluteError())
                        .append(',')
                        .append(g.rSquared())
                        .append('\n');
            }
        }
        return csv.toString();
    }
}
