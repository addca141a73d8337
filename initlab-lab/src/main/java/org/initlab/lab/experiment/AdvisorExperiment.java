package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.initlab.core.init.Registry;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.lab.advisor.Advisor;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.probe.Verdicts;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The advisor's plan against naive plans (one initializer for every weight, biases zero) on three
 * architectures: a 20-layer tanh MLP, a 16-block residual ReLU MLP without normalization and a
 * 12-layer SELU MLP, all of width 64. Each plan is probed at initialization on {@code batch}
 * standard normal inputs (labels cycling over 10 classes); seeds draw the inputs and the weights.
 *
 * <p>The figures are the probe's scale ratios, in orders of magnitude: per layer the output rms over
 * the input's (signal) and the gradient norm at the layer's output over the gradient norm at the
 * network's output (gradient); a plan's figure is the largest {@code |log10 ratio|} over its layers,
 * a non-finite or zero ratio counted as {@value #CAP} orders (beyond float32's range). As in the
 * probe's rules ({@link Verdicts}), a deliberately zero-initialized layer (Fixup's output layer)
 * outputs zero by design and its signal ratio is not counted, and the layers below it get no
 * gradient at step 0, so their gradient ratios are not counted either.
 *
 * <p>Default batch 256: the probe's own default, enough for a layer's rms to within a few percent.
 *
 * @param batch probe batch size
 */
