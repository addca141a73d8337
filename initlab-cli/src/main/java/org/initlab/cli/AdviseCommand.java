package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.Registry;
import org.initlab.io.Json;
import org.initlab.io.Provenance;
import org.initlab.lab.advisor.Advice;
import org.initlab.lab.advisor.Advisor;
import org.initlab.lab.advisor.ParameterAdvice;
import org.initlab.lab.datadriven.Lsuv;
import org.initlab.lab.datadriven.LsuvReport;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.probe.Verdict;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code initlab advise}: the {@link Advisor}'s initializer and reason for every parameter; with
 * {@code --verify}, the probe's verdict on the advised plan next to naive plans, and LSUV on top of
 * the advice when the probe does not call it healthy.
 */
@Command(
        name = "advise",
        mixinStandardHelpOptions = true,
        description = {
            "Recommend an initializer for every parameter of a model, with the reason and the reference.",
            "--verify probes the advised plan and naive alternatives on one batch and compares their verdicts;"
                    + " when the advice is not healthy, LSUV (Mishkin and Matas 2016) refines it and the probe runs again."
        })
final class AdviseCommand implements Callable<Integer> {
    /** The naive plans --verify compares with: every weight from one initializer, biases zero. */
    static final List<String> NAIVE =
            List.of("normal(std=0.01)", "normal(std=1)", "lecun_normal", "glorot_uniform", "torch_default");

    @Option(names = "--model", required = true, description = ModelOption.DESCRIPTION)
    String model;

    @Option(names = "--gan", description = "The model is part of a GAN: advise DCGAN's N(0, 0.02^2) for every weight.")
    boolean gan;

    @Option(
            names = "--residual",
            defaultValue = "auto",
            paramLabel = "SCHEME",
            description = "Residual stacks: auto (Fixup or ReZero from " + Advisor.DEEP_RESIDUAL
                    + " blocks without normalization), fixup, rezero, none. Default: ${DEFAULT-VALUE}.")
    String residual;

    @Option(names = "--verify", description = "Probe the advised plan and naive plans; refine with LSUV if needed.")
    boolean verify;

    @Option(names = "--data", description = "Dataset spec for --verify's batch; default standard normal inputs.")
    String data;

    @Option(
            names = "--data-dir",
            description = "Folder holding data sets, looked at before the user data folder; it must exist.")
    Path dataDir;

    @Option(
            names = "--batch",
            defaultValue = "256",
            description = "Examples in --verify's batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of initialization and data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "FILE.safetensors|FILE.npz",
            description = {
                "Write the advised initial weights (--seed) keyed by the model's own names as PyTorch's state_dict has them,",
                "for load_state_dict(..., strict=True); exactly what --init advised gives train, probe and export."
            })
    Path out;

    @Option(
            names = "--before",
            defaultValue = "torch_default",
            paramLabel = "SPEC",
            description =
                    "With --verify: the initialization the model has before the advice. Default: ${DEFAULT-VALUE}.")
    String before;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    private record Check(String plan, Snapshot probe) {}

