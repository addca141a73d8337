package org.initlab.nn.model;

import java.util.List;
import org.initlab.core.gain.Activation;

/**
 * One layer of the model language, as written: its components are its spec arguments
 * ({@link ModelLanguage} binds and prints them). A size written {@code 0} where the record says
 * "inferred" is taken from the shape that reaches the layer ({@link ModelBuilder}).
 *
 * <p>Shapes below leave out the batch axis.
 */
public sealed interface LayerSpec
        permits LayerSpec.Dense,
                LayerSpec.Conv2d,
                LayerSpec.MaxPool,
                LayerSpec.AvgPool,
                LayerSpec.BatchNorm,
                LayerSpec.LayerNorm,
                LayerSpec.Dropout,
                LayerSpec.Flatten,
                LayerSpec.Activate,
                LayerSpec.Residual,
                LayerSpec.Embedding,
                LayerSpec.Recurrent,
                LayerSpec.LastStep,
                LayerSpec.PerStep,
                LayerSpec.SelfAttention,
                LayerSpec.Transformer,
                LayerSpec.Seq,
                Family {

    /** {@code dense([in,] out)}: {@code [in] → [out]}, {@link org.initlab.nn.Dense}; {@code in = 0}: inferred. */
    record Dense(int in, int out) implements LayerSpec {
        public Dense {
            positive("dense", "out", out);
            inferable("dense", "in", in);
        }
    }

    /**
     * {@code conv2d([in,] out, kernel, stride=1, pad=0, groups=1)}: {@code [in, H, W] → [out, H', W']}
     * with {@code H' = (H + 2·pad - kernel)/stride + 1}, {@link org.initlab.nn.Conv2D}.
     */
    record Conv2d(int in, int out, int kernel, int stride, int pad, int groups) implements LayerSpec {
        public Conv2d {
            inferable("conv2d", "in", in);
            positive("conv2d", "out", out);
            positive("conv2d", "kernel", kernel);
            positive("conv2d", "stride", stride);
            positive("conv2d", "groups", groups);
            if (pad < 0) {
                throw new IllegalArgumentException("conv2d: pad must be >= 0, got " + pad);
            }
        }
    }

    /** {@code maxpool(kernel, stride=kernel)}: {@code [C, H, W] → [C, H', W']}, no padding; {@code stride = 0} means the kernel. */
    record MaxPool(int kernel, int stride) implements LayerSpec {
        public MaxPool {
            positive("maxpool", "kernel", kernel);
            inferable("maxpool", "stride", stride);
        }
    }

    /** {@code avgpool(kernel, stride=kernel)}, as {@link MaxPool} with the mean. */
    record AvgPool(int kernel, int stride) implements LayerSpec {
        public AvgPool {
            positive("avgpool", "kernel", kernel);
            inferable("avgpool", "stride", stride);
        }
    }

    /** {@code batchnorm([channels], eps=1e-5, momentum=0.1)} over axis 0 of {@code [C, ...]}; channels inferred when 0. */
    record BatchNorm(int channels, double eps, double momentum) implements LayerSpec {
        public BatchNorm {
            inferable("batchnorm", "channels", channels);
        }
    }

    /** {@code layernorm([features], eps=1e-5)} over all features of an example; features inferred when 0. */
    record LayerNorm(int features, double eps) implements LayerSpec {
        public LayerNorm {
            inferable("layernorm", "features", features);
        }
    }

    /** {@code dropout(p, seed=0)}: inverted dropout, masks keyed by (seed, path). */
    record Dropout(double p, long seed) implements LayerSpec {
        public Dropout {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
            }
        }
    }

    /** {@code flatten}: {@code [d1, d2, ...] → [d1·d2·...]}. */
    record Flatten() implements LayerSpec {}

    /** An activation written by its name ({@code relu}, {@code leaky_relu(0.2)}); {@code param} NaN for its default. */
    record Activate(Activation activation, double param) implements LayerSpec {
        public Activate {
            java.util.Objects.requireNonNull(activation, "activation");
        }
    }

    /**
     * {@code residual(branch, scale=false)}: {@code y = x + α·branch(x)}; the branch's layers are
     * named {@code K.0, K.1, ...} under the block's path {@code K}; {@code scale=true} adds the
     * trainable {@code K.alpha}.
     */
    record Residual(LayerSpec branch, boolean scale) implements LayerSpec {
        public Residual {
            java.util.Objects.requireNonNull(branch, "branch");
        }
    }

    /** {@code embedding(num, dim)}: ids {@code [T] → [T, dim]}. */
    record Embedding(int num, int dim) implements LayerSpec {
        public Embedding {
            positive("embedding", "num", num);
            positive("embedding", "dim", dim);
        }
    }

    /** The recurrent cells. */
    enum Cell {
        RNN,
        LSTM,
        GRU
    }

    /**
     * {@code rnn_layer([in,] hidden)}, {@code lstm_layer(...)}, {@code gru_layer(...)}: {@code [T, in] → [T, hidden]}
     * ({@link org.initlab.nn.SimpleRNN}, {@link org.initlab.nn.Lstm}, {@link org.initlab.nn.Gru}).
     */
    record Recurrent(Cell cell, int in, int hidden) implements LayerSpec {
        public Recurrent {
            java.util.Objects.requireNonNull(cell, "cell");
            inferable(cell.name().toLowerCase(java.util.Locale.ROOT) + "_layer", "in", in);
            positive(cell.name().toLowerCase(java.util.Locale.ROOT) + "_layer", "hidden", hidden);
        }
    }

    /** {@code last_step}: {@code [T, h] → [h]}. */
    record LastStep() implements LayerSpec {}

    /** {@code per_step(layer)}: the layer on every step, {@code [T, h] → [T, k]}; its parameters keep this path. */
    record PerStep(LayerSpec inner) implements LayerSpec {
        public PerStep {
            java.util.Objects.requireNonNull(inner, "inner");
        }
    }

    /** {@code self_attention([dim], scaled=true)}: single head, {@code [T, d] → [T, d]}; dim inferred when 0. */
    record SelfAttention(int dim, boolean scaled) implements LayerSpec {
        public SelfAttention {
            inferable("self_attention", "dim", dim);
        }
    }

    /** Where a transformer block normalizes: before each sub-layer (GPT-2) or after each residual sum (Vaswani 2017). */
    enum Norm {
        PRE,
        POST
    }

    /**
     * {@code transformer(VOCAB, D, HEADS, LAYERS, T, norm=pre, causal=true)}: the GPT-style model
     * {@link org.initlab.nn.Transformer} over token ids {@code [T] → [T, VOCAB]} logits, with
     * GPT-2's parameter names ({@code tok.weight}, {@code h0.attn.q.weight}, {@code h0.mlp.c_fc.weight},
     * {@code ln_f.weight}, {@code head.weight}). A whole model: it stands alone, not inside a {@code seq}.
     */
    record Transformer(int vocab, int dim, int heads, int layers, int steps, Norm norm, boolean causal)
            implements LayerSpec {
        public Transformer {
            java.util.Objects.requireNonNull(norm, "norm");
            engine(vocab, dim, heads, layers, steps, norm, causal); // the engine's checks, one home
        }

        /** The engine's description of this model. */
        public org.initlab.nn.Transformer engine() {
            return engine(vocab, dim, heads, layers, steps, norm, causal);
        }

        private static org.initlab.nn.Transformer engine(
                int vocab, int dim, int heads, int layers, int steps, Norm norm, boolean causal) {
            return new org.initlab.nn.Transformer(vocab, dim, heads, layers, steps, norm == Norm.PRE, causal);
        }
    }

    /**
     * {@code seq(l0, l1, ..., input=[d1, ...])}: the layers in order, layer {@code i} at path
     * {@code i} (or {@code P.i} inside a block at path {@code P}); {@code input} (empty when not
     * given) is the shape of one example, from which the omitted sizes are inferred.
     */
    record Seq(List<LayerSpec> layers, List<Integer> input) implements LayerSpec {
        public Seq {
            layers = List.copyOf(layers);
            input = List.copyOf(input);
            for (int d : input) {
                positive("seq", "input size", d);
            }
        }
    }

    private static void positive(String kind, String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(kind + ": " + what + " must be >= 1, got " + value);
        }
    }

    private static void inferable(String kind, String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    kind + ": " + what + " must be >= 1 (or left out to infer it), got " + value);
        }
    }
}
