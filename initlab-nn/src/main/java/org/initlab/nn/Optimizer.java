package org.initlab.nn;

import java.util.List;

/**
 * Updates parameters from their accumulated gradients. The learning rate a parameter sees is the
 * optimizer's rate times the step's {@code lrFactor} times the parameter's own
 * {@link Parameter#lrScale()}; an optimizer's state (momentum, moments) does not depend on the
 * rate, so a scale changes the size of each step and nothing else (PyTorch's per-group {@code lr}).
 */
public interface Optimizer {
    /**
     * One update of every parameter from its current gradient, with the learning rate multiplied
     * by {@code lrFactor} (a {@link Schedule}'s factor for this step) and by each parameter's
     * {@link Parameter#lrScale()}.
     */
    void step(List<Parameter> parameters, double lrFactor);

    /** One update at the base learning rate. */
    default void step(List<Parameter> parameters) {
        step(parameters, 1);
    }
}