    @Override
    public Integer call() throws IOException {
        Advisor.ResidualScheme scheme = parseScheme();
        if (out != null) {
            TrainedWeights.requireTarget(out);
        }
        Sequential net = ModelOption.load(model);
        Advice advice = Advisor.advise(net, new Advisor.Options(gan, scheme));
        InitPlan beforePlan = verify ? InitOption.plan(before, ModelOption.load(model)) : null;
        if (out != null) {
            advice.plan().apply(net, seed);
            Map<String, String> metadata =
                    new LinkedHashMap<>(Provenance.now(Main.commandLine(spec), List.of(seed), null, null, 1)
                            .toMetadata());
            metadata.put("model", model);
            metadata.put("init", "advised");
            TrainedWeights.write(out, net, metadata);
        }
        List<Check> checks = new ArrayList<>();
        LsuvReport lsuv = null;
        if (verify) {
            Dataset input = ProbeInput.batch(
                    net, data, dataDir, data == null ? ModelOption.inputShape(model) : null, batch, seed);
            if (ModelOption.carriesWeights(model)) {
                checks.add(new Check("file weights", Probe.atInitialization(ModelOption.load(model), input)));
            }
            Snapshot advised = probe(advice.plan(), input);
            checks.add(new Check("advised", advised));
            checks.add(new Check("before: " + before, probe(beforePlan, input)));
            for (String naive : NAIVE.stream()
                    .filter(n -> !n.equalsIgnoreCase(before.strip()))
                    .toList()) {
                checks.add(new Check(naive, probe(InitPlan.allWeights(Registry.parse(naive)), input)));
            }
            if (advised.network().kind() != Verdict.Kind.HEALTHY) {
                Sequential refined = ModelOption.load(model);
                advice.plan().apply(refined, seed);
                lsuv = Lsuv.defaults().withoutPreInitialization().run(refined, input.features(), seed);
                checks.add(new Check("advised + LSUV", Probe.atInitialization(refined, input)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = document(advice, checks, lsuv);
            if (this.out != null) {
                doc.put("out", this.out.toString());
            }
            out.println(Json.write(doc));
            return 0;
        }
        Table t = new Table("parameter", "layer", "activation", "initializer", "reason").notes("reason");
        for (ParameterAdvice a : advice.parameters()) {
            t.row(a.path(), a.layerKind(), a.activation(), a.initializer(), a.reason());
        }
        t.print(out);
        for (String note : advice.notes()) {
            out.println("note: " + note);
        }
        if (this.out != null) {
            out.println("wrote the advised initial weights (seed " + seed + ") to " + this.out);
        }
        if (verify) {
            out.println();
            Table v = new Table("plan", "verdict", "figure", "value", "where").notes("where");
            for (Check c : checks) {
                Verdict n = c.probe().network();
                v.row(c.plan(), n.kind().label(), n.figure(), Format.num(n.value()), n.reason());
            }
            v.print(out);
            Verdict b = checks.get(1).probe().network();
            Verdict a = checks.get(0).probe().network();
            out.println("before (" + before + "): " + b.kind().label() + " -> after (advised): "
                    + a.kind().label());
            if (lsuv != null) {
                out.println("LSUV: "
                        + (lsuv.converged() ? "every layer reached unit variance" : "some layers did not converge")
                        + " (" + lsuv.layers().size() + " layers, at most "
                        + lsuv.layers().stream()
                                .mapToInt(LsuvReport.LayerResult::iterations)
                                .max()
                                .orElse(0) + " iterations)");
            }
        }
        return 0;
    }

    private Snapshot probe(InitPlan plan, Dataset input) throws IOException {
        Sequential net = ModelOption.load(model);
        plan.apply(net, seed);
        return Probe.atInitialization(net, input);
    }

    private Advisor.ResidualScheme parseScheme() {
        for (Advisor.ResidualScheme s : Advisor.ResidualScheme.values()) {
            if (s.name().equalsIgnoreCase(residual)) {
                return s;
            }
        }
        throw new ParameterException(
                spec.commandLine(), "--residual must be auto, fixup, rezero or none; got '" + residual + "'");
    }

    private Map<String, Object> document(Advice advice, List<Check> checks, LsuvReport lsuv) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", model);
        List<Object> params = new ArrayList<>();
        for (ParameterAdvice a : advice.parameters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", a.path());
            m.put("layer", a.layerKind());
            m.put("activation", a.activation());
            m.put("initializer", a.initializer());
            m.put("reason", a.reason());
            params.add(m);
        }
        doc.put("parameters", params);
        doc.put("notes", new ArrayList<Object>(advice.notes()));
        if (verify) {
            List<Object> rows = new ArrayList<>();
            for (Check c : checks) {
                Verdict n = c.probe().network();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("plan", c.plan());
                m.put("verdict", n.kind().label());
                m.put("figure", n.figure());
                m.put("value", n.value());
                m.put("reason", n.reason());
                rows.add(m);
            }
            doc.put("verification", rows);
            Map<String, Object> ba = new LinkedHashMap<>();
            ba.put("before_plan", before);
            ba.put("before_verdict", checks.get(1).probe().network().kind().label());
            ba.put("after_verdict", checks.get(0).probe().network().kind().label());
            doc.put("before_after", ba);
            if (lsuv != null) {
                List<Object> layers = new ArrayList<>();
                for (LsuvReport.LayerResult r : lsuv.layers()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", r.path());
                    m.put("iterations", r.iterations());
                    m.put("initial_variance", r.initialVariance());
                    m.put("final_variance", r.finalVariance());
                    m.put("converged", r.converged());
                    layers.add(m);
                }
                doc.put("lsuv", layers);
            }
        }
        return doc;
    }
}