public record AdvisorExperiment(
        @Param(value = "probe batch size", min = 16, max = 100_000)
        int batch) implements Experiment<AdvisorExperiment.Result> {
    /** The architectures, in result order. */
    public static final List<String> MODELS = List.of(
            "mlp(64,[64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64,64],10,act=tanh)",
            "resmlp(64,64,16,10,act=relu)",
            "mlp(64,[64,64,64,64,64,64,64,64,64,64,64],10,act=selu)");
    /** Short names of the architectures. */
    public static final List<String> NAMES =
            List.of("20-layer tanh MLP", "16-block residual ReLU MLP", "12-layer SELU MLP");
    /** The naive plans: one initializer for every weight, biases zero. */
    public static final List<String> NAIVE = List.of("normal(std=0.01)", "normal(std=1)", "he_normal", "torch_default");
    /** Orders of magnitude a non-finite or zero ratio counts as: float32 spans about 38 either way. */
    static final double CAP = 38;
    /**
     * Orders of magnitude of a healthy scale ratio: within 2, the probe's factor {@link Verdicts#GROWTH}
     * = 100 (a sound init stays within a factor of a few; a bad scale compounds geometrically with depth).
     */
    static final double HEALTHY_ORDERS = Math.log10(Verdicts.GROWTH);

    /** The defaults: a probe batch of 256. */
    public AdvisorExperiment() {
        this(256);
    }

    /**
     * One plan probed on one architecture.
     *
     * @param plan {@code advised} or the naive initializer's spec
     * @param verdict the probe's network verdict
     * @param signalOrders largest |log10(output rms / input rms)| over the layers
     * @param gradientOrders largest |log10(gradient norm / output gradient norm)| over the layers that get a gradient
     */
    public record Plan(
            String plan, org.initlab.lab.probe.Verdict.Kind verdict, double signalOrders, double gradientOrders) {
        /** The larger of the two figures. */
        public double worstOrders() {
            return Math.max(signalOrders, gradientOrders);
        }
    }

    /**
     * One architecture's plans.
     *
     * @param model the model spec
     * @param plans the advised plan first, then the naive plans in {@link #NAIVE} order
     */
    public record Architecture(String model, List<Plan> plans) {
        public Architecture {
            plans = List.copyOf(plans);
        }

        /** The advised plan. */
        public Plan advised() {
            return plans.get(0);
        }

        /** The worst naive plan's largest orders of magnitude. */
        public double worstNaiveOrders() {
            return plans.stream().skip(1).mapToDouble(Plan::worstOrders).max().orElse(0);
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the inputs and the weights
     * @param architectures the architectures in {@link #MODELS} order
     */
    public record Result(long seed, List<Architecture> architectures) implements Experiment.Result {
        public Result {
            architectures = List.copyOf(architectures);
        }
    }

    @Override
    public String name() {
        return "advisor";
    }

    @Override
    public String title() {
        return "the advised plan versus naive plans at initialization";
    }

    @Override
    public String claim() {
        return "Choosing the initializer per layer from the activation, the structure (residual, normalization) and the"
                + " layer's role gives a network whose signal and gradient neither vanish nor explode, where one initializer"
                + " for every weight often fails (the advisor's rules: He et al. 2015, Glorot and Bengio 2010, Klambauer et al."
                + " 2017, Fixup and ReZero).";
    }

    @Override
    public String setup() {
        return "Three architectures of width 64 (" + String.join(", ", NAMES)
                + "), each with the advised plan and the naive"
                + " plans " + String.join(", ", NAIVE) + " (biases zero), probed at initialization on " + batch
                + " N(0, 1)"
                + " inputs; figures in orders of magnitude of the probe's scale ratios.";
    }

    /** Estimated from measured CPU time: advisor(batch=64): 0.13 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.002 * batch;
    }

    @Override
    public int work() {
        return MODELS.size();
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        float[] x = new float[batch * 64];
        Samplers.normal(RandomStream.of(seed, "experiment/advisor/inputs"), 0, x.length, 0, 1, x, 0);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 10;
        }
        Dataset inputs = new Dataset("N(0,1)^64", new Tensor(x, batch, 64), labels, 10);
        List<Architecture> out = new ArrayList<>();
        for (String model : MODELS) {
            List<Plan> plans = new ArrayList<>();
            List<String> names = new ArrayList<>(List.of("advised"));
            names.addAll(NAIVE);
            for (String name : names) {
                Sequential net = ModelSpec.parse(model);
                InitPlan plan = name.equals("advised")
                        ? Advisor.advise(net, Advisor.Options.defaults()).plan()
                        : InitPlan.allWeights(Registry.parse(name));
                plan.apply(net, seed);
                plans.add(probe(name, Probe.atInitialization(net, inputs)));
            }
            out.add(new Architecture(model, plans));
            progress.accept(out.size());
        }
        return new Result(seed, out);
    }

    /** The plan's figures from a probe snapshot. */
    static Plan probe(String name, Snapshot s) {
        int lastZero = -1;
        for (LayerStats l : s.layers()) {
            if (l.weightNorm() == 0) {
                lastZero = Math.max(lastZero, l.index());
            }
        }
        double signal = 0;
        double gradient = 0;
        for (LayerStats l : s.layers()) {
            if (l.weightNorm() != 0) {
                signal = Math.max(signal, orders(l.output().rms() / s.inputRms()));
            }
            if (l.index() >= lastZero) {
                gradient = Math.max(gradient, orders(l.gradOutputNorm() / s.outputGradNorm()));
            }
        }
        return new Plan(name, s.network().kind(), signal, gradient);
    }

    private static double orders(double ratio) {
        return Double.isFinite(ratio) && ratio > 0 ? Math.min(CAP, Math.abs(Math.log10(ratio))) : CAP;
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        List<Check> checks = new ArrayList<>();
        for (int a = 0; a < MODELS.size(); a++) {
            int k = a;
            String arch = NAMES.get(a);
            checks.add(Criterion.atMost(
                            arch + ": advised plan, largest |log10 gradient ratio|",
                            HEALTHY_ORDERS,
                            "the probe's healthy range: within a factor 100")
                    .check(per(seeds, r -> r.architectures().get(k).advised().gradientOrders())));
            checks.add(Criterion.atMost(
                            arch + ": advised plan, largest |log10 signal ratio|",
                            HEALTHY_ORDERS,
                            "the probe's healthy range: within a factor 100")
                    .check(per(seeds, r -> r.architectures().get(k).advised().signalOrders())));
            checks.add(Criterion.atLeast(
                            arch + ": worst naive plan, largest |log10 ratio|",
                            HEALTHY_ORDERS,
                            "the advice is needed, not only harmless: some naive plan leaves the factor-100 range")
                    .check(per(seeds, r -> r.architectures().get(k).worstNaiveOrders())));
        }
        return Verdict.of(checks);
    }

    private static double[] per(List<Result> seeds, ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return AdvisorReport.render(seeds, verdict);
    }
}
