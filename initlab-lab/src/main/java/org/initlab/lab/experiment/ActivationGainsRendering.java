package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** Tables, charts, CSV and conclusion of {@link ActivationGains}. */
final class ActivationGainsRendering {
    private ActivationGainsRendering() {}

    static Rendering render(ActivationGains e, List<ActivationGains.Result> seeds, Verdict verdict) {
        int epochs = seeds.get(0).epochs();
        List<List<String>> advice = new ArrayList<>();
        List<Svg.Interval> points = new ArrayList<>();
        for (ActivationGains.Advice a : ActivationGains.ADVICE) {
            Check c = ActivationGains.check(a, seeds);
            advice.add(List.of(
                    a.id() + " " + a.advice(),
                    a.source(),
                    Cells.of(seeds, r -> r.of(a.recommended()).finalAccuracy()),
                    Cells.of(seeds, r -> r.of(a.other()).finalAccuracy()),
                    Cells.of(c.estimate()),
                    Cells.of(
                            seeds,
                            r -> r.of(a.other()).finalLoss()
                                    - r.of(a.recommended()).finalLoss()),
                    c.finding().label() + (a.headline() ? "" : " (reported, not in the verdict)")));
            points.add(new Svg.Interval(
                    a.id() + " " + a.recommended().activation(),
                    c.estimate().mean(),
                    c.estimate().low(),
                    c.estimate().high()));
        }
        List<List<String>> arms = new ArrayList<>();
        for (ActivationGains.Arm arm : ActivationGains.ARMS) {
            arms.add(List.of(
                    arm.activation(),
                    arm.label(),
                    arm.spec(),
                    Cells.of(seeds, r -> r.of(arm).testAccuracy()[0]),
                    Cells.of(seeds, r -> r.of(arm).finalAccuracy()),
                    Cells.of(seeds, r -> r.of(arm).finalMacroF1()),
                    Cells.of(seeds, r -> r.of(arm).finalLoss()),
                    Long.toString(seeds.stream()
                            .filter(r -> Double.isNaN(r.of(arm).finalLoss()))
                            .count())));
        }
        List<String> charts = new ArrayList<>();
        charts.add(Svg.intervalChart(
                "accuracy effect after " + epochs + " epochs (95% interval)",
                "recommended minus other",
                points,
                false,
                0));
        for (String activation : List.of("sigmoid", "tanh", "relu")) {
            List<Svg.Series> series = new ArrayList<>();
            for (ActivationGains.Arm arm : ActivationGains.ARMS) {
                if (arm.activation().equals(activation)) {
                    double[] x = new double[epochs];
                    for (int i = 0; i < epochs; i++) {
                        x[i] = i + 1;
                    }
                    series.add(Bands.of(arm.label(), x, seeds, r -> r.of(arm).testAccuracy()));
                }
            }
            charts.add(Svg.lineChart(
                    activation + ": test accuracy per epoch (mean over " + seeds.size() + " seeds, band min"
                            + " to max)",
                    "epoch",
                    "test accuracy",
                    series,
                    false));
        }
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Each piece of advice by its effect after " + epochs
                                        + " epoch(s) (mean ± sd over seeds)",
                                List.of(
                                        "advice",
                                        "source",
                                        "recommended: test accuracy",
                                        "other: test accuracy",
                                        "effect on test accuracy",
                                        "effect on training loss (other minus recommended)",
                                        "finding"),
                                advice),
                        new HtmlReport.Table(
                                "Every net (mean ± sd over seeds)",
                                List.of(
                                        "activation",
                                        "init",
                                        "spec",
                                        "test accuracy after epoch 1",
                                        "test accuracy after " + epochs,
                                        "macro-F1",
                                        "final training loss",
                                        "seeds diverged"),
                                arms)),
                charts,
                csv(seeds),
                conclusion(e, seeds, verdict));
    }

    private static String csv(List<ActivationGains.Result> seeds) {
        StringBuilder sb = new StringBuilder("seed,activation,init,epoch,train_loss,test_accuracy\n");
        for (ActivationGains.Result r : seeds) {
            for (ActivationGains.Run run : r.runs()) {
                for (int i = 0; i < run.testAccuracy().length; i++) {
                    sb.append(r.seed())
                            .append(',')
                            .append(run.activation())
                            .append(',')
                            .append(run.label().replace(",", ";"))
                            .append(',')
                            .append(i + 1)
                            .append(',')
                            .append(run.trainLoss()[i])
                            .append(',')
                            .append(run.testAccuracy()[i])
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String conclusion(ActivationGains e, List<ActivationGains.Result> seeds, Verdict verdict) {
        List<String> parts = new ArrayList<>();
        for (ActivationGains.Advice a : ActivationGains.ADVICE) {
            Check c = ActivationGains.check(a, seeds);
            String outcome = switch (c.finding()) {
                case SUPPORTED -> "the advice holds";
                case NOT_SUPPORTED -> "the advice is refuted: the other init trained as well or better";
                case INCONCLUSIVE -> "the difference is within the seeds' noise";
            };
            boolean stuck = Cells.across(
                                    seeds,
                                    r -> Math.max(
                                            r.of(a.recommended()).finalAccuracy(),
                                            r.of(a.other()).finalAccuracy()))
                            .mean()
                    <= 2 * ActivationGains.CHANCE;
            parts.add(a.id() + " " + a.advice() + ": "
                    + Cells.of(seeds, r -> r.of(a.recommended()).finalAccuracy())
                    + " against " + Cells.of(seeds, r -> r.of(a.other()).finalAccuracy()) + " test accuracy, effect "
                    + Cells.of(c.estimate()) + "; "
                    + (stuck
                            ? "neither net learned (both near chance), so this set-up"
                                    + " cannot tell the two inits apart"
                            : outcome));
        }
        parts.add("Early in training (test accuracy after the first epoch) ReLU with He was at "
                + Cells.of(seeds, r -> r.of(ActivationGains.RELU_HE).testAccuracy()[0]) + " and with Glorot at "
                + Cells.of(seeds, r -> r.of(ActivationGains.RELU_GLOROT).testAccuracy()[0])
                + "; tanh with gains 1, 5/3 and √2 at "
                + Cells.of(seeds, r -> r.of(ActivationGains.TANH_1).testAccuracy()[0]) + ", "
                + Cells.of(seeds, r -> r.of(ActivationGains.TANH_5_3).testAccuracy()[0]) + " and "
                + Cells.of(seeds, r -> r.of(ActivationGains.TANH_SQRT2).testAccuracy()[0]));
        long diverged = seeds.stream()
                .flatMap(r -> r.runs().stream())
                .filter(r -> Double.isNaN(r.finalLoss()))
                .count();
        return "After " + seeds.get(0).epochs() + " epoch(s) of SGD at lr " + e.lr() + " on " + ActivationGains.DATA
                + ": "
                + String.join(". ", parts) + ". "
                + (diverged == 0 ? "No run diverged. " : diverged + " run(s) diverged and count as chance (0.1). ")
                + (verdict.finding() == Finding.SUPPORTED
                        ? "All three headline pieces of advice held."
                        : "The headline verdict is " + verdict.finding().label() + ".");
    }
}
