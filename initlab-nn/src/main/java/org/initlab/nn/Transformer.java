package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;

/**
 * A small GPT-style transformer over token ids, built from the engine's layers: token embedding
 * {@code tok} ({@link Embedding}), learned position embedding {@code pos}
 * ({@link PositionEmbedding}), {@code layers} blocks, and a per-step linear head to
 * {@code vocab} logits. Each block has two residual sub-layers, attention then MLP:
 * <pre>
 *   pre-LN (GPT-2):           x ← x + Attn(LN(x));   x ← x + MLP(LN(x));   final LN before the head
 *   post-LN (Vaswani 2017):   x ← LN(x + Attn(x));   x ← LN(x + MLP(x))
 *   MLP(x) = c_proj(GELU(c_fc(x))),  c_fc: d → 4d,  c_proj: 4d → d
 * </pre>
 * Attention is {@link MultiHeadAttention} with {@code heads} heads, causal when asked (a
 * language model). Paths follow GPT-2's names: block {@code l} is {@code h{l}.attn} (a
 * {@link Residual}) holding {@code h{l}.attn.q.weight} ... {@code h{l}.attn.o.weight}, and
 * {@code h{l}.mlp} holding {@code h{l}.mlp.c_fc} and {@code h{l}.mlp.c_proj}; the norms are
 * {@code h{l}.ln_1}, {@code h{l}.ln_2} and {@code ln_f}. Input {@code [batch, T]} ids with
 * {@code T <= steps}; output {@code [batch, T, vocab]} logits. LayerNorm ε is 1e-5 (PyTorch's).
 *
 * @param vocab number of token ids
 * @param dim model width d
 * @param heads attention heads, dividing d
 * @param layers number of blocks
 * @param steps the longest sequence (rows of the position embedding)
 * @param preLn pre-LN (GPT-2) blocks, else post-LN
 * @param causal whether attention is masked to earlier steps
 */
public record Transformer(int vocab, int dim, int heads, int layers, int steps, boolean preLn, boolean causal) {
    private static final double EPS = 1e-5;

    /** Validates the sizes. */
    public Transformer {
        if (vocab < 1 || dim < 1 || heads < 1 || dim % heads != 0 || layers < 0 || steps < 1) {
            throw new IllegalArgumentException("transformer needs vocab, dim, heads, steps >= 1, heads dividing dim and"
                    + " layers >= 0; got vocab " + vocab + ", dim " + dim + ", heads " + heads + ", layers " + layers
                    + ", steps " + steps);
        }
    }

    /** The model. */
    public Sequential build() {
        return build(1, true);
    }

    /**
     * The model with every residual branch multiplied by the fixed, untrained {@code branchScale}
     * ({@code x + s·f(x)}), and without any LayerNorm when {@code norms} is false. DeepNorm's
     * post-LN block {@code LN(α x + f(x))} is the post-LN block with {@code branchScale = 1/α}
     * (see {@link Residual}); T-Fixup trains the stack without LayerNorm ({@code x + f(x)}, no final
     * norm). {@code build(1, true)} is {@link #build()}: same layers, same parameters.
     *
     * @throws IllegalArgumentException unless {@code branchScale} is finite and {@code > 0}
     */
    public Sequential build(double branchScale, boolean norms) {
        List<Layer> out = new ArrayList<>();
        out.add(new Embedding("tok", vocab, dim));
        out.add(new PositionEmbedding("pos", steps, dim));
        out.addAll(blocks(branchScale, norms));
        if (preLn && norms) {
            out.add(new PerStep(new LayerNorm("ln_f", dim, EPS)));
        }
        out.add(new PerStep(new Dense("head", dim, vocab)));
        return new Sequential(out);
    }

    /** The blocks alone, for inputs that are already vectors {@code [batch, T, d]}. */
    public List<Layer> blocks() {
        return blocks(1, true);
    }

    /** The blocks with the fixed branch scale {@code branchScale} and with or without LayerNorm ({@link #build(double, boolean)}). */
    public List<Layer> blocks(double branchScale, boolean norms) {
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            String h = "h" + l;
            Layer attention = new MultiHeadAttention(h + ".attn", dim, heads, causal);
            List<Layer> mlp = List.of(
                    new PerStep(new Dense(h + ".mlp.c_fc", dim, 4 * dim)),
                    new ActivationLayer(Activation.GELU, Double.NaN),
                    new PerStep(new Dense(h + ".mlp.c_proj", 4 * dim, dim)));
            Layer ln1 = new PerStep(new LayerNorm(h + ".ln_1", dim, EPS));
            Layer ln2 = new PerStep(new LayerNorm(h + ".ln_2", dim, EPS));
            if (!norms) {
                out.add(new Residual(h + ".attn", new Sequential(List.of(attention)), branchScale));
                out.add(new Residual(h + ".mlp", new Sequential(mlp), branchScale));
            } else if (preLn) {
                out.add(new Residual(h + ".attn", new Sequential(List.of(ln1, attention)), branchScale));
                List<Layer> branch = new ArrayList<>(List.of(ln2));
                branch.addAll(mlp);
                out.add(new Residual(h + ".mlp", new Sequential(branch), branchScale));
            } else {
                out.add(new Residual(h + ".attn", new Sequential(List.of(attention)), branchScale));
                out.add(ln1);
                out.add(new Residual(h + ".mlp", new Sequential(mlp), branchScale));
                out.add(ln2);
            }
        }
        return out;
    }
}
