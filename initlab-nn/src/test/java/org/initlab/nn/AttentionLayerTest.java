package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.initlab.core.init.Role;
import org.junit.jupiter.api.Test;

class AttentionLayerTest {
    private static final int BATCH = 2;
    private static final int STEPS = 3;
    private static final int DIM = 4;

    private static <L extends Layer> L initialized(L layer, long seed) {
        InitPlan.defaults().apply(new Sequential(List.of(layer)), seed);
        return layer;
    }

    private static void identity(Parameter p, int dim) {
        Arrays.fill(p.value(), 0f);
        for (int i = 0; i < dim; i++) {
            p.value()[i * dim + i] = 1f;
        }
    }

    // ---- SelfAttention ----

    @Test
    void scaledAttentionBackwardMatchesFiniteDifferences() {
        SelfAttention attn = initialized(new SelfAttention("0", DIM, true), 31);
        GradientCheck.check(attn, GradientCheck.randomInput(32, BATCH, STEPS, DIM), 33);
    }

    @Test
    void unscaledAttentionBackwardMatchesFiniteDifferences() {
        SelfAttention attn = initialized(new SelfAttention("0", DIM, false), 34);
        GradientCheck.check(attn, GradientCheck.randomInput(35, BATCH, STEPS, DIM), 36);
    }

    @Test
    void parametersHaveTheDocumentedPathsShapesRolesAndKind() {
        SelfAttention attn = new SelfAttention("enc", DIM, true);
        assertThat(attn.parameters())
                .extracting(Parameter::path)
                .containsExactly("enc.q.weight", "enc.k.weight", "enc.v.weight", "enc.o.weight");
        assertThat(attn.parameters()).extracting(Parameter::role).containsOnly(Role.WEIGHT);
        for (Parameter p : attn.parameters()) {
            assertThat(p.shape().dims()).containsExactly(DIM, DIM);
        }
        assertThat(attn.kind()).isEqualTo("self_attention");
    }

    @Test
    void identityProjectionsOnTwoStepsMatchHandComputation() {
        for (boolean scaled : new boolean[] {false, true}) {
            SelfAttention attn = new SelfAttention("0", 2, scaled);
            attn.parameters().forEach(p -> identity(p, 2));
            // X = I: Q = K = V = I, S = s·I, A row 0 = softmax(s, 0) = (σ(s), 1 - σ(s)), Y = A
            Tensor y = attn.forward(new Tensor(new float[] {1f, 0f, 0f, 1f}, 1, 2, 2), false);
            double s = scaled ? 1 / Math.sqrt(2) : 1;
            double p = 1 / (1 + Math.exp(-s));
            assertThat(y.shape()).containsExactly(1, 2, 2);
            float[] expected = {(float) p, (float) (1 - p), (float) (1 - p), (float) p};
            for (int i = 0; i < 4; i++) {
                assertThat(y.data()[i])
                        .as("scaled=" + scaled + " y[" + i + "]")
                        .isCloseTo(expected[i], Offset.offset(1e-6f));
            }
            assertThat(attn.meanMaxAttention()).isCloseTo(p, Offset.offset(1e-12));
            assertThat(attn.meanAttentionEntropy())
                    .isCloseTo(-p * Math.log(p) - (1 - p) * Math.log(1 - p), Offset.offset(1e-12));
            // a 2-way softmax's Jacobian is p(1-p)·[[1, -1], [-1, 1]]: Frobenius norm 2p(1-p)
            assertThat(attn.meanSoftmaxJacobianNorm()).isCloseTo(2 * p * (1 - p), Offset.offset(1e-12));
        }
    }

    @Test
    void equalScoresGiveUniformAttention() {
        SelfAttention attn = new SelfAttention("0", DIM, true);
        identity(attn.valueWeight(), DIM);
        identity(attn.outputWeight(), DIM); // W_q = W_k = 0: every score 0
        Tensor x = GradientCheck.randomInput(37, 1, STEPS, DIM);
        Tensor y = attn.forward(x, false);
        assertThat(attn.meanMaxAttention()).isCloseTo(1.0 / STEPS, Offset.offset(1e-12));
        assertThat(attn.meanAttentionEntropy()).isCloseTo(Math.log(STEPS), Offset.offset(1e-12));
        assertThat(attn.meanSoftmaxJacobianNorm())
                .isCloseTo(Math.sqrt(1.0 / STEPS - 1.0 / (STEPS * STEPS)), Offset.offset(1e-12));
        for (int c = 0; c < DIM; c++) {
            double mean = (x.data()[c] + x.data()[DIM + c] + x.data()[2 * DIM + c]) / 3.0;
            for (int t = 0; t < STEPS; t++) {
                assertThat((double) y.data()[t * DIM + c]).isCloseTo(mean, Offset.offset(1e-6));
            }
        }
    }

