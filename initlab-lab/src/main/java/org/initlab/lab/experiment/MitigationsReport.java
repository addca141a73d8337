package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.lab.report.Svg;

/** Judges a {@link Mitigations} run part by part and lays out its table, charts and CSV. */
final class MitigationsReport {
    private MitigationsReport() {
    }

    /** A part's verdict: whether the remedy won, and the numbers in a clause. */
    private record Part(String name, boolean holds, String clause) {
    }

    static LegacyExperiment.Outcome judge(Mitigations m, List<Mitigations.Run> runs, AttentionSaturation.Result attention,
            String source) {
        Map<String, List<Mitigations.Run>> parts = Mitigations.byPart(runs);
        List<Mitigations.Run> clip = parts.get("clipping");
        List<Mitigations.Run> norm = parts.get("batch norm");
        List<Mitigations.Run> residual = parts.get("residual init");
        Mitigations.Run adam = parts.get("optimizer").get(0);
        Mitigations.Run sgd = norm.get(0);
        List<Part> verdicts = List.of(
                part("clipping", clip.get(1), clip.get(0)),
                part("batch norm", norm.get(1), norm.get(0)),
                worse(part("residual init (Fixup)", residual.get(1), residual.get(0)),
                        part("residual init (ReZero)", residual.get(2), residual.get(0))),
                part("optimizer", adam, sgd),
                new Part("attention scale", attention.supported(), String.format(Locale.ROOT,
                        "attention scale: mean largest weight %.2f unscaled vs %.2f scaled, softmax Jacobian norm %.3g"
                                + " vs %.3g", attention.unscaled().meanMaxAttention(), attention.scaled().meanMaxAttention(),
                        attention.unscaled().meanJacobianNorm(), attention.scaled().meanJacobianNorm())));
        boolean supported = verdicts.stream().allMatch(Part::holds);
        List<String> failed = verdicts.stream().filter(p -> !p.holds()).map(Part::name).toList();
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "every remedy rescued the network the bad initialization broke"
                : "these remedies did not win by the margin: " + String.join(", ", failed));
        String conclusion = String.join("; ", verdicts.stream().map(Part::clause).toList()) + ".";

        List<String> header = List.of("part", "run", "optimizer", "final train loss", "test accuracy", "remark");
        List<List<String>> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("part,run,metric,index,value\n");
        for (Mitigations.Run r : runs) {
            Mitigations.Variant v = r.variant();
            rows.add(List.of(v.part(), v.label(), v.optimizer() + (Double.isNaN(v.clipNorm()) ? "" : ", clip " + v.clipNorm()),
                    r.loss().length == 0 ? "-" : Mitigations.format(r.loss()[r.loss().length - 1]),
                    r.diverged() != null ? "diverged" : Mitigations.format(r.testAccuracy()),
                    r.diverged() != null ? r.diverged() : ""));
            for (int e = 0; e < r.loss().length; e++) {
                csv.append(v.part()).append(',').append(v.label()).append(",train_loss,").append(e + 1).append(',')
                        .append(r.loss()[e]).append('\n');
            }
            csv.append(v.part()).append(',').append(v.label()).append(",test_accuracy,").append(r.loss().length).append(',')
                    .append(r.diverged() != null ? "NaN" : r.testAccuracy()).append('\n');
        }
        for (boolean scaled : new boolean[] {true, false}) {
            AttentionSaturation.Layer a = scaled ? attention.scaled() : attention.unscaled();
            String label = scaled ? "scores / sqrt(d)" : "unscaled scores";
            rows.add(List.of("attention scale", label, "-", "-", "-", String.format(Locale.ROOT,
                    "largest weight %.2f, entropy %.2f nats, softmax Jacobian %.3g, query gradient %.3g",
                    a.meanMaxAttention(), a.meanEntropy(), a.meanJacobianNorm(), a.queryGradientNorm())));
            csv.append("attention scale,").append(label).append(",mean_max_attention,0,").append(a.meanMaxAttention())
                    .append('\n').append("attention scale,").append(label).append(",mean_entropy,0,").append(a.meanEntropy())
                    .append('\n').append("attention scale,").append(label).append(",softmax_jacobian_norm,0,")
                    .append(a.meanJacobianNorm()).append('\n').append("attention scale,").append(label)
                    .append(",query_gradient_norm,0,")
                    .append(a.queryGradientNorm()).append('\n');
        }
        List<String> charts = new ArrayList<>();
        for (Map.Entry<String, List<Mitigations.Run>> p : parts.entrySet()) {
            List<Mitigations.Run> shown = new ArrayList<>(p.getValue());
            if (p.getKey().equals("optimizer")) {
                shown.add(0, sgd);
            }
            List<Svg.Series> series = shown.stream().filter(r -> r.loss().length > 0).map(Mitigations::lossSeries).toList();
            if (!series.isEmpty()) {
                charts.add(Svg.lineChart(p.getKey() + ": training loss per epoch", "epoch", "loss (log scale)", series, true));
            }
        }
        return new LegacyExperiment.Outcome(supported, verdict, conclusion, header, rows,
                Mitigations.section(m, source, verdict, header, rows, charts, conclusion), csv.toString());
    }

    private static Part part(String name, Mitigations.Run remedy, Mitigations.Run without) {
        boolean holds = remedy.diverged() == null && remedy.score() >= without.score() + Mitigations.MARGIN;
        return new Part(name, holds, String.format(Locale.ROOT, "%s: %s %s vs %s %s", name, remedy.variant().label(),
                describe(remedy), without.variant().label(), describe(without)));
    }

    private static Part worse(Part a, Part b) {
        return new Part("residual init", a.holds() && b.holds(), a.clause() + "; " + b.clause());
    }

    private static String describe(Mitigations.Run r) {
        return r.diverged() != null ? "diverged (" + r.diverged() + ")"
                : "reached test accuracy " + Mitigations.format(r.testAccuracy());
    }
}
