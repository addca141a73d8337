package org.initlab.lab.residual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Distribution;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Role;
import org.initlab.core.init.Target;
import org.initlab.core.init.VarianceScaling;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The residual stream at initialization. Theory (see {@link ResidualStream}): a block
 * {@code x + W₂ relu(W₁ x)} with {@code n·Var(W₁) = s₁}, {@code n·Var(W₂) = s₂} multiplies the
 * stream's mean square by {@code 1 + s₁s₂/2} in expectation. Statistical tolerances: at width 512
 * the geometric mean over 8 blocks varied by about ±0.05 around 3 over seeds 1 to 5; the bands
 * below (±0.15 around 3, ±0.1 around 2) are three times that, and the fixed seeds make the
 * tests repeatable.
 */
class ResidualStreamTest {
    private static final int WIDTH = 512;

    /** Blocks x + Dense(relu(Dense(x))) with no activation between blocks. */
    static Sequential reluBlocks(int width, int blocks) {
        List<Layer> layers = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            layers.add(new Residual(
                    Integer.toString(b),
                    new Sequential(List.of(
                            new Dense(b + ".0", width, width),
                            new ActivationLayer(Activation.RELU, Double.NaN),
                            new Dense(b + ".2", width, width))),
                    false));
        }
        return new Sequential(layers);
    }

    /** n · Var(W) of an initializer for a square n × n weight, from its exact law. */
    private static double varianceTimesFan(Initializer init, int n) {
        double std = init.expectation(Target.of(n, n)).std();
        return n * std * std;
    }

    private static double theory(Initializer first, Initializer last, int n) {
        return 1 + varianceTimesFan(first, n) * varianceTimesFan(last, n) / 2;
    }

    @Test
    void heOnBothBranchLayersTriplesTheStreamPerBlock() {
        Sequential model = reluBlocks(WIDTH, 8);
        InitPlan.allWeights(new HeNormal()).apply(model, 1);
        ResidualStream stream = ResidualStream.measure(model, ResidualStream.gaussianInput(128, WIDTH, 1));
        double expected = theory(new HeNormal(), new HeNormal(), WIDTH);
        assertThat(expected).isCloseTo(3, within(1e-12));
        assertThat(stream.blocks()).hasSize(8);
        assertThat(stream.growthPerBlock()).isCloseTo(expected, within(0.15));
        assertThat(stream.totalGrowth()).isGreaterThan(Math.pow(2.5, 8));
    }

    @Test
    void theDefaultPlanGivesTheLastBranchLayerGlorotAndDoublesTheStreamPerBlock() {
        Sequential model = reluBlocks(WIDTH, 8);
        InitPlan.defaults().apply(model, 2);
        ResidualStream stream = ResidualStream.measure(model, ResidualStream.gaussianInput(128, WIDTH, 2));
        double expected = theory(new HeNormal(), new GlorotUniform(), WIDTH);
        assertThat(expected).isCloseTo(2, within(1e-6)); // the uniform bound is a float
        assertThat(stream.growthPerBlock()).isCloseTo(expected, within(0.1));
    }

    @Test
    void inResmlpEachBlockTriplesItsInputAndTheReluBetweenBlocksTakesPartOfItBack() {
        Sequential model = ModelSpec.parse("resmlp(" + WIDTH + "," + WIDTH + ",8,10,act=relu)");
        InitPlan.allWeights(new HeNormal()).apply(model, 3);
        ResidualStream stream = ResidualStream.measure(model, ResidualStream.gaussianInput(128, WIDTH, 3));
        double meanBlockGrowth = stream.blocks().stream()
                .mapToDouble(ResidualStream.Block::growth)
                .average()
                .orElseThrow();
        assertThat(meanBlockGrowth).isCloseTo(3, within(0.15)); // the derivation holds for any input
        for (int k = 1; k < stream.blocks().size(); k++) {
            // relu(y)² ≤ y²: the next block's input is at most the previous block's output
            assertThat(stream.blocks().get(k).inputMeanSquare())
                    .isLessThanOrEqualTo(stream.blocks().get(k - 1).outputMeanSquare());
            assertThat(stream.blocks().get(k).layer()).isEqualTo(2 + 2 * k);
        }
        // E[relu(h + g)²] >= (E[h²] + E[g²]) / 2 for h >= 0 and symmetric g: at least 1.5 per block
        assertThat(stream.growthPerBlock()).isBetween(1.5, 3.0);
        assertThat(stream.blocks().get(3).outputVariance())
                .isLessThan(stream.blocks().get(3).outputMeanSquare());
    }

    @Test
    void reZeroAndFixupKeepTheStreamExactlyConstantAtInitialization() {
        String spec = "resmlp(64,256,16,10,act=relu,scale=true)";
        Tensor x = ResidualStream.gaussianInput(64, 64, 4);
        Sequential rezero = ModelSpec.parse(spec);
        ReZero.plan(rezero).apply(rezero, 4);
        Sequential fixup = ModelSpec.parse(spec);
        Fixup.plan(fixup).apply(fixup, 4);
        Sequential he = ModelSpec.parse(spec);
        InitPlan.allWeights(new HeNormal()).apply(he, 4);
        for (Sequential model : List.of(rezero, fixup)) {
            ResidualStream stream = ResidualStream.measure(model, x);
            assertThat(stream.blocks()).hasSize(16);
            for (ResidualStream.Block b : stream.blocks()) {
                assertThat(b.outputMeanSquare()).isEqualTo(b.inputMeanSquare());
                assertThat(b.outputVariance()).isEqualTo(b.inputVariance());
            }
            assertThat(stream.totalGrowth()).isEqualTo(1.0);
        }
        assertThat(ResidualStream.measure(he, x).totalGrowth()).isGreaterThan(1e5);
    }

    @Test
    void fixupsScaleAloneBoundsTheGrowthOnceTheZeroLayersHaveMoved() {
        // Fixup, then the zero layers replaced by He scaled like the other branch layers: with
        // n·Var = 2/L on both layers each block multiplies the stream by 1 + (2/L)²/2.
        int blocks = 16;
        Sequential model = reluBlocks(256, blocks);
        Fixup.plan(model).apply(model, 6);
        double s = Fixup.branchScale(blocks, 2);
        Initializer scaledHe = new VarianceScaling(2 * s * s, Mode.FAN_IN, Distribution.NORMAL);
        new InitPlan(List.of(new InitPlan.Rule(null, Role.WEIGHT, null, null, scaledHe)))
                .apply(model, 6, p -> p.path().endsWith(".2.weight"));
        ResidualStream stream = ResidualStream.measure(model, ResidualStream.gaussianInput(128, 256, 6));
        double expected = Math.pow(theory(scaledHe, scaledHe, 256), blocks);
        assertThat(expected).isCloseTo(Math.pow(1 + 1.0 / 128, 16), within(1e-12)); // 1.1327
        assertThat(stream.totalGrowth()).isCloseTo(expected, within(0.03));
    }

    @Test
    void gaussianInputIsDeterministicAndStandardNormal() {
        Tensor a = ResidualStream.gaussianInput(100, 100, 9);
        assertThat(a.shape()).containsExactly(100, 100);
        assertThat(a.data()).isEqualTo(ResidualStream.gaussianInput(100, 100, 9).data());
        assertThat(a.data())
                .isNotEqualTo(ResidualStream.gaussianInput(100, 100, 10).data());
        double sum = 0;
        double squares = 0;
        for (float v : a.data()) {
            sum += v;
            squares += v * v;
        }
        // 10,000 draws: the mean's standard error is 0.01 and the mean square's 0.014; 5 of each
        assertThat(sum / 1e4).isCloseTo(0, within(0.05));
        assertThat(squares / 1e4).isCloseTo(1, within(0.07));
        assertThatThrownBy(() -> ResidualStream.gaussianInput(0, 4, 1)).hasMessageContaining("batch 0");
    }

    @Test
    void aModelWithoutResidualBlocksIsRejected() {
        assertThatThrownBy(() ->
                        ResidualStream.measure(ModelSpec.parse("mlp(4,[8],2)"), ResidualStream.gaussianInput(2, 4, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no residual block")
                .hasMessageContaining("[dense, activation, dense]");
    }
}
