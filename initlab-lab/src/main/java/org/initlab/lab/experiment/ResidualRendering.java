package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.experiment.ResidualSensitivity.Result;
import org.initlab.lab.experiment.ResidualSensitivity.Run;
import org.initlab.lab.experiment.ResidualTraining.Family;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** Tables, charts, CSV and conclusion of {@link ResidualSensitivity}. */
final class ResidualRendering {
    private ResidualRendering() {}

    static Rendering render(ResidualSensitivity e, List<Result> seeds, Verdict verdict) {
        List<Integer> depths = e.depths();
        List<Family> crossed =
                List.of(Family.values()).stream().filter(Family::crossed).toList();
        List<String> inits = List.copyOf(ResidualSensitivity.INITS.keySet());

        List<String> header = new ArrayList<>(List.of("blocks"));
        crossed.forEach(f -> header.add(f.label));
        List<List<String>> spreadRows = new ArrayList<>();
        for (int depth : depths) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(depth)));
            crossed.forEach(f -> row.add(Cells.of(seeds, r -> r.sensitivity(f, depth))));
            spreadRows.add(row);
        }

        List<List<String>> worstRows = new ArrayList<>();
        for (int depth : depths) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(depth)));
            crossed.forEach(f -> row.add(Cells.of(seeds, r -> worst(r, f, depth))));
            worstRows.add(row);
        }

        List<String> accHeader = new ArrayList<>(List.of("blocks", "network"));
        accHeader.addAll(inits);
        accHeader.add("final training loss, He");
        accHeader.add("macro-F1, He");
        List<List<String>> accRows = new ArrayList<>();
        for (int depth : depths) {
            for (Family f : crossed) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(depth), f.label));
                inits.forEach(i -> row.add(outcome(seeds, f.label, depth, i)));
                row.add(Cells.of(seeds, r -> r.run(f.label, depth, inits.get(0)).finalLoss()));
                row.add(Cells.of(seeds, r -> r.run(f.label, depth, inits.get(0)).macroF1()));
                accRows.add(row);
            }
            List<String> fixup =
                    new ArrayList<>(List.of(Integer.toString(depth), Family.FIXUP.label + " (its own init)"));
            String cell = outcome(seeds, Family.FIXUP.label, depth, "Fixup");
            inits.forEach(i -> fixup.add(cell));
            fixup.add(Cells.of(
                    seeds, r -> r.run(Family.FIXUP.label, depth, "Fixup").finalLoss()));
            fixup.add(Cells.of(
                    seeds, r -> r.run(Family.FIXUP.label, depth, "Fixup").macroF1()));
            accRows.add(fixup);
        }

        List<Svg.Series> spread = new ArrayList<>();
        double[] x = depths.stream().mapToDouble(Integer::doubleValue).toArray();
        for (Family f : crossed) {
            spread.add(Bands.of(
                    f.label,
                    x,
                    seeds,
                    r -> depths.stream().mapToDouble(d -> r.sensitivity(f, d)).toArray()));
        }
        int deepest = depths.get(depths.size() - 1);
        List<Svg.Series> byNetwork = new ArrayList<>();
        for (String init : inits) {
            double[] mean = new double[Family.values().length];
            double[] low = new double[mean.length];
            double[] high = new double[mean.length];
            Family[] families = Family.values();
            for (int i = 0; i < families.length; i++) {
                Family f = families[i];
                String label = f.crossed() ? init : "Fixup";
                // the raw final accuracy: NaN (a cross) when a seed diverged
                var across = Cells.across(
                        seeds, r -> last(r.run(f.label, deepest, label).testAccuracy()));
                mean[i] = across.mean();
                low[i] = Double.isFinite(across.mean()) ? across.min() : Double.NaN;
                high[i] = Double.isFinite(across.mean()) ? across.max() : Double.NaN;
            }
            byNetwork.add(new Svg.Series(init, new double[mean.length], mean, low, high));
        }
        List<Svg.Series> curves = new ArrayList<>();
        for (Family f : List.of(Family.PLAIN, Family.RESIDUAL)) {
            for (String init : inits) {
                curves.add(Bands.of(
                        f.label + ", " + init,
                        seeds,
                        r -> r.run(f.label, deepest, init).testAccuracy()));
            }
        }

        StringBuilder csv = new StringBuilder("seed,blocks,network,init,epoch,train_loss,test_accuracy\n");
        for (Result r : seeds) {
            for (Run run : r.runs()) {
                for (int k = 0; k < run.testAccuracy().length; k++) {
                    csv.append(r.seed())
                            .append(',')
                            .append(run.blocks())
                            .append(',')
                            .append(run.network())
                            .append(',')
                            .append(run.init().replace(",", ";"))
                            .append(',')
                            .append(k + 1)
                            .append(',')
                            .append(run.trainLoss()[k])
                            .append(',')
                            .append(run.testAccuracy()[k])
                            .append('\n');
                }
            }
        }
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Spread of test accuracy across the three initializers (mean ± sd over seeds;"
                                        + " smaller = less sensitive)",
                                header,
                                spreadRows),
                        new HtmlReport.Table(
                                "Worst test accuracy across the three initializers (mean ± sd over seeds; a small"
                                        + " spread with a low worst is failure from every init, not robustness)",
                                header,
                                worstRows),
                        new HtmlReport.Table(
                                "Test accuracy after training (mean ± sd over seeds; a diverged run counts as 0.1)",
                                accHeader,
                                accRows)),
                List.of(
                        Svg.lineChart(
                                "spread of test accuracy across inits, by depth (mean over seeds, band min to max)",
                                "blocks",
                                "largest minus smallest accuracy",
                                spread,
                                false),
                        Svg.pointChart(
                                "test accuracy at " + deepest + " blocks by network and init (mean over seeds;"
                                        + " bar = lowest to highest seed; × = diverged; Fixup has one init)",
                                SHORT,
                                "test accuracy",
                                byNetwork,
                                false),
                        Svg.lineChart(
                                deepest + " blocks, no normalization: test accuracy by epoch (mean over " + seeds.size()
                                        + " seeds, band min to max; a line stops where a seed diverged)",
                                "epoch",
                                "test accuracy",
                                curves,
                                false)),
                csv.toString(),
                conclusion(e, seeds, verdict));
    }

    /** Short category labels of the families, in {@link Family} order. */
    private static final List<String> SHORT =
            List.of("plain", "plain+BN", "residual", "residual+BN", "ReZero", "α=0+BN", "Fixup");

    private static double last(double[] a) {
        return a[a.length - 1];
    }

    /** The outcome across seeds, with how many seeds diverged. */
    private static String outcome(List<Result> seeds, String network, int depth, String init) {
        long diverged = seeds.stream()
                .filter(r -> r.run(network, depth, init).diverged())
                .count();
        String cell = Cells.of(seeds, r -> r.run(network, depth, init).outcome());
        return diverged == 0 ? cell : cell + " (" + diverged + "/" + seeds.size() + " diverged)";
    }

    /** Best accuracy below this means the stack failed from every init (digits are 90% learnable in a few epochs). */
    private static final double FAILED = 0.5;

    /** The worst outcome across the compared initializers. */
    private static double worst(Result r, Family f, int depth) {
        return ResidualSensitivity.INITS.keySet().stream()
                .mapToDouble(i -> r.run(f.label, depth, i).outcome())
                .min()
                .orElseThrow();
    }

    /** The best outcome across the compared initializers. */
    private static double best(Result r, Family f, int depth) {
        return ResidualSensitivity.INITS.keySet().stream()
                .mapToDouble(i -> r.run(f.label, depth, i).outcome())
                .max()
                .orElseThrow();
    }

    private static String conclusion(ResidualSensitivity e, List<Result> seeds, Verdict verdict) {
        StringBuilder s = new StringBuilder();
        List<String> holds = new ArrayList<>();
        List<String> fails = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Check c : verdict.checks()) {
            String where = c.criterion().figure().replace(" spread of test accuracy across inits", "") + " = "
                    + Cells.of(c.estimate());
            (c.finding() == Finding.SUPPORTED ? holds : c.finding() == Finding.NOT_SUPPORTED ? fails : open).add(where);
        }
        s.append("Residual stacks were less sensitive to the initializer than plain ones (by at least ")
                .append(ResidualSensitivity.LESS_SENSITIVE)
                .append(" in accuracy spread) ")
                .append(holds.isEmpty() ? "nowhere" : "at: " + String.join("; ", holds))
                .append(". ");
        if (!fails.isEmpty()) {
            s.append("The claim fails at: ").append(String.join("; ", fails)).append(". ");
        }
        if (!open.isEmpty()) {
            s.append("Within seed noise at: ").append(String.join("; ", open)).append(". ");
        }
        int deepest = e.blocks();
        String he = ResidualSensitivity.INITS.keySet().iterator().next();
        long heDiverged = seeds.stream()
                .filter(r -> r.run(Family.RESIDUAL.label, deepest, he).diverged())
                .count();
        Family plain = Family.PLAIN;
        s.append("At ")
                .append(deepest)
                .append(" blocks without normalization, the He-initialized residual stack ")
                .append(
                        heDiverged == seeds.size()
                                ? "diverged in every seed (with He on both branch layers the stream's"
                                        + " variance grows about 2.4-fold per block)"
                                : "reached "
                                        + Cells.of(
                                                seeds,
                                                r -> r.run(Family.RESIDUAL.label, deepest, he)
                                                        .outcome()) + " test accuracy"
                                        + (heDiverged > 0
                                                ? " (" + heDiverged + " of " + seeds.size() + " seeds diverged)"
                                                : ""))
                .append("; the plain stack's best accuracy across inits was ")
                .append(Cells.of(seeds, r -> best(r, plain, deepest)))
                .append(
                        Cells.across(seeds, r -> best(r, plain, deepest)).mean() < FAILED
                                ? ", so its small spread there is failure from every init, not robustness"
                                : "")
                .append(". With BatchNorm the residual stack's worst init reached ")
                .append(Cells.of(seeds, r -> worst(r, Family.RESIDUAL_BN, deepest)))
                .append(" at ")
                .append(deepest)
                .append(" blocks, the plain one's ")
                .append(Cells.of(seeds, r -> worst(r, Family.PLAIN_BN, deepest)))
                .append(". ReZero's spread across inits was ")
                .append(Cells.of(seeds, r -> r.sensitivity(Family.REZERO, deepest)))
                .append(" and Fixup reached ")
                .append(Cells.of(
                        seeds, r -> r.run(Family.FIXUP.label, deepest, "Fixup").outcome()))
                .append(" test accuracy.");
        return s.toString();
    }
}
