package org.initlab.cli;

import org.initlab.core.init.Registry;
import org.initlab.core.init.SpecSyntax;
import org.initlab.lab.plan.Mup;
import org.initlab.lab.plan.Plans;
import org.initlab.nn.ModelSpec;
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
        return plan(init, model, null, null);
    }

    /**
     * As {@link #plan(String, Sequential)}, and also {@code mup(base_width=W)}: μP against the base
     * model {@code ModelSpec.atWidth(modelSpec, W)} ({@link Mup}); with an {@code optimizer} spec it
     * also sets every parameter's learning-rate scale for that optimizer's family (SGD or Adam-like).
     */
    static InitPlan plan(String init, Sequential model, String modelSpec, String optimizer) {
        if (init.equalsIgnoreCase("default")) {
            return InitPlan.defaults();
        }
        SpecSyntax.Call call = SpecSyntax.parse(init, "init", "default, he_normal, gpt2 or mup(base_width=64)");
        if (call.name().equals(Plans.MUP)) {
            if (modelSpec == null || call.args().size() != 1 || !"base_width".equals(call.args().get(0).key())) {
                throw new IllegalArgumentException("mup takes exactly base_width=W (the hidden width the learning rate was"
                        + " tuned at), e.g. mup(base_width=64); got '" + init.strip() + "'");
            }
            int width = (int) SpecSyntax.convert("mup", "base_width", call.args().get(0).value(), int.class);
            Sequential base = ModelSpec.parse(ModelSpec.atWidth(modelSpec, width));
            if (optimizer != null) {
                Mup.scaleRates(model, base, Mup.family(optimizer));
            }
            return Mup.plan(model, base);
        }
        if (Plans.isPlan(init)) {
            return Plans.parse(init).plan(model);
        }
        return InitPlan.allWeights(Registry.parse(init));
    }
}
