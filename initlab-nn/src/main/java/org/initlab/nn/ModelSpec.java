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
 * </ul>
 */
public final class ModelSpec {
    private static final Pattern RESMLP = Pattern.compile(
            "resmlp\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*"
            + "(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?(?:,\\s*scale\\s*=\\s*(true|false)\\s*)?\\)");
    private static final Pattern MLP = Pattern.compile(
            "mlp\\(\\s*(\\d+)\\s*,\\s*\\[([\\d,\\s]*)]\\s*,\\s*(\\d+)\\s*(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?\\)");

    private ModelSpec() {
    }

    /** Builds the model a spec describes. */
    public static Sequential parse(String spec) {
        String text = spec.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher r = RESMLP.matcher(text);
        if (r.matches()) {
            return resmlp(spec, r);
        }
        Matcher m = MLP.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip()
                    + "'; expected mlp(IN,[H1,H2,...],OUT,act=ACT), e.g. mlp(784,[256,128],10,act=relu),"
                    + " or resmlp(IN,WIDTH,BLOCKS,OUT,act=ACT,scale=BOOL)");
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
            Sequential branch = new Sequential(List.of(new Dense(name + ".0", width, width),
                    new ActivationLayer(act, Double.NaN), new Dense(name + ".2", width, width)));
            layers.add(new Residual(name, branch, scaled));
            layers.add(new ActivationLayer(act, Double.NaN));
        }
        layers.add(new Dense(Integer.toString(layers.size()), width, out));
        return new Sequential(layers);
    }
}
