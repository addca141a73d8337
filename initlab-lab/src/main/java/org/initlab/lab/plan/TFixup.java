package org.initlab.lab.plan;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Role;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/**
 * T-Fixup: X. S. Huang, F. Perez, J. Ba, M. Volkovs (2020), "Improving Transformer Optimization
 * Through Better Initialization", ICML, Algorithm 2: a transformer trained without LayerNorm and
 * without learning-rate warm-up. Law, with N encoder and M decoder layers:
 * <pre>
 *   every weight:  Xavier uniform (query and key projections with gain 1/√2, as fairseq draws them)
 *   input embeddings:  N(0, d^(-1/2)²), then times the embedding scale
 *   encoder:  attention value and output projections and both MLP weights times 0.67 · N^(-1/4)
 *   decoder:  the same weights times (9M)^(-1/4)
 *   embedding scale:  (9N)^(-1/4) for the encoder's, (9M)^(-1/4) for the decoder's
 * </pre>
 * so a scaled Xavier-uniform weight is {@code glorot_uniform(gain = scale)} and an embedding of
 * width d is {@code normal(std = d^(-1/2) · scale)}.
 *
 * <p><b>0.67 · N^(-1/4), not (0.67 · N)^(-1/4).</b> The paper's Algorithm 2 writes
 * {@code 0.67 N^{-1/4}}, and the authors' code ({@code layer6ai-labs/T-Fixup},
 * {@code transformer_layer.py}) computes {@code 0.67 * (en_layers) ** (- 1. / 4.)}: Python's
 * {@code **} binds tighter than {@code *}, so the power applies to N alone. Reading the expression
 * as {@code (0.67·N)^(-1/4)} (as some reimplementations do) gives a scale {@code 0.67^(-5/4)} =
 * 1.65 times larger at every depth (0.706 against 0.428 at N = 6): larger updates than the bound
 * the derivation asks for. InitLab follows the paper and the code. The code also multiplies the value
 * projection by √2 first, undoing fairseq's 1/√2 gain on v (so v ends as Xavier with gain
 * {@code scale}); the embedding scale of the encoder uses N in the code ({@code (9 * encoder_layers)})
 * where the paper writes (9M)^(-1/4) for both (the same when N = M): InitLab follows the code.
 *
 * @param encoderLayers N (0: count from the model when the model is the encoder)
 * @param decoderLayers M (0: count from the model when the model is the decoder)
 * @param stack which stack the model given to {@link #plan} is
 */
public record TFixup(int encoderLayers, int decoderLayers, Stack stack) implements ModelPlan {
    /** Validates the counts. */
    public TFixup {
        if (encoderLayers < 0 || decoderLayers < 0 || stack == null) {
            throw new IllegalArgumentException("t_fixup: encoder_layers and decoder_layers must be >= 0 and stack"
                    + " encoder or decoder, got " + encoderLayers + ", " + decoderLayers + ", " + stack);
        }
    }

    /** An encoder whose depth is counted from the model. */
    public TFixup() {
        this(0, 0, Stack.ENCODER);
    }

    private int layers() {
        int n = stack == Stack.ENCODER ? encoderLayers : decoderLayers;
        if (n < 1) {
            throw new IllegalArgumentException("t_fixup: the " + stack.name().toLowerCase(java.util.Locale.ROOT)
                    + " has no layer count (encoder_layers=" + encoderLayers + ", decoder_layers=" + decoderLayers
                    + ")");
        }
        return n;
    }

    /** The factor on the value, output and MLP weights of the stack being initialized. */
    public double weightScale() {
        int n = layers();
        return stack == Stack.ENCODER ? 0.67 * Math.pow(n, -0.25) : Math.pow(9.0 * n, -0.25);
    }

    /** The factor on the stack's input embedding. */
    public double embeddingScale() {
        return Math.pow(9.0 * layers(), -0.25);
    }

    @Override
    public InitPlan plan(Sequential model) {
        int counted = Branches.layersOf(Branches.blocks(model, "t_fixup").size());
        TFixup t = this;
        if (stack == Stack.ENCODER && encoderLayers == 0) {
            t = new TFixup(counted, decoderLayers, stack);
        } else if (stack == Stack.DECODER && decoderLayers == 0) {
            t = new TFixup(encoderLayers, counted, stack);
        }
        GlorotUniform scaled = new GlorotUniform(t.weightScale());
        GlorotUniform queryKey = new GlorotUniform(Math.sqrt(0.5));
        List<InitPlan.Rule> rules = new ArrayList<>();
        for (Residual block : Branches.blocks(model, "t_fixup")) {
            for (Branches.Weight w : Branches.weights(block.branch())) {
                boolean queryOrKey = "q".equals(w.attentionRole()) || "k".equals(w.attentionRole());
                rules.add(new InitPlan.Rule(w.parameter().path(), null, null, null, queryOrKey ? queryKey : scaled));
            }
        }
        for (Parameter p : model.parameters()) {
            if (p.role() == Role.EMBEDDING) {
                double std = Math.pow(p.shape().dim(1), -0.5) * t.embeddingScale();
                rules.add(new InitPlan.Rule(p.path(), null, null, null, new Normal(0, std)));
            }
        }
        rules.add(new InitPlan.Rule(null, Role.WEIGHT, null, null, new GlorotUniform()));
        rules.addAll(InitPlan.defaults().rules());
        return new InitPlan(rules);
    }
}
