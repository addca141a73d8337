package org.initlab.nn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.nn.model.ModelBuilder;
import org.initlab.nn.model.ModelLanguage;

/**
 * Model spec strings for the command line: any model of the language ({@link ModelLanguage}, e.g.
 * {@code seq(conv2d(1,16,3,pad=1), relu, maxpool(2), flatten, dense(10), input=[1,28,28])}),
 * built by {@link ModelBuilder}, and six short family names that expand to it
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
 *       {@link Transformer} (not yet part of the model language: built here directly).</li>
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
    // The family patterns serve atWidth (μP's base model) and the transformer family; the model
    // language parses everything else.
    private static final Pattern RESMLP = Pattern.compile(
            "resmlp\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*"
            + "(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?(?:,\\s*scale\\s*=\\s*(true|false)\\s*)?\\)");
    private static final Pattern MLP = Pattern.compile(
            "mlp\\(\\s*(\\d+)\\s*,\\s*\\[([\\d,\\s]*)]\\s*,\\s*(\\d+)\\s*(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?\\)");

    private static final Pattern RNN = Pattern.compile(
            "(rnn|lstm|gru)\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*steps\\s*=\\s*(last|all)\\s*)?\\)");

    private static final Pattern TRANSFORMER = Pattern.compile(
            "transformer\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*"
            + "(?:,\\s*norm\\s*=\\s*(pre|post)\\s*)?(?:,\\s*causal\\s*=\\s*(true|false)\\s*)?\\)");

    private ModelSpec() {
    }

    /** Whether {@code spec} is a {@code transformer(...)} spec, which the model language does not cover yet. */
    public static boolean isTransformer(String spec) {
        return TRANSFORMER.matcher(spec.strip().toLowerCase(java.util.Locale.ROOT)).matches();
    }

    /** Builds the model a spec describes (see {@link ModelLanguage} for the syntax). */
    public static Sequential parse(String spec) {
        Matcher f = TRANSFORMER.matcher(spec.strip().toLowerCase(java.util.Locale.ROOT));
        if (f.matches()) {
            return new Transformer(Integer.parseInt(f.group(1)), Integer.parseInt(f.group(2)), Integer.parseInt(f.group(3)),
                    Integer.parseInt(f.group(4)), Integer.parseInt(f.group(5)), !"post".equals(f.group(6)),
                    !"false".equals(f.group(7))).build();
        }
        return ModelBuilder.build(spec).model();
    }

    /**
     * The same model spec with every hidden width set to {@code width}: each hidden size of an
     * {@code mlp}, the WIDTH of a {@code resmlp}, the HIDDEN size of an {@code rnn}/{@code lstm}/
     * {@code gru}, the D of a {@code transformer} (heads stay, so D must stay divisible). The input and output sizes stay. This is the base model of μP's
     * {@code --base-width}.
     *
     * @throws IllegalArgumentException for a spec without a width parameter ({@code cnn}) or a bad
     *     spec, and for {@code width < 1}
     */
    public static String atWidth(String spec, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        String text = spec.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher r = RESMLP.matcher(text);
        if (r.matches()) {
            return text.substring(0, r.start(2)) + width + text.substring(r.end(2));
        }
        Matcher q = RNN.matcher(text);
        if (q.matches()) {
            return text.substring(0, q.start(3)) + width + text.substring(q.end(3));
        }
        Matcher f = TRANSFORMER.matcher(text);
        if (f.matches()) {
            return text.substring(0, f.start(2)) + width + text.substring(f.end(2));
        }
        Matcher m = MLP.matcher(text);
        if (m.matches()) {
            long hidden = java.util.Arrays.stream(m.group(2).split(",")).filter(h -> !h.isBlank()).count();
            String sizes = String.join(",", java.util.Collections.nCopies((int) hidden, Integer.toString(width)));
            return text.substring(0, m.start(2)) + sizes + text.substring(m.end(2));
        }
        parse(spec);
        throw new IllegalArgumentException("model spec '" + spec.strip() + "' has no width parameter to change;"
                + " widths can be set for mlp, resmlp, rnn, lstm and gru specs (give the base model itself instead)");
    }

}
