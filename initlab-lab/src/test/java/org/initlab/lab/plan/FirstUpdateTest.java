package org.initlab.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.GlorotNormal;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Adam;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.Losses;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * DeepNorm and T-Fixup verified by the size of the first update, the quantity their derivations
 * bound: the change of the network's output after one Adam step on the sub-layers' weights.
 */
class FirstUpdateTest {
    private static final int D = 32;

    private static Sequential postLn(int blocks, double branchScale) {
        List<Layer> layers = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            String n = "b" + b;
            layers.add(new Residual(
                    n,
                    new Sequential(List.of(
                            new Dense(n + ".fc1", D, 4 * D),
                            new ActivationLayer(Activation.GELU, Double.NaN),
                            new Dense(n + ".fc2", 4 * D, D))),
                    branchScale));
            layers.add(new LayerNorm(n + ".ln", D, 1e-5));
        }
        layers.add(new Dense("head", D, 1));
        return new Sequential(layers);
    }

    private static Sequential noLn(int blocks) {
        List<Layer> layers = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            String n = "b" + b;
            layers.add(new Residual(
                    n,
                    new Sequential(List.of(
                            new Dense(n + ".fc1", D, 4 * D),
                            new ActivationLayer(Activation.GELU, Double.NaN),
                            new Dense(n + ".fc2", 4 * D, D))),
                    false));
        }
        layers.add(new Dense("head", D, 1));
        return new Sequential(layers);
    }

    private static double change(int blocks, boolean deepNorm, long seed) {
        DeepNorm dn = new DeepNorm(Branches.layersOf(blocks), 0, Stack.ENCODER);
        Sequential m = postLn(blocks, deepNorm ? dn.branchScale() : 1);
        InitPlan plan = deepNorm ? dn.plan(m) : InitPlan.allWeights(new GlorotNormal());
        return change(m, plan, seed);
    }

    private static double tFixupChange(int blocks, boolean tFixup, long seed) {
        Sequential m = noLn(blocks);
        InitPlan plan = tFixup ? new TFixup().plan(m) : InitPlan.allWeights(new org.initlab.core.init.GlorotUniform());
        return change(m, plan, seed);
    }

    private static double change(Sequential m, InitPlan plan, long seed) {
        plan.apply(m, seed);
        int n = 64;
        float[] x = new float[n * D];
        float[] y = new float[n];
        Samplers.normal(RandomStream.of(seed, "x"), 0, x.length, 0, 1, x, 0);
        Samplers.normal(RandomStream.of(seed, "y"), 0, y.length, 0, 1, y, 0);
        Tensor in = new Tensor(x, n, D);
        Tensor before = m.forward(in, true);
        m.zeroGrad();
        m.backward(Losses.meanSquaredError(before, new Tensor(y, n, 1)).gradient());
        for (var p : m.parameters()) {
            if (!p.path().contains(".fc")) {
                p.setLrScale(0);
            }
        }
        new Adam(1e-3).step(m.parameters(), 1);
        float[] after = m.forward(in, false).data();
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = after[i] - before.data()[i];
            ss += d * d;
        }
        return Math.sqrt(ss / n);
    }

    /**
     * DeepNet's premise (Wang et al. 2022, section 4: a post-LN transformer diverges because one
     * early update changes its output by an amount that grows with depth, and DeepNorm bounds it):
     * one Adam step (lr 1e-3) on the sub-layers' weights of a post-LN stack of feed-forward blocks
     * ({@code LN(x + s·FFN(x))}, d = 32, LayerNorm and head frozen), output change RMS over 64
     * examples, mean of seeds 1..3, at 2 and 32 blocks. Plain post-LN (s = 1, Xavier normal) against
     * DeepNorm (s = 1/α, β on both FFN weights, N = blocks/2 layers). Measured when written: plain
     * 0.211 and 3.36 (15.9 times), DeepNorm 0.104 and 0.382 (3.7 times; 0.72 and 0.96 at 128 and
     * 256 blocks while plain saturates near 3: the change is not constant, it grows about as
     * depth^0.45). Thresholds: DeepNorm's growth below 6, plain's above 10, DeepNorm's change at 32
     * blocks below a quarter of plain's.
     */
    @Test
    void deepNormKeepsTheFirstUpdateSmallAsPostLnStacksDeepen() {
        double[] dn = new double[2];
        double[] plain = new double[2];
        int[] depths = {2, 32};
        for (int i = 0; i < 2; i++) {
            for (long s = 1; s <= 3; s++) {
                dn[i] += change(depths[i], true, s) / 3;
                plain[i] += change(depths[i], false, s) / 3;
            }
        }
        assertThat(dn[1] / dn[0]).as("DeepNorm growth 2 -> 32 blocks").isLessThan(6);
        assertThat(plain[1] / plain[0]).as("post-LN growth 2 -> 32 blocks").isGreaterThan(10);
        assertThat(dn[1]).as("DeepNorm against post-LN at 32 blocks").isLessThan(plain[1] / 4);
    }

    /**
     * T-Fixup's premise (Huang et al. 2020, section 3: without LayerNorm, the scaled init bounds
     * the first updates, so no warm-up is needed): the same measurement on a stack without any
     * LayerNorm ({@code x + FFN(x)}), T-Fixup (N = blocks/2 encoder layers) against Xavier uniform.
     * Measured when written: T-Fixup 0.154, 0.403, 1.01 at 2, 8, 32 blocks (6.6 times); Xavier
     * 0.305, 2.20, 222 (726 times: the unnormalized stream itself explodes). Thresholds: T-Fixup's
     * growth 2 -> 32 below 12, Xavier's above 100.
     */
    @Test
    void tFixupKeepsTheFirstUpdateBoundedWithoutLayerNorm() {
        double[] t = new double[2];
        double[] plain = new double[2];
        int[] depths = {2, 32};
        for (int i = 0; i < 2; i++) {
            for (long s = 1; s <= 3; s++) {
                t[i] += tFixupChange(depths[i], true, s) / 3;
                plain[i] += tFixupChange(depths[i], false, s) / 3;
            }
        }
        assertThat(t[1] / t[0]).as("T-Fixup growth 2 -> 32 blocks").isLessThan(12);
        assertThat(plain[1] / plain[0]).as("Xavier growth 2 -> 32 blocks").isGreaterThan(100);
    }
}
