package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.io.Json;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.probe.Verdict;
import org.initlab.lab.probe.Verdicts;
import org.initlab.lab.theory.JacobianSpectrum;
import org.initlab.nn.Dataset;
import org.initlab.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code initlab probe}: per-layer signal and gradient statistics of a model at initialization
 * ({@link Probe#atInitialization}), a verdict per layer and for the network ({@link Verdicts}), and
 * for MLPs the singular values of the input-output Jacobian ({@link JacobianSpectrum}).
 */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = {
            "Measure a freshly initialized model's signal and gradients, layer by layer, with a verdict.",
            "One batch goes forward and back: per layer the output's mean, std, min and max, the saturated, zero"
                    + " and dead fractions, the gradient norms at the output and of the weights, and a verdict"
                    + " (healthy, vanishing, exploding, saturated, dead, symmetric) with the figure behind it.",
            "Thresholds: a scale ratio beyond 100x (or 1/100) of the input's (of the output gradient's) is"
                    + " exploding (vanishing); more than 50%% saturated outputs or dead units; units identical to"
                    + " 1e-6."
        })
final class ProbeCommand implements Callable<Integer> {
    /** Examples whose Jacobians are decomposed (each costs one SVD). */
    static final int JACOBIAN_EXAMPLES = 32;

    @Option(names = "--model", required = true, description = ModelOption.DESCRIPTION)
    String model;

    @Option(names = "--init", defaultValue = "default", description = InitOption.DESCRIPTION)
    String init;

    @Option(
            names = "--data",
            description = "Dataset spec for the batch (as for train); default: standard normal"
                    + " inputs of the model's input width, labels cycling over its outputs.")
    String data;

    @Option(
            names = "--data-dir",
            description = "Folder holding data sets, looked at before the user data folder; it must exist.")
    Path dataDir;

    @Option(
            names = "--input-shape",
            paramLabel = "D1,D2,...",
            description =
                    "One example's shape for standard normal inputs, e.g. 1,28,28 (default: the one a cnn(C,H,W,CLASSES) spec states).")
    String inputShape;

    @Option(names = "--batch", defaultValue = "256", description = "Examples in the batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of initialization and data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Mixin
    PretrainedOptions pretrained = new PretrainedOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Sequential net = ModelOption.load(model);
        int[] shape = inputShape != null
                ? org.initlab.core.shape.Shape.parse(inputShape).dims()
                : data == null ? ModelOption.inputShape(model) : null;
        Dataset input = ProbeInput.batch(net, data, dataDir, shape, batch, seed);
        InitOption.initialize(
                init, model, net, pretrained, seed, spec.commandLine().getErr());
        Snapshot s = Probe.atInitialization(net, input);
        JacobianSpectrum jacobian = jacobian(net, input);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(document(s, jacobian, input)));
            return 0;
        }
        out.println(model + ", init " + init + ", seed " + seed + ", batch of " + input.size() + " from "
                + (data == null ? "N(0, 1)" : data) + "; input rms " + Format.num(s.inputRms()));
        Table t = new Table(
                "layer",
                "kind",
                "name",
                "mean",
                "std",
                "min",
                "max",
                "saturated",
                "zero",
                "dead",
                "grad_out",
                "grad_w",
                "verdict");
        for (int i = 0; i < s.layers().size(); i++) {
            LayerStats l = s.layers().get(i);
            t.row(
                    Integer.toString(l.index()),
                    l.kind(),
                    l.name(),
                    Format.num(l.output().mean()),
                    Format.num(l.output().std()),
                    Format.num(l.output().min()),
                    Format.num(l.output().max()),
                    percent(l.saturatedFraction()),
                    percent(l.zeroFraction()),
                    percent(l.deadUnitFraction()),
                    Format.num(l.gradOutputNorm()),
                    Double.isNaN(l.weightGradNorm()) ? "" : Format.num(l.weightGradNorm()),
                    s.verdicts().get(i).kind().label());
        }
        t.print(out);
        out.println();
        out.println(
                "network: " + s.network().kind().label() + " (" + s.network().reason() + "; "
                        + s.network().figure() + " " + Format.num(s.network().value()) + ", threshold "
                        + Format.num(s.network().threshold()) + ")");
        if (jacobian != null) {
            out.println("input-output Jacobian over " + jacobian.examples() + " examples: mean s^2 "
                    + Format.num(jacobian.meanSquaredSingularValue()) + ", largest s "
                    + Format.num(jacobian.largestSingularValue())
                    + ", smallest s " + Format.num(jacobian.smallestSingularValue())
                    + ", isometry defect Var(s^2)/mean(s^2)^2 "
                    + Format.num(jacobian.isometryDefect()));
        }
        return 0;
    }

    private static String percent(double f) {
        return Double.isNaN(f) ? "" : String.format("%.1f%%", 100 * f);
    }

    /** The Jacobian spectrum for dense/activation models; null for others or when the SVD fails. */
    private static JacobianSpectrum jacobian(Sequential net, Dataset input) {
        try {
            return JacobianSpectrum.of(
                    net, input.head(Math.min(JACOBIAN_EXAMPLES, input.size())).features());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private Map<String, Object> document(Snapshot s, JacobianSpectrum j, Dataset input) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model);
        doc.put("init", init);
        doc.put("seed", seed);
        doc.put("data", data == null ? "standard_normal" : data);
        doc.put("batch", input.size());
        doc.put("input_rms", s.inputRms());
        doc.put("output_gradient_norm", s.outputGradNorm());
        doc.put("verdict", s.network().kind().label());
        doc.put("network", verdict(s.network()));
        List<Object> layers = new ArrayList<>();
        for (int i = 0; i < s.layers().size(); i++) {
            LayerStats l = s.layers().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", l.index());
            m.put("kind", l.kind());
            m.put("name", l.name());
            m.put("mean", l.output().mean());
            m.put("std", l.output().std());
            m.put("min", l.output().min());
            m.put("max", l.output().max());
            m.put("rms", l.output().rms());
            m.put("non_finite", l.output().nonFinite());
            if (l.preActivation() != null) {
                m.put("pre_activation_mean", l.preActivation().mean());
                m.put("pre_activation_std", l.preActivation().std());
            }
            m.put("saturated_fraction", l.saturatedFraction());
            m.put("zero_fraction", l.zeroFraction());
            m.put("dead_unit_fraction", l.deadUnitFraction());
            m.put("unit_spread", l.unitSpread());
            m.put("gradient_norm_output", l.gradOutputNorm());
            m.put("gradient_norm_weights", l.weightGradNorm());
            m.put("weight_norm", l.weightNorm());
            m.put(
                    "histogram",
                    Map.of(
                            "low",
                            l.histogram().low(),
                            "high",
                            l.histogram().high(),
                            "counts",
                            toList(l.histogram().counts())));
            m.put("verdict", verdict(s.verdicts().get(i)));
            layers.add(m);
        }
        doc.put("layers", layers);
        if (j != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("examples", j.examples());
            m.put("mean_squared_singular_value", j.meanSquaredSingularValue());
            m.put("largest_singular_value", j.largestSingularValue());
            m.put("smallest_singular_value", j.smallestSingularValue());
            m.put("isometry_defect", j.isometryDefect());
            doc.put("jacobian", m);
        } else {
            doc.put("jacobian", null);
        }
        return doc;
    }

    private static List<Object> toList(long[] counts) {
        List<Object> l = new ArrayList<>();
        for (long c : counts) {
            l.add(c);
        }
        return l;
    }

    private static Map<String, Object> verdict(Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", v.kind().label());
        m.put("figure", v.figure());
        m.put("value", v.value());
        m.put("threshold", v.threshold());
        m.put("reason", v.reason());
        return m;
    }
}
