package org.initlab.nn;

import java.util.Collections;
import org.initlab.nn.model.Family;
import org.initlab.nn.model.LayerSpec;
import org.initlab.nn.model.ModelBuilder;
import org.initlab.nn.model.ModelLanguage;

/**
 * Model spec strings for the command line: any model of the language ({@link ModelLanguage}, e.g.
 * {@code seq(conv2d(1,16,3,pad=1), relu, maxpool(2), flatten, dense(10), input=[1,28,28])}),
 * built by {@link ModelBuilder}, including the short names that expand to it
 * ({@link org.initlab.nn.model.Family}):
 * <ul>
 *   <li>{@code mlp(IN,[H1,H2,...],OUT,act=ACT)}: Dense layers named by their index in the
 *       sequence ({@code "0.weight"}, {@code "2.weight"}, ...) with the activation between them
 *       and none after the last (its outputs are logits).</li>
 *   <li>{@code resmlp(IN,WIDTH,BLOCKS,OUT,act=ACT,scale=BOOL)}: {@code Dense(IN, WIDTH)}, ACT,
 *       then BLOCKS residual blocks {@code x + α·Dense(ACT(Dense(x)))} each followed by ACT, then
 *       {@code Dense(WIDTH, OUT)}; with {@code scale=true} each block has a trainable α
 *       ({@code "K.alpha"}, for ReZero/SkipInit).</li>
 *   <li>{@code rnn(IN,HIDDEN,OUT)}, {@code lstm(IN,HIDDEN,OUT)} and {@code gru(IN,HIDDEN,OUT)}: a
 *       {@link SimpleRNN}, {@link Lstm} or {@link Gru} ({@code "0"}) over {@code [n, T, IN]}
 *       sequences, its last step ({@link LastStep}), and {@code Dense(HIDDEN, OUT)} ({@code "2"}). With {@code steps=all}
 *       ({@code lstm(IN,HIDDEN,OUT,steps=all)}) the head is applied to every step instead:
 *       {@link PerStep} {@code Dense(HIDDEN, OUT)} ({@code "1"}), giving {@code [n, T, OUT]} for
 *       labels per time step ({@link Labels.StepClasses}, the copy-memory task).</li>
 *   <li>{@code transformer(VOCAB,D,HEADS,LAYERS,T,norm=pre|post,causal=BOOL)}: the GPT-style
 *       {@link Transformer} with GPT-2's parameter names ({@link LayerSpec.Transformer}).</li>
 *   <li>{@code cnn(C,H,W,CLASSES)}: a small LeNet-style network for {@code [n, C, H, W]} images:
 *       {@code Conv2D(C→8, 3×3, padding 1)}, ReLU, {@code MaxPool(2, stride 2)},
 *       {@code Conv2D(8→16, 3×3, padding 1)}, ReLU, {@code MaxPool(2, stride 2)}, Flatten,
 *       {@code Dense(16·⌊H/4⌋·⌊W/4⌋ → 64)}, ReLU, {@code Dense(64 → CLASSES)} (logits). Layers are
 *       named by their index: {@code "0"} and {@code "3"} are the convolutions, {@code "7"} and
 *       {@code "9"} the dense layers. {@code cnn(1,28,28,10)} has 52,138 parameters.</li>
 * </ul>
 * Dense layers read {@link Tensor#features()}, so an {@code mlp(784,...)} takes
 * {@code [n, 1, 28, 28]} images as they are.
 */
public final class ModelSpec {
    private ModelSpec() {}

    /** Builds the model a spec describes (see {@link ModelLanguage} for the syntax). */
    public static Sequential parse(String spec) {
        return ModelBuilder.build(spec).model();
    }

    /**
     * The same model with every hidden width set to {@code width}, as a canonical spec
     * ({@link ModelLanguage#format}): each hidden size of an {@code mlp}, the WIDTH of a
     * {@code resmlp}, the HIDDEN size of an {@code rnn}/{@code lstm}/{@code gru}, the D of a
     * {@code transformer} (heads stay, so D must stay divisible by them). The input and output
     * sizes stay. This is the base model of μP's {@code --base-width}.
     *
     * @throws IllegalArgumentException for a model without a width parameter ({@code cnn}, a
     *     {@code seq(...)}) or a bad spec, and for {@code width < 1}
     */
    public static String atWidth(String spec, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        LayerSpec model = ModelLanguage.parse(spec);
        LayerSpec base = switch (model) {
            case Family.Mlp m ->
                new Family.Mlp(m.in(), Collections.nCopies(m.hidden().size(), width), m.out(), m.act());
            case Family.ResMlp r -> new Family.ResMlp(r.in(), width, r.blocks(), r.out(), r.act(), r.scale());
            case Family.RecurrentNet r -> new Family.RecurrentNet(r.cell(), r.in(), width, r.out(), r.steps());
            case LayerSpec.Transformer t ->
                new LayerSpec.Transformer(t.vocab(), width, t.heads(), t.layers(), t.steps(), t.norm(), t.causal());
            default ->
                throw new IllegalArgumentException("model spec '" + spec.strip() + "' has no width parameter to"
                        + " change; widths can be set for mlp, resmlp, rnn, lstm, gru and transformer specs (give the base"
                        + " model itself instead)");
        };
        return ModelLanguage.format(base);
    }
}
