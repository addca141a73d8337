package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.experiment.Gpt2StreamTraining.Profile;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The tables, charts, CSV and conclusion of {@link Gpt2Residual}. */
final class Gpt2ResidualReport {
    private Gpt2ResidualReport() {}

    static Rendering render(Gpt2Residual e, List<Gpt2Residual.Result> seeds, Verdict verdict) {
        int[] depths = e.depthList();
        int last = seeds.get(0).lastStep();
        List<List<String>> claims = new ArrayList<>();
        for (Check c : verdict.checks()) {
            claims.add(List.of(
                    c.criterion().figure(),
                    Cells.of(c.estimate()),
                    c.criterion().side().symbol() + " "
                            + Cells.number(c.criterion().threshold()),
                    c.finding().label()));
        }
        List<List<String>> growth = new ArrayList<>();
        for (int i = 0; i < depths.length; i++) {
            int k = i;
            growth.add(List.of(
                    Integer.toString(depths[k]),
                    Cells.of(seeds, r -> r.profile(k, false).rms()[0][0]),
                    Cells.of(seeds, r -> r.profile(k, false).growth(0)),
                    Cells.of(seeds, r -> r.profile(k, true).growth(0)),
                    Cells.of(seeds, r -> r.profile(k, false).growth(last)),
                    Cells.of(seeds, r -> r.profile(k, true).growth(last))));
        }
        List<String> charts = new ArrayList<>();
        charts.add(profileChart(seeds, depths, 0, "at initialization"));
        charts.add(profileChart(seeds, depths, last, "after " + last + " Adam steps"));
        charts.add(growthChart(seeds, depths));
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Criteria (mean ± sd over seeds)",
                                List.of("figure", "value", "bar", "finding"),
                                claims),
                        new HtmlReport.Table(
                                "Growth of the stream's RMS from the first block to the last (mean ± sd over seeds)",
                                List.of(
                                        "blocks",
                                        "RMS after block 1 (unscaled, init)",
                                        "unscaled, init",
                                        "scaled 1/√(2N), init",
                                        "unscaled, after " + last + " steps",
                                        "scaled, after " + last + " steps"),
                                growth)),
                charts,
                csv(seeds),
                conclusion(e, seeds, verdict, depths));
    }

    /** The stream's RMS after each block over its RMS after the first, per depth and init, at one step. */
    private static String profileChart(List<Gpt2Residual.Result> seeds, int[] depths, int step, String when) {
        List<Svg.Series> series = new ArrayList<>();
        for (int i = 0; i < depths.length; i++) {
            int k = i;
            for (boolean scaled : new boolean[] {false, true}) {
                series.add(Bands.of(
                        depths[k] + " blocks, " + (scaled ? "scaled" : "unscaled"),
                        seeds,
                        r -> relative(r.profile(k, scaled).rms()[step])));
            }
        }
        return Svg.lineChart(
                "residual stream RMS after each block ÷ after block 1, " + when + " (mean over " + seeds.size()
                        + " seeds, band min to max)",
                "block",
                "RMS ÷ RMS after block 1 (log scale)",
                series,
                true);
    }

    private static double[] relative(double[] rms) {
        double[] out = new double[rms.length];
        for (int i = 0; i < rms.length; i++) {
            out[i] = rms[i] / rms[0];
        }
        return out;
    }

    /** Growth (last ÷ first block) against depth, unscaled and scaled, at init and after the steps. */
    private static String growthChart(List<Gpt2Residual.Result> seeds, int[] depths) {
        double[] x = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            x[i] = depths[i];
        }
        int last = seeds.get(0).lastStep();
        List<Svg.Series> series = new ArrayList<>();
        for (boolean scaled : new boolean[] {false, true}) {
            for (int step : new int[] {0, last}) {
                series.add(Bands.of(
                        (scaled ? "scaled" : "unscaled") + (step == 0 ? ", init" : ", after " + last + " steps"),
                        x,
                        seeds,
                        r -> {
                            double[] g = new double[depths.length];
                            for (int i = 0; i < g.length; i++) {
                                g[i] = r.profile(i, scaled).growth(step);
                            }
                            return g;
                        }));
            }
        }
        return Svg.lineChart(
                "growth of the stream's RMS, last block ÷ first, against depth (mean over " + seeds.size()
                        + " seeds, band min to max)",
                "blocks",
                "growth (log scale)",
                series,
                true);
    }

    private static String csv(List<Gpt2Residual.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,blocks,init,step,block,stream_rms\n");
        for (Gpt2Residual.Result r : seeds) {
            for (Profile p : r.profiles()) {
                for (int s = 0; s < p.rms().length; s++) {
                    for (int l = 0; l < p.rms()[s].length; l++) {
                        csv.append(r.seed())
                                .append(',')
                                .append(p.depth())
                                .append(',')
                                .append(p.scaled() ? "scaled" : "unscaled")
                                .append(',')
                                .append(s)
                                .append(',')
                                .append(l + 1)
                                .append(',')
                                .append(p.rms()[s][l])
                                .append('\n');
                    }
                }
            }
        }
        return csv.toString();
    }

    private static String conclusion(Gpt2Residual e, List<Gpt2Residual.Result> seeds, Verdict verdict, int[] depths) {
        int n = depths.length - 1;
        int last = seeds.get(0).lastStep();
        StringBuilder s = new StringBuilder();
        s.append("At initialization the stream's RMS grew from the first block to the last by ")
                .append(Cells.of(seeds, r -> r.profile(0, false).growth(0)))
                .append(" at ")
                .append(depths[0])
                .append(" blocks and ")
                .append(Cells.of(seeds, r -> r.profile(n, false).growth(0)))
                .append(" at ")
                .append(depths[n])
                .append(" without the scaling; with it, by ")
                .append(Cells.of(seeds, r -> r.profile(0, true).growth(0)))
                .append(" and ")
                .append(Cells.of(seeds, r -> r.profile(n, true).growth(0)))
                .append(". Deepest over shallowest: ")
                .append(Cells.of(seeds, r -> r.depthRatio(true, 0)))
                .append(" scaled (bar ≤ ")
                .append(Cells.number(Gpt2Residual.FLAT))
                .append(", ")
                .append(verdict.checks().get(0).finding().label())
                .append("), ")
                .append(Cells.of(seeds, r -> r.depthRatio(false, 0)))
                .append(" unscaled (control ≥ ")
                .append(Cells.number(Gpt2Residual.GROWS))
                .append(", ")
                .append(verdict.checks().get(1).finding().label())
                .append("). After ")
                .append(last)
                .append(" Adam steps at lr ")
                .append(Cells.number(e.lr()))
                .append(" the ratio was ")
                .append(Cells.of(seeds, r -> r.depthRatio(true, last)))
                .append(" scaled and ")
                .append(Cells.of(seeds, r -> r.depthRatio(false, last)))
                .append(" unscaled (bar for the scaled ≤ ")
                .append(Cells.number(Gpt2Residual.FLAT_TRAINED))
                .append(", ")
                .append(verdict.checks().get(2).finding().label())
                .append(").");
        if (verdict.checks().get(0).finding() == Finding.SUPPORTED
                && verdict.checks().get(2).finding() != Finding.SUPPORTED) {
            s.append(
                    " The scaling keeps the stream flat at initialization only: after a few Adam steps at a constant rate (no"
                            + " warm-up here; GPT-2 and nanoGPT warm the rate up) the deep scaled stack's stream grows too, since Adam"
                            + " moves every weight by about lr per step whatever its init, and the projections' 0.02/√(2N) is soon"
                            + " dominated by the updates.");
        }
        s.append(" Verdict: ").append(verdict.finding().label()).append(".");
        return s.toString();
    }
}
