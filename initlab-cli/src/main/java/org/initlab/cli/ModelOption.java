package org.initlab.cli;

import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;

/**
 * The one place where a command's {@code --model} argument becomes a model: every command that
 * takes {@code --model} builds it here, so each new kind of model description (a spec string, a
 * model file, an ONNX graph) is added once for all of them.
 */
final class ModelOption {
    private ModelOption() {
    }

    /** The model {@code model} describes (today a model spec string, see {@link ModelSpec}). */
    static Sequential load(String model) {
        return ModelSpec.parse(model);
    }

    /**
     * The shape of one input example when {@code model} states it and its first layer cannot
     * ({@code cnn(C,H,W,CLASSES)} gives {@code [C, H, W]}); null otherwise.
     */
    static int[] inputShape(String model) {
        return ModelSpec.inputShape(model).orElse(null);
    }
}
