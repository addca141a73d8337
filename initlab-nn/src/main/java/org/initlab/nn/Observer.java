package org.initlab.nn;

import java.util.List;

/**
 * Sees what flows through a model during training: each layer's input and output on the way
 * forward, the gradients on the way back, each parameter's gradient and update. Diagnostics are
 * observers; the engine knows nothing of them. Tensors and arrays passed in must not be modified.
 * A pre-activation is the output of the layer before an {@link ActivationLayer}.
 */
public interface Observer {
    /** After layer {@code index} computed {@code output} from {@code input} at {@code step}. */
    default void forward(long step, int index, Layer layer, Tensor input, Tensor output) {}

    /**
     * After layer {@code index} turned {@code gradOutput} into {@code gradInput}; for the first
     * layer ({@code index} 0) {@code gradInput} is null unless some observer of the run
     * {@linkplain #needsInputGradient() needs it}.
     */
    default void backward(long step, int index, Layer layer, Tensor gradOutput, Tensor gradInput) {}

    /**
     * Whether {@link #backward} reads the gradient with respect to the model's input (the first
     * layer's {@code gradInput}). The trainer computes it only when an observer says so: for the
     * first layer of a network it is work nobody else needs (a convolution's whole input-gradient
     * product). The default says yes, so an observer that reads it keeps getting it.
     */
    default boolean needsInputGradient() {
        return true;
    }

    /**
     * After the backward pass and gradient clipping, before the optimizer step: the parameters
     * with the gradients the optimizer is about to use ({@link Parameter#grad()}).
     */
    default void gradients(long step, List<Parameter> parameters) {}

    /**
     * Whether {@link #updated} should be called at {@code step}. Answering {@code true} makes the
     * trainer copy every parameter's values before the optimizer step (one float per parameter
     * element), so observers sampling every N steps should answer {@code true} only then.
     */
    default boolean observesUpdates(long step) {
        return false;
    }

    /**
     * After the optimizer step, when {@link #observesUpdates} said so: {@code before.get(i)} holds
     * the values of {@code parameters.get(i)} before the step, so the update is
     * {@code value() − before}.
     */
    default void updated(long step, List<Parameter> parameters, List<float[]> before) {}
}
