package org.initlab.nn;

/**
 * Sees what flows through a model during training: each layer's input and output on the way
 * forward, the gradients on the way back. Diagnostics are observers; the engine knows nothing of
 * them. Tensors passed in must not be modified.
 */
public interface Observer {
    /** After layer {@code index} computed {@code output} from {@code input} at {@code step}. */
    default void forward(long step, int index, Layer layer, Tensor input, Tensor output) {
    }

    /** After layer {@code index} turned {@code gradOutput} into {@code gradInput}. */
    default void backward(long step, int index, Layer layer, Tensor gradOutput, Tensor gradInput) {
    }
}
