package org.initlab.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.GlorotNormal;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Uniform;
import org.initlab.core.init.Zeros;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dense;
import org.initlab.nn.Embedding;
import org.initlab.nn.InitPlan;
import org.initlab.nn.LastStep;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.PerStep;
import org.initlab.nn.Residual;
import org.initlab.nn.SelfAttention;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * GPT-2 scaling, DeepNorm, T-Fixup and small embeddings: their constants against the papers'
 * formulas (values worked out independently and written as literals), and the initializer each
 * plan gives each weight of a two-layer attention model.
 */
class TransformerPlansTest {

    /** Embedding, then 2 layers of (attention, feed-forward) residual blocks, then a head: R = 4. */
    static Sequential model() {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Embedding("emb", 11, 8));
        for (int l = 0; l < 2; l++) {
            String a = "l" + l + ".attn";
            String f = "l" + l + ".ffn";
            layers.add(new Residual(a, new Sequential(List.of(new SelfAttention(a, 8, true))), false));
            layers.add(new Residual(
                    f,
                    new Sequential(List.of(
                            new PerStep(new Dense(f + ".fc1", 8, 32)),
                            new ActivationLayer(Activation.GELU, Double.NaN),
                            new PerStep(new Dense(f + ".fc2", 32, 8)))),
                    false));
        }
        layers.add(new LastStep());
        layers.add(new Dense("head", 8, 3));
        return new Sequential(layers);
    }

    static Map<String, Initializer> resolved(InitPlan plan, Sequential model) {
        return plan.assign(model).stream()
                .collect(Collectors.toMap(r -> r.parameter().path(), InitPlan.Assignment::initializer));
    }

    @Test
    void gpt2ScalesOnlyTheProjectionsIntoTheStreamByOneOverRootR() {
        Map<String, Initializer> got = resolved(new Gpt2Scaling().plan(model()), model());
        Normal scaled = new Normal(0, 0.01); // 0.02 / sqrt(4)
        Normal plain = new Normal(0, 0.02);
        assertThat(got.get("l0.attn.o.weight")).isEqualTo(scaled);
        assertThat(got.get("l1.ffn.fc2.weight")).isEqualTo(scaled);
        for (String p :
                List.of("emb.weight", "l0.attn.q.weight", "l0.attn.v.weight", "l1.ffn.fc1.weight", "head.weight")) {
            assertThat(got.get(p)).as(p).isEqualTo(plain);
        }
        assertThat(got.get("l0.ffn.fc1.bias")).isEqualTo(new Zeros());
        // nanoGPT's 12-layer model: 0.02 / sqrt(24).
        assertThat(new Gpt2Scaling().residualStd(24)).isEqualTo(0.02 / Math.sqrt(24));
        assertThatThrownBy(() -> new Gpt2Scaling().plan(new Sequential(List.of(new Dense("0", 2, 2)))))
                .hasMessageContaining("gpt2 needs residual blocks");
    }

    @Test
    void gpt2OnTheEnginesTransformerScalesAttnOAndMlpCProj() {
        Sequential m = ModelSpec.parse("transformer(50,16,2,3,8)");
        List<String> scaled = new ArrayList<>();
        for (InitPlan.Assignment r : new Gpt2Scaling().plan(m).assign(m)) {
            if (r.initializer().equals(new Normal(0, 0.02 / Math.sqrt(6)))) {
                scaled.add(r.parameter().path());
            }
        }
        assertThat(scaled)
                .containsExactly(
                        "h0.attn.o.weight",
                        "h0.mlp.c_proj.weight",
                        "h1.attn.o.weight",
                        "h1.mlp.c_proj.weight",
                        "h2.attn.o.weight",
                        "h2.mlp.c_proj.weight");
    }

    @Test
    void mupClassifiesTheTransformersParameters() {
        List<Mup.Entry> t =
                Mup.table(ModelSpec.parse("transformer(50,64,4,1,8)"), ModelSpec.parse("transformer(50,16,4,1,8)"));
        Map<String, Mup.Kind> kinds = t.stream().collect(Collectors.toMap(Mup.Entry::path, Mup.Entry::kind));
        assertThat(kinds.get("tok.weight")).isEqualTo(Mup.Kind.INPUT);
        assertThat(kinds.get("pos.weight")).isEqualTo(Mup.Kind.INPUT);
        assertThat(kinds.get("h0.attn.q.weight")).isEqualTo(Mup.Kind.HIDDEN);
        assertThat(kinds.get("h0.mlp.c_fc.weight")).isEqualTo(Mup.Kind.HIDDEN);
        assertThat(kinds.get("h0.ln_1.weight")).isEqualTo(Mup.Kind.VECTOR);
        assertThat(kinds.get("head.weight")).isEqualTo(Mup.Kind.OUTPUT);
        assertThat(kinds.get("head.bias")).isEqualTo(Mup.Kind.FINITE);
        assertThat(t.stream()
                        .filter(e -> e.path().equals("h0.attn.q.weight"))
                        .findFirst()
                        .orElseThrow()
                        .adamScale())
                .isEqualTo(0.25);
    }

    @Test
    void deepNormConstantsFollowThePapersTable() {
        // encoder-only N = 18: alpha = 36^(1/4) = sqrt 6, beta = 144^(-1/4) = 1/sqrt 12.
        DeepNorm enc18 = new DeepNorm(18, 0, Stack.ENCODER);
        assertThat(enc18.alpha()).isCloseTo(2.449489742783178, within(1e-15));
        assertThat(enc18.beta()).isCloseTo(0.2886751345948129, within(1e-15));
        // decoder-only M = 6: (12)^(1/4), (48)^(-1/4), the same formulas as the encoder-only case.
        DeepNorm dec6 = new DeepNorm(0, 6, Stack.DECODER);
        assertThat(dec6.alpha()).isCloseTo(1.8612097182041991, within(1e-15));
        assertThat(dec6.beta()).isCloseTo(0.37991784282579627, within(1e-15));
        // encoder-decoder N = M = 6: 0.81 * 7776^(1/16), 0.87 * 7776^(-1/16); (18)^(1/4), (72)^(-1/4).
        assertThat(new DeepNorm(6, 6, Stack.ENCODER).alpha()).isCloseTo(1.417938140685523, within(1e-14));
        assertThat(new DeepNorm(6, 6, Stack.ENCODER).beta()).isCloseTo(0.49698924077132345, within(1e-14));
        assertThat(new DeepNorm(6, 6, Stack.DECODER).alpha()).isCloseTo(2.0597671439071177, within(1e-14));
        assertThat(new DeepNorm(6, 6, Stack.DECODER).beta()).isCloseTo(0.34329452398451965, within(1e-14));
        // The paper's 1,000-layer model: 500-500 encoder-decoder (N⁴M = 500^5).
        assertThat(new DeepNorm(500, 500, Stack.ENCODER).alpha())
                .isCloseTo(0.81 * Math.pow(500, 5.0 / 16), within(1e-12));
        assertThat(new DeepNorm(500, 500, Stack.DECODER).beta()).isCloseTo(Math.pow(6000, -0.25), within(1e-15));
        assertThat(enc18.branchScale()).isCloseTo(1 / Math.sqrt(6), within(1e-15));
        assertThatThrownBy(() -> new DeepNorm(6, 0, Stack.DECODER).alpha())
                .hasMessageContaining("decoder has no layer count");
    }

    @Test
    void deepNormGivesBetaToValueOutputAndFeedForwardAndOneToQueryAndKey() {
        // Two layers counted from the model: encoder-only N = 2, beta = 16^(-1/4) = 1/2.
        Map<String, Initializer> got = resolved(new DeepNorm().plan(model()), model());
        GlorotNormal beta = new GlorotNormal(0.5, false);
        for (String p : List.of("l0.attn.v.weight", "l0.attn.o.weight", "l1.ffn.fc1.weight", "l1.ffn.fc2.weight")) {
            assertThat(got.get(p)).as(p).isEqualTo(beta);
        }
        assertThat(got.get("l1.attn.q.weight")).isEqualTo(new GlorotNormal());
        assertThat(got.get("l1.attn.k.weight")).isEqualTo(new GlorotNormal());
        assertThat(got.get("emb.weight")).isEqualTo(new Normal(0, 1));
        assertThat(new DeepNorm().resolvedFor(model())).isEqualTo(new DeepNorm(2, 0, Stack.ENCODER));
    }

    @Test
    void tFixupScalesByPointSixSevenTimesNToTheMinusQuarterNotTheQuarterPowerOfPointSixSevenN() {
        // N = 6: 0.67 * 6^(-1/4) = 0.42809...; the misreading (0.67*6)^(-1/4) = 0.70622... is 0.67^(-5/4) larger.
        TFixup enc = new TFixup(6, 6, Stack.ENCODER);
        assertThat(enc.weightScale()).isCloseTo(0.4280918798450026, within(1e-15));
        assertThat(Math.pow(0.67 * 6, -0.25) / enc.weightScale()).isCloseTo(Math.pow(0.67, -1.25), within(1e-12));
        assertThat(enc.embeddingScale()).isCloseTo(0.36889397323344053, within(1e-15)); // (54)^(-1/4)
        assertThat(new TFixup(6, 6, Stack.DECODER).weightScale()).isCloseTo(0.36889397323344053, within(1e-15));
    }

    @Test
    void tFixupPlanOnTheModel() {
        // Encoder of 2 layers (counted): scale 0.67 * 2^(-1/4); embedding std 8^(-1/2) * 18^(-1/4).
        Map<String, Initializer> got = resolved(new TFixup().plan(model()), model());
        GlorotUniform scaled = new GlorotUniform(0.67 * Math.pow(2, -0.25));
        for (String p : List.of("l0.attn.v.weight", "l0.attn.o.weight", "l0.ffn.fc1.weight", "l1.ffn.fc2.weight")) {
            assertThat(got.get(p)).as(p).isEqualTo(scaled);
        }
        assertThat(got.get("l0.attn.q.weight")).isEqualTo(new GlorotUniform(Math.sqrt(0.5)));
        assertThat(got.get("emb.weight")).isEqualTo(new Normal(0, Math.pow(8, -0.5) * Math.pow(18, -0.25)));
        assertThat(got.get("head.weight")).isEqualTo(new GlorotUniform());
        assertThat(got.get("head.bias")).isEqualTo(new Zeros());
    }

    @Test
    void smallEmbeddingChangesOnlyTheEmbeddings() {
        Map<String, Initializer> got =
                resolved(new SmallEmbedding(SmallEmbedding.Variant.SMALL_INIT).plan(model()), model());
        assertThat(got.get("emb.weight")).isEqualTo(new Uniform(-1e-4, 1e-4));
        Map<String, Initializer> base = resolved(InitPlan.defaults(), model());
        got.remove("emb.weight");
        base.remove("emb.weight");
        assertThat(got).isEqualTo(base);
        assertThat(new SmallEmbedding().embedding()).isEqualTo(new Normal(0, 0.02));
        assertThat(new SmallEmbedding(SmallEmbedding.Variant.TORCH).embedding()).isEqualTo(new Normal(0, 1));
        assertThat(base.get("l0.ffn.fc1.bias")).isEqualTo(new Zeros());
    }
}
