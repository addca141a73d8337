package org.initlab.lab.plan;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Role;
import org.initlab.core.init.Uniform;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;

/**
 * Small initial embeddings: every embedding table ({@link Role#EMBEDDING}) from a narrow law,
 * everything else as {@link InitPlan#defaults()}. Variants:
 * <ul>
 *   <li>{@code gpt2}: N(0, 0.02²), GPT-2's and BERT's {@code initializer_range} (Radford et al.
 *       2019; Devlin et al. 2019);</li>
 *   <li>{@code small_init}: U(-1e-4, 1e-4), the "small init embedding" of RWKV (B. Peng et al.
 *       2023, "RWKV: Reinventing RNNs for the Transformer Era", section 3.4): tiny values followed
 *       by a LayerNorm; the first updates, large relative to 1e-4, move the table quickly away
 *       from its random start. With LayerNorm's ε = 1e-5 the normalized values are not O(1) at
 *       first: their RMS is {@code sqrt(σ²/(σ² + ε))} = 0.018 (σ² = 3.3e-9);</li>
 *   <li>{@code torch}: N(0, 1), PyTorch's {@code nn.Embedding} default, the baseline.</li>
 * </ul>
 * "SmallInit" also names a different rule: Nguyen and Salazar (2019), "Transformers without
 * Tears", draw weights from N(0, 2/(5d)) (GPT-NeoX's {@code small_init}); that is a law for all
 * weights, not this embedding rule.
 *
 * @param variant which law the embeddings get
 */
public record SmallEmbedding(Variant variant) implements ModelPlan {
    /** The embedding laws. */
    public enum Variant {
        /** N(0, 0.02²). */
        GPT2,
        /** U(-1e-4, 1e-4). */
        SMALL_INIT,
        /** N(0, 1). */
        TORCH
    }

    /** Validates the variant. */
    public SmallEmbedding {
        if (variant == null) {
            throw new IllegalArgumentException("small_embedding: variant must be gpt2, small_init or torch");
        }
    }

    /** GPT-2's N(0, 0.02²). */
    public SmallEmbedding() {
        this(Variant.GPT2);
    }

    /** The embedding law of the variant. */
    public Initializer embedding() {
        return switch (variant) {
            case GPT2 -> new Normal(0, 0.02);
            case SMALL_INIT -> new Uniform(-1e-4, 1e-4);
            case TORCH -> new Normal(0, 1);
        };
    }

    @Override
    public InitPlan plan(Sequential model) {
        List<InitPlan.Rule> rules = new ArrayList<>();
        rules.add(new InitPlan.Rule(null, Role.EMBEDDING, null, null, embedding()));
        rules.addAll(InitPlan.defaults().rules());
        return new InitPlan(rules);
    }
}
