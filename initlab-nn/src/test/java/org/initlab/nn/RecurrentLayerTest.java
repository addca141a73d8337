package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.initlab.core.init.Role;
import org.junit.jupiter.api.Test;

class RecurrentLayerTest {
    private static final int BATCH = 2;
    private static final int STEPS = 4;
    private static final int INPUT = 3;
    private static final int HIDDEN = 5;

    private static <L extends Layer> L initialized(L layer, long seed) {
        InitPlan.defaults().apply(new Sequential(List.of(layer)), seed);
        return layer;
    }

    // ---- SimpleRNN ----

    @Test
    void simpleRnnBackwardMatchesFiniteDifferences() {
        SimpleRNN rnn = initialized(new SimpleRNN("0", INPUT, HIDDEN), 21);
        GradientCheck.check(rnn, GradientCheck.randomInput(22, BATCH, STEPS, INPUT), 23);
    }

    @Test
    void simpleRnnParametersHaveTheDocumentedShapesRolesAndDefaultInit() {
        SimpleRNN rnn = initialized(new SimpleRNN("enc", INPUT, HIDDEN), 24);
        assertThat(rnn.parameters())
                .extracting(Parameter::path)
                .containsExactly("enc.weight_ih", "enc.weight_hh", "enc.bias");
        assertThat(rnn.parameters())
                .extracting(Parameter::role)
                .containsExactly(Role.WEIGHT, Role.RECURRENT, Role.BIAS);
        assertThat(rnn.weightIh().shape().dims()).containsExactly(HIDDEN, INPUT);
        assertThat(rnn.weightHh().shape().dims()).containsExactly(HIDDEN, HIDDEN);
        assertThat(rnn.bias().value()).containsOnly(0f);
        assertOrthonormalColumns(rnn.weightHh().value(), HIDDEN, HIDDEN);
        assertThat(rnn.kind()).isEqualTo("rnn");
    }

    @Test
    void simpleRnnSingleStepMatchesHandComputation() {
        SimpleRNN rnn = new SimpleRNN("0", 2, 2);
        System.arraycopy(new float[] {0.5f, -1f, 0.25f, 2f}, 0, rnn.weightIh().value(), 0, 4);
        System.arraycopy(new float[] {0.1f, -0.2f}, 0, rnn.bias().value(), 0, 2);
        // x = [1, 0.5]: pre-activations 0.5·1 - 1·0.5 + 0.1 = 0.1 and 0.25·1 + 2·0.5 - 0.2 = 1.05
        Tensor y = rnn.forward(new Tensor(new float[] {1f, 0.5f}, 1, 1, 2), false);
        assertThat(y.shape()).containsExactly(1, 1, 2);
        assertThat(y.data()[0]).isCloseTo((float) Math.tanh(0.1), Offset.offset(1e-6f));
        assertThat(y.data()[1]).isCloseTo((float) Math.tanh(1.05), Offset.offset(1e-6f));
    }

    @Test
    void simpleRnnSecondStepFeedsBackTheFirstState() {
        SimpleRNN rnn = new SimpleRNN("0", 1, 1);
        rnn.weightIh().value()[0] = 1f;
        rnn.weightHh().value()[0] = 0.5f;
        Tensor y = rnn.forward(new Tensor(new float[] {1f, 0f}, 1, 2, 1), false);
        double h1 = Math.tanh(1);
        assertThat((double) y.data()[0]).isCloseTo(h1, Offset.offset(1e-6));
        assertThat((double) y.data()[1]).isCloseTo(Math.tanh(0.5 * h1), Offset.offset(1e-6));
    }

