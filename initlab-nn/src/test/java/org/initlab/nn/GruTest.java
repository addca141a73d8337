package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.initlab.nn.RecurrentLayerTest.assertOrthonormalColumns;
import static org.initlab.nn.RecurrentLayerTest.firstStep;
import static org.initlab.nn.RecurrentLayerTest.sigmoid;

import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.initlab.core.init.Role;
import org.junit.jupiter.api.Test;

class GruTest {
    private static final int BATCH = 2;
    private static final int STEPS = 4;
    private static final int INPUT = 3;
    private static final int HIDDEN = 5;

    private static Gru initialized(Gru gru, long seed) {
        InitPlan.defaults().apply(new Sequential(List.of(gru)), seed);
        return gru;
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Gru gru = initialized(new Gru("0", INPUT, HIDDEN), 41);
        GradientCheck.check(gru, GradientCheck.randomInput(42, BATCH, STEPS, INPUT), 43);
    }

    @Test
    void backwardMatchesFiniteDifferencesWithNonZeroBiases() {
        Gru gru = initialized(new Gru("0", INPUT, HIDDEN), 44);
        Random r = new Random(45);
        for (Parameter p : List.of(gru.bias(), gru.biasHn())) {
            for (int i = 0; i < p.value().length; i++) {
                p.value()[i] = (float) r.nextGaussian();
            }
        }
        GradientCheck.check(gru, GradientCheck.randomInput(46, BATCH, STEPS, INPUT), 47);
    }

    @Test
    void parametersHaveTheDocumentedShapesRolesAndDefaultInit() {
        Gru gru = initialized(new Gru("enc", INPUT, HIDDEN), 48);
        assertThat(gru.parameters())
                .extracting(Parameter::path)
                .containsExactly("enc.weight_ih", "enc.weight_hh", "enc.bias", "enc.bias_hn");
        assertThat(gru.parameters())
                .extracting(Parameter::role)
                .containsExactly(Role.WEIGHT, Role.RECURRENT, Role.BIAS, Role.BIAS);
        assertThat(gru.weightIh().shape().dims()).containsExactly(3 * HIDDEN, INPUT);
        assertThat(gru.weightHh().shape().dims()).containsExactly(3 * HIDDEN, HIDDEN);
        assertThat(gru.bias().value()).hasSize(3 * HIDDEN).containsOnly(0f);
        assertThat(gru.biasHn().value()).hasSize(HIDDEN).containsOnly(0f);
        assertOrthonormalColumns(gru.weightHh().value(), 3 * HIDDEN, HIDDEN);
        assertThat(gru.weightIh().value()).doesNotContain(Float.NaN).isNotEqualTo(new float[3 * HIDDEN * INPUT]);
        assertThat(gru.kind()).isEqualTo("gru");
    }

    @Test
    void singleStepMatchesHandComputation() {
        Gru gru = new Gru("0", 1, 1);
        // gate rows r, z, n: a = w x + b with x = 2
        System.arraycopy(new float[] {0.5f, -1f, 0.25f}, 0, gru.weightIh().value(), 0, 3);
        System.arraycopy(new float[] {0.1f, 0.2f, -0.3f}, 0, gru.bias().value(), 0, 3);
        gru.biasHn().value()[0] = 0.4f;
        java.util.Arrays.fill(gru.weightHh().value(), 9f); // h_0 = 0: no effect
        float y = gru.forward(new Tensor(new float[] {2f}, 1, 1, 1), false).data()[0];
        double r = sigmoid(1.1);
        double z = sigmoid(-1.8);
        double n = Math.tanh(0.2 + r * 0.4); // the reset gate scales b_hn too
        assertThat((double) y).isCloseTo((1 - z) * n, Offset.offset(1e-6));
    }

    @Test
    void secondStepResetsTheWholeHiddenTermAndInterpolatesWithTheUpdateGate() {
        Gru gru = new Gru("0", 1, 1);
        System.arraycopy(new float[] {1f, 1f, 1f}, 0, gru.weightIh().value(), 0, 3);
        System.arraycopy(new float[] {0.3f, -0.2f, 0.7f}, 0, gru.weightHh().value(), 0, 3);
        gru.biasHn().value()[0] = 0.5f;
        float[] y =
                gru.forward(new Tensor(new float[] {1f, 0f}, 1, 2, 1), false).data();
        double r1 = sigmoid(1);
        double z1 = sigmoid(1);
        double h1 = (1 - z1) * Math.tanh(1 + r1 * 0.5);
        double r2 = sigmoid(0.3 * h1);
        double z2 = sigmoid(-0.2 * h1);
        double n2 = Math.tanh(r2 * (0.7 * h1 + 0.5));
        assertThat((double) y[0]).isCloseTo(h1, Offset.offset(1e-6));
        assertThat((double) y[1]).isCloseTo((1 - z2) * n2 + z2 * h1, Offset.offset(1e-6));
    }

    @Test
    void startsFromZeroState() {
        Gru gru = initialized(new Gru("0", INPUT, HIDDEN), 49);
        gru.biasHn().value()[0] = 0.5f;
        Tensor x = GradientCheck.randomInput(50, BATCH, STEPS, INPUT);
        Tensor first = gru.forward(firstStep(x), false);
        float[] all = gru.forward(x, false).data();
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < HIDDEN; j++) {
                assertThat(all[(b * STEPS) * HIDDEN + j]).isEqualTo(first.data()[b * HIDDEN + j]);
            }
        }
        java.util.Arrays.fill(gru.weightHh().value(), 7f);
        assertThat(gru.forward(firstStep(x), false).data()).containsExactly(first.data());
        for (Parameter p : gru.parameters()) {
            p.zeroGrad();
        }
        gru.backward(GradientCheck.randomInput(51, BATCH, 1, HIDDEN));
        assertThat(gru.weightHh().grad()).containsOnly(0f);
        // b_hn still acts at the first step (n = tanh(a_n + r ⊙ b_hn)), so it gets a gradient
        assertThat(gru.biasHn().grad()[0]).isNotZero();
    }

    @Test
    void rejectsBadShapesWithClearMessages() {
        Gru gru = new Gru("2", INPUT, HIDDEN);
        assertThatThrownBy(() -> gru.backward(Tensor.zeros(BATCH, STEPS, HIDDEN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gru backward called before forward");
        assertThatThrownBy(() -> gru.forward(Tensor.zeros(BATCH, STEPS, INPUT + 2), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gru 2 expects input [batch, steps, 3] with batch, steps >= 1, got [2, 4, 5]");
        gru.forward(Tensor.zeros(BATCH, STEPS, INPUT), false);
        assertThatThrownBy(() -> gru.backward(Tensor.zeros(BATCH, STEPS, 3 * HIDDEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gru 2 backward expects a gradient of shape [2, 4, 5] (the last output), got [2, 4, 15]");
        assertThatThrownBy(() -> new Gru("3", 0, HIDDEN)).hasMessageContaining("gru 3 needs inputSize >= 1");
    }

    @Test
    void modelSpecBuildsAGruWithItsLastStepAndHead() {
        Sequential net = ModelSpec.parse("gru(3, 8, 2)");
        InitPlan.defaults().apply(net, 1);
        assertThat(net.layers().get(0)).isInstanceOf(Gru.class);
        assertThat(net.forward(GradientCheck.randomInput(2, 4, 5, 3), false).shape())
                .containsExactly(4, 2);
        assertThat(net.parameters())
                .extracting(Parameter::path)
                .containsExactly("0.weight_ih", "0.weight_hh", "0.bias", "0.bias_hn", "2.weight", "2.bias");
    }
}
