package org.initlab.cli;

import org.initlab.core.init.Registry;
import org.initlab.lab.plan.Plans;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;

/**
 * The {@code --init} option shared by the commands that initialize a model ({@code train},
 * {@code export}), so that they start from the same weights for the same model, spec and seed.
 */
final class InitOption {
    private InitOption() {
    }

    /**
     * The plan {@code --init} names for {@code model}: {@code default} (any case) for
     * {@link InitPlan#defaults()}, the per-activation plan; a model-dependent plan spec such as
     * {@code gpt2} or {@code deepnorm(encoder_layers=6)} ({@link Plans}); otherwise an initializer
     * spec applied to every weight, biases zero ({@link InitPlan#allWeights}). A bad spec is an
     * {@link IllegalArgumentException} naming the valid ones.
     */
    static InitPlan plan(String init, Sequential model) {
        if (init.equalsIgnoreCase("default")) {
            return InitPlan.defaults();
        }
        if (Plans.isPlan(init)) {
            return Plans.parse(init).plan(model);
        }
        return InitPlan.allWeights(Registry.parse(init));
    }
}
