package org.initlab.nn;

import java.util.List;

/**
 * One step of a network, with its forward and backward pass side by side.
 *
 * <p>{@link #forward} keeps what {@link #backward} needs; {@code backward} takes the gradient of
 * the loss with respect to the last forward's output, adds the gradients of this layer's
 * parameters to {@link Parameter#grad()}, and returns the gradient with respect to its input.
 */
public interface Layer {
    /** The output for a batch; {@code training} switches dropout-like behaviour. */
    Tensor forward(Tensor input, boolean training);

    /** The gradient with respect to the last forward's input. */
    Tensor backward(Tensor gradOutput);

    /**
     * What {@link #backward} adds to the parameters' gradients, bit for bit, for a caller that
     * does not need the gradient with respect to the input (the first layer of a network, whose
     * input is data: PyTorch does not compute it either, as the input does not require a
     * gradient). A layer may then skip that part of its work; the default runs {@link #backward}
     * and drops its result.
     */
    default void backwardParameters(Tensor gradOutput) {
        backward(gradOutput);
    }

    /** The trainable parameters, in a fixed order. */
    List<Parameter> parameters();

    /** What kind of layer this is, for init rules and reports ({@code dense}, {@code activation}). */
    String kind();

    /** Marks a size that is not known before the data arrives (a sequence's length). */
    int UNKNOWN = -1;

    /**
     * The shape of one example's output for one example's input shape {@code in} (no batch axis;
     * {@link #UNKNOWN} for a size the data decides; {@code in} null when nothing is known of it),
     * as Keras's {@code compute_output_shape}: it lets a summary list output shapes without data.
     * The default keeps the shape (elementwise layers, normalizations, attention); the layers that
     * change it say how. Nothing is checked here: {@link #forward} checks what it receives.
     */
    default int[] outputShape(int[] in) {
        return in;
    }
}
