package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.core.gain.Activation;

/**
 * Model spec strings for the command line. Supported so far:
 * {@code mlp(IN,[H1,H2,...],OUT,act=ACT)}: Dense layers named by their index in the sequence
 * ({@code "0.weight"}, {@code "2.weight"}, ...) with the activation between them and none after
 * the last (its outputs are logits).
 */
public final class ModelSpec {
    private static final Pattern MLP = Pattern.compile(
            "mlp\\(\\s*(\\d+)\\s*,\\s*\\[([\\d,\\s]*)]\\s*,\\s*(\\d+)\\s*(?:,\\s*act\\s*=\\s*([a-z_0-9]+)\\s*)?\\)");

    private ModelSpec() {
    }

    /** Builds the model a spec describes. */
    public static Sequential parse(String spec) {
        Matcher m = MLP.matcher(spec.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("bad model spec '" + spec.strip()
                    + "'; expected mlp(IN,[H1,H2,...],OUT,act=ACT), e.g. mlp(784,[256,128],10,act=relu)");
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
}
