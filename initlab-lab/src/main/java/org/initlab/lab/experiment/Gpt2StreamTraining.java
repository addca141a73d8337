package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Ones;
import org.initlab.core.init.Role;
import org.initlab.core.init.Zeros;
import org.initlab.lab.plan.Gpt2Scaling;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.nn.InitPlan;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Trainer;
import org.initlab.nn.Transformer;

/**
 * The measurement of {@code gpt2-residual}: a pre-LN causal transformer ({@link Transformer}) under
 * GPT-2's init with or without the residual projections' 1/√(2N), trained with Adam on the
 * {@link CopyTask} while the signal-propagation {@link Probe}, attached to the trainer, records every
 * top-level layer's output at every step; the residual stream after block {@code l} is the output
 * of block {@code l}'s MLP {@link Residual} ({@code h{l}.mlp}), read from the probe's snapshots.
 */
final class Gpt2StreamTraining {
    /** Examples per step. */
    static final int BATCH = 16;
    /** GPT-2's initializer_range. */
    static final double STD = 0.02;

    private Gpt2StreamTraining() {}

    /**
     * One stack's stream, step by step.
     *
     * @param depth blocks N
     * @param scaled whether the projections into the stream had std 0.02/√(2N)
     * @param rms {@code rms[s][l]}: RMS of the residual stream after block {@code l} at step
     *     {@code s} (after {@code s} updates), {@code s = 0 .. steps}
     */
    record Profile(int depth, boolean scaled, double[][] rms) {
        /** RMS after the last block over RMS after the first, after {@code step} updates. */
        double growth(int step) {
            double[] r = rms[step];
            return r[r.length - 1] / r[0];
        }

        Profile upTo(int steps) {
            return new Profile(depth, scaled, java.util.Arrays.copyOf(rms, Math.min(steps + 1, rms.length)));
        }
    }

    /** GPT-2's init as {@link Gpt2Scaling} gives it, or the same without the projections' 1/√(2N): N(0, 0.02²) everywhere. */
    static InitPlan plan(boolean scaled, Sequential model) {
        if (scaled) {
            return new Gpt2Scaling(STD).plan(model);
        }
        return new InitPlan(List.of(
                new InitPlan.Rule(null, Role.BIAS, null, null, new Zeros()),
                new InitPlan.Rule(null, Role.NORM_SHIFT, null, null, new Zeros()),
                new InitPlan.Rule(null, Role.NORM_SCALE, null, null, new Ones()),
                new InitPlan.Rule(null, null, null, null, new Normal(0, STD))));
    }

    /** Trains a {@code depth}-block stack for {@code steps} Adam steps at {@code lr}, probing every step. */
    static Profile measure(
            int depth, boolean scaled, CopyTask task, int dim, int heads, int steps, double lr, long seed) {
        Sequential model = new Transformer(task.vocab(), dim, heads, depth, task.steps(), true, true).build();
        plan(scaled, model).apply(model, seed);
        Probe probe = new Probe(1);
        Trainer trainer = new Trainer(model, OptimizerSpec.parse("adam(lr=" + lr + ")"), List.of(probe));
        Trainer.Config config = new Trainer.Config(1, BATCH, seed);
        for (int s = 0; s < steps; s++) {
            trainer.trainStep(task.batch(seed, s, BATCH), config);
        }
        List<Snapshot> snapshots = new ArrayList<>(probe.snapshots());
        snapshots.add(Probe.atInitialization(model, task.batch(seed, steps, BATCH)));
        List<Integer> blockEnds = new ArrayList<>();
        int residuals = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            if (model.layers().get(i) instanceof Residual && ++residuals % 2 == 0) {
                blockEnds.add(i);
            }
        }
        double[][] rms = new double[snapshots.size()][];
        for (int s = 0; s < snapshots.size(); s++) {
            rms[s] = new double[blockEnds.size()];
            for (int l = 0; l < blockEnds.size(); l++) {
                rms[s][l] = stats(snapshots.get(s), blockEnds.get(l)).output().rms();
            }
        }
        return new Profile(depth, scaled, rms);
    }

    private static LayerStats stats(Snapshot s, int index) {
        for (LayerStats l : s.layers()) {
            if (l.index() == index) {
                return l;
            }
        }
        throw new IllegalStateException("the probe has no layer " + index + " at step " + s.step());
    }
}
