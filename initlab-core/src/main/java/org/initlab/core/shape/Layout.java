package org.initlab.core.shape;

import java.util.Locale;

/**
 * Where a weight tensor keeps its output, input and receptive-field axes.
 *
 * <ul>
 *   <li>{@link #PYTORCH}: {@code [out, in/groups, k...]}; for transposed convolutions
 *       {@code [in, out/groups, k...]} (PyTorch, DJL, DL4J, ONNX).</li>
 *   <li>{@link #KERAS}: {@code [k..., in/groups, out]}; for transposed convolutions
 *       {@code [k..., out/groups, in]} (Keras, TensorFlow, JAX/Flax).</li>
 * </ul>
 * For a dense layer this is {@code [out, in]} versus {@code [in, out]}.
 */
public enum Layout {
    /** Output axis first, input axis second, kernel axes last. */
    PYTORCH,
    /** Kernel axes first, input axis second to last, output axis last. */
    KERAS;

    /**
     * The channel axis that holds all channels of one side: outputs ({@code C_out}), or inputs
     * ({@code C_in}) for a transposed convolution. 0 for PyTorch, -1 for Keras.
     */
    public int outerChannelAxis() {
        return this == PYTORCH ? 0 : -1;
    }

    /**
     * The channel axis that holds one group's channels of the other side: {@code C_in/groups},
     * or {@code C_out/groups} for a transposed convolution. 1 for PyTorch, -2 for Keras.
     */
    public int innerChannelAxis() {
        return this == PYTORCH ? 1 : -2;
    }

    /** Lower-case name used on the command line and in specs. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code pytorch} (aliases {@code torch}, {@code djl}, {@code dl4j}, {@code oi}) or
     * {@code keras} (aliases {@code tf}, {@code tensorflow}, {@code jax}, {@code flax}, {@code io}).
     */
    public static Layout parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "pytorch", "torch", "djl", "dl4j", "oi" -> PYTORCH;
            case "keras", "tf", "tensorflow", "jax", "flax", "io" -> KERAS;
            default ->
                throw new IllegalArgumentException(
                        "unknown layout '" + text + "'; valid: pytorch ([out, in, k...]), keras ([k..., in, out])");
        };
    }
}
