package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.initlab.core.init.Registry;
import org.initlab.io.pretrained.LoadReport;
import org.initlab.lab.advisor.Advisor;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;

/**
 * The {@code --init} option shared by the commands that initialize a model ({@code train},
 * {@code probe}, {@code export}), so that they start from the same weights for the same model,
 * spec and seed.
 */
final class InitOption {
    /** {@code --init file}: keep the weights the model file brought (an ONNX file's initializers). */
    static final String FILE = "file";

    /** What {@code --init} accepts, for the commands' help. */
    static final String DESCRIPTION = "Initializer spec for every weight (biases zero; a framework default such as"
            + " torch_default sets every parameter as that framework does), 'default' for the per-activation plan,"
            + " 'advised' for exactly the plan 'initlab advise' prints for the model, or 'file' to keep the weights of a"
            + " model file (.onnx) as they are.";

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
        if (init.strip().equalsIgnoreCase(FILE)) {
            throw new IllegalArgumentException("--init file keeps a model file's weights and is not a plan;"
                    + " give an initializer spec, 'default' or 'advised'");
        }
        if (init.strip().equalsIgnoreCase("default")) {
            return InitPlan.defaults();
        }
        if (init.strip().equalsIgnoreCase("advised")) {
            return Advisor.advise(model, Advisor.Options.defaults()).plan();
        }
        return InitPlan.allWeights(Registry.parse(init));
    }

    /**
     * Whether {@code --init} says to keep the weights {@code model} was loaded with ({@code file});
     * that needs a model file with weights.
     */
    static boolean keepsFileWeights(String init, String model) {
        if (!init.equalsIgnoreCase(FILE)) {
            return false;
        }
        if (!ModelOption.carriesWeights(model)) {
            throw new IllegalArgumentException("--init file keeps the weights of a model file (.onnx), but '" + model
                    + "' is a model spec without weights; give an initializer spec (e.g. he_normal) or 'default'");
        }
        return true;
    }

    /**
     * Initializes {@code net} (built from {@code model}) as {@code --init} and the pretrained options
     * say: {@code --init file} keeps the file's weights as loaded; otherwise the plan initializes it,
     * after or around {@code --init-from} ({@link PretrainedOptions#initialize}).
     *
     * @return the load report of {@code --init-from}, or null
     */
    static LoadReport initialize(String init, String model, Sequential net, PretrainedOptions pretrained, long seed,
            PrintWriter log) throws IOException {
        if (keepsFileWeights(init, model)) {
            if (pretrained.file != null) {
                throw new IllegalArgumentException("--init file keeps the model file's weights; --init-from "
                        + pretrained.file + " would replace them: choose one");
            }
            return null;
        }
        return pretrained.initialize(net, plan(init, net), seed, log);
    }
}
