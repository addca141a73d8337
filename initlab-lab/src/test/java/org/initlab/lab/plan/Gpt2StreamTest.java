package org.initlab.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Normal;
import org.initlab.lab.residual.ResidualStream;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * GPT-2's scaling verified with the residual-stream probe ({@link ResidualStream}) on pre-LN
 * blocks {@code x + W₂ gelu(W₁ LN(x))} of width d = 64: the stream's growth over the whole stack
 * (last block's output mean square minus the first block's input mean square, which is
 * {@code Σ_blocks E|branch|²} plus cross terms of mean zero) is the same at 4 and 16 blocks under
 * the scaling and 4 times larger at 16 blocks without it. The test draws every weight from
 * N(0, (1/8)²) = N(0, 1/d) instead of 0.02 so that each branch adds an O(1) amount (with 0.02 at
 * d = 64 it would add about 1e-3, below the cross terms' noise); the law under test, std/sqrt(R)
 * on the projections, does not depend on std.
 */
class Gpt2StreamTest {
    private static final int D = 64;

    private static Sequential preLn(int blocks) {
        List<Layer> layers = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            String n = "h" + b;
            layers.add(new Residual(
                    n,
                    new Sequential(List.of(
                            new LayerNorm(n + ".ln", D, 1e-5),
                            new Dense(n + ".c_fc", D, 4 * D),
                            new ActivationLayer(Activation.GELU, Double.NaN),
                            new Dense(n + ".c_proj", 4 * D, D))),
                    false));
        }
        return new Sequential(layers);
    }

    /** The stack's growth of the stream's mean square, averaged over seeds 1..4. */
    private static double streamGrowth(int blocks, boolean scaled) {
        double sum = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Sequential m = preLn(blocks);
            InitPlan plan = scaled ? new Gpt2Scaling(1.0 / 8).plan(m) : InitPlan.allWeights(new Normal(0, 1.0 / 8));
            plan.apply(m, seed);
            Tensor x = ResidualStream.gaussianInput(256, D, seed);
            ResidualStream s = ResidualStream.measure(m, x);
            sum += s.blocks().get(blocks - 1).outputMeanSquare()
                    - s.blocks().get(0).inputMeanSquare();
        }
        return sum / 4;
    }

    @Test
    void theProjectionsAreTheLastWeightOfEachBranch() {
        Sequential m = preLn(3);
        new Gpt2Scaling().plan(m).apply(m, 5);
        List<String> scaled = new ArrayList<>();
        for (InitPlan.Assignment r : new Gpt2Scaling().plan(m).assign(m)) {
            if (r.initializer().equals(new Normal(0, 0.02 / Math.sqrt(3)))) {
                scaled.add(r.parameter().path());
            }
        }
        assertThat(scaled).containsExactly("h0.c_proj.weight", "h1.c_proj.weight", "h2.c_proj.weight");
        Parameter proj = m.parameters().stream()
                .filter(p -> p.path().equals("h2.c_proj.weight"))
                .findFirst()
                .orElseThrow();
        double ss = 0;
        for (float v : proj.value()) {
            ss += v * v;
        }
        // 16,384 draws: the sample variance over the law's is within 5 standard errors (sqrt(2/n) = 1.1%).
        double ratio = ss / proj.value().length / (0.0004 / 3);
        assertThat(ratio).isBetween(1 - 5 * Math.sqrt(2.0 / 16384), 1 + 5 * Math.sqrt(2.0 / 16384));
    }

    /**
     * Measured when written: growth 1.76 (4 blocks) and 1.69 (16 blocks) with the scaling; 6.98 and
     * 27.2 without it (each branch adds about 1.75 without, 1.75 · 4 / R with). Thresholds: with the
     * scaling the 16-block growth is within 25% of the 4-block one; without, it is 3 to 5.5 times it
     * (4 expected).
     */
    @Test
    void scalingKeepsTheStreamsGrowthFlatInDepth() {
        double with4 = streamGrowth(4, true);
        double with16 = streamGrowth(16, true);
        double without4 = streamGrowth(4, false);
        double without16 = streamGrowth(16, false);
        assertThat(with16 / with4).isBetween(0.8, 1.25);
        assertThat(without16 / without4).isBetween(3.0, 5.5);
    }
}