    @Test
    void simpleRnnStartsFromZeroState() {
        SimpleRNN rnn = initialized(new SimpleRNN("0", INPUT, HIDDEN), 25);
        Tensor x = GradientCheck.randomInput(26, BATCH, STEPS, INPUT);
        Tensor first = rnn.forward(firstStep(x), false);
        float[] all = rnn.forward(x, false).data();
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < HIDDEN; j++) {
                assertThat(all[(b * STEPS) * HIDDEN + j]).isEqualTo(first.data()[b * HIDDEN + j]);
            }
        }
        // with h_0 = 0 the first step does not depend on W_hh, and W_hh gets no gradient from it
        java.util.Arrays.fill(rnn.weightHh().value(), 7f);
        assertThat(rnn.forward(firstStep(x), false).data()).containsExactly(first.data());
        rnn.weightHh().zeroGrad();
        rnn.backward(GradientCheck.randomInput(27, BATCH, 1, HIDDEN));
        assertThat(rnn.weightHh().grad()).containsOnly(0f);
    }

    @Test
    void simpleRnnRejectsBadShapesWithClearMessages() {
        SimpleRNN rnn = new SimpleRNN("3", INPUT, HIDDEN);
        assertThatThrownBy(() -> rnn.backward(Tensor.zeros(BATCH, STEPS, HIDDEN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before forward");
        assertThatThrownBy(() -> rnn.forward(Tensor.zeros(BATCH, INPUT), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rnn 3 expects input [batch, steps, 3] with batch, steps >= 1, got [2, 3]");
        assertThatThrownBy(() -> rnn.forward(Tensor.zeros(BATCH, STEPS, INPUT + 1), false))
                .hasMessageContaining("expects input [batch, steps, 3]")
                .hasMessageContaining("got [2, 4, 4]");
        rnn.forward(Tensor.zeros(BATCH, STEPS, INPUT), false);
        assertThatThrownBy(() -> rnn.backward(Tensor.zeros(BATCH, STEPS - 1, HIDDEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rnn 3 backward expects a gradient of shape [2, 4, 5] (the last output), got [2, 3, 5]");
        assertThatThrownBy(() -> new SimpleRNN("4", 0, HIDDEN)).hasMessageContaining("inputSize >= 1");
    }

    // ---- Lstm ----

    @Test
    void lstmBackwardMatchesFiniteDifferences() {
        Lstm lstm = initialized(new Lstm("0", INPUT, HIDDEN), 31);
        GradientCheck.check(lstm, GradientCheck.randomInput(32, BATCH, STEPS, INPUT), 33);
    }

    @Test
    void lstmBackwardMatchesFiniteDifferencesWithUnitForgetBias() {
        Lstm lstm = initialized(new Lstm("0", INPUT, HIDDEN), 34);
        lstm.setForgetGateBias(1f);
        GradientCheck.check(lstm, GradientCheck.randomInput(35, BATCH, STEPS, INPUT), 36);
    }

    @Test
    void lstmParametersHaveTheDocumentedShapesRolesAndDefaultInit() {
        Lstm lstm = initialized(new Lstm("dec", INPUT, HIDDEN), 37);
        assertThat(lstm.parameters())
                .extracting(Parameter::path)
                .containsExactly("dec.weight_ih", "dec.weight_hh", "dec.bias");
        assertThat(lstm.parameters())
                .extracting(Parameter::role)
                .containsExactly(Role.WEIGHT, Role.RECURRENT, Role.BIAS);
        assertThat(lstm.weightIh().shape().dims()).containsExactly(4 * HIDDEN, INPUT);
        assertThat(lstm.weightHh().shape().dims()).containsExactly(4 * HIDDEN, HIDDEN);
        assertThat(lstm.bias().value()).hasSize(4 * HIDDEN).containsOnly(0f);
        assertOrthonormalColumns(lstm.weightHh().value(), 4 * HIDDEN, HIDDEN);
        assertThat(lstm.kind()).isEqualTo("lstm");
    }

    @Test
    void setForgetGateBiasFillsExactlyTheForgetSlice() {
        Lstm lstm = new Lstm("0", INPUT, HIDDEN);
        float[] b = lstm.bias().value();
        for (int k = 0; k < b.length; k++) {
            b[k] = -k - 1;
        }
        lstm.setForgetGateBias(1f);
        for (int k = 0; k < b.length; k++) {
            boolean forget = k >= HIDDEN && k < 2 * HIDDEN;
            assertThat(b[k]).as("bias[%d]", k).isEqualTo(forget ? 1f : -k - 1);
        }
    }

    @Test
    void lstmSingleStepMatchesHandComputation() {
        Lstm lstm = new Lstm("0", 1, 1);
        // gate rows i, f, g, o: z = w x + b with x = 2
        System.arraycopy(new float[] {0.5f, 3f, -0.25f, 1f}, 0, lstm.weightIh().value(), 0, 4);
        System.arraycopy(new float[] {0f, 1f, 0.1f, -0.5f}, 0, lstm.bias().value(), 0, 4);
        float y = lstm.forward(new Tensor(new float[] {2f}, 1, 1, 1), false).data()[0];
        double i = sigmoid(1);
        double g = Math.tanh(-0.4);
        double o = sigmoid(1.5);
        // c_0 = 0, so the forget gate (z_f = 7) has no effect: c_1 = i·g
        assertThat((double) y).isCloseTo(o * Math.tanh(i * g), Offset.offset(1e-6));
    }

    @Test
    void lstmSecondStepCarriesTheCellThroughTheForgetGate() {
        Lstm lstm = new Lstm("0", 1, 1);
        System.arraycopy(new float[] {1f, 0f, 1f, 0f}, 0, lstm.weightIh().value(), 0, 4);
        System.arraycopy(new float[] {0f, 2f, 0f, 0f}, 0, lstm.bias().value(), 0, 4);
        // W_hh = 0: the steps talk only through c. x = (1, 0).
        float[] y =
                lstm.forward(new Tensor(new float[] {1f, 0f}, 1, 2, 1), false).data();
        double c1 = sigmoid(1) * Math.tanh(1);
        double c2 = sigmoid(2) * c1 + sigmoid(0) * Math.tanh(0); // i·g vanishes at x = 0
        assertThat((double) y[0]).isCloseTo(0.5 * Math.tanh(c1), Offset.offset(1e-6));
        assertThat((double) y[1]).isCloseTo(0.5 * Math.tanh(c2), Offset.offset(1e-6));
    }

    @Test
    void lstmStartsFromZeroStateAndCell() {
        Lstm lstm = initialized(new Lstm("0", INPUT, HIDDEN), 38);
        lstm.setForgetGateBias(1f);
        Tensor x = GradientCheck.randomInput(39, BATCH, STEPS, INPUT);
        Tensor first = lstm.forward(firstStep(x), false);
        float[] all = lstm.forward(x, false).data();
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < HIDDEN; j++) {
                assertThat(all[(b * STEPS) * HIDDEN + j]).isEqualTo(first.data()[b * HIDDEN + j]);
            }
        }
        java.util.Arrays.fill(lstm.weightHh().value(), 7f);
        assertThat(lstm.forward(firstStep(x), false).data()).containsExactly(first.data());
        lstm.weightHh().zeroGrad();
        lstm.bias().zeroGrad();
        lstm.backward(GradientCheck.randomInput(40, BATCH, 1, HIDDEN));
        assertThat(lstm.weightHh().grad()).containsOnly(0f);
        // c_0 = 0, so the forget gate gets no gradient from the first step
        assertThat(java.util.Arrays.copyOfRange(lstm.bias().grad(), HIDDEN, 2 * HIDDEN))
                .containsOnly(0f);
    }

    @Test
    void lstmRejectsBadShapesWithClearMessages() {
        Lstm lstm = new Lstm("1", INPUT, HIDDEN);
        assertThatThrownBy(() -> lstm.backward(Tensor.zeros(BATCH, STEPS, HIDDEN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before forward");
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(BATCH, STEPS * INPUT), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lstm 1 expects input [batch, steps, 3] with batch, steps >= 1, got [2, 12]");
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(BATCH, STEPS, INPUT, 1), false))
                .hasMessageContaining("got [2, 4, 3, 1]");
        lstm.forward(Tensor.zeros(BATCH, STEPS, INPUT), false);
        assertThatThrownBy(() -> lstm.backward(Tensor.zeros(BATCH, STEPS, 4 * HIDDEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lstm 1 backward expects a gradient of shape [2, 4, 5] (the last output), got [2, 4, 20]");
        assertThatThrownBy(() -> new Lstm("2", INPUT, 0)).hasMessageContaining("hiddenSize >= 1, got 3, 0");
    }

    // ---- all cells ----

    /**
     * The batched, time-major computation keeps examples apart: each example's output and input
     * gradient are what it gets alone, and the parameter gradients of the batch are the sum of the
     * examples' (to float rounding: BLAS may sum a product of another height in another order).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rnn", "lstm", "gru"})
    void aBatchComputesWhatEachExampleComputesAlone(String kind) {
        int batch = 3;
        RecurrentLayer layer = initialized(
                switch (kind) {
                    case "rnn" -> new SimpleRNN("0", INPUT, HIDDEN);
                    case "lstm" -> new Lstm("0", INPUT, HIDDEN);
                    default -> new Gru("0", INPUT, HIDDEN);
                },
                51);
        for (Parameter p : layer.parameters()) { // non-zero biases too
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.1f * (float) Math.sin(7 * i + 1);
            }
        }
        Tensor x = GradientCheck.randomInput(52, batch, STEPS, INPUT);
        Tensor g = GradientCheck.randomInput(53, batch, STEPS, HIDDEN);
        layer.parameters().forEach(Parameter::zeroGrad);
        float[] y = layer.forward(x, true).data();
        float[] dx = layer.backward(g).data();
        List<float[]> batchGrads =
                layer.parameters().stream().map(p -> p.grad().clone()).toList();
        List<double[]> sums = layer.parameters().stream()
                .map(p -> new double[p.grad().length])
                .toList();
        int in = STEPS * INPUT;
        int out = STEPS * HIDDEN;
        for (int b = 0; b < batch; b++) {
            layer.parameters().forEach(Parameter::zeroGrad);
            Tensor xb = new Tensor(java.util.Arrays.copyOfRange(x.data(), b * in, (b + 1) * in), 1, STEPS, INPUT);
            float[] yb = layer.forward(xb, true).data();
            float[] dxb = layer.backward(new Tensor(
                            java.util.Arrays.copyOfRange(g.data(), b * out, (b + 1) * out), 1, STEPS, HIDDEN))
                    .data();
            for (int i = 0; i < out; i++) {
                assertThat(y[b * out + i]).as("y[%d][%d]", b, i).isCloseTo(yb[i], Offset.offset(1e-6f));
            }
            for (int i = 0; i < in; i++) {
                assertThat(dx[b * in + i]).as("dx[%d][%d]", b, i).isCloseTo(dxb[i], Offset.offset(1e-5f));
            }
            for (int p = 0; p < sums.size(); p++) {
                float[] gp = layer.parameters().get(p).grad();
                for (int i = 0; i < gp.length; i++) {
                    sums.get(p)[i] += gp[i];
                }
            }
        }
        for (int p = 0; p < sums.size(); p++) {
            for (int i = 0; i < sums.get(p).length; i++) {
                assertThat((double) batchGrads.get(p)[i])
                        .as("%s[%d]", layer.parameters().get(p).path(), i)
                        .isCloseTo(sums.get(p)[i], Offset.offset(1e-5 * (1 + Math.abs(sums.get(p)[i]))));
            }
        }
    }

    // ---- helpers ----

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static Tensor firstStep(Tensor x) {
        int[] s = x.shape();
        Tensor first = Tensor.zeros(s[0], 1, s[2]);
        for (int b = 0; b < s[0]; b++) {
            System.arraycopy(x.data(), b * s[1] * s[2], first.data(), b * s[2], s[2]);
        }
        return first;
    }

    /** {@code WᵀW = I} for a row-major {@code rows × cols} matrix with rows >= cols. */
    static void assertOrthonormalColumns(float[] w, int rows, int cols) {
        for (int a = 0; a < cols; a++) {
            for (int c = 0; c < cols; c++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += (double) w[r * cols + a] * w[r * cols + c];
                }
                assertThat(dot).as("column %d · column %d", a, c).isCloseTo(a == c ? 1 : 0, Offset.offset(1e-5));
            }
        }
    }
}
