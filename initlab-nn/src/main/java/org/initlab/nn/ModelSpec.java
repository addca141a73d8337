package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.core.gain.Activation;

/**
 * Model spec strings for the command line. Supported so far:
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
 *       labels per time step ({@link Targets.StepClasses}, the copy-memory task).</li>
 *   <li>{@code cnn(C,H,W,CLASSES)}: a small LeNet-style network for {@code [n, C, H, W]} images:
 *       {@code Conv2D(C→8, 3×3, padding 1)}, ReLU, {@code MaxPool(2, stride 2)},
 *       {@code Conv2D(8→16, 3×3, padding 1)}, ReLU, {@code MaxPool(2, stride 2)}, Flatten,
 *       {@code Dense(16·⌊H/4⌋·⌊W/4⌋ → 64)}, ReLU, {@code Dense(64 → CLASSES)} (logits). Layers are
 *       named by their index: {@code "0"} and {@code "3"} are the convolutions, {@code "7"} and
 *       {@code "9"} the dense layers. {@code cnn(1,28,28,10)} has 52,138 parameters.</li>
 *   <li>{@code transformer(VOCAB,D,HEADS,LAYERS,T,norm=pre|post,causal=BOOL)}: the GPT-style
 *       {@link Transformer} over {@code [n, T]} token ids with {@code [n, T, VOCAB]} logits;
 *       defaults {@code norm=pre} (GPT-2) and {@code causal=true}.</li>
 * </ul>
 * Dense layers read {@link Tensor#features()}, so an {@code mlp(784,...)} takes
 * {@code [n, 1, 28, 28]} images as they are.
 */
public final class ModelSpec {
    private static final Pattern RESMLP = Pattern.compile(
            "resmlp\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*"
            + "(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?(?:,\\s*scale\\s*=\\s*(true|false)\\s*)?\\)");
    private static final Pattern MLP = Pattern.compile(
            "mlp\\(\\s*(\\d+)\\s*,\\s*\\[([\\d,\\s]*)]\\s*,\\s*(\\d+)\\s*(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?\\)");

    private static final Pattern RNN = Pattern.compile(
            "(rnn|lstm|gru)\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*steps\\s*=\\s*(last|all)\\s*)?\\)");
    private static final Pattern CNN = Pattern.compile(
            "cnn\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private static final Pattern TRANSFORMER = Pattern.compile(
            "transformer\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*"
            + "(?:,\\s*norm\\s*=\\s*(pre|post)\\s*)?(?:,\\s*causal\\s*=\\s*(true|false)\\s*)?\\)");

    private ModelSpec() {
    }

    /** Builds the model a spec describes. */
    public static Sequential parse(String spec) {
        String text = spec.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher r = RESMLP.matcher(text);
        if (r.matches()) {
            return resmlp(spec, r);
        }
        Matcher q = RNN.matcher(text);
        if (q.matches()) {
            int in = Integer.parseInt(q.group(2));
            int hidden = Integer.parseInt(q.group(3));
            int out = Integer.parseInt(q.group(4));
            Layer cell = switch (q.group(1)) {
                case "rnn" -> new SimpleRNN("0", in, hidden);
                case "lstm" -> new Lstm("0", in, hidden);
                default -> new Gru("0", in, hidden);
            };
            if ("all".equals(q.group(5))) {
                return new Sequential(List.of(cell, new PerStep(new Dense("1", hidden, out))));
            }
            return new Sequential(List.of(cell, new LastStep(), new Dense("2", hidden, out)));
        }
        Matcher f = TRANSFORMER.matcher(text);
        if (f.matches()) {
            return new Transformer(Integer.parseInt(f.group(1)), Integer.parseInt(f.group(2)), Integer.parseInt(f.group(3)),
                    Integer.parseInt(f.group(4)), Integer.parseInt(f.group(5)), !"post".equals(f.group(6)),
                    !"false".equals(f.group(7))).build();
        }
        Matcher c = CNN.matcher(text);
        if (c.matches()) {
            return cnn(spec, Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2)), Integer.parseInt(c.group(3)),
                    Integer.parseInt(c.group(4)));
        }
        Matcher m = MLP.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip()
                    + "'; expected mlp(IN,[H1,H2,...],OUT,act=ACT), e.g. mlp(784,[256,128],10,act=relu),"
                    + " resmlp(IN,WIDTH,BLOCKS,OUT,act=ACT,scale=BOOL), cnn(C,H,W,CLASSES), e.g. cnn(1,28,28,10),"
                    + " rnn(IN,HIDDEN,OUT) / lstm(IN,HIDDEN,OUT) / gru(IN,HIDDEN,OUT) (steps=all for an output per step),"
                    + " or transformer(VOCAB,D,HEADS,LAYERS,T,norm=pre|post,causal=BOOL)");
        }
        int in = Integer.parseInt(m.group(1));
        List<Integer> hidden = new ArrayList<>();
        for (String h : m.group(2).split(",")) {
            if (!h.isBlank()) {
                hidden.add(Integer.parseInt(h.strip()));
            }
        }
        int out = Integer.parseInt(m.group(3));
        Activation act = m.group(4) == null ? Activation.RELU : Activation.parse(m.group(4));
        if (in < 1 || out < 1 || hidden.contains(0)) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip() + "': sizes must be positive");
        }
        List<Layer> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(new Dense(Integer.toString(layers.size()), width, h));
            layers.add(new ActivationLayer(act, Double.NaN));
            width = h;
        }
        layers.add(new Dense(Integer.toString(layers.size()), width, out));
        return new Sequential(layers);
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

    private static Sequential resmlp(String spec, Matcher r) {
        int in = Integer.parseInt(r.group(1));
        int width = Integer.parseInt(r.group(2));
        int blocks = Integer.parseInt(r.group(3));
        int out = Integer.parseInt(r.group(4));
        Activation act = r.group(5) == null ? Activation.RELU : Activation.parse(r.group(5));
        boolean scaled = "true".equals(r.group(6));
        if (in < 1 || width < 1 || out < 1) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip() + "': sizes must be positive");
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Dense("0", in, width));
        layers.add(new ActivationLayer(act, Double.NaN));
        for (int b = 0; b < blocks; b++) {
            String name = Integer.toString(layers.size());
            Sequential branch = new Sequential(List.of(new Dense(name + ".0", width, width),
                    new ActivationLayer(act, Double.NaN), new Dense(name + ".2", width, width)));
            layers.add(new Residual(name, branch, scaled));
            layers.add(new ActivationLayer(act, Double.NaN));
        }
        layers.add(new Dense(Integer.toString(layers.size()), width, out));
        return new Sequential(layers);
    }

    /** The LeNet-style {@code cnn(C,H,W,CLASSES)}; see the class documentation. */
    private static Sequential cnn(String spec, int channels, int height, int width, int classes) {
        if (channels < 1 || classes < 1 || height < 4 || width < 4) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip() + "': channels and classes must be >= 1"
                    + " and H, W >= 4 (two 2×2 poolings), got C=" + channels + ", H=" + height + ", W=" + width
                    + ", CLASSES=" + classes);
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2D("0", channels, 8, 3, 1, 1, 1));
        layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
        layers.add(new MaxPool2D(2, 2));
        layers.add(new Conv2D("3", 8, 16, 3, 1, 1, 1));
        layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
        layers.add(new MaxPool2D(2, 2));
        layers.add(new Flatten());
        layers.add(new Dense("7", 16 * (height / 4) * (width / 4), 64));
        layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
        layers.add(new Dense("9", 64, classes));
        return new Sequential(layers);
    }
}
