package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link Gan}. */
final class GanReport {
    private GanReport() {}

    static Rendering render(Gan g, List<Gan.Result> seeds, Verdict verdict) {
        int inits = seeds.get(0).runs().size();
        List<String> labels = seeds.get(0).runs().stream().map(Gan.Run::label).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < inits; k++) {
            int i = k;
            rows.add(List.of(
                    labels.get(i),
                    Cells.of(seeds, r -> r.runs().get(i).modes()),
                    Cells.of(seeds, r -> r.runs().get(i).quality()),
                    Cells.of(
                            seeds,
                            r -> r.runs().get(i).divergedAt() >= 0
                                    ? Double.NaN
                                    : r.runs().get(i).last().dLoss()),
                    Cells.of(seeds, r -> r.runs().get(i).spread()),
                    seeds.stream()
                                    .filter(r -> r.runs().get(i).divergedAt() >= 0)
                                    .count() + " of " + seeds.size()));
        }
        List<String> charts = List.of(
                Svg.lineChart(
                        "modes covered during training (mean over " + seeds.size() + " seeds, band min to max)",
                        "step",
                        "modes covered (of " + Gan.MODES + ")",
                        trajectories(seeds, Gan.Checkpoint::modes),
                        false),
                Svg.pointChart(
                        "modes covered at the end per init (mean and 95% interval over seeds)",
                        labels,
                        "modes covered (of " + Gan.MODES + ")",
                        List.of(perInit(seeds, Gan.Run::modes, "modes covered", 0, Gan.MODES)),
                        false),
                Svg.pointChart(
                        "fraction of generated points within " + (int) Gan.QUALITY_STDS + " std of a mode, at the end"
                                + " (mean and 95% interval)",
                        labels,
                        "high-quality fraction",
                        List.of(perInit(seeds, Gan.Run::quality, "high-quality fraction", 0, 1)),
                        false),
                Svg.lineChart(
                        "discriminator loss per checkpoint window (mean over " + seeds.size() + " seeds, band min to"
                                + " max; a line stops where a seed diverged)",
                        "step",
                        "D loss, real + fake BCE",
                        afterStart(seeds, Gan.Checkpoint::dLoss),
                        false));
        int budget = seeds.get(0).reference().last().step();
        List<Check> checks = verdict.checks();
        String conclusion = "After " + budget + " steps the generators covered "
                + labels.stream()
                        .map(l -> {
                            int i = labels.indexOf(l);
                            return Cells.of(seeds, r -> r.runs().get(i).modes()) + " modes (" + l + ")";
                        })
                        .collect(Collectors.joining(", "))
                + " of " + Gan.MODES + ". "
                + (checks.get(0).finding() != Finding.SUPPORTED
                        ? "No init reliably covered half the modes within " + budget
                                + " steps, so this run says little about"
                                + " the claim: the generators had not learned the mixture yet."
                        : modes(
                                        "He",
                                        checks.get(1),
                                        Cells.of(
                                                seeds,
                                                r -> r.he().modes()
                                                        - r.reference().modes())) + " "
                                + modes(
                                        "Orthogonal",
                                        checks.get(2),
                                        Cells.of(
                                                seeds,
                                                r -> r.orthogonal().modes()
                                                        - r.reference().modes()))
                                + " "
                                + switch (checks.get(3).finding()) {
                                    case SUPPORTED -> "He's discriminator loss fluctuated no more than N(0,0.02²)'s";
                                    case INCONCLUSIVE ->
                                        "Whether He's discriminator loss fluctuated less is within the"
                                                + " seed-to-seed noise";
                                    case NOT_SUPPORTED -> "He's discriminator loss fluctuated more than N(0,0.02²)'s";
                                }
                                + " (difference in sd "
                                + Cells.of(
                                        seeds,
                                        r -> r.he().spread() - r.reference().spread())
                                + "). " + defaults(g, seeds, checks.get(4), checks.get(5)));
        return new Rendering(
                List.of(new HtmlReport.Table(
                        "At the end of training (mean ± sd over seeds)",
                        List.of(
                                "init",
                                "modes covered",
                                "high-quality fraction",
                                "D loss (last window)",
                                "D loss sd (last window)",
                                "diverged"),
                        rows)),
                charts,
                csv(seeds),
                conclusion);
    }

    private static String modes(String init, Check c, String difference) {
        return switch (c.finding()) {
            case SUPPORTED -> init + " covered at least as many modes as N(0,0.02²) (difference " + difference + ").";
            case INCONCLUSIVE ->
                init + "'s difference from N(0,0.02²), " + difference + " modes, is within the seed-to-seed"
                        + " noise.";
            case NOT_SUPPORTED -> init + " covered fewer modes than N(0,0.02²) (difference " + difference + ").";
        };
    }

    private static List<Svg.Series> trajectories(List<Gan.Result> seeds, ToDoubleFunction<Gan.Checkpoint> f) {
        List<Svg.Series> out = new ArrayList<>();
        for (int k = 0; k < seeds.get(0).runs().size(); k++) {
            int n = seeds.stream()
                    .mapToInt(r -> r.runs().get(0).points().size())
                    .min()
                    .orElse(0);
            int i = k;
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            for (int p = 0; p < n; p++) {
                int q = p;
                x[p] = seeds.get(0).runs().get(i).points().size() > p
                        ? seeds.get(0).runs().get(i).points().get(p).step()
                        : 0;
                double[] v = seeds.stream()
                        .mapToDouble(r -> r.runs().get(i).points().size() > q
                                ? f.applyAsDouble(r.runs().get(i).points().get(q))
                                : Double.NaN)
                        .toArray();
                Estimate e = Estimate.of(v);
                mean[p] = e.mean();
                low[p] = e.min();
                high[p] = e.max();
            }
            out.add(new Svg.Series(seeds.get(0).runs().get(i).label(), x, mean, low, high));
        }
        return out;
    }

    /** N(0,0.02²) against the library defaults it replaced, in words. */
    private static String defaults(Gan g, List<Gan.Result> seeds, Check glorot, Check torch) {
        String glorotModes = Cells.of(seeds, r -> r.glorot().modes());
        String torchModes = Cells.of(seeds, r -> r.torchDefault().modes());
        String head = "As a default, N(0,0.02²) against the library defaults it replaced: Glorot uniform covered "
                + glorotModes + " modes and PyTorch's U(±1/√fan_in) " + torchModes + "; ";
        if (glorot.finding() == Finding.SUPPORTED && torch.finding() == Finding.SUPPORTED) {
            return head + "N(0,0.02²) covered at least as many as both.";
        }
        if (glorot.finding() == Finding.NOT_SUPPORTED || torch.finding() == Finding.NOT_SUPPORTED) {
            return head + "N(0,0.02²) covered fewer than "
                    + (glorot.finding() == Finding.NOT_SUPPORTED
                            ? torch.finding() == Finding.NOT_SUPPORTED ? "both" : "Glorot uniform"
                            : "PyTorch's default")
                    + ". Its std 0.02 is far below the fan-scaled stds here (He √(2/" + g.width() + ") = "
                    + Cells.number(Math.sqrt(2.0 / g.width())) + "), so in this small net the field's default is the"
                    + " small-scale init, not a safe one.";
        }
        return head + "the differences from N(0,0.02²) are within the seed-to-seed noise.";
    }

    /** A figure of every checkpoint after step 0 as mean and band over the seeds (NaN where a seed diverged). */
    private static List<Svg.Series> afterStart(List<Gan.Result> seeds, ToDoubleFunction<Gan.Checkpoint> f) {
        List<Svg.Series> out = new ArrayList<>();
        Gan.Result first = seeds.get(0);
        int n = seeds.stream()
                        .mapToInt(r -> r.reference().points().size())
                        .max()
                        .orElse(1)
                - 1;
        for (int k = 0; k < first.runs().size(); k++) {
            int i = k;
            List<Gan.Checkpoint> longest = seeds.stream()
                    .map(r -> r.runs().get(i).points())
                    .max(java.util.Comparator.comparingInt(List::size))
                    .orElseThrow();
            double[] x = new double[Math.min(n, longest.size() - 1)];
            for (int p = 0; p < x.length; p++) {
                x[p] = longest.get(p + 1).step();
            }
            out.add(Bands.of(
                    first.runs().get(i).label(),
                    x,
                    seeds,
                    r -> r.runs().get(i).points().stream()
                            .skip(1)
                            .mapToDouble(f)
                            .toArray()));
        }
        return out;
    }

    private static Svg.Series perInit(
            List<Gan.Result> seeds, ToDoubleFunction<Gan.Run> f, String name, double lowest, double highest) {
        int n = seeds.get(0).runs().size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            Estimate e = Estimate.of(seeds.stream()
                    .mapToDouble(r -> f.applyAsDouble(r.runs().get(k)))
                    .toArray());
            x[i] = i;
            mean[i] = e.mean();
            low[i] = Math.max(lowest, e.low()); // the figures are bounded; a t-interval of few seeds may not be
            high[i] = Math.min(highest, e.high());
        }
        return new Svg.Series(name, x, mean, low, high);
    }

    private static String csv(List<Gan.Result> seeds) {
        StringBuilder csv =
                new StringBuilder("seed,init,step,modes_covered,high_quality_fraction,d_loss,d_loss_sd,g_loss\n");
        for (Gan.Result r : seeds) {
            for (Gan.Run run : r.runs()) {
                for (Gan.Checkpoint p : run.points()) {
                    csv.append(r.seed())
                            .append(',')
                            .append(run.label().replace(",", ";"))
                            .append(',')
                            .append(p.step())
                            .append(',')
                            .append(p.modes())
                            .append(',')
                            .append(p.quality())
                            .append(',')
                            .append(p.dLoss())
                            .append(',')
                            .append(p.dLossSd())
                            .append(',')
                            .append(p.gLoss())
                            .append('\n');
                }
            }
        }
        return csv.toString();
    }
}
