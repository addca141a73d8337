package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.initlab.core.init.Registry;
import org.initlab.core.init.SpecSyntax;
import org.initlab.io.pretrained.LoadReport;
import org.initlab.lab.advisor.Advisor;
import org.initlab.lab.plan.Mup;
import org.initlab.lab.plan.Plans;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;

/**
 * The {@code --init} option shared by {@code train}, {@code probe} and {@code export}: which plan
 * initializes the model, so the same spec gives the same weights in every command for the same
 * spec and seed.
 */
final class InitOption {
    /** {@code --init file}: keep the weights the model file brought (an ONNX file's initializers). */
    static final String FILE = "file";

    /** What {@code --init} accepts, for the commands' help. */
    static final String DESCRIPTION = "Initializer spec for every weight (biases zero; a framework default such as"
            + " torch_default sets every parameter as that framework does); 'default' for the per-activation plan;"
            + " 'advised' for exactly the plan 'initlab advise' prints for the model; a model-dependent plan: gpt2,"
            + " deepnorm, t_fixup, small_embedding ('initlab list'); mup(base_width=W): muP init and, for train,"
            + " per-parameter learning rates; or 'file' to keep the weights of a model file (.onnx) as they are.";

    private InitOption() {}

    /** As {@link #plan(String, Sequential, String, String)} without μP's base model or optimizer. */
    static InitPlan plan(String init, Sequential model) {
        return plan(init, model, null, null);
    }

    /**
     * The plan {@code --init} names for {@code model}: {@code default} (any case) for
     * {@link InitPlan#defaults()}, the per-activation plan; {@code advised} for the
     * {@link Advisor}'s plan with its default options (what {@code initlab advise --model M} prints);
     * a model-dependent plan spec such as {@code gpt2} or {@code deepnorm(encoder_layers=6)}
     * ({@link Plans}); {@code mup(base_width=W)}: μP against the base model
     * {@code ModelSpec.atWidth(modelSpec, W)} ({@link Mup}), which with an {@code optimizer} spec also
     * sets every parameter's learning-rate scale for that optimizer's family; otherwise an
     * initializer spec applied to every weight ({@link InitPlan#allWeights}). A bad spec is an
     * {@link IllegalArgumentException} naming the valid ones.
     */
    static InitPlan plan(String init, Sequential model, String modelSpec, String optimizer) {
        String s = init.strip();
        if (s.equalsIgnoreCase(FILE)) {
            throw new IllegalArgumentException("--init file keeps a model file's weights and is not a plan;"
                    + " give an initializer spec, 'default' or 'advised'");
        }
        if (s.equalsIgnoreCase("default")) {
            return InitPlan.defaults();
        }
        if (s.equalsIgnoreCase("advised")) {
            return Advisor.advise(model, Advisor.Options.defaults()).plan();
        }
        SpecSyntax.Call call = SpecSyntax.parse(s, "init", "default, advised, he_normal, gpt2 or mup(base_width=64)");
        if (call.name().equals(Plans.MUP)) {
            if (modelSpec == null
                    || call.args().size() != 1
                    || !"base_width".equals(call.args().get(0).key())) {
                throw new IllegalArgumentException(
                        "mup takes exactly base_width=W (the hidden width the learning rate was"
                                + " tuned at), e.g. mup(base_width=64), with a model spec; got '" + s + "'");
            }
            int width = (int)
                    SpecSyntax.convert("mup", "base_width", call.args().get(0).value(), int.class);
            Sequential base = ModelSpec.parse(ModelSpec.atWidth(modelSpec, width));
            if (optimizer != null) {
                Mup.scaleRates(model, base, Mup.family(optimizer));
            }
            return Mup.plan(model, base);
        }
        if (Plans.isPlan(s)) {
            return Plans.parse(s).plan(model);
        }
        return InitPlan.allWeights(Registry.parse(s));
    }

    /**
     * Whether {@code --init} says to keep the weights {@code model} was loaded with ({@code file});
     * that needs a model file with weights.
     */
    static boolean keepsFileWeights(String init, String model) {
        if (!init.strip().equalsIgnoreCase(FILE)) {
            return false;
        }
        if (!ModelOption.carriesWeights(model)) {
            throw new IllegalArgumentException("--init file keeps the weights of a model file (.onnx), but '" + model
                    + "' is a model spec without weights; give an initializer spec (e.g. he_normal) or 'default'");
        }
        return true;
    }

    /** As {@link #initialize(String, String, String, Sequential, PretrainedOptions, long, PrintWriter)} with no optimizer. */
    static LoadReport initialize(
            String init, String model, Sequential net, PretrainedOptions pretrained, long seed, PrintWriter log)
            throws IOException {
        return initialize(init, model, null, net, pretrained, seed, log);
    }

    /**
     * Initializes {@code net} (built from {@code model}) as {@code --init} and the pretrained options
     * say: {@code --init file} keeps the file's weights as loaded; otherwise the plan initializes it,
     * after or around {@code --init-from} ({@link PretrainedOptions#initialize}); {@code optimizer}
     * (or null) gives μP its learning-rate family.
     *
     * @return the load report of {@code --init-from}, or null
     */
    static LoadReport initialize(
            String init,
            String model,
            String optimizer,
            Sequential net,
            PretrainedOptions pretrained,
            long seed,
            PrintWriter log)
            throws IOException {
        if (keepsFileWeights(init, model)) {
            if (pretrained.file != null) {
                throw new IllegalArgumentException("--init file keeps the model file's weights; --init-from "
                        + pretrained.file + " would replace them: choose one");
            }
            return null;
        }
        return pretrained.initialize(net, plan(init, net, model, optimizer), seed, log);
    }
}
