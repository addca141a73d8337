package org.initlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.gain.Activation;
import org.initlab.io.Json;
import org.initlab.lab.theory.EdgeOfChaos;
import org.initlab.lab.theory.LengthFixedPoint;
import org.initlab.lab.theory.MeanField;
import org.initlab.lab.theory.MeanFieldAnalysis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code initlab critical ACTIVATION}: the mean-field analysis of a deep random network with that
 * activation (see {@link MeanField}), at the critical {@code σ_w²} or at a given one.
 */
@Command(
        name = "critical",
        mixinStandardHelpOptions = true,
        description = {
            "Predict signal propagation through a deep, wide, random network by mean-field theory.",
            "For weights N(0, sigma_w^2/fan_in) and biases N(0, sigma_b^2) (Poole et al. 2016; Schoenholz et al."
                    + " 2017): the fixed point q* of the pre-activation second moment, chi_1, the critical sigma_w^2"
                    + " (the edge of chaos, chi_1 = 1), and the depth scales xi_q and xi_c (in layers; 'inf' at the"
                    + " edge, where they diverge).",
            "Analyzes at the critical sigma_w^2 unless --sigma-w2 is given."
        })
final class CriticalCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "ACTIVATION",
            description =
                    "linear, sigmoid, tanh, relu, leaky_relu, elu, selu, gelu, gelu_tanh, silu, softplus, mish, softsign, hard_tanh, relu6.")
    String activation;

    @Option(
            names = {"--slope", "--param"},
            description = "The activation's parameter: leaky_relu's negative slope, elu's alpha.")
    Double param;

    @Option(
            names = "--sigma-b2",
            paramLabel = "V",
            defaultValue = "0",
            description = "Bias variance sigma_b^2 (default: ${DEFAULT-VALUE}).")
    double sigmaB2;

    @Option(
            names = "--sigma-w2",
            paramLabel = "V",
            description = "Weight variance times fan-in, sigma_w^2 (default: the critical value).")
    Double sigmaW2;

    @Option(
            names = "--depth",
            paramLabel = "L",
            description = "Also print the predicted pre-activation second moment of layers 1..L.")
    Integer depth;

    @Option(
            names = "--q0",
            paramLabel = "V",
            defaultValue = "1",
            description = "Second moment of the inputs, mean of x^2 (default: ${DEFAULT-VALUE}).")
    double inputSecondMoment;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Activation act = Activation.parse(activation);
        double p = act.paramOrDefault(param == null ? Double.NaN : param);
        double critical = EdgeOfChaos.criticalSigmaW2(act, p, sigmaB2);
        PrintWriter out = spec.commandLine().getOut();
        if (sigmaW2 == null && Double.isNaN(critical)) {
            String note = "no edge of chaos for " + act.specName() + " at sigma_b^2 = " + Format.num(sigmaB2)
                    + ": chi_1 does not pass through 1 at a finite fixed point for any sigma_w^2 in [1e-6, 1e6]"
                    + " (for the smooth rectifiers with little bias the finite fixed point disappears first);"
                    + " try --sigma-b2 > 0, or --sigma-w2 to analyze a given value";
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("activation", act.specName());
                doc.put("param", Double.isNaN(p) ? null : p);
                doc.put("sigma_b2", sigmaB2);
                doc.put("critical_sigma_w2", null);
                doc.put("note", note);
                out.println(Json.write(doc));
            } else {
                out.println(note);
            }
            return 0;
        }
        double w = sigmaW2 == null ? critical : sigmaW2;
        MeanField field = MeanField.of(act, p, w, sigmaB2);
        MeanFieldAnalysis a = field.analyze(inputSecondMoment);
        boolean everyQFixed = everyQFixed(field, a);
        double[] predicted = depth == null ? null : field.predictedSecondMoments(inputSecondMoment, depth);
        if (json) {
            Map<String, Object> doc = document(a, critical, predicted);
            doc.put("every_q_fixed", everyQFixed);
            out.println(Json.write(doc));
            return 0;
        }
        out.println(act.specName() + (Double.isNaN(p) ? "" : " (param " + Format.num(p) + ")") + ", sigma_b^2 = "
                + Format.num(sigmaB2) + ", sigma_w^2 = " + Format.num(w)
                + (sigmaW2 == null ? " (the critical value)" : "") + ", q0 = " + Format.num(inputSecondMoment));
        new Table("quantity", "value")
                .row("critical sigma_w^2", Double.isNaN(critical) ? "none in [1e-6, 1e6]" : Format.num(critical))
                .row(
                        "q* (fixed point)",
                        everyQFixed
                                ? "every q is fixed: the layers keep q0 = " + Format.num(inputSecondMoment)
                                : qStarText(a))
                .row("chi_1", Format.num(a.chi1()))
                .row("phase", a.phase().name().toLowerCase(Locale.ROOT))
                .row("chi_q", Format.num(a.chiQ()))
                .row("xi_q (layers)", depthText(a.xiQ(), "undefined: q* explodes"))
                .row("c* (correlation)", undefinedWithoutQStar(a.cStar(), a))
                .row("chi_c", undefinedWithoutQStar(a.chiC(), a))
                .row(
                        "xi_c (layers)",
                        Double.isNaN(a.cStar()) ? undefinedWithoutQStar(a.xiC(), a) : depthText(a.xiC(), "nan"))
                .print(out);
        if (predicted != null) {
            out.println();
            Table layers = new Table("layer", "predicted q");
            for (int l = 0; l < predicted.length; l++) {
                layers.row(Integer.toString(l + 1), Format.num(predicted[l]));
            }
            layers.print(out);
        }
        return 0;
    }

    private static Map<String, Object> document(MeanFieldAnalysis a, double critical, double[] predicted) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("activation", a.activation());
        doc.put("param", Double.isNaN(a.param()) ? null : a.param());
        doc.put("sigma_b2", a.sigmaB2());
        doc.put("sigma_w2", a.sigmaW2());
        doc.put("critical_sigma_w2", critical);
        doc.put("input_second_moment", a.inputSecondMoment());
        doc.put("fixed_point", a.fixedPoint().status().name().toLowerCase(Locale.ROOT));
        doc.put("q_star", number(a.qStar()));
        doc.put("chi_1", a.chi1());
        doc.put("phase", a.phase().name().toLowerCase(Locale.ROOT));
        doc.put("chi_q", a.chiQ());
        doc.put("xi_q", number(a.xiQ()));
        doc.put("c_star", a.cStar());
        doc.put("chi_c", a.chiC());
        doc.put("xi_c", number(a.xiC()));
        if (predicted != null) {
            List<Object> layers = new ArrayList<>();
            for (double q : predicted) {
                layers.add(number(q));
            }
            doc.put("predicted_second_moments", layers);
        }
        return doc;
    }

    /** A number for JSON: the string "inf" for +∞ (a diverging depth scale, an exploding q*), null for NaN. */
    private static Object number(double v) {
        return v == Double.POSITIVE_INFINITY ? "inf" : v;
    }

    /**
     * Whether the length map is the identity around {@code q0} (checked at {@code q0/2}, {@code q0}
     * and {@code 2·q0}, relative 1e-12): then no particular q* is reached, the layers keep
     * {@code q0} whatever it is (ReLU at {@code σ_b² = 0}, {@code σ_w² = 2}: {@code q' = σ_w² q / 2 = q};
     * at any other {@code σ_w²} the map has the single fixed point 0, reached when {@code σ_w² < 2},
     * left towards infinity when {@code σ_w² > 2}).
     */
    static boolean everyQFixed(MeanField field, MeanFieldAnalysis a) {
        if (a.fixedPoint().status() != LengthFixedPoint.Status.FINITE) {
            return false;
        }
        double q0 = a.inputSecondMoment();
        for (double q : new double[] {q0 / 2, q0, 2 * q0}) {
            if (Math.abs(field.lengthMap(q) - q) > 1e-12 * q) {
                return false;
            }
        }
        return true;
    }

    private static String qStarText(MeanFieldAnalysis a) {
        return switch (a.fixedPoint().status()) {
            case FINITE -> Format.num(a.qStar());
            case VANISHES -> "0 (the signal vanishes)";
            case EXPLODES -> "inf (the signal explodes)";
        };
    }

    private static String depthText(double xi, String whenNaN) {
        if (Double.isNaN(xi)) {
            return whenNaN;
        }
        return Double.isInfinite(xi) ? "inf (diverges)" : Format.num(xi);
    }

    private static String undefinedWithoutQStar(double v, MeanFieldAnalysis a) {
        if (!Double.isNaN(v)) {
            return Format.num(v);
        }
        return "undefined: q* " + (a.fixedPoint().status() == LengthFixedPoint.Status.EXPLODES ? "explodes" : "is 0");
    }
}
