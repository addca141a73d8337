package org.initlab.cli;

import org.initlab.core.init.Registry;
import org.initlab.lab.advisor.Advisor;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;

/**
 * The {@code --init} option shared by the commands that initialize a model ({@code train},
 * {@code probe}, {@code export}), so that they start from the same weights for the same model,
 * spec and seed.
 */
final class InitOption {
    /** What {@code --init} accepts, for the commands' help. */
    static final String DESCRIPTION = "Initializer spec for every weight (biases zero; a framework default such as"
            + " torch_default sets every parameter as that framework does), 'default' for the per-activation plan, or"
            + " 'advised' for exactly the plan 'initlab advise' prints for the model.";

    private InitOption() {
    }

    /**
     * The plan {@code --init} names for {@code model}: {@code default} (any case) for
     * {@link InitPlan#defaults()}, the per-activation plan; {@code advised} for the
     * {@link Advisor}'s plan with its default options (what {@code initlab advise --model M} prints);
     * otherwise an initializer spec applied to every weight ({@link InitPlan#allWeights}). A bad
     * spec is an {@link IllegalArgumentException} naming the valid ones.
     */
    static InitPlan plan(String init, Sequential model) {
        if (init.strip().equalsIgnoreCase("default")) {
            return InitPlan.defaults();
        }
        if (init.strip().equalsIgnoreCase("advised")) {
            return Advisor.advise(model, Advisor.Options.defaults()).plan();
        }
        return InitPlan.allWeights(Registry.parse(init));
    }
}
