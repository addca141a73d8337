package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.experiment.DeepPostLnTraining.Arm;
import org.initlab.lab.experiment.DeepPostLnTraining.Run;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link DeepPostLn}. */
final class DeepPostLnReport {
    /** Points of the loss chart: losses are averaged over windows of steps so the chart stays small. */
    private static final int POINTS = 100;

    private DeepPostLnReport() {}

    static Rendering render(DeepPostLn e, List<DeepPostLn.Result> seeds, Verdict verdict) {
        double memoryless = DeepPostLn.task().memorylessLoss();
        double bar = DeepPostLn.TRAINED * memoryless;
        int window = Math.max(1, e.steps() / 10);
        List<List<String>> claims = new ArrayList<>();
        for (Check c : verdict.checks()) {
            claims.add(List.of(
                    c.criterion().figure(),
                    Cells.of(c.estimate()),
                    c.criterion().side().symbol() + " "
                            + Cells.number(c.criterion().threshold()),
                    c.finding().label()));
        }
        List<List<String>> arms = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            List<DeepPostLn.Result> finished =
                    seeds.stream().filter(r -> !r.run(arm).diverged()).toList();
            long diverged = (long) seeds.size() - finished.size();
            List<String> reached = new ArrayList<>();
            for (DeepPostLn.Result r : seeds) {
                int s = r.run(arm).stepsTo(bar, window);
                reached.add(s < 0 ? "never" : Integer.toString(s));
            }
            arms.add(List.of(
                    arm.label(),
                    Cells.of(seeds, r -> r.score(arm)),
                    finished.isEmpty() ? "-" : Cells.of(finished, r -> last(r.run(arm))),
                    String.join(", ", reached),
                    diverged == 0
                            ? "no"
                            : diverged + " of " + seeds.size() + " (at step "
                                    + String.join(
                                            ", ",
                                            seeds.stream()
                                                    .filter(r -> r.run(arm).diverged())
                                                    .map(r -> Long.toString(
                                                            r.run(arm).divergedStep()))
                                                    .toList())
                                    + ")"));
        }
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Criteria (mean ± sd over seeds)",
                                List.of("figure", "value", "bar", "finding"),
                                claims),
                        new HtmlReport.Table(
                                "After " + e.steps() + " steps (mean ± sd over seeds)",
                                List.of(
                                        "arm",
                                        "last-tenth loss ÷ memoryless",
                                        "last-tenth loss (runs that did not diverge)",
                                        "steps until a " + window + "-step mean fell below " + Cells.number(bar)
                                                + " (per seed)",
                                        "diverged"),
                                arms)),
                List.of(lossChart(e, seeds, memoryless), scoreChart(seeds)),
                csv(seeds),
                conclusion(e, seeds, verdict));
    }

    private static double last(Run r) {
        int window = Math.max(1, r.losses().length / 10);
        double sum = 0;
        for (int i = r.losses().length - window; i < r.losses().length; i++) {
            sum += r.losses()[i];
        }
        return sum / window;
    }

    /** The run's losses averaged over consecutive windows of {@code width} steps (a partial last window is left out). */
    static double[] windows(Run r, int width, int count) {
        double[] out = new double[Math.min(count, r.losses().length / width)];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (int k = 0; k < width; k++) {
                sum += r.losses()[i * width + k];
            }
            out[i] = sum / width;
        }
        return out;
    }

    private static String lossChart(DeepPostLn e, List<DeepPostLn.Result> seeds, double memoryless) {
        int width = Math.max(1, e.steps() / POINTS);
        int count = e.steps() / width;
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = (i + 1) * width;
        }
        List<Svg.Series> series = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            series.add(Bands.of(arm.label(), x, seeds, r -> windows(r.run(arm), width, count)));
        }
        double[] flat = {memoryless, memoryless};
        series.add(new Svg.Series(
                "memoryless loss ln(K)/2",
                new double[] {x.length == 0 ? 0 : x[0], x.length == 0 ? 1 : x[x.length - 1]},
                flat));
        return Svg.lineChart(
                "training loss per step (" + width + "-step means; mean over " + seeds.size()
                        + " seeds, band min to max)",
                "step",
                "cross-entropy per step, nats (log scale)",
                series,
                true);
    }

    private static String scoreChart(List<DeepPostLn.Result> seeds) {
        List<Svg.Interval> points = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            Estimate est = Cells.across(seeds, r -> r.score(arm));
            points.add(new Svg.Interval(arm.label(), est.mean(), est.min(), est.max()));
        }
        return Svg.intervalChart(
                "last-tenth loss ÷ memoryless loss per arm (mean, bar: min to max over seeds; dashed: the" + " bar "
                        + Cells.number(DeepPostLn.TRAINED) + ")",
                "loss ÷ memoryless loss",
                points,
                false,
                DeepPostLn.TRAINED);
    }

    private static String csv(List<DeepPostLn.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,arm,step,loss\n");
        for (DeepPostLn.Result r : seeds) {
            for (Run run : r.runs()) {
                String prefix = r.seed() + "," + run.arm().label().replace(",", ";") + ",";
                for (int s = 0; s < run.losses().length; s++) {
                    csv.append(prefix)
                            .append(s + 1)
                            .append(',')
                            .append(run.losses()[s])
                            .append('\n');
                }
                if (run.diverged()) {
                    csv.append(prefix).append(run.divergedStep() + 1).append(",NaN\n");
                }
            }
        }
        return csv.toString();
    }

    private static String conclusion(DeepPostLn e, List<DeepPostLn.Result> seeds, Verdict verdict) {
        StringBuilder s = new StringBuilder();
        s.append("After ")
                .append(e.steps())
                .append(" steps at lr ")
                .append(Cells.number(e.lr()))
                .append(" the last-tenth loss" + " over the memoryless loss was ");
        List<String> parts = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            parts.add(Cells.of(seeds, r -> r.score(arm)) + " for " + arm.label());
        }
        s.append(String.join(", ", parts))
                .append(" (bar ")
                .append(Cells.number(DeepPostLn.TRAINED))
                .append(").");
        Check pre = check(verdict, Arm.PRE_LN);
        Check post = check(verdict, Arm.POST_LN);
        if (pre.finding() != Finding.SUPPORTED) {
            s.append(" The pre-LN baseline did not clearly learn the task within the budget (")
                    .append(pre.finding().label())
                    .append("), so this budget cannot tell a post-LN failure from a task not yet learned.");
        }
        if (post.finding() == Finding.NOT_SUPPORTED) {
            s.append(" Post-LN without warm-up trained anyway at this scale (")
                    .append(e.layers())
                    .append(" layers of width ")
                    .append(e.dim())
                    .append(", lr ")
                    .append(Cells.number(e.lr()))
                    .append("): the failure the papers report" + " for deep, wide stacks does not show here.");
        } else if (post.finding() == Finding.SUPPORTED) {
            long diverged =
                    seeds.stream().filter(r -> r.run(Arm.POST_LN).diverged()).count();
            s.append(" Post-LN without warm-up did not train: ")
                    .append(
                            diverged > 0
                                    ? diverged + " of " + seeds.size() + " seed(s) diverged"
                                    : "no seed diverged; it is slow rather than unstable")
                    .append(".");
        }
        List<String> fixes = new ArrayList<>();
        for (Arm arm : List.of(Arm.POST_LN_WARM_UP, Arm.DEEPNORM, Arm.T_FIXUP)) {
            fixes.add(arm.label() + " " + check(verdict, arm).finding().label());
        }
        s.append(" Remedies (each \"trains\"): ")
                .append(String.join("; ", fixes))
                .append(". Verdict: ")
                .append(verdict.finding().label())
                .append(".");
        return s.toString();
    }

    /** The judge's check of {@code arm}: the checks come in the arms' declared order. */
    private static Check check(Verdict verdict, Arm arm) {
        return verdict.checks().get(java.util.Arrays.asList(Arm.values()).indexOf(arm));
    }
}
