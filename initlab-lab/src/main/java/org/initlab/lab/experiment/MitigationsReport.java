package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link Mitigations}. */
final class MitigationsReport {
    /** The parts, each with the indices of its runs in {@link Mitigations.Result#runs()}. */
    private static final List<String> PARTS = List.of(
            "clipping",
            "clipping",
            "BatchNorm / Adam",
            "BatchNorm / Adam",
            "BatchNorm / Adam",
            "residual init",
            "residual init",
            "residual init");

    private MitigationsReport() {}

    static Rendering render(Mitigations m, List<Mitigations.Result> seeds, Verdict verdict) {
        Mitigations.Result first = seeds.get(0);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < first.runs().size(); i++) {
            int k = i;
            List<Mitigations.Run> runs =
                    seeds.stream().map(r -> r.runs().get(k)).toList();
            long diverged = runs.stream().filter(Mitigations.Run::diverged).count();
            List<Mitigations.Result> finished =
                    seeds.stream().filter(r -> !r.runs().get(k).diverged()).toList();
            String steps = runs.stream()
                    .filter(Mitigations.Run::diverged)
                    .map(r -> Long.toString(r.divergedStep()))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            rows.add(List.of(
                    PARTS.get(k),
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
        List<List<String>> attention = List.of(
                attentionRow("scores / sqrt(d)", seeds, r -> r.attention().scaled()),
                attentionRow("unscaled scores", seeds, r -> r.attention().unscaled()));
        List<String> charts = new ArrayList<>();
        charts.add(lossChart("clipping", seeds, 0, 1));
        charts.add(lossChart("BatchNorm / Adam", seeds, 2, 3, 4));
        charts.add(lossChart("residual init", seeds, 5, 6, 7));
        double[] blocks = new double[first.heStream().length];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = i;
        }
        charts.add(Svg.lineChart(
                "He residual net at initialization (mean over " + seeds.size() + " seeds, band min to max)",
                "block (0 = stem)",
                "stream rms / input rms (log scale)",
                List.of(Bands.of("He normal", blocks, seeds, Mitigations.Result::heStream)),
                true));
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "After training (mean ± sd over the seeds that did not diverge)",
                                List.of(
                                        "part",
                                        "run",
                                        "final train loss",
                                        "test loss",
                                        "test accuracy",
                                        "macro-F1",
                                        "diverged"),
                                rows),
                        new HtmlReport.Table(
                                "Attention at initialization (mean ± sd over seeds)",
                                List.of(
                                        "scores",
                                        "mean largest weight",
                                        "entropy (nats)",
                                        "softmax Jacobian norm",
                                        "query gradient norm"),
                                attention)),
                charts,
                csv(seeds),
                conclusion(m, seeds, verdict));
    }

    private static List<String> attentionRow(
            String label, List<Mitigations.Result> seeds, Function<Mitigations.Result, AttentionSaturation.Layer> f) {
        return List.of(
                label,
                Cells.of(seeds, r -> f.apply(r).meanMaxAttention()),
                Cells.of(seeds, r -> f.apply(r).meanEntropy()),
                Cells.of(seeds, r -> f.apply(r).meanJacobianNorm()),
                Cells.of(seeds, r -> f.apply(r).queryGradientNorm()));
    }

    private static String lossChart(String part, List<Mitigations.Result> seeds, int... runs) {
        List<Svg.Series> series = new ArrayList<>();
        for (int k : runs) {
            Svg.Series c = epochCurve(
                    seeds.get(0).runs().get(k).label(), seeds, r -> r.runs().get(k), Mitigations.Run::trainLoss);
            if (c != null) {
                series.add(c);
            }
        }
        return Svg.lineChart(
                part + ": training loss per epoch (mean over " + seeds.size() + " seeds, band min to max;"
                        + " a line stops where a seed diverged)",
                "epoch",
                "loss (log scale)",
                series,
                true);
    }

    /**
     * A figure per epoch of one run across seeds, as {@link Bands} (epochs 1 to the longest run's; a
     * run that diverged has only its finished epochs, so the line stops there), or null when no seed
     * finished an epoch.
     */
    static <R> Svg.Series epochCurve(
            String label, List<R> seeds, Function<R, Mitigations.Run> run, Function<Mitigations.Run, double[]> figure) {
        int n = seeds.stream()
                .mapToInt(r -> figure.apply(run.apply(r)).length)
                .max()
                .orElse(0);
        if (n == 0) {
            return null;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return Bands.of(label, x, seeds, r -> figure.apply(run.apply(r)));
    }

    private static String csv(List<Mitigations.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,part,run,metric,index,value\n");
        for (Mitigations.Result r : seeds) {
            for (int k = 0; k < r.runs().size(); k++) {
                Mitigations.Run run = r.runs().get(k);
                String prefix = r.seed() + "," + PARTS.get(k).replace(",", ";") + ","
                        + run.label().replace(",", ";") + ",";
                for (int e = 0; e < run.trainLoss().length; e++) {
                    csv.append(prefix)
                            .append("train_loss,")
                            .append(e + 1)
                            .append(',')
                            .append(run.trainLoss()[e])
                            .append('\n');
                    csv.append(prefix)
                            .append("test_loss,")
                            .append(e + 1)
                            .append(',')
                            .append(run.testLoss()[e])
                            .append('\n');
                    csv.append(prefix)
                            .append("test_accuracy,")
                            .append(e + 1)
                            .append(',')
                            .append(run.testAccuracy()[e])
                            .append('\n');
                }
                csv.append(prefix)
                        .append("diverged_step,0,")
                        .append(run.divergedStep())
                        .append('\n');
            }
            for (int b = 0; b < r.heStream().length; b++) {
                csv.append(r.seed())
                        .append(",residual init,16 blocks; He normal,stream_rms_at_init,")
                        .append(b)
                        .append(',')
                        .append(r.heStream()[b])
                        .append('\n');
            }
            for (boolean scaled : new boolean[] {true, false}) {
                AttentionSaturation.Layer a =
                        scaled ? r.attention().scaled() : r.attention().unscaled();
                String prefix =
                        r.seed() + ",attention scale," + (scaled ? "scores / sqrt(d)" : "unscaled scores") + ",";
                csv.append(prefix)
                        .append("mean_max_attention,0,")
                        .append(a.meanMaxAttention())
                        .append('\n')
                        .append(prefix)
                        .append("mean_entropy,0,")
                        .append(a.meanEntropy())
                        .append('\n')
                        .append(prefix)
                        .append("softmax_jacobian_norm,0,")
                        .append(a.meanJacobianNorm())
                        .append('\n')
                        .append(prefix)
                        .append("query_gradient_norm,0,")
                        .append(a.queryGradientNorm())
                        .append('\n');
            }
        }
        return csv.toString();
    }

    private static String conclusion(Mitigations m, List<Mitigations.Result> seeds, Verdict verdict) {
        StringBuilder s = new StringBuilder();
        s.append("After ").append(m.epochs()).append(" epoch(s), ");
        List<String> held = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String remedy : List.of("clipping", "BatchNorm", "Adam", "Fixup", "ReZero", "attention")) {
            List<Check> mine = verdict.checks().stream()
                    .filter(c -> c.criterion().figure().startsWith(remedy + ":"))
                    .toList();
            Finding f = Finding.all(mine.stream().map(Check::finding).toList());
            (f == Finding.SUPPORTED ? held : failed)
                    .add(remedy + (f == Finding.SUPPORTED ? "" : " (" + f.label() + ")"));
        }
        s.append(
                        held.isEmpty()
                                ? "no remedy met its criteria"
                                : "these remedies met their criteria: " + String.join(", ", held))
                .append(failed.isEmpty() ? "." : "; these did not: " + String.join(", ", failed) + ".");
        s.append(" Clipping kept the exploding net finite (unclipped: ")
                .append(divergedCount(seeds, Mitigations.Result::clipOff))
                .append(" of ")
                .append(seeds.size())
                .append(" seeds diverged) and reached test accuracy ")
                .append(Cells.of(seeds, r -> r.clipOn().accuracy()))
                .append(", but its test loss was ")
                .append(Cells.of(seeds, r -> r.clipOn().loss()))
                .append(" against ln 10 = 2.303 for guessing")
                .append(
                        seeds.stream().allMatch(r -> r.clipOn().loss() > Mitigations.GUESSING_LOSS)
                                ? ": with weights of std 1 the logits are huge, so its wrong answers are confidently wrong; clipping"
                                        + " bounds the step, it does not repair the scale."
                                : ".");
        s.append(" BatchNorm reached ")
                .append(Cells.of(seeds, r -> r.batchNorm().accuracy()))
                .append(" and Adam ")
                .append(Cells.of(seeds, r -> r.adam().accuracy()))
                .append(" where the plain 20-layer net with SGD reached ")
                .append(Cells.of(seeds, r -> r.plain().score()))
                .append(".");
        s.append(" Fixup reached ")
                .append(Cells.of(seeds, r -> r.fixup().accuracy()))
                .append(" and ReZero ")
                .append(Cells.of(seeds, r -> r.rezero().accuracy()))
                .append(".");
        long he = divergedCount(seeds, Mitigations.Result::residualHe);
        s.append(" The He-initialized residual net ")
                .append(
                        he == seeds.size()
                                ? "diverged on every seed"
                                : he == 0 ? "did not diverge" : "diverged on " + he + " of " + seeds.size() + " seeds");
        String steps = seeds.stream()
                .filter(r -> r.residualHe().diverged())
                .map(r -> Long.toString(r.residualHe().divergedStep()))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        if (he > 0) {
            s.append(" (at step ").append(steps).append(")");
        }
        s.append(
                he > 0
                        ? ": in this set-up the residual net without Fixup or ReZero is NOT less sensitive to initialization,"
                                + " contrary to the articles' claim that residual networks are."
                        : ".");
        s.append(" At initialization its stream's rms grew by a factor ")
                .append(Cells.of(seeds, Mitigations.Result::heGrowthPerBlock))
                .append(" per block, ")
                .append(Cells.of(seeds, r -> r.heStream()[r.heStream().length - 1] / r.heStream()[0]))
                .append(" over the 16 blocks (second moment ×")
                .append(Cells.of(seeds, r -> r.heGrowthPerBlock() * r.heGrowthPerBlock()))
                .append(
                        " per block). Why: each unscaled He branch preserves the second moment through its ReLU and ends in"
                                + " a He layer with no ReLU after it, so it adds about twice the stream's second moment; the skip"
                                + " connection keeps the stream whole and the ReLU after the sum removes less than half, so the scale"
                                + " compounds geometrically with depth, and the first large gradient step overflows. Fixup and ReZero"
                                + " start every branch at zero instead, so the stream is constant through the blocks.");
        s.append(" Attention: unscaled rows put ")
                .append(Cells.of(seeds, r -> r.attention().unscaled().meanMaxAttention()))
                .append(" of their weight on one step against ")
                .append(Cells.of(seeds, r -> r.attention().scaled().meanMaxAttention()))
                .append(" scaled, and the scale let ")
                .append(Cells.of(seeds, r -> r.attention().jacobianRatio()))
                .append(" times more gradient through the softmax.");
        return s.toString();
    }

    private static long divergedCount(List<Mitigations.Result> seeds, Function<Mitigations.Result, Mitigations.Run> f) {
        return seeds.stream().filter(r -> f.apply(r).diverged()).count();
    }
}
