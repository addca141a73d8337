package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link ZeroInit}. */
final class ZeroInitReport {
    private ZeroInitReport() {}

    static Rendering render(ZeroInit e, List<ZeroInit.Result> seeds, Verdict verdict) {
        List<List<String>> claims = new ArrayList<>();
        for (Check c : verdict.checks()) {
            claims.add(List.of(
                    c.criterion().figure(),
                    Cells.of(c.estimate()),
                    c.criterion().side().symbol() + " "
                            + Cells.number(c.criterion().threshold()),
                    c.finding().label()));
        }
        List<List<String>> training = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            boolean deep = d == 1;
            for (int i = 0; i < ZeroInit.INITS.size(); i++) {
                int k = i;
                Function<ZeroInit.Result, Mitigations.Run> run = r -> (deep ? r.deep() : r.shallow()).get(k);
                List<ZeroInit.Result> finished =
                        seeds.stream().filter(r -> !run.apply(r).diverged()).toList();
                int diverged = seeds.size() - finished.size();
                training.add(List.of(
                        run.apply(seeds.get(0)).label(),
                        finished.isEmpty()
                                ? "-"
                                : Cells.of(finished, r -> run.apply(r).finalTrainLoss()),
                        finished.isEmpty()
                                ? "-"
                                : Cells.of(finished, r -> run.apply(r).accuracy()),
                        finished.isEmpty()
                                ? "-"
                                : Cells.of(finished, r -> run.apply(r).macroF1()),
                        finished.size() < 2
                                ? "-"
                                : Cells.number(
                                        Cells.across(finished, r -> run.apply(r).accuracy())
                                                .sd()),
                        diverged == 0 ? "no" : diverged + " of " + seeds.size()));
            }
        }
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Criteria (mean ± sd over seeds; a diverged run scores chance, 0.1)",
                                List.of("figure", "value", "bar", "finding"),
                                claims),
                        new HtmlReport.Table(
                                "After " + e.epochs() + " epoch(s) (mean ± sd over the seeds that did not diverge;"
                                        + " sd: the spread over seeds, the paper's reproducibility, not judged)",
                                List.of(
                                        "network, init",
                                        "final train loss",
                                        "test accuracy",
                                        "macro-F1",
                                        "sd of test accuracy",
                                        "diverged"),
                                training)),
                List.of(lossChart(seeds, false), lossChart(seeds, true), accuracyChart(seeds)),
                csv(seeds),
                conclusion(e, seeds, verdict));
    }

    private static String lossChart(List<ZeroInit.Result> seeds, boolean deep) {
        List<Svg.Series> series = new ArrayList<>();
        for (int i = 0; i < ZeroInit.INITS.size(); i++) {
            int k = i;
            Svg.Series c = MitigationsReport.epochCurve(
                    ZeroInit.INITS.get(k),
                    seeds,
                    r -> (deep ? r.deep() : r.shallow()).get(k),
                    Mitigations.Run::trainLoss);
            if (c != null) {
                series.add(c);
            }
        }
        int blocks = blocksOf(seeds.get(0), deep);
        return Svg.lineChart(
                blocks + " residual blocks: training loss per epoch (mean over " + seeds.size()
                        + " seeds, band min to max; a line stops where a seed diverged)",
                "epoch",
                "loss (log scale)",
                series,
                true);
    }

    private static int blocksOf(ZeroInit.Result r, boolean deep) {
        String label = (deep ? r.deep() : r.shallow()).get(0).label();
        return Integer.parseInt(label.substring(label.lastIndexOf(", ") + 2, label.indexOf(" blocks")));
    }

    private static String accuracyChart(List<ZeroInit.Result> seeds) {
        List<Svg.Series> series = new ArrayList<>();
        double[] x = {0, 1};
        for (int i = 0; i < ZeroInit.INITS.size(); i++) {
            int k = i;
            Estimate shallow = Cells.across(seeds, r -> r.shallow().get(k).score());
            Estimate deep = Cells.across(seeds, r -> r.deep().get(k).score());
            series.add(new Svg.Series(
                    ZeroInit.INITS.get(k),
                    x,
                    new double[] {shallow.mean(), deep.mean()},
                    new double[] {shallow.min(), deep.min()},
                    new double[] {shallow.max(), deep.max()}));
        }
        ZeroInit.Result first = seeds.get(0);
        return Svg.pointChart(
                "test accuracy by initialization (mean over " + seeds.size() + " seeds, bar min to max;"
                        + " a diverged run scores 0.1)",
                List.of(blocksOf(first, false) + " blocks", blocksOf(first, true) + " blocks"),
                "test accuracy",
                series,
                false);
    }

    private static String csv(List<ZeroInit.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,run,metric,epoch,value\n");
        for (ZeroInit.Result r : seeds) {
            List<Mitigations.Run> runs = new ArrayList<>(r.shallow());
            runs.addAll(r.deep());
            for (Mitigations.Run run : runs) {
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

    /** A run's test accuracy over seeds, or "none (diverged on every seed)". */
    private static String accuracy(List<ZeroInit.Result> seeds, Function<ZeroInit.Result, Mitigations.Run> run) {
        return seeds.stream().allMatch(r -> run.apply(r).diverged())
                ? "none (diverged on every seed)"
                : Cells.of(seeds, r -> run.apply(r).score());
    }

    private static String conclusion(ZeroInit e, List<ZeroInit.Result> seeds, Verdict verdict) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < 2; d++) {
            boolean deep = d == 1;
            Function<ZeroInit.Result, List<Mitigations.Run>> runs = r -> deep ? r.deep() : r.shallow();
            s.append(d == 0 ? "" : " ")
                    .append(deep ? "With " + e.blocks() : "With " + ZeroInit.SHALLOW)
                    .append(" blocks ZerO reached test accuracy ")
                    .append(accuracy(seeds, r -> runs.apply(r).get(0)))
                    .append(" against He's ")
                    .append(accuracy(seeds, r -> runs.apply(r).get(1)))
                    .append(" and orthogonal's ")
                    .append(accuracy(seeds, r -> runs.apply(r).get(2)))
                    .append(" (margin to the better ")
                    .append(Cells.of(seeds, r -> r.margin(deep)))
                    .append(", bar ≥ −")
                    .append(Cells.number(ZeroInit.MARGIN))
                    .append(": ")
                    .append(verdict.checks().get(d).finding().label())
                    .append(").");
            long diverged = seeds.stream()
                    .flatMap(r -> runs.apply(r).stream())
                    .filter(Mitigations.Run::diverged)
                    .count();
            if (diverged > 0) {
                s.append(" ").append(diverged).append(" run(s) at this depth diverged (scored as chance).");
            }
        }
        s.append(" ZerO trains at depth: ")
                .append(verdict.checks().get(2).finding().label())
                .append(" (bar ")
                .append(Cells.number(ZeroInit.TRAINS))
                .append(").");
        s.append(" ZerO's weights are the same for every seed, so its spread over seeds comes from the data split and"
                + " order alone; the table shows it beside the random inits' (the paper's reproducibility, not judged with"
                + " so few seeds).");
        return s.toString();
    }
}
