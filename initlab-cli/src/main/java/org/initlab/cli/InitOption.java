package org.initlab.cli;

import org.initlab.core.init.Registry;
import org.initlab.nn.InitPlan;

/**
 * The {@code --init} option shared by the commands that initialize a model ({@code train},
 * {@code export}), so that they start from the same weights for the same model, spec and seed.
 */
final class InitOption {
    private InitOption() {
    }

    /**
     * The plan {@code --init} names: {@code default} (any case) for {@link InitPlan#defaults()}, the
     * per-activation plan; otherwise an initializer spec applied to every weight, biases zero
     * ({@link InitPlan#allWeights}). A bad spec is an {@link IllegalArgumentException} naming the valid ones.
     */
    static InitPlan plan(String init) {
        return init.equalsIgnoreCase("default") ? InitPlan.defaults() : InitPlan.allWeights(Registry.parse(init));
    }
}
