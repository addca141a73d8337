package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Registry;
import org.initlab.io.data.Split;
import org.initlab.lab.residual.Fixup;
import org.initlab.lab.residual.ReZero;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Dense;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * The networks of {@link ResidualSensitivity} and one training run of each. Every network is a stem
 * {@code Dense(IN, W)}, ReLU, then {@code blocks} blocks of two {@code W × W} weight layers, then
 * {@code Dense(W, CLASSES)}; a block is
 * <ul>
 *   <li>plain: {@code Dense, [BN], ReLU, Dense, [BN], ReLU};</li>
 *   <li>residual: {@code x + α · (Dense, [BN], ReLU, Dense, [BN])(x)}, then ReLU (the ResNet v1
 *       block of He et al. 2016 with dense layers; {@code α = 1} fixed, or trainable where the
 *       family has a branch scale).</li>
 * </ul>
 * [BN] is {@link BatchNorm} (PyTorch's eps 1e-5 and momentum 0.1) where the family normalizes. So
 * plain and residual stacks of the same depth have the same weight layers and differ only by the
 * skip connections.
 */
final class ResidualTraining {
    /** BatchNorm's eps, PyTorch's default. */
    private static final double BN_EPS = 1e-5;
    /** SGD momentum of every run, as in the lab's mitigations experiment. */
    static final double MOMENTUM = 0.9;
    /** Examples per step. */
    static final int BATCH = 32;

    private ResidualTraining() {}

    /** How a stack is built and initialized. */
    enum Family {
        PLAIN("plain", false, false, false),
        PLAIN_BN("plain + BatchNorm", false, true, false),
        RESIDUAL("residual", true, false, false),
        RESIDUAL_BN("residual + BatchNorm", true, true, false),
        REZERO("ReZero (α = 0)", true, false, true),
        SKIPINIT_BN("α = 0 + BatchNorm", true, true, true),
        FIXUP("Fixup", true, false, true);

        final String label;
        final boolean residual;
        final boolean normalized;
        final boolean scaled;

        Family(String label, boolean residual, boolean normalized, boolean scaled) {
            this.label = label;
            this.residual = residual;
            this.normalized = normalized;
            this.scaled = scaled;
        }

        /** Whether the family is run with each of the compared initializers (Fixup is an init of its own). */
        boolean crossed() {
            return this != FIXUP;
        }
    }

    /** The network of {@code family} with {@code blocks} blocks of width {@code width}. */
    static Sequential network(Family family, int in, int width, int blocks, int classes) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dense("0", in, width));
        if (family.normalized) {
            layers.add(new BatchNorm("1", width, BN_EPS));
        }
        layers.add(relu());
        for (int b = 0; b < blocks; b++) {
            String name = Integer.toString(layers.size());
            List<Layer> block = new ArrayList<>();
            block.add(new Dense(name + ".0", width, width));
            if (family.normalized) {
                block.add(new BatchNorm(name + ".1", width, BN_EPS));
            }
            block.add(relu());
            block.add(new Dense(name + "." + block.size(), width, width));
            if (family.normalized) {
                block.add(new BatchNorm(name + "." + block.size(), width, BN_EPS));
            }
            if (family.residual) {
                layers.add(new Residual(name, new Sequential(block), family.scaled));
            } else {
                block.add(relu());
                // a plain block's layers sit at the top level, named as if they were a branch
                layers.addAll(block);
                continue;
            }
            layers.add(relu());
        }
        layers.add(new Dense(Integer.toString(layers.size()), width, classes));
        return new Sequential(layers);
    }

    private static ActivationLayer relu() {
        return new ActivationLayer(Activation.RELU, Double.NaN);
    }

    /**
     * The init plan: {@code init} on every weight (biases 0, norm scales 1), α = 0 where the family has
     * it; Fixup's own plan for {@link Family#FIXUP}, which ignores {@code init} (null there).
     */
    static InitPlan plan(Family family, Sequential net, String init) {
        return switch (family) {
            case FIXUP -> Fixup.plan(net);
            case REZERO, SKIPINIT_BN -> ReZero.plan(net, InitPlan.allWeights(Registry.parse(init)));
            default -> InitPlan.allWeights(Registry.parse(init));
        };
    }

    /**
     * Trains one network and returns its per-epoch training loss and test accuracy; after a
     * divergence both are NaN for the remaining epochs.
     */
    static ResidualSensitivity.Run train(
            Family family,
            String initLabel,
            String init,
            int blocks,
            int width,
            Split data,
            int epochs,
            double lr,
            long seed) {
        Sequential net = network(
                family,
                data.train().features().features(),
                width,
                blocks,
                data.train().classes());
        plan(family, net, init).apply(net, seed);
        double[] loss = new double[epochs];
        double[] accuracy = new double[epochs];
        Arrays.fill(loss, Double.NaN);
        Arrays.fill(accuracy, Double.NaN);
        Trainer trainer = new Trainer(net, new Sgd(lr, MOMENTUM, false, 0), List.of());
        List<ClassificationReport> reports = new java.util.ArrayList<>();
        try {
            trainer.fit(data.train(), data.test(), new Trainer.Config(epochs, BATCH, seed), new Trainer.Listener() {
                @Override
                public void epoch(Trainer.Epoch e) {
                    loss[e.epoch() - 1] = e.loss();
                    accuracy[e.epoch() - 1] = Double.isFinite(e.testLoss()) ? e.testAccuracy() : Double.NaN;
                    reports.add(ClassificationReport.evaluate(net, data.test()));
                }
            });
        } catch (DivergenceException diverged) {
            // the epochs from the divergence on stay NaN
        }
        return new ResidualSensitivity.Run(
                family.label, initLabel, blocks, loss, accuracy, java.util.Collections.unmodifiableList(reports));
    }
}
