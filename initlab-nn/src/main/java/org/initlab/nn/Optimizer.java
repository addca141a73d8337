package org.initlab.nn;

import java.util.List;

/** Updates parameters from their accumulated gradients. */
public interface Optimizer {
    /**
     * One update of every parameter from its current gradient, with the learning rate multiplied
     * by {@code lrFactor} (a {@link Schedule}'s factor for this step).
     */
    void step(List<Parameter> parameters, double lrFactor);

    /** One update at the base learning rate. */
    default void step(List<Parameter> parameters) {
        step(parameters, 1);
    }
}