    /**
     * With glorot weights ({@code Var W = 1/d}) and N(0, 1) inputs, q and k have unit-variance
     * entries, so unscaled scores have standard deviation about {@code sqrt(d) = 16} and the
     * softmax is nearly one-hot; scaled scores have standard deviation about 1. Fixed seeds; observed
     * mean max weights are 0.90 unscaled and 0.24 scaled here, 0.87-0.94 and 0.22-0.26 over seeds
     * 1-8 (uniform is 1/16); the margins (unscaled
     * above 0.75, scaled below 0.4, gap above 0.4) leave room for other seeds yet fail when the
     * flag is ignored (a gap of 0).
     */
    @Test
    void unscaledScoresSaturateTheSoftmaxAtLargeWidth() {
        int dim = 256;
        SelfAttention unscaled = initialized(new SelfAttention("attn", dim, false), 41);
        SelfAttention scaled = initialized(new SelfAttention("attn", dim, true), 41);
        assertThat(scaled.queryWeight().value())
                .containsExactly(unscaled.queryWeight().value());
        Tensor x = GradientCheck.randomInput(42, 4, 16, dim);
        unscaled.forward(x, false);
        scaled.forward(x, false);
        double maxUnscaled = unscaled.meanMaxAttention();
        double maxScaled = scaled.meanMaxAttention();
        assertThat(maxUnscaled).isGreaterThan(0.75);
        assertThat(maxScaled).isLessThan(0.4);
        assertThat(maxUnscaled - maxScaled).isGreaterThan(0.4);
        assertThat(unscaled.meanAttentionEntropy()).isLessThan(scaled.meanAttentionEntropy());
        assertThat(unscaled.meanSoftmaxJacobianNorm()).isLessThan(scaled.meanSoftmaxJacobianNorm() / 2);
    }

    @Test
    void attentionRejectsBadShapesAndBackwardBeforeForward() {
        SelfAttention attn = new SelfAttention("0", DIM, true);
        assertThatThrownBy(() -> attn.backward(Tensor.zeros(1, 2, DIM)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before forward");
        assertThatThrownBy(() -> attn.meanMaxAttention()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> attn.forward(Tensor.zeros(2, 3, DIM + 1), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[batch, T, 4]")
                .hasMessageContaining("[2, 3, 5]");
        assertThatThrownBy(() -> attn.forward(Tensor.zeros(2, DIM), false))
                .isInstanceOf(IllegalArgumentException.class);
        attn.forward(Tensor.zeros(2, 3, DIM), false);
        assertThatThrownBy(() -> attn.backward(Tensor.zeros(2, 2, DIM)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> new SelfAttention("0", 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dim >= 1, got 0");
    }

    // ---- LastStep ----

    @Test
    void lastStepForwardTakesTheFinalStepAndBackwardRoutesTheGradientThere() {
        LastStep last = new LastStep();
        Tensor x = GradientCheck.randomInput(51, BATCH, STEPS, DIM);
        Tensor y = last.forward(x, false);
        assertThat(y.shape()).containsExactly(BATCH, DIM);
        for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < DIM; c++) {
                assertThat(y.data()[b * DIM + c]).isEqualTo(x.data()[(b * STEPS + STEPS - 1) * DIM + c]);
            }
        }
        Tensor g = GradientCheck.randomInput(52, BATCH, DIM);
        Tensor dx = last.backward(g);
        assertThat(dx.shape()).containsExactly(BATCH, STEPS, DIM);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < STEPS; t++) {
                for (int c = 0; c < DIM; c++) {
                    float expected = t == STEPS - 1 ? g.data()[b * DIM + c] : 0f;
                    assertThat(dx.data()[(b * STEPS + t) * DIM + c]).isEqualTo(expected);
                }
            }
        }
        assertThat(last.parameters()).isEmpty();
        assertThat(last.kind()).isEqualTo("last_step");
        GradientCheck.check(last, GradientCheck.randomInput(53, BATCH, STEPS, DIM), 54);
    }

    @Test
    void lastStepRejectsBadShapes() {
        LastStep last = new LastStep();
        assertThatThrownBy(() -> last.backward(Tensor.zeros(1, DIM))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> last.forward(Tensor.zeros(2, DIM), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[batch, T, h]")
                .hasMessageContaining("[2, 4]");
        last.forward(Tensor.zeros(2, 3, DIM), false);
        assertThatThrownBy(() -> last.backward(Tensor.zeros(2, 3, DIM)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 4]");
    }
}
