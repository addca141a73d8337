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

    private ModelSpec() {
    }

    /**
     * The shape of one example ({@code [C, H, W]}) when the spec states it and its first layer
     * cannot tell it: {@code cnn(C,H,W,CLASSES)} (a convolution takes any height and width). Empty
     * for every other spec, whose first layer gives its input width.
     */
    public static java.util.Optional<int[]> inputShape(String spec) {
        Matcher c = CNN.matcher(spec.strip().toLowerCase(java.util.Locale.ROOT));
        if (!c.matches()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new int[] {size(spec, c.group(1)), size(spec, c.group(2)), size(spec, c.group(3))});
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
            int in = size(spec, q.group(2));
            int hidden = size(spec, q.group(3));
            int out = size(spec, q.group(4));
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
        Matcher c = CNN.matcher(text);
        if (c.matches()) {
            return cnn(spec, size(spec, c.group(1)), size(spec, c.group(2)), size(spec, c.group(3)),
                    size(spec, c.group(4)));
        }
        Matcher m = MLP.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip()
                    + "'; expected mlp(IN,[H1,H2,...],OUT,act=ACT), e.g. mlp(784,[256,128],10,act=relu),"
                    + " resmlp(IN,WIDTH,BLOCKS,OUT,act=ACT,scale=BOOL), cnn(C,H,W,CLASSES), e.g. cnn(1,28,28,10),"
                    + " or rnn(IN,HIDDEN,OUT) / lstm(IN,HIDDEN,OUT) / gru(IN,HIDDEN,OUT) (steps=all for an output per step)");
        }
        int in = size(spec, m.group(1));
        List<Integer> hidden = new ArrayList<>();
        if (!m.group(2).isBlank()) {
            String[] widths = m.group(2).split(",", -1);
            for (int i = 0; i < widths.length; i++) {
                if (widths[i].isBlank()) {
                    throw new IllegalArgumentException("bad model spec '" + spec.strip() + "': hidden width " + (i + 1)
                            + " of [" + m.group(2) + "] is empty; expected e.g. [256,128]");
                }
                hidden.add(size(spec, widths[i].strip()));
            }
        }
        int out = size(spec, m.group(3));
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

    /** A size written in a spec: a non-negative integer up to {@link Integer#MAX_VALUE}, else a clear error. */
    private static int size(String spec, String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip() + "': size " + digits + " is larger than "
                    + Integer.MAX_VALUE + ", the most a layer size can be");
        }
    }

    private static Sequential resmlp(String spec, Matcher r) {
        int in = size(spec, r.group(1));
        int width = size(spec, r.group(2));
        int blocks = size(spec, r.group(3));
        int out = size(spec, r.group(4));
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
        int flat;
        try {
            flat = Math.multiplyExact(16, Math.multiplyExact(height / 4, width / 4));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip() + "': the flattened features 16·⌊H/4⌋·⌊W/4⌋ = "
                    + 16L * (height / 4) * (width / 4) + " exceed " + Integer.MAX_VALUE + ", the most a layer width can be");
        }
        layers.add(new Dense("7", flat, 64));
        layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
        layers.add(new Dense("9", 64, classes));
        return new Sequential(layers);
    }
}
