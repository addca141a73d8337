package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link MupTransfer}. */
final class MupTransferReport {
    private MupTransferReport() {}

    static Rendering render(MupTransfer e, List<MupTransfer.Result> seeds, Verdict verdict) {
        MupTransfer.Result first = seeds.get(0);
        int[] widths = first.widths();
        List<List<String>> best = new ArrayList<>();
        for (int k = 0; k < widths.length; k++) {
            int w = k;
            best.add(List.of(
                    Integer.toString(widths[k]),
                    Cells.of(seeds, r -> r.bestLog2Lr(false)[w]),
                    Cells.of(seeds, r -> r.bestLog2Lr(true)[w]),
                    Cells.of(seeds, r -> lowest(r.atEnd(false)[w])),
                    Cells.of(seeds, r -> lowest(r.atEnd(true)[w])),
                    edges(seeds, w)));
        }
        List<List<String>> claims = new ArrayList<>();
        for (Check c : verdict.checks()) {
            claims.add(List.of(
                    c.criterion().figure(),
                    Cells.of(c.estimate()),
                    c.criterion().side().symbol() + " "
                            + Cells.number(c.criterion().threshold()),
                    c.finding().label()));
        }
        claims.add(List.of(
                "not judged: SP drift, log2(best at widest) − log2(best at base)",
                Cells.of(seeds, r -> r.drift(false)),
                "",
                ""));
        claims.add(List.of("not judged: μP drift", Cells.of(seeds, r -> r.drift(true)), "", ""));
        claims.add(List.of(
                "not judged: μP lowest loss at widest − at base (wider is better when < 0)",
                Cells.of(seeds, r -> r.widerGain(true)),
                "",
                ""));
        List<String> header = new ArrayList<>(List.of("parametrization", "width"));
        for (double x : first.log2Lr()) {
            header.add("2^" + (int) x);
        }
        List<List<String>> grid = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            boolean mup = p == 1;
            for (int k = 0; k < widths.length; k++) {
                List<String> row = new ArrayList<>(List.of(mup ? "μP" : "SP", Integer.toString(widths[k])));
                for (int i = 0; i < first.log2Lr().length; i++) {
                    int w = k;
                    int lr = i;
                    row.add(lossCell(seeds, r -> r.atEnd(mup)[w][lr]));
                }
                grid.add(row);
            }
        }
        int budget = first.checkpoints()[first.checkpoints().length - 1];
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Best learning rate per width after " + budget + " steps (log2; mean ± sd over seeds)",
                                List.of(
                                        "width",
                                        "SP best log2 lr",
                                        "μP best log2 lr",
                                        "SP lowest loss",
                                        "μP lowest loss",
                                        "best at the grid's edge"),
                                best),
                        new HtmlReport.Table(
                                "Criteria (per seed, then over seeds)",
                                List.of("figure", "value", "bar", "finding"),
                                claims),
                        new HtmlReport.Table(
                                "Training loss after " + budget + " steps per learning rate (mean over seeds;"
                                        + " 'diverged' where a seed produced a non-finite value)",
                                header,
                                grid)),
                List.of(panel(seeds, false), panel(seeds, true), bestChart(seeds)),
                csv(seeds),
                conclusion(seeds, verdict));
    }

    private static double lowest(double[] losses) {
        int i = MupTransfer.best(losses);
        return i < 0 ? Double.NaN : losses[i];
    }

    /** How many seeds' best rate at width {@code w} lies on the grid's first or last rate, e.g. "SP 1 low; μP 0". */
    private static String edges(List<MupTransfer.Result> seeds, int w) {
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < 2; p++) {
            boolean mup = p == 1;
            long low = seeds.stream()
                    .filter(r -> r.bestLog2Lr(mup)[w] == r.log2Lr()[0])
                    .count();
            long high = seeds.stream()
                    .filter(r -> r.bestLog2Lr(mup)[w] == r.log2Lr()[r.log2Lr().length - 1])
                    .count();
            s.append(p == 0 ? "SP " : "; μP ")
                    .append(
                            low + high == 0
                                    ? "none"
                                    : (low > 0 ? low + " lowest" : "")
                                            + (low > 0 && high > 0 ? ", " : "")
                                            + (high > 0 ? high + " highest" : ""));
        }
        return s.toString();
    }

    private static String lossCell(List<MupTransfer.Result> seeds, ToDoubleFunction<MupTransfer.Result> f) {
        double sum = 0;
        for (MupTransfer.Result r : seeds) {
            double v = f.applyAsDouble(r);
            if (!Double.isFinite(v)) {
                return "diverged";
            }
            sum += v;
        }
        return Cells.number(sum / seeds.size());
    }

    /** The paper's panel: loss against log2 learning rate, one curve per width (mean over seeds, band min to max). */
    private static String panel(List<MupTransfer.Result> seeds, boolean mup) {
        MupTransfer.Result first = seeds.get(0);
        List<Svg.Series> series = new ArrayList<>();
        for (int k = 0; k < first.widths().length; k++) {
            int w = k;
            series.add(Bands.of("width " + first.widths()[k], first.log2Lr(), seeds, r -> r.atEnd(mup)[w]));
        }
        return Svg.lineChart(
                (mup ? "μP" : "SP (standard parametrization)") + ": training loss after "
                        + first.checkpoints()[first.checkpoints().length - 1]
                        + " steps against the learning rate (mean over "
                        + seeds.size() + " seeds, band min to max)",
                "log2 learning rate",
                "training loss (log scale)",
                series,
                true);
    }

    private static String bestChart(List<MupTransfer.Result> seeds) {
        MupTransfer.Result first = seeds.get(0);
        double[] x = new double[first.widths().length];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.log(first.widths()[k]) / Math.log(2);
        }
        return Svg.lineChart(
                "best learning rate against width (mean over " + seeds.size() + " seeds, band min to max)",
                "log2 width",
                "log2 best learning rate",
                List.of(
                        Bands.of("SP", x, seeds, r -> r.bestLog2Lr(false)),
                        Bands.of("μP", x, seeds, r -> r.bestLog2Lr(true))),
                false);
    }

    private static String csv(List<MupTransfer.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,parametrization,width,log2_lr,step,train_loss\n");
        for (MupTransfer.Result r : seeds) {
            for (int p = 0; p < 2; p++) {
                double[][][] l = p == 0 ? r.sp() : r.mup();
                for (int k = 0; k < r.widths().length; k++) {
                    for (int i = 0; i < r.log2Lr().length; i++) {
                        for (int c = 0; c < r.checkpoints().length; c++) {
                            csv.append(r.seed())
                                    .append(p == 0 ? ",sp," : ",mup,")
                                    .append(r.widths()[k])
                                    .append(',')
                                    .append((int) r.log2Lr()[i])
                                    .append(',')
                                    .append(r.checkpoints()[c])
                                    .append(',')
                                    .append(l[k][i][c])
                                    .append('\n');
                        }
                    }
                }
            }
        }
        return csv.toString();
    }

    private static String conclusion(List<MupTransfer.Result> seeds, Verdict verdict) {
        int[] w = seeds.get(0).widths();
        StringBuilder s = new StringBuilder();
        s.append("From width ")
                .append(w[0])
                .append(" to ")
                .append(w[w.length - 1])
                .append(" the best learning rate under SP")
                .append(" moved ")
                .append(Cells.of(seeds, r -> r.drift(false)))
                .append(" grid steps (log2; spread ")
                .append(Cells.of(seeds, r -> r.spread(false)))
                .append(", bar ≥ ")
                .append(Cells.number(MupTransfer.SP_SPREAD))
                .append(": ")
                .append(verdict.checks().get(1).finding().label())
                .append("), under μP ")
                .append(Cells.of(seeds, r -> r.drift(true)))
                .append(" (spread ")
                .append(Cells.of(seeds, r -> r.spread(true)))
                .append(", bar ≤ ")
                .append(Cells.number(MupTransfer.MUP_SPREAD))
                .append(": ")
                .append(verdict.checks().get(0).finding().label())
                .append(").");
        s.append(" At its own best rate μP's widest model reached a training loss ")
                .append(Cells.of(seeds, r -> r.widerGain(true)))
                .append(" from the base model's (negative: wider is better,"
                        + " the paper's other observation; not judged), SP's ")
                .append(Cells.of(seeds, r -> r.widerGain(false)))
                .append(".");
        long edge = 0;
        for (MupTransfer.Result r : seeds) {
            for (int p = 0; p < 2; p++) {
                for (double b : r.bestLog2Lr(p == 1)) {
                    edge += b == r.log2Lr()[0] || b == r.log2Lr()[r.log2Lr().length - 1] ? 1 : 0;
                }
            }
        }
        if (edge > 0) {
            s.append(" ")
                    .append(edge)
                    .append(" best rate(s) lie on the grid's edge, where the true optimum may lie beyond"
                            + " it: a spread measured there is a lower bound.");
        }
        s.append(
                " SP and μP are the same network at the base width (identical curves there); the rates are constant, so"
                        + " the half and double budgets are read off one run.");
        return s.toString();
    }
}
