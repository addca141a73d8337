package org.initlab.lab.plan;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.GlorotNormal;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/**
 * DeepNorm: H. Wang, S. Ma, L. Dong, S. Huang, D. Zhang, F. Wei (2022), "DeepNet: Scaling
 * Transformers to 1,000 Layers" (arXiv:2203.00555). Each post-LN sub-layer computes
 * {@code x ← LN(α x + G(x))} and, at initialization, the feed-forward weights and the attention's
 * value and output projections are Xavier-normal with gain β, the query and key projections
 * Xavier-normal with gain 1. With N encoder and M decoder layers (the paper's Figure 2 table):
 * <pre>
 *   architecture       encoder α                 encoder β                  decoder α      decoder β
 *   encoder-only       (2N)^(1/4)                (8N)^(-1/4)                -              -
 *   decoder-only       -                         -                          (2M)^(1/4)     (8M)^(-1/4)
 *   encoder-decoder    0.81 (N⁴M)^(1/16)         0.87 (N⁴M)^(-1/16)         (3M)^(1/4)     (12M)^(-1/4)
 * </pre>
 * Microsoft's TorchScale computes the same α and divides its weights by {@code 1/β}, except the
 * encoder-decoder encoder β, written {@code (N⁴M)^(-1/16) / 1.15} (0.8696 for the paper's 0.87);
 * it scales weights it first drew Xavier-uniform (fairseq's attention uses gain 1/√2 for q, k, v),
 * where the paper's pseudo-code, followed here, draws Xavier-normal with gain β directly.
 *
 * <p>In this engine α is the model's: DeepNorm's {@code LN(α x + G(x))} equals
 * {@code LN(x + G(x)/α)} (LayerNorm ignores a positive factor on its input, up to its ε), i.e. a
 * {@link Residual} with the fixed branch scale {@link #branchScale()} = 1/α followed by a
 * LayerNorm. The plan gives the weights; it does not check the blocks' scales.
 *
 * @param encoderLayers N, the encoder's layers; 0 when the model has no encoder or, for the
 *     stack being initialized, to count them from the model (two residual blocks per layer)
 * @param decoderLayers M, the decoder's layers; 0 likewise
 * @param stack which stack the model given to {@link #plan} is
 */
public record DeepNorm(int encoderLayers, int decoderLayers, Stack stack) implements ModelPlan {
    /** Validates the counts. */
    public DeepNorm {
        if (encoderLayers < 0 || decoderLayers < 0 || stack == null) {
            throw new IllegalArgumentException("deepnorm: encoder_layers and decoder_layers must be >= 0 and stack"
                    + " encoder or decoder, got " + encoderLayers + ", " + decoderLayers + ", " + stack);
        }
    }

    /** An encoder-only model whose depth is counted from the model. */
    public DeepNorm() {
        this(0, 0, Stack.ENCODER);
    }

    private boolean encoderDecoder() {
        return encoderLayers > 0 && decoderLayers > 0;
    }

    private int layers() {
        int n = stack == Stack.ENCODER ? encoderLayers : decoderLayers;
        if (n < 1) {
            throw new IllegalArgumentException("deepnorm: the " + stack.name().toLowerCase(java.util.Locale.ROOT)
                    + " has no layer count (encoder_layers=" + encoderLayers + ", decoder_layers=" + decoderLayers
                    + ")");
        }
        return n;
    }

    /** α of the stack being initialized (the paper's table). */
    public double alpha() {
        int n = layers();
        if (!encoderDecoder()) {
            return Math.pow(2.0 * n, 0.25);
        }
        return stack == Stack.ENCODER
                ? 0.81 * Math.pow(Math.pow(encoderLayers, 4) * decoderLayers, 1.0 / 16)
                : Math.pow(3.0 * decoderLayers, 0.25);
    }

    /** β of the stack being initialized (the paper's table). */
    public double beta() {
        int n = layers();
        if (!encoderDecoder()) {
            return Math.pow(8.0 * n, -0.25);
        }
        return stack == Stack.ENCODER
                ? 0.87 * Math.pow(Math.pow(encoderLayers, 4) * decoderLayers, -1.0 / 16)
                : Math.pow(12.0 * decoderLayers, -0.25);
    }

    /** {@code 1/α}: the fixed branch scale of a {@link Residual} that makes a post-LN block a DeepNorm block. */
    public double branchScale() {
        return 1 / alpha();
    }

    /** This recipe with the stack's layer count taken from {@code model} when it is 0. */
    DeepNorm resolvedFor(Sequential model) {
        int counted = Branches.layersOf(Branches.blocks(model, "deepnorm").size());
        if (stack == Stack.ENCODER && encoderLayers == 0) {
            return new DeepNorm(counted, decoderLayers, stack);
        }
        if (stack == Stack.DECODER && decoderLayers == 0) {
            return new DeepNorm(encoderLayers, counted, stack);
        }
        return this;
    }

    @Override
    public InitPlan plan(Sequential model) {
        DeepNorm d = resolvedFor(model);
        GlorotNormal scaled = new GlorotNormal(d.beta(), false);
        GlorotNormal plain = new GlorotNormal();
        List<InitPlan.Rule> rules = new ArrayList<>();
        for (Residual block : Branches.blocks(model, "deepnorm")) {
            for (Branches.Weight w : Branches.weights(block.branch())) {
                boolean queryOrKey = "q".equals(w.attentionRole()) || "k".equals(w.attentionRole());
                rules.add(new InitPlan.Rule(w.parameter().path(), null, null, null, queryOrKey ? plain : scaled));
            }
        }
        rules.addAll(InitPlan.defaults().rules());
        return new InitPlan(rules);
    }
}
