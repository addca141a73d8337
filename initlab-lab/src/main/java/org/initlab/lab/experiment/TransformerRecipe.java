package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.LastStep;
import org.initlab.nn.Layer;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.PerStep;
import org.initlab.nn.Residual;
import org.initlab.nn.Schedule;
import org.initlab.nn.SelfAttention;
import org.initlab.nn.Sequential;
import org.initlab.nn.Trainer;

/**
 * The Transformer part of {@link Remedies}: a stack of attention blocks on the adding problem
 * ({@value #DATA}), built as Vaswani et al. (2017) build it (each sub-layer inside a residual
 * connection followed by LayerNorm, "post-LN"; scores scaled by 1/sqrt(d); a linear learning-rate
 * warm-up) against the same stack without those four parts (sub-layers one after the other, raw
 * scores, constant rate). Both: each step embedded by {@code Dense(2, d)}, then {@code blocks}
 * blocks of single-head self-attention and a per-step feed-forward {@code Dense(d, 2d)}, ReLU,
 * {@code Dense(2d, d)}, then the last step's features to {@code Dense(d, 1)}; weights by the default
 * plan (Glorot uniform for attention and linear layers, He normal before the ReLU), biases zero, norm
 * scales one; {@value #ADAM}, batches of {@value #BATCH}; loss the mean squared error.
 */
final class TransformerRecipe {
    /** The sequence task: sums of two marked values in sequences of 10 steps. */
    static final String DATA = "adding(length=10,n=1000,test=300)";
    /** Model width. */
    static final int DIM = 16;
    /** Batch size. */
    static final int BATCH = 32;
    /** The optimizer of both stacks (Vaswani et al. train with Adam). */
    static final String ADAM = "adam(lr=0.001)";

    private TransformerRecipe() {}

    /** The stack with the recipe ({@code recipe}) or without it. */
    static Sequential model(int blocks, boolean recipe) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new PerStep(new Dense("embed", 2, DIM)));
        for (int b = 0; b < blocks; b++) {
            String n = "b" + b;
            SelfAttention attention = new SelfAttention(n + ".attention", DIM, recipe);
            Sequential ffn = new Sequential(List.of(
                    new PerStep(new Dense(n + ".ffn.0", DIM, 2 * DIM)),
                    new ActivationLayer(Activation.RELU, Double.NaN),
                    new PerStep(new Dense(n + ".ffn.2", 2 * DIM, DIM))));
            if (recipe) {
                layers.add(new Residual(n + ".r0", new Sequential(List.of(attention)), false));
                layers.add(new PerStep(new LayerNorm(n + ".norm0", DIM, RemediesTraining.EPS)));
                layers.add(new Residual(n + ".r1", ffn, false));
                layers.add(new PerStep(new LayerNorm(n + ".norm1", DIM, RemediesTraining.EPS)));
            } else {
                layers.add(attention);
                layers.addAll(ffn.layers());
            }
        }
        layers.add(new LastStep());
        layers.add(new Dense("head", DIM, 1));
        return new Sequential(layers);
    }

    /**
     * Trains one stack for {@code epochs}; the recipe's learning rate rises linearly over
     * {@code warmUpEpochs} epochs and then stays. A run that produces a non-finite value stops there.
     * The run's test loss is the test mean squared error; its accuracies are NaN (regression).
     */
    static Mitigations.Run train(
            boolean recipe, int blocks, Dataset train, Dataset test, int epochs, int warmUpEpochs, long seed) {
        Sequential net = model(blocks, recipe);
        InitPlan.defaults().apply(net, seed);
        Trainer trainer = new Trainer(net, OptimizerSpec.parse(ADAM), List.of());
        int stepsPerEpoch = (train.size() + BATCH - 1) / BATCH;
        Schedule schedule = recipe
                ? new Schedule.WarmUp((long) warmUpEpochs * stepsPerEpoch, new Schedule.Constant())
                : new Schedule.Constant();
        List<Trainer.Epoch> done = new ArrayList<>();
        long divergedStep = -1;
        try {
            trainer.fit(
                    train,
                    test,
                    new Trainer.Config(epochs, BATCH, seed, schedule, Double.NaN, Double.NaN),
                    new Trainer.Listener() {
                        @Override
                        public void epoch(Trainer.Epoch e) {
                            done.add(e);
                        }
                    });
        } catch (DivergenceException e) {
            divergedStep = e.step();
        }
        return new Mitigations.Run(
                recipe ? blocks + " attention blocks, Transformer recipe" : blocks + " attention blocks, plain",
                divergedStep < 0 ? 0 : done.size() + 1,
                divergedStep,
                done.stream().mapToDouble(Trainer.Epoch::loss).toArray(),
                done.stream().mapToDouble(Trainer.Epoch::testLoss).toArray(),
                done.stream().mapToDouble(Trainer.Epoch::testAccuracy).toArray());
    }
}
