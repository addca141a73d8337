package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link Remedies}. */
final class RemediesReport {
    private RemediesReport() {}

    static Rendering render(Remedies e, List<Remedies.Result> seeds, Verdict verdict) {
        Remedies.Result first = seeds.get(0);
        int n = first.runs().size();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            List<Remedies.Result> finished =
                    seeds.stream().filter(r -> !r.runs().get(k).diverged()).toList();
            String steps = seeds.stream()
                    .filter(r -> r.runs().get(k).diverged())
                    .map(r -> Long.toString(r.runs().get(k).divergedStep()))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            int diverged = seeds.size() - finished.size();
            rows.add(List.of(
                    first.runs().get(k).label(),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> r.runs().get(k).finalTrainLoss()),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> r.runs().get(k).loss()),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> r.runs().get(k).accuracy()),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> r.runs().get(k).macroF1()),
                    diverged == 0 ? "no" : diverged + " of " + seeds.size() + " (step " + steps + ")"));
        }
        List<List<String>> remedies = new ArrayList<>();
        for (int k = 0; k < Remedies.REMEDIES.size(); k++) {
            String name = Remedies.REMEDIES.get(k);
            List<Check> mine = mine(verdict, name);
            remedies.add(List.of(
                    name,
                    interval(mine.get(0)),
                    interval(mine.get(1)),
                    Finding.all(mine.stream().map(Check::finding).toList()).label()));
        }
        List<List<String>> stacks = new ArrayList<>();
        for (boolean recipe : new boolean[] {false, true}) {
            java.util.function.Function<Remedies.Result, Mitigations.Run> f =
                    recipe ? Remedies.Result::recipeStack : Remedies.Result::plainStack;
            List<Remedies.Result> finished =
                    seeds.stream().filter(r -> !f.apply(r).diverged()).toList();
            int diverged = seeds.size() - finished.size();
            stacks.add(List.of(
                    f.apply(first).label(),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> f.apply(r).finalTrainLoss()),
                    finished.isEmpty()
                            ? "-"
                            : Cells.of(finished, r -> f.apply(r).loss()),
                    diverged == 0 ? "no" : diverged + " of " + seeds.size()));
        }
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Each remedy against the exploding net without it",
                                List.of(
                                        "remedy",
                                        "test accuracy (bar " + Remedies.RESCUED_ACCURACY + ")",
                                        "gain over no remedy (bar " + Remedies.MARGIN + ")",
                                        "rescued"),
                                remedies),
                        new HtmlReport.Table(
                                "After " + e.epochs() + " epoch(s) (mean ± sd over the seeds that did not diverge)",
                                List.of(
                                        "run",
                                        "final train loss",
                                        "test loss",
                                        "test accuracy",
                                        "macro-F1",
                                        "diverged"),
                                rows),
                        new HtmlReport.Table(
                                "Attention stacks on " + TransformerRecipe.DATA + " after " + e.epochs() + " epoch(s)"
                                        + " (mean ± sd over the seeds that did not diverge)",
                                List.of("stack", "final train MSE", "test MSE", "diverged"),
                                stacks)),
                List.of(lossChart(seeds), accuracyChart(seeds), stackChart(seeds)),
                csv(seeds),
                conclusion(e, seeds, verdict));
    }

    /** The check's mean and 95% interval with its finding, e.g. {@code 0.82 [0.78, 0.86]: not supported}. */
    private static String interval(Check c) {
        Estimate e = c.estimate();
        String value = e.n() == 1
                ? Cells.number(e.mean())
                : Cells.number(e.mean()) + " [" + Cells.number(e.low()) + ", " + Cells.number(e.high()) + "]";
        return value + ": " + c.finding().label();
    }

    private static List<Check> mine(Verdict verdict, String remedy) {
        return verdict.checks().stream()
                .filter(c -> c.criterion().figure().startsWith(remedy + ":"))
                .toList();
    }

    private static String lossChart(List<Remedies.Result> seeds) {
        List<Svg.Series> series = new ArrayList<>();
        for (int i = 0; i < seeds.get(0).runs().size(); i++) {
            int k = i;
            Svg.Series c = MitigationsReport.epochCurve(
                    seeds.get(0).runs().get(k).label(), seeds, r -> r.runs().get(k), Mitigations.Run::trainLoss);
            if (c != null) {
                series.add(c);
            }
        }
        return Svg.lineChart(
                "training loss per epoch of each run (mean over " + seeds.size() + " seeds, band min to max;"
                        + " a line stops where a seed diverged; a run that diverged in its first epoch on every seed has no points)",
                "epoch",
                "loss (log scale)",
                series,
                true);
    }

    private static String stackChart(List<Remedies.Result> seeds) {
        List<Svg.Series> series = new ArrayList<>();
        for (java.util.function.Function<Remedies.Result, Mitigations.Run> f :
                List.<java.util.function.Function<Remedies.Result, Mitigations.Run>>of(
                        Remedies.Result::plainStack, Remedies.Result::recipeStack)) {
            Svg.Series c =
                    MitigationsReport.epochCurve(f.apply(seeds.get(0)).label(), seeds, f, Mitigations.Run::testLoss);
            if (c != null) {
                series.add(c);
            }
        }
        return Svg.lineChart(
                "attention stacks on the adding problem: test MSE per epoch (mean over " + seeds.size()
                        + " seeds, band min to max)",
                "epoch",
                "test MSE (log scale)",
                series,
                true);
    }

    private static String accuracyChart(List<Remedies.Result> seeds) {
        List<String> labels = List.of("none", "L2", "RMSProp", "Adam", "warm-up", "LayerNorm");
        int n = labels.size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            Estimate est = Cells.across(seeds, r -> r.runs().get(k).score());
            x[i] = i;
            mean[i] = est.mean();
            low[i] = est.low();
            high[i] = est.high();
        }
        return Svg.pointChart(
                "test accuracy per remedy (mean, 95% interval over seeds; a diverged run scored as chance)",
                labels, "test accuracy", List.of(new Svg.Series("test accuracy", x, mean, low, high)), false);
    }

    private static String csv(List<Remedies.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,run,metric,epoch,value\n");
        for (Remedies.Result r : seeds) {
            List<Mitigations.Run> all = new ArrayList<>(r.runs());
            all.add(r.plainStack());
            all.add(r.recipeStack());
            for (Mitigations.Run run : all) {
                String prefix = r.seed() + "," + run.label().replace(",", ";") + ",";
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
                            .append('\n');
                    if (!Double.isNaN(run.testAccuracy()[k])) {
                        csv.append(prefix)
                                .append("test_accuracy,")
                                .append(k + 1)
                                .append(',')
                                .append(run.testAccuracy()[k])
                                .append('\n');
                    }
                }
                csv.append(prefix)
                        .append("diverged_step,0,")
                        .append(run.divergedStep())
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static String conclusion(Remedies e, List<Remedies.Result> seeds, Verdict verdict) {
        StringBuilder s =
                new StringBuilder("After ").append(e.epochs()).append(" epoch(s) the exploding net without remedy");
        long diverged = seeds.stream().filter(r -> r.plain().diverged()).count();
        s.append(
                        diverged == seeds.size()
                                ? " diverged on every seed"
                                : diverged == 0
                                        ? " did not diverge and reached test" + " accuracy "
                                                + Cells.of(seeds, r -> r.plain().accuracy())
                                        : " diverged on " + diverged + " of " + seeds.size() + " seeds")
                .append(" (SGD lr ")
                .append(e.lr())
                .append("). ");
        List<String> held = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int k = 0; k < Remedies.REMEDIES.size(); k++) {
            int i = k;
            String name = Remedies.REMEDIES.get(k);
            Finding f =
                    Finding.all(mine(verdict, name).stream().map(Check::finding).toList());
            String figure =
                    name + " " + Cells.of(seeds, r -> Remedies.remedy(r, i).score());
            (f == Finding.SUPPORTED ? held : failed)
                    .add(f == Finding.SUPPORTED ? figure : figure + " (" + f.label() + ")");
        }
        s.append(held.isEmpty() ? "No remedy rescued it" : "Rescued it (test accuracy): " + String.join(", ", held))
                .append(failed.isEmpty() ? "." : "; did not: " + String.join(", ", failed) + ".");
        long same = seeds.stream()
                .filter(r -> r.weightDecay().diverged()
                        ? r.weightDecay().divergedStep() == r.plain().divergedStep()
                        : !r.plain().diverged()
                                && Math.abs(r.weightDecay().accuracy()
                                                - r.plain().accuracy())
                                        < 0.01)
                .count();
        if (same > 0) {
            s.append(" With weight decay the run ended as the unremedied one on ")
                    .append(same)
                    .append(" of ")
                    .append(seeds.size())
                    .append(" seeds (diverged at the same step, or within 0.01 of its accuracy): decay"
                            + " takes lr·λ = ")
                    .append(Cells.number(e.lr() * e.weightDecay()))
                    .append(" of each weight per"
                            + " step, while the exploding net's first gradient steps are already huge.");
        }
        s.append(" Accuracies of diverged runs are counted as chance (")
                .append(Mitigations.CHANCE)
                .append(").");
        Finding t = Finding.all(
                mine(verdict, Remedies.TRANSFORMER).stream().map(Check::finding).toList());
        s.append(" Attention stacks of ")
                .append(e.blocks())
                .append(" blocks on the adding problem: the plain stack ")
                .append(
                        seeds.stream().anyMatch(r -> r.plainStack().diverged())
                                ? "diverged on some seeds and reached"
                                : "did not diverge and reached")
                .append(" test MSE ")
                .append(Cells.of(seeds, Remedies.Result::plainStackScore))
                .append(", the Transformer recipe ")
                .append(Cells.of(seeds, r -> r.recipeStack().loss()))
                .append(" (guessing: 0.167), log10 of the ratio ")
                .append(Cells.of(seeds, Remedies.Result::recipeGain))
                .append(": the recipe's criteria are ")
                .append(t.label())
                .append(".");
        return s.toString();
    }
}
