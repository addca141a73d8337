package org.initlab.nn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.core.gain.Activation;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Flatten;
import org.initlab.nn.Gru;
import org.initlab.nn.LastStep;
import org.initlab.nn.Layer;
import org.initlab.nn.Lstm;
import org.initlab.nn.MaxPool2D;
import org.initlab.nn.PerStep;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.SimpleRNN;

/**
 * The regex-based parser of the six families as it was before the model language (commit 09e156e),
 * kept only as the reference that {@link FamiliesTest} compares the expansions with: same layers,
 * same paths, same shapes, same weights for a seed.
 */
final class LegacyFamilies {
    private static final Pattern RESMLP =
            Pattern.compile("resmlp\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*"
                    + "(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?(?:,\\s*scale\\s*=\\s*(true|false)\\s*)?\\)");
    private static final Pattern MLP = Pattern.compile(
            "mlp\\(\\s*(\\d+)\\s*,\\s*\\[([\\d,\\s]*)]\\s*,\\s*(\\d+)\\s*(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?\\)");

    private static final Pattern RNN = Pattern.compile(
            "(rnn|lstm|gru)\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*steps\\s*=\\s*(last|all)\\s*)?\\)");
    private static final Pattern CNN =
            Pattern.compile("cnn\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private LegacyFamilies() {}

    /** Builds the model a spec describes. */
    static Sequential parse(String spec) {
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
        Matcher c = CNN.matcher(text);
        if (c.matches()) {
            return cnn(
                    spec,
                    Integer.parseInt(c.group(1)),
                    Integer.parseInt(c.group(2)),
                    Integer.parseInt(c.group(3)),
                    Integer.parseInt(c.group(4)));
        }
        Matcher m = MLP.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "bad model spec '" + spec.strip()
                            + "'; expected mlp(IN,[H1,H2,...],OUT,act=ACT), e.g. mlp(784,[256,128],10,act=relu),"
                            + " resmlp(IN,WIDTH,BLOCKS,OUT,act=ACT,scale=BOOL), cnn(C,H,W,CLASSES), e.g. cnn(1,28,28,10),"
                            + " or rnn(IN,HIDDEN,OUT) / lstm(IN,HIDDEN,OUT) / gru(IN,HIDDEN,OUT) (steps=all for an output per step)");
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
            Sequential branch = new Sequential(List.of(
                    new Dense(name + ".0", width, width),
                    new ActivationLayer(act, Double.NaN),
                    new Dense(name + ".2", width, width)));
            layers.add(new Residual(name, branch, scaled));
            layers.add(new ActivationLayer(act, Double.NaN));
        }
        layers.add(new Dense(Integer.toString(layers.size()), width, out));
        return new Sequential(layers);
    }

    /** The LeNet-style {@code cnn(C,H,W,CLASSES)}; see the class documentation. */
    private static Sequential cnn(String spec, int channels, int height, int width, int classes) {
        if (channels < 1 || classes < 1 || height < 4 || width < 4) {
            throw new IllegalArgumentException(
                    "bad model spec '" + spec.strip() + "': channels and classes must be >= 1"
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
