package org.initlab.lab.sweep;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Distribution;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Role;
import org.initlab.core.init.VarianceScaling;
import org.initlab.core.init.Zeros;
import org.initlab.core.random.RandomStream;
import org.initlab.io.data.Split;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * Trains one cell of a sweep: the network, its initialization and plain SGD, reading the
 * training accuracy at a quarter, half and all of the steps off the one run (the schedule does
 * not depend on the budget, so the shorter budgets are exactly the prefixes of the longer one).
 */
public final class CellTraining {
    /** Training examples the accuracy is read on (the first ones in file order). */
    public static final int EVAL_EXAMPLES = 1000;

    private CellTraining() {}

    /** Trains {@code cell} with {@code seed} on {@code data} for the sweep's steps. */
    public static CellResult measure(Sweep sweep, Cell cell, long seed, Split data) {
        Dataset train = data.train();
        Sequential net = model(cell, train.features().features(), train.classes());
        plan(cell).apply(net, seed);
        Trainer trainer = new Trainer(net, new Sgd(cell.lr()), List.of());
        int[] checkpoints = {Math.max(1, sweep.steps() / 4), Math.max(1, sweep.steps() / 2), sweep.steps()};
        double[] accuracy = new double[checkpoints.length];
        java.util.Arrays.fill(accuracy, Double.NaN);
        Dataset probe = train.head(Math.min(EVAL_EXAMPLES, train.size()));
        int perEpoch = Math.max(1, train.size() / sweep.batch());
        int[] order = null;
        int next = 0;
        try {
            for (int step = 0; step < sweep.steps(); step++) {
                int b = step % perEpoch;
                if (b == 0) {
                    order = Trainer.permutation(train.size(), RandomStream.of(seed, "sweep/order/" + step / perEpoch));
                }
                trainer.trainStep(
                        train.rows(order, b * sweep.batch(), Math.min(train.size(), (b + 1) * sweep.batch())));
                if (step + 1 == checkpoints[next]) {
                    accuracy[next] = Trainer.accuracy(net, probe);
                    while (next < checkpoints.length - 1 && checkpoints[next + 1] == checkpoints[next]) {
                        accuracy[next + 1] = accuracy[next];
                        next++;
                    }
                    next++;
                }
            }
        } catch (DivergenceException diverged) {
            return new CellResult(cell, seed, checkpoints, accuracy, Double.NaN, (int)
                    Math.min(Integer.MAX_VALUE, diverged.step() + 1));
        }
        return new CellResult(cell, seed, checkpoints, accuracy, Trainer.accuracy(net, data.test()), 0);
    }

    /** {@code depth} hidden Dense layers of {@code width} with the activation, then Dense to the classes (logits). */
    static Sequential model(Cell cell, int in, int classes) {
        Activation act = Activation.parse(cell.activation());
        List<Layer> layers = new ArrayList<>();
        int fanIn = in;
        for (int l = 0; l < cell.depth(); l++) {
            layers.add(new Dense(Integer.toString(layers.size()), fanIn, cell.width()));
            layers.add(new ActivationLayer(act, Double.NaN));
            fanIn = cell.width();
        }
        layers.add(new Dense(Integer.toString(layers.size()), fanIn, classes));
        return new Sequential(layers);
    }

    /** Weights {@code N(0, σ_w²/fan_in)} and biases {@code N(0, σ_b²)}, or the cell's initializer with zero biases. */
    static InitPlan plan(Cell cell) {
        if (cell.init() != null) {
            return InitPlan.allWeights(Registry.parse(cell.init()));
        }
        Initializer weights = new VarianceScaling(cell.sigmaW2(), Mode.FAN_IN, Distribution.NORMAL);
        Initializer biases = cell.sigmaB2() == 0 ? new Zeros() : new Normal(0, Math.sqrt(cell.sigmaB2()));
        return new InitPlan(List.of(
                new InitPlan.Rule(null, Role.BIAS, null, null, biases),
                new InitPlan.Rule(null, null, null, null, weights)));
    }
}
