package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Registry;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.lab.residual.Fixup;
import org.initlab.lab.residual.ReZero;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.nn.Trainer;

/**
 * The training runs of {@link Mitigations}: which network, initialization and optimizer each run
 * uses, one run per call, and the residual stream's growth at initialization.
 */
final class MitigationsTraining {
    /** Batch size of every run. */
    static final int BATCH = 32;
    /** Weight layers of the plain deep network. */
    static final int DEEP = 20;
    /** Residual blocks of the residual network. */
    static final int BLOCKS = 16;
    /** The exploding network of the clipping part. */
    static final String SHALLOW = "mlp(64,[64,64,64],10,act=relu)";
    /** The residual network without (He, Fixup) and with (ReZero) its branch scale α. */
    static final String RESMLP = "resmlp(64,64," + BLOCKS + ",10,act=relu,scale=false)";

    static final String RESMLP_SCALED = "resmlp(64,64," + BLOCKS + ",10,act=relu,scale=true)";
    /** The optimizer of the clipping part. */
    static final String CLIP_OPTIMIZER = "sgd(lr=0.1)";
    /** The global gradient norm the clipped run is clipped to. */
    static final double CLIP_NORM = 1.0;
    /** The optimizer of the Adam run. */
    static final String ADAM = "adam(lr=0.001)";

    private MitigationsTraining() {}

    /** One training run's recipe. */
    record Variant(
            String label,
            Supplier<Sequential> model,
            Function<Sequential, InitPlan> plan,
            String optimizer,
            double clipNorm) {}

    /** The eight runs in result order: clip off/on, plain, BatchNorm, Adam, He residual, Fixup, ReZero. */
    static List<Variant> variants(double lr) {
        String momentum = "sgd(lr=" + lr + ", momentum=0.9)";
        InitPlan lecun = InitPlan.allWeights(Registry.parse("lecun_normal"));
        InitPlan he = InitPlan.allWeights(Registry.parse("he_normal"));
        InitPlan exploding = InitPlan.allWeights(Registry.parse("normal(std=1)"));
        return List.of(
                new Variant(
                        "normal(std=1), no clipping",
                        () -> ModelSpec.parse(SHALLOW),
                        m -> exploding,
                        CLIP_OPTIMIZER,
                        Double.NaN),
                new Variant(
                        "normal(std=1), clipped to norm 1",
                        () -> ModelSpec.parse(SHALLOW),
                        m -> exploding,
                        CLIP_OPTIMIZER,
                        CLIP_NORM),
                new Variant(
                        "20 layers LeCun normal (1/fan_in), SGD", () -> deep(false), m -> lecun, momentum, Double.NaN),
                new Variant(
                        "20 layers LeCun normal (1/fan_in), BatchNorm",
                        () -> deep(true),
                        m -> lecun,
                        momentum,
                        Double.NaN),
                new Variant("20 layers LeCun normal (1/fan_in), Adam", () -> deep(false), m -> lecun, ADAM, Double.NaN),
                new Variant("16 blocks, He normal", () -> ModelSpec.parse(RESMLP), m -> he, momentum, Double.NaN),
                new Variant("16 blocks, Fixup", () -> ModelSpec.parse(RESMLP), Fixup::plan, momentum, Double.NaN),
                new Variant(
                        "16 blocks, ReZero", () -> ModelSpec.parse(RESMLP_SCALED), ReZero::plan, momentum, Double.NaN));
    }

    /** {@value #DEEP} − 1 Dense(64) layers with ReLU (and BatchNorm before each ReLU), then Dense(64, 10). */
    static Sequential deep(boolean batchNorm) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < DEEP - 1; i++) {
            layers.add(new Dense(Integer.toString(layers.size()), 64, 64));
            if (batchNorm) {
                layers.add(new BatchNorm(Integer.toString(layers.size()), 64, 1e-5));
            }
            layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
        }
        layers.add(new Dense(Integer.toString(layers.size()), 64, 10));
        return new Sequential(layers);
    }

    /**
     * Trains one variant for {@code epochs}; a run that produces a non-finite value stops there and
     * keeps the epochs it completed.
     */
    static Mitigations.Run train(Variant v, Dataset train, Dataset test, int epochs, long seed) {
        Sequential net = v.model().get();
        v.plan().apply(net).apply(net, seed);
        Trainer trainer = new Trainer(net, OptimizerSpec.parse(v.optimizer()), List.of());
        Trainer.Config config =
                new Trainer.Config(epochs, BATCH, seed, new Schedule.Constant(), v.clipNorm(), Double.NaN);
        return fit(v.label(), net, trainer, train, test, config);
    }

    /**
     * Trains {@code net} by {@code trainer} with {@code config} and keeps every finished epoch: a run
     * that diverges records the step and the epoch in which it did (the epochs before it stay in the
     * curves). On a classification task the test set's classification report is kept after each epoch.
     */
    static Mitigations.Run fit(
            String label, Sequential net, Trainer trainer, Dataset train, Dataset test, Trainer.Config config) {
        List<Trainer.Epoch> done = new ArrayList<>();
        List<ClassificationReport> reports = new ArrayList<>();
        boolean classes = test.targets() instanceof org.initlab.nn.Labels.Classes;
        long divergedStep = -1;
        try {
            trainer.fit(train, test, config, new Trainer.Listener() {
                @Override
                public void epoch(Trainer.Epoch e) {
                    done.add(e);
                    if (classes) {
                        reports.add(ClassificationReport.evaluate(net, test));
                    }
                }
            });
        } catch (DivergenceException e) {
            divergedStep = e.step();
        }
        return new Mitigations.Run(
                label,
                divergedStep < 0 ? 0 : done.size() + 1,
                divergedStep,
                done.stream().mapToDouble(Trainer.Epoch::loss).toArray(),
                done.stream().mapToDouble(Trainer.Epoch::testLoss).toArray(),
                done.stream().mapToDouble(Trainer.Epoch::testAccuracy).toArray(),
                java.util.Collections.unmodifiableList(reports));
    }

    /**
     * The He-initialized residual network's stream at initialization: the root mean square after
     * the stem and after each block (the activation layers' outputs), over the input's.
     */
    static double[] heStreamRms(Dataset batch, long seed) {
        Sequential net = ModelSpec.parse(RESMLP);
        InitPlan.allWeights(Registry.parse("he_normal")).apply(net, seed);
        Snapshot s = Probe.atInitialization(net, batch);
        return s.layers().stream()
                .filter(l -> l.kind().equals("activation"))
                .mapToDouble((LayerStats l) -> l.output().rms() / s.inputRms())
                .toArray();
    }
}
