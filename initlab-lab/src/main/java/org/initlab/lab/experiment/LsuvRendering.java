package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** Tables, charts, CSV and conclusion of {@link LsuvExperiment}. */
final class LsuvRendering {
    private LsuvRendering() {}

    static String label(String init) {
        return switch (init) {
            case LsuvExperiment.HE -> "He normal";
            case LsuvExperiment.LSUV -> "LSUV";
            case LsuvExperiment.ORTHOGONAL_1 -> "orthogonal, gain 1 (not judged: no ReLU gain)";
            default -> "orthogonal, gain √2";
        };
    }

    static Rendering render(LsuvExperiment e, List<LsuvExperiment.Result> seeds, Verdict verdict) {
        LsuvExperiment.Result first = seeds.get(0);
        List<List<String>> rows = new ArrayList<>();
        for (String init : LsuvExperiment.INITS) {
            rows.add(List.of(
                    label(init),
                    Cells.of(seeds, r -> r.run(init).variances()[0]),
                    Cells.of(seeds, r -> last(r.run(init).variances(), 2)),
                    Cells.of(seeds, r -> r.run(init).largestDeviation()),
                    Cells.of(seeds, r -> r.run(init).finalLoss()),
                    Cells.of(seeds, r -> r.run(init).accuracy()),
                    Cells.of(seeds, r -> r.run(init).macroF1())));
        }
        HtmlReport.Table table = new HtmlReport.Table(
                "At init and after " + e.epochs() + " epochs (mean ± sd over " + seeds.size() + " seed(s))",
                List.of(
                        "init",
                        "layer 1 output variance",
                        "layer 16 output variance",
                        "largest |Var − 1|",
                        "final training loss",
                        "test accuracy",
                        "macro-F1"),
                rows);

        List<Svg.Series> variances = new ArrayList<>();
        List<Svg.Series> accuracy = new ArrayList<>();
        for (LsuvExperiment.Run run : first.runs()) {
            String init = run.init();
            variances.add(Bands.of(label(init), seeds, r -> r.run(init).variances()));
            double[] ep = new double[run.epochs() + 1];
            for (int i = 0; i < ep.length; i++) {
                ep[i] = i;
            }
            accuracy.add(Bands.of(label(init), ep, seeds, r -> r.run(init).testAccuracy()));
        }
        List<String> charts = List.of(
                Svg.lineChart(
                        "output variance of each dense layer at init (mean over " + seeds.size() + " seeds, band min"
                                + " to max; LSUV batch)",
                        "layer",
                        "variance (log scale)",
                        variances,
                        true),
                Svg.lineChart(
                        "test accuracy per epoch (mean over " + seeds.size() + " seeds, band min to max; epoch 0: at"
                                + " init)",
                        "epoch",
                        "test accuracy",
                        accuracy,
                        false));

        StringBuilder csv = new StringBuilder("seed,init,quantity,index,value\n");
        for (LsuvExperiment.Result r : seeds) {
            for (LsuvExperiment.Run run : r.runs()) {
                String init = run.init().replace(",", ";");
                for (int i = 0; i < run.variances().length; i++) {
                    csv.append(r.seed())
                            .append(',')
                            .append(init)
                            .append(",init_variance,")
                            .append(i + 1)
                            .append(',')
                            .append(run.variances()[i])
                            .append('\n');
                }
                for (int i = 0; i <= run.epochs(); i++) {
                    csv.append(r.seed())
                            .append(',')
                            .append(init)
                            .append(",test_accuracy,")
                            .append(i)
                            .append(',')
                            .append(run.testAccuracy()[i])
                            .append('\n');
                    if (i > 0) {
                        csv.append(r.seed())
                                .append(',')
                                .append(init)
                                .append(",train_loss,")
                                .append(i)
                                .append(',')
                                .append(run.trainLoss()[i])
                                .append('\n');
                    }
                }
            }
            for (int i = 0; i < r.lsuvIterations().length; i++) {
                csv.append(r.seed())
                        .append(",lsuv,iterations,")
                        .append(i + 1)
                        .append(',')
                        .append(r.lsuvIterations()[i])
                        .append('\n');
            }
        }
        return new Rendering(List.of(table), charts, csv.toString(), conclusion(e, seeds));
    }

    /** The {@code k}-th value from the end (1: the last). */
    private static double last(double[] v, int k) {
        return v[v.length - k];
    }

    private static String conclusion(LsuvExperiment e, List<LsuvExperiment.Result> seeds) {
        Estimate diff = Cells.across(seeds, LsuvExperiment.Result::lsuvMinusBest);
        String training = diff.low() >= -LsuvExperiment.MARGIN
                ? "LSUV trains as well as the better fair baseline (within " + LsuvExperiment.MARGIN + ", 95% interval)"
                : diff.high() < -LsuvExperiment.MARGIN
                        ? "LSUV trains worse than the better fair baseline by more than " + LsuvExperiment.MARGIN
                        : "whether LSUV trains as well as the better fair baseline is within the seed noise at this margin ("
                                + LsuvExperiment.MARGIN + ")";
        return "LSUV needed at most "
                + seeds.stream()
                        .mapToInt(LsuvExperiment.Result::maxIterations)
                        .max()
                        .orElse(0)
                + " rescaling(s) per layer and left every dense"
                + " layer's output variance within "
                + Cells.of(seeds, r -> r.run(LsuvExperiment.LSUV).largestDeviation())
                + " of 1 on its batch. At init the 16th layer's output variance was "
                + Cells.of(seeds, r -> last(r.run(LsuvExperiment.HE).variances(), 2)) + " with He and "
                + Cells.of(
                        seeds, r -> last(r.run(LsuvExperiment.ORTHOGONAL_RELU).variances(), 2))
                + " with orthogonal·√2, but "
                + Cells.of(seeds, r -> last(r.run(LsuvExperiment.ORTHOGONAL_1).variances(), 2))
                + " with orthogonal at gain 1,"
                + " whose signal a ReLU halves at every layer. After " + e.epochs() + " epochs the test accuracy was "
                + Cells.of(seeds, r -> r.run(LsuvExperiment.HE).accuracy()) + " (He), "
                + Cells.of(seeds, r -> r.run(LsuvExperiment.ORTHOGONAL_RELU).accuracy()) + " (orthogonal·√2) and "
                + Cells.of(seeds, r -> r.run(LsuvExperiment.LSUV).accuracy())
                + " (LSUV); LSUV minus the better baseline "
                + Cells.of(diff) + ": " + training + ". Orthogonal at gain 1, reported only, reached "
                + Cells.of(seeds, r -> r.run(LsuvExperiment.ORTHOGONAL_1).accuracy())
                + ": comparing LSUV with it would credit"
                + " LSUV with the missing ReLU gain.";
    }
}
