package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link GlorotTanh}. */
final class GlorotTanhReport {
    /** What the charts' lines and bands are. */
    private static final String BAND = " (mean over seeds, band min to max)";

    private GlorotTanhReport() {}

    static Rendering render(GlorotTanh g, List<GlorotTanh.Result> seeds, Verdict verdict) {
        List<List<String>> rows = new ArrayList<>();
        for (boolean standard : new boolean[] {true, false}) {
            Function<GlorotTanh.Result, GlorotTanh.Run> f =
                    standard ? GlorotTanh.Result::standard : GlorotTanh.Result::normalized;
            rows.add(List.of(
                    standard ? "standard U(±1/√fan_in)" : "normalized (Glorot)",
                    Cells.of(seeds, r -> f.apply(r).activationStd()[0]),
                    Cells.of(seeds, r -> f.apply(r).activationStd()[3]),
                    Cells.of(seeds, r -> f.apply(r).stdRatio()),
                    Cells.of(seeds, r -> f.apply(r).gradientSpread()),
                    Cells.of(seeds, r -> f.apply(r).trainedStd()[3] / f.apply(r).trainedStd()[0]),
                    Cells.of(seeds, r -> f.apply(r).accuracy()),
                    Cells.of(seeds, r -> f.apply(r).macroF1())));
        }
        // both inits on one axis per chart, averaged over the seeds with their range as a band
        List<Svg.Series> stds = List.of(
                Bands.of("standard", seeds, r -> r.standard().activationStd()),
                Bands.of("normalized", seeds, r -> r.normalized().activationStd()));
        List<Svg.Series> grads = List.of(
                Bands.of("standard", seeds, r -> r.standard().gradientNorm()),
                Bands.of("normalized", seeds, r -> r.normalized().gradientNorm()));
        List<Svg.Series> accuracy = List.of(
                Bands.of("standard", seeds, r -> r.standard().testAccuracy()),
                Bands.of("normalized", seeds, r -> r.normalized().testAccuracy()));
        List<String> charts = List.of(
                Svg.lineChart(
                        "tanh activation std per layer at initialization" + BAND, "tanh layer", "std", stds, false),
                Svg.lineChart(
                        "back-propagated gradient norm per layer at initialization" + BAND,
                        "tanh layer",
                        "norm (log scale)",
                        grads,
                        true),
                Svg.lineChart("test accuracy per epoch" + BAND, "epoch", "test accuracy", accuracy, false));
        String conclusion = "At initialization the last tanh layer's std was "
                + Cells.of(seeds, r -> r.standard().stdRatio())
                + " of the first's under the standard init and "
                + Cells.of(seeds, r -> r.normalized().stdRatio())
                + " under the normalized init (quotient " + Cells.of(seeds, GlorotTanh.Result::shrink)
                + "); the back-propagated gradient norms spread over a factor "
                + Cells.of(seeds, r -> r.standard().gradientSpread()) + " and "
                + Cells.of(seeds, r -> r.normalized().gradientSpread())
                + " across the tanh layers. After " + g.epochs() + " epoch(s) the test accuracy was "
                + Cells.of(seeds, r -> r.standard().accuracy()) + " (standard) and "
                + Cells.of(seeds, r -> r.normalized().accuracy())
                + " (normalized), a gain of " + Cells.of(seeds, GlorotTanh.Result::accuracyGain) + ". "
                + verdict.checks().stream()
                        .map(c -> c.criterion().figure() + ": " + c.finding().label())
                        .collect(Collectors.joining("; "))
                + ".";
        return new Rendering(
                List.of(new HtmlReport.Table(
                        "At initialization and after training (mean ± sd over seeds)",
                        List.of(
                                "init",
                                "std layer 1",
                                "std layer 4",
                                "last/first",
                                "gradient spread",
                                "last/first trained",
                                "test accuracy",
                                "macro-F1"),
                        rows)),
                charts,
                csv(seeds),
                conclusion);
    }

    private static String csv(List<GlorotTanh.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,init,metric,index,value\n");
        for (GlorotTanh.Result r : seeds) {
            for (GlorotTanh.Run run : List.of(r.standard(), r.normalized())) {
                String prefix = r.seed() + "," + run.init() + ",";
                append(csv, prefix, "activation_std_at_init", run.activationStd());
                append(csv, prefix, "gradient_norm_at_init", run.gradientNorm());
                append(csv, prefix, "activation_std_trained", run.trainedStd());
                append(csv, prefix, "train_loss", run.trainLoss());
                append(csv, prefix, "test_accuracy", run.testAccuracy());
            }
        }
        return csv.toString();
    }

    private static void append(StringBuilder csv, String prefix, String metric, double[] values) {
        for (int i = 0; i < values.length; i++) {
            csv.append(prefix)
                    .append(metric)
                    .append(',')
                    .append(i + 1)
                    .append(',')
                    .append(values[i])
                    .append('\n');
        }
    }
}
