package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** The table, charts, CSV and conclusion of {@link AdvisorExperiment}. */
final class AdvisorReport {
    private AdvisorReport() {}

    static Rendering render(List<AdvisorExperiment.Result> seeds, Verdict verdict) {
        AdvisorExperiment.Result first = seeds.get(0);
        List<List<String>> rows = new ArrayList<>();
        List<String> charts = new ArrayList<>();
        StringBuilder csv = new StringBuilder("seed,model,plan,verdict,signal_orders,gradient_orders\n");
        for (int a = 0; a < AdvisorExperiment.MODELS.size(); a++) {
            int k = a;
            int plans = first.architectures().get(a).plans().size();
            double[] xs = new double[plans];
            for (int p = 0; p < plans; p++) {
                int q = p;
                List<String> kinds = seeds.stream()
                        .map(r -> r.architectures()
                                .get(k)
                                .plans()
                                .get(q)
                                .verdict()
                                .label())
                        .distinct()
                        .toList();
                rows.add(List.of(
                        AdvisorExperiment.NAMES.get(a),
                        first.architectures().get(a).plans().get(p).plan(),
                        String.join(" / ", kinds),
                        Cells.of(
                                seeds,
                                r -> r.architectures().get(k).plans().get(q).signalOrders()),
                        Cells.of(
                                seeds,
                                r -> r.architectures().get(k).plans().get(q).gradientOrders())));
                xs[p] = p;
            }
            // plans are categories: points with the seeds' range, not lines
            List<String> planNames = first.architectures().get(a).plans().stream()
                    .map(AdvisorExperiment.Plan::plan)
                    .toList();
            charts.add(Svg.pointChart(
                    AdvisorExperiment.NAMES.get(a) + " (mean over " + seeds.size() + " seeds, bar min to" + " max)",
                    planNames,
                    "largest |log10 ratio| (2 = factor 100)",
                    List.of(
                            Bands.of(
                                    "signal",
                                    xs,
                                    seeds,
                                    r -> r.architectures().get(k).plans().stream()
                                            .mapToDouble(AdvisorExperiment.Plan::signalOrders)
                                            .toArray()),
                            Bands.of(
                                    "gradient",
                                    xs,
                                    seeds,
                                    r -> r.architectures().get(k).plans().stream()
                                            .mapToDouble(AdvisorExperiment.Plan::gradientOrders)
                                            .toArray())),
                    false));
        }
        for (AdvisorExperiment.Result r : seeds) {
            for (int a = 0; a < r.architectures().size(); a++) {
                for (AdvisorExperiment.Plan p : r.architectures().get(a).plans()) {
                    csv.append(r.seed())
                            .append(',')
                            .append(AdvisorExperiment.NAMES.get(a))
                            .append(',')
                            .append(p.plan())
                            .append(',')
                            .append(p.verdict().label())
                            .append(',')
                            .append(p.signalOrders())
                            .append(',')
                            .append(p.gradientOrders())
                            .append('\n');
                }
            }
        }
        List<String> failing = verdict.checks().stream()
                .filter(c -> c.finding() != Finding.SUPPORTED)
                .map(c -> c.criterion().figure() + " (" + c.finding().label() + ")")
                .toList();
        String advised = seeds.stream()
                .flatMap(r -> r.architectures().stream())
                .map(a -> a.advised().verdict().label())
                .distinct()
                .collect(Collectors.joining(", "));
        String conclusion = "The advised plan's largest scale ratio was " + orders(seeds, 0) + ", " + orders(seeds, 1)
                + " and "
                + orders(seeds, 2) + " orders of magnitude (signal, gradient) on the "
                + String.join(", ", AdvisorExperiment.NAMES)
                + " (probe verdicts: " + advised + "); the worst naive plan reached "
                + Cells.of(seeds, r -> r.architectures().get(0).worstNaiveOrders()) + ", "
                + Cells.of(seeds, r -> r.architectures().get(1).worstNaiveOrders()) + " and "
                + Cells.of(seeds, r -> r.architectures().get(2).worstNaiveOrders()) + " orders. "
                + failingNaive(seeds)
                + (first.architectures().get(1).advised().gradientOrders() == 0
                        ? " On the residual net the advised plan is Fixup, whose zero output layer blocks every gradient at"
                                + " step 0: the probe does not judge the layers below it, so its gradient figure 0 means"
                                + " 'not measurable at initialization', not 'perfect'; its signal figure is the informative one."
                        : "")
                + (failing.isEmpty() ? " Every criterion holds." : " Not met: " + String.join("; ", failing) + ".");
        return new Rendering(
                List.of(new HtmlReport.Table(
                        "Largest |log10| of the probe's scale ratios at initialization"
                                + " (mean ± sd over seeds; 2 = a factor 100)",
                        List.of("architecture", "plan", "probe verdict", "signal orders", "gradient orders"),
                        rows)),
                charts,
                csv.toString(),
                conclusion);
    }

    /** Per architecture, the naive plans whose mean figure leaves the factor-100 range, and the plain defaults' fate. */
    private static String failingNaive(List<AdvisorExperiment.Result> seeds) {
        List<String> parts = new ArrayList<>();
        List<String> harmless = new ArrayList<>();
        for (int a = 0; a < AdvisorExperiment.MODELS.size(); a++) {
            int k = a;
            List<String> bad = new ArrayList<>();
            for (int p = 1; p < seeds.get(0).architectures().get(a).plans().size(); p++) {
                int q = p;
                double mean = seeds.stream()
                        .mapToDouble(
                                r -> r.architectures().get(k).plans().get(q).worstOrders())
                        .average()
                        .orElse(0);
                if (mean > AdvisorExperiment.HEALTHY_ORDERS) {
                    bad.add(seeds.get(0).architectures().get(a).plans().get(p).plan());
                }
            }
            parts.add(AdvisorExperiment.NAMES.get(a) + ": " + (bad.isEmpty() ? "none" : String.join(", ", bad)));
            if (!bad.contains("he_normal") && !bad.contains("torch_default")) {
                harmless.add(AdvisorExperiment.NAMES.get(a));
            }
        }
        return " Naive plans beyond a factor 100: " + String.join("; ", parts) + "."
                + (harmless.isEmpty()
                        ? ""
                        : " On the " + String.join(" and the ", harmless)
                                + " both common defaults (he_normal, torch_default) stay"
                                + " within a factor 100, so there only the badly scaled N(0, 0.01²) and N(0, 1) fail and the advice"
                                + " is harmless rather than needed.");
    }

    private static String orders(List<AdvisorExperiment.Result> seeds, int a) {
        return Cells.of(seeds, r -> r.architectures().get(a).advised().signalOrders()) + " / "
                + Cells.of(seeds, r -> r.architectures().get(a).advised().gradientOrders());
    }
}
