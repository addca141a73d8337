package org.initlab.core.init;

import java.util.Locale;

/**
 * What a parameter tensor is for. Framework-default presets differ by role (PyTorch draws
 * biases uniformly, Keras zeroes them); the training engine tags each parameter with one.
 */
public enum Role {
    /** A dense or convolution kernel. */
    WEIGHT,
    /** An additive bias; its fans are those of the weight it belongs to. */
    BIAS,
    /** A recurrent (hidden-to-hidden) kernel. */
    RECURRENT,
    /** An embedding table {@code [num_embeddings, features]}. */
    EMBEDDING,
    /** The multiplicative scale (gamma) of a normalization layer. */
    NORM_SCALE,
    /** The additive shift (beta) of a normalization layer. */
    NORM_SHIFT;

    /** Lower-case snake name. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a role name such as {@code bias} or {@code norm_scale}. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.specName().equalsIgnoreCase(text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown role '" + text + "'; valid: weight, bias, recurrent, embedding, norm_scale, norm_shift");
    }
}
