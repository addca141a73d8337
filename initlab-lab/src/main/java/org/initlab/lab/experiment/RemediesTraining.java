package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Registry;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.nn.Trainer;

/**
 * The training runs of {@link Remedies}: one exploding network, trained plainly and with each
 * remedy, one run per call.
 */
final class RemediesTraining {
    /** Hidden widths of the exploding network (digits' 64 inputs, 10 classes). */
    static final int WIDTH = 64;
    /** Hidden layers. */
    static final int HIDDEN = 3;
    /** The exploding initialization: every weight N(0, 1), so each ReLU layer multiplies the scale by about sqrt(64/2) = 5.7. */
    static final String EXPLODING = "normal(std=1)";
    /** Per-epoch decay of the warm-up run's learning rate after the warm-up (PyTorch's StepLR with step = one epoch). */
    static final double DECAY = 0.9;
    /** LayerNorm's epsilon (PyTorch's default). */
    static final double EPS = 1e-5;

    private RemediesTraining() {}

    /**
     * One run's recipe.
     *
     * @param label what is trained, in words
     * @param layerNorm whether a LayerNorm sits before each ReLU
     * @param optimizer the optimizer spec
     * @param warmUpEpochs epochs of linear warm-up followed by a per-epoch decay; 0 for a constant rate
     */
    record Variant(String label, boolean layerNorm, String optimizer, int warmUpEpochs) {}

    /** The six runs in result order: plain SGD, L2, RMSProp, Adam, warm-up and decay, LayerNorm. */
    static List<Variant> variants(Remedies r) {
        String sgd = "sgd(lr=" + r.lr() + ")";
        return List.of(
                new Variant("SGD, no remedy", false, sgd, 0),
                new Variant(
                        "SGD + L2 (weight decay " + r.weightDecay() + ")",
                        false,
                        "sgd(lr=" + r.lr() + ", weight_decay=" + r.weightDecay() + ")",
                        0),
                new Variant("RMSProp", false, Remedies.RMSPROP, 0),
                new Variant("Adam", false, Remedies.ADAM, 0),
                new Variant(
                        "SGD, warm-up " + r.warmUp() + " epoch(s) then ×" + DECAY + " per epoch",
                        false,
                        sgd,
                        r.warmUp()),
                new Variant("SGD + LayerNorm before each ReLU", true, sgd, 0));
    }

    /** {@value #HIDDEN} hidden Dense(64) layers with ReLU (and LayerNorm before each ReLU), then Dense(64, 10). */
    static Sequential model(boolean layerNorm) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < HIDDEN; i++) {
            layers.add(new Dense(Integer.toString(layers.size()), WIDTH, WIDTH));
            if (layerNorm) {
                layers.add(new LayerNorm(Integer.toString(layers.size()), WIDTH, EPS));
            }
            layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
        }
        layers.add(new Dense(Integer.toString(layers.size()), WIDTH, 10));
        return new Sequential(layers);
    }

    /**
     * The learning-rate schedule: constant, or linear warm-up over {@code warmUpEpochs} epochs, then
     * the rate times {@value #DECAY} per epoch (a schedule that does not depend on the total, so one run
     * can be read at any smaller budget).
     */
    static Schedule schedule(int warmUpEpochs, int stepsPerEpoch) {
        return warmUpEpochs == 0
                ? new Schedule.Constant()
                : new Schedule.WarmUp((long) warmUpEpochs * stepsPerEpoch, new Schedule.Step(stepsPerEpoch, DECAY));
    }

    /**
     * Trains one variant for {@code epochs}; a run that produces a non-finite value stops there and
     * keeps the epochs it completed.
     */
    static Mitigations.Run train(Variant v, Dataset train, Dataset test, int epochs, long seed) {
        Sequential net = model(v.layerNorm());
        InitPlan.allWeights(Registry.parse(EXPLODING)).apply(net, seed);
        Trainer trainer = new Trainer(net, OptimizerSpec.parse(v.optimizer()), List.of());
        int stepsPerEpoch = (train.size() + MitigationsTraining.BATCH - 1) / MitigationsTraining.BATCH;
        Trainer.Config config = new Trainer.Config(
                epochs,
                MitigationsTraining.BATCH,
                seed,
                schedule(v.warmUpEpochs(), stepsPerEpoch),
                Double.NaN,
                Double.NaN);
        return MitigationsTraining.fit(v.label(), net, trainer, train, test, config);
    }
}
