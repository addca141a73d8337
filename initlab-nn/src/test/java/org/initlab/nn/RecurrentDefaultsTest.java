package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.core.init.Dl4jDefault;
import org.initlab.core.init.FlaxDefault;
import org.initlab.core.init.KerasDefault;
import org.initlab.core.init.Registry;
import org.initlab.core.init.TorchDefault;
import org.junit.jupiter.api.Test;

/**
 * The framework defaults on whole recurrent layers ({@link RecurrentDefaults}), checked against
 * the frameworks' documented laws directly (Flax's per-gate {@code Dense} with an orthogonal
 * recurrent kernel, Keras's {@code unit_forget_bias}, DL4J's {@code LSTMParamInitializer} fans and
 * {@code forgetGateBiasInit}); {@code torch_default} is checked against PyTorch's own modules in
 * {@code initlab-io}'s {@code TorchPresetTest}. Exact tests where the law is exact; variance tests
 * at a stated level with a fixed seed.
 */
class RecurrentDefaultsTest {
    private static final int H = 16;

    private static Sequential init(Layer cell, String spec) {
        Sequential net = new Sequential(List.of(cell));
        InitPlan.allWeights(Registry.parse(spec)).apply(net, 3);
        return net;
    }

    /** max |W_gᵀ W_g − I| over the gates' [H, H] blocks of weight_hh. */
    private static double gateOrthogonalityError(float[] w, int gates) {
        double worst = 0;
        for (int g = 0; g < gates; g++) {
            int off = g * H * H;
            for (int a = 0; a < H; a++) {
                for (int b = 0; b < H; b++) {
                    double dot = 0;
                    for (int r = 0; r < H; r++) {
                        dot += (double) w[off + r * H + a] * w[off + r * H + b];
                    }
                    worst = Math.max(worst, Math.abs(dot - (a == b ? 1 : 0)));
                }
            }
        }
        return worst;
    }

    @Test
    void flaxMakesEachGatesRecurrentBlockOrthogonal() {
        Lstm lstm = new Lstm("0", 5, H);
        init(lstm, "flax_default");
        assertThat(gateOrthogonalityError(lstm.weightHh().value(), 4)).isLessThan(1e-5);
        Gru gru = new Gru("0", 5, H);
        init(gru, "flax_default");
        assertThat(gateOrthogonalityError(gru.weightHh().value(), 3)).isLessThan(1e-5);
        assertThat(lstm.bias().value()).containsOnly(0f);
        // the whole-matrix orthogonal of the per-role law puts each gate at about half scale: the test sees it
        Lstm whole = new Lstm("0", 5, H);
        init(whole, "orthogonal");
        assertThat(gateOrthogonalityError(whole.weightHh().value(), 4)).isGreaterThan(0.3);
    }

    @Test
    void kerasAndDl4jStartTheLstmForgetGateAtOneAndTheOtherGatesAtZero() {
        for (String spec : List.of("keras_default", "dl4j_default")) {
            Lstm lstm = new Lstm("0", 5, H);
            init(lstm, spec);
            float[] b = lstm.bias().value();
            for (int i = 0; i < 4 * H; i++) {
                assertThat(b[i]).as("%s bias[%d]", spec, i).isEqualTo(i >= H && i < 2 * H ? 1f : 0f);
            }
        }
        Gru gru = new Gru("0", 5, H);
        init(gru, "keras_default");
        assertThat(gru.bias().value()).as("a GRU has no forget gate").containsOnly(0f);
    }

    /**
     * DL4J: both LSTM matrices N(0, 2/(fan_in + fan_out)), fan_in = H, fan_out = in + H. The sample
     * variance of n normal values has relative standard deviation sqrt(2/(n-1)); 4.5 of them bound
     * a two-sided test at significance below 1e-5 (seed fixed).
     */
    @Test
    void dl4jUsesItsLstmFansForBothMatrices() {
        int in = 40;
        Lstm lstm = new Lstm("0", in, H);
        init(lstm, "dl4j_default");
        double expected = 2.0 / (H + in + H);
        for (Parameter p : List.of(lstm.weightIh(), lstm.weightHh())) {
            float[] w = p.value();
            double s = 0;
            for (float v : w) {
                s += (double) v * v;
            }
            double var = s / w.length;
            assertThat(var).as(p.path()).isCloseTo(expected, within(4.5 * Math.sqrt(2.0 / (w.length - 1)) * expected));
        }
        // Glorot on weight_ih's own fans (in, 4H) would be 2/(40 + 64), far from 2/72: the bound separates them
        assertThat(Math.abs(2.0 / (in + 4 * H) - expected))
                .isGreaterThan(4.5 * Math.sqrt(2.0 / (4 * H * in)) * expected);
    }

    @Test
    void torchDrawsRecurrentInputWeightsWithinOneOverSqrtHiddenAndBiasesAreNotZero() {
        Lstm lstm = new Lstm("0", 4, 64);
        init(lstm, "torch_default");
        double max = 0;
        for (float v : lstm.weightIh().value()) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isLessThanOrEqualTo(1 / 8.0).isGreaterThan(0.12); // U(±1/8) over 1024 values reaches 0.12
        assertThat(lstm.bias().value()).doesNotContain(0f);
    }

    @Test
    void aFrameworkDefaultSetsDenseBiasesAsTheFrameworkDoes() {
        Dense d = new Dense("0", 20, 30);
        init(d, "torch_default");
        assertThat(d.parameters().get(1).value()).doesNotContain(0f);
        Dense k = new Dense("0", 20, 30);
        init(k, "keras_default");
        assertThat(k.parameters().get(1).value()).containsOnly(0f);
        assertThat(InitPlan.allWeights(new TorchDefault()).rules()).hasSize(1);
        assertThat(InitPlan.allWeights(new FlaxDefault()).rules()).hasSize(1);
        assertThat(InitPlan.allWeights(new KerasDefault()).rules()).hasSize(1);
        assertThat(InitPlan.allWeights(new Dl4jDefault()).rules()).hasSize(1);
    }
}
