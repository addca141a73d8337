package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.lab.advisor.Advisor;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.probe.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The advisor's plan against naive plans on three architectures: a 20-layer tanh MLP, a deep
 * residual ReLU MLP without normalization (16 blocks), and a 12-layer SELU MLP. Each plan is probed
 * at initialization on {@value #BATCH} standard normal inputs; the network verdict and the last
 * hidden layer's scale are reported.
 *
 * <p>Criterion: the advised plan is {@code healthy} on every architecture, and for every
 * architecture at least one naive plan is not (the advice is needed, not only harmless).
 *
 * @param seed seed of the inputs and the weights
 */
public record AdvisorExperiment(long seed) implements LegacyExperiment {
    /** The architectures. */
    public static final List<String> MODELS = List.of("mlp(64,[64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64],10,act=tanh)",
            "resmlp(64,64,16,10,act=relu)", "mlp(64,[64,64,64,64,64,64,64,64,64,64,64],10,act=selu)");
    /** The naive plans: one initializer for every weight, biases zero. */
    public static final List<String> NAIVE = List.of("normal(std=0.01)", "normal(std=1)", "he_normal", "torch_default");
    /** Probe batch size. */
    public static final int BATCH = 256;

    @Override
    public String name() {
        return "advisor";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("models", MODELS);
        m.put("naive_plans", NAIVE);
        m.put("batch", BATCH);
        m.put("inputs", "standard normal");
        m.put("seed", seed);
        return m;
    }

    @Override
    public int work() {
        return MODELS.size();
    }

    @Override
    public Outcome run(IntConsumer progress) {
        float[] x = new float[BATCH * 64];
        Samplers.normal(RandomStream.of(seed, "experiment/advisor/inputs"), 0, x.length, 0, 1, x, 0);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % 10;
        }
        Dataset batch = new Dataset("N(0,1)^64", new Tensor(x, BATCH, 64), labels, 10);
        List<String> header = new ArrayList<>(List.of("model", "plan", "verdict", "where"));
        List<List<String>> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("model,plan,verdict,figure,value\n");
        boolean advisedHealthy = true;
        boolean naiveFails = true;
        List<String> charts = new ArrayList<>();
        int done = 0;
        for (String model : MODELS) {
            List<String> plans = new ArrayList<>(List.of("advised"));
            plans.addAll(NAIVE);
            boolean anyNaiveBad = false;
            double[] xs = new double[plans.size()];
            double[] ys = new double[plans.size()];
            for (int p = 0; p < plans.size(); p++) {
                Sequential net = ModelSpec.parse(model);
                InitPlan plan = p == 0 ? Advisor.advise(net, Advisor.Options.defaults()).plan()
                        : InitPlan.allWeights(Registry.parse(plans.get(p)));
                plan.apply(net, seed);
                Snapshot s = Probe.atInitialization(net, batch);
                Verdict v = s.network();
                boolean healthy = v.kind() == Verdict.Kind.HEALTHY;
                if (p == 0) {
                    advisedHealthy &= healthy;
                } else {
                    anyNaiveBad |= !healthy;
                }
                rows.add(List.of(model, plans.get(p), v.kind().label(), v.reason()));
                csv.append('"').append(model).append("\",\"").append(plans.get(p)).append("\",").append(v.kind().label())
                        .append(',').append(v.figure()).append(',').append(v.value()).append('\n');
                xs[p] = p + 1;
                ys[p] = s.layers().get(s.layers().size() - 2).output().rms() / s.inputRms();
            }
            naiveFails &= anyNaiveBad;
            charts.add(Svg.lineChart(model.substring(0, model.indexOf('(')) + " " + model.substring(model.lastIndexOf("act=")),
                    "plan (1 = advised, then " + String.join(", ", NAIVE) + ")", "last hidden rms / input rms (log)",
                    List.of(new Svg.Series("signal scale", xs, ys)), true));
            progress.accept(++done);
        }
        boolean supported = advisedHealthy && naiveFails;
        String conclusion = "The advised plan was " + (advisedHealthy ? "healthy on all three architectures" : "not healthy"
                + " on every architecture") + "; " + (naiveFails ? "each architecture had at least one naive plan that was not"
                : "some architecture had only healthy naive plans") + " (table: verdict and the figure behind it).";
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "the advisor's per-layer rules give a healthy network where naive single-initializer plans fail"
                : "see the conclusion");
        HtmlReport.Section section = new HtmlReport.Section("advisor: advised plan versus naive plans",
                "Choosing the initializer per layer from the activation, the structure (residual, normalization) and the"
                        + " layer role gives a network whose signal neither vanishes nor explodes, where one initializer for"
                        + " every weight often fails.",
                "Three architectures (20-layer tanh MLP, 16-block residual ReLU MLP, 12-layer SELU MLP), probed at"
                        + " initialization on " + BATCH + " standard normal inputs, seed " + seed + ".",
                verdict, header, rows, charts, conclusion);
        return new Outcome(supported, verdict, conclusion, header, rows, section, csv.toString());
    }
}
