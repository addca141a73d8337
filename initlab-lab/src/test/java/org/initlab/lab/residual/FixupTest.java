package org.initlab.lab.residual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Fill;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Role;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

class FixupTest {

    static Parameter param(Sequential model, String path) {
        return model.parameters().stream()
                .filter(p -> p.path().equals(path))
                .findFirst()
                .orElseThrow();
    }

    /** Stem Dense(IN→W), tanh, L blocks of three dense layers with tanh between, Dense(W→OUT). */
    private static Sequential threeLayerBranches(int in, int width, int blocks, int out) {
        List<Layer> layers = new java.util.ArrayList<>();
        layers.add(new Dense("0", in, width));
        layers.add(new ActivationLayer(Activation.TANH, Double.NaN));
        for (int b = 0; b < blocks; b++) {
            String n = Integer.toString(layers.size());
            layers.add(new Residual(
                    n,
                    new Sequential(List.of(
                            new Dense(n + ".0", width, width),
                            new ActivationLayer(Activation.TANH, Double.NaN),
                            new Dense(n + ".2", width, width),
                            new ActivationLayer(Activation.TANH, Double.NaN),
                            new Dense(n + ".4", width, width))),
                    false));
        }
        layers.add(new Dense(Integer.toString(layers.size()), width, out));
        return new Sequential(layers);
    }

    @Test
    void branchScaleIsLToTheMinusOneOverTwoMMinusTwo() {
        assertThat(Fixup.branchScale(16, 2)).isEqualTo(0.25);
        assertThat(Fixup.branchScale(8, 4)).isCloseTo(1 / Math.sqrt(2), within(1e-15)); // 8^(-1/6) = 2^(-1/2)
        assertThat(Fixup.branchScale(3, 3)).isCloseTo(1 / Math.sqrt(Math.sqrt(3)), within(1e-15));
        assertThat(Fixup.branchScale(1, 5)).isEqualTo(1.0);
        assertThatThrownBy(() -> Fixup.branchScale(4, 1))
                .hasMessageContaining("m >= 2")
                .hasMessageContaining("m=1");
        assertThatThrownBy(() -> Fixup.branchScale(0, 2)).hasMessageContaining("L=0");
    }

    @Test
    void branchWeightsAreHeTimesTheScaleExactlyAndTheStemIsPlainHe() {
        Sequential model = ModelSpec.parse("resmlp(32,64,16,10,act=relu)");
        Fixup.plan(model).apply(model, 5);
        for (int block = 0; block < 16; block++) {
            Parameter w = param(model, (2 + 2 * block) + ".0.weight");
            float[] he = Fill.tensor(new HeNormal(), w.target(5));
            for (int i = 0; i < he.length; i++) {
                // 16^(-1/2) = 1/4 is a power of two: the product is exact in float
                assertThat(w.value()[i]).as(w.path() + "[" + i + "]").isEqualTo(he[i] / 4);
            }
        }
        Parameter stem = param(model, "0.weight");
        assertThat(stem.value()).isEqualTo(Fill.tensor(new HeNormal(), stem.target(5)));
    }

    @Test
    void threeLayerBranchesGetTheirActivationsHeGainTimesLToTheMinusOneQuarter() {
        Sequential model = threeLayerBranches(8, 32, 3, 4);
        Fixup.plan(model).apply(model, 9);
        double scale = Math.pow(3, -0.25);
        HeNormal heTanh = new HeNormal(Mode.FAN_IN, "tanh", 0, Double.NaN, false); // gain 5/3
        for (String path :
                List.of("2.0.weight", "2.2.weight", "3.0.weight", "3.2.weight", "4.0.weight", "4.2.weight")) {
            Parameter w = param(model, path);
            float[] he = Fill.tensor(heTanh, w.target(9));
            for (int i = 0; i < he.length; i++) {
                assertThat((double) w.value()[i])
                        .as(path)
                        .isCloseTo(he[i] * scale, within(2e-7 * Math.abs(he[i]) + 1e-30));
            }
        }
        for (String path : List.of("2.4.weight", "3.4.weight", "4.4.weight", "5.weight")) {
            assertThat(param(model, path).value()).as(path).containsOnly(0f);
        }
    }

    @Test
    void lastBranchLayersTheFinalLayerAndBiasesAreZeroTheMultiplierIsOneAndTheOutputIsZero() {
        Sequential model = ModelSpec.parse("resmlp(20,48,6,5,act=relu,scale=true)");
        for (Parameter p : model.parameters()) {
            java.util.Arrays.fill(p.value(), 3f);
        }
        Fixup.plan(model).apply(model, 2);
        for (Parameter p : model.parameters()) {
            String path = p.path();
            if (p.role() == Role.BIAS || path.endsWith(".2.weight") || path.equals("14.weight")) {
                assertThat(p.value()).as(path).containsOnly(0f);
            } else if (path.endsWith(".alpha")) {
                assertThat(p.value()).as(path).containsExactly(1f);
            } else {
                assertThat(p.value()).as(path).doesNotContain(3f).isNotEqualTo(new float[p.value().length]);
            }
        }
        Tensor y = model.forward(ResidualStream.gaussianInput(16, 20, 1), false);
        assertThat(y.data()).containsOnly(0f);
    }

    @Test
    void rejectsModelsWithoutResidualBlocksOrWithAnEmptyBranch() {
        assertThatThrownBy(() -> Fixup.plan(ModelSpec.parse("mlp(4,[8],2)")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("residual blocks")
                .hasMessageContaining("[dense, activation, dense]");
        Sequential noWeights = new Sequential(List.of(
                new Residual("0", new Sequential(List.of(new ActivationLayer(Activation.RELU, Double.NaN))), false)));
        assertThatThrownBy(() -> Fixup.plan(noWeights)).hasMessageContaining("no dense or conv2d layer");
        // the plan is model-specific: a Fixup plan leaves other models' layers to the defaults
        InitPlan plan = Fixup.plan(ModelSpec.parse("resmlp(4,8,2,2)"));
        assertThat(plan.rules()).hasSize(2 * 2 + 1 + InitPlan.defaults().rules().size());
    }
}
