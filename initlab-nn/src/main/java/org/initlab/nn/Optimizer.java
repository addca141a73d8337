package org.initlab.nn;

import java.util.List;

/** Updates parameters from their accumulated gradients. */
public interface Optimizer {
    /** One update of every parameter from its current gradient. */
    void step(List<Parameter> parameters);
}
