package org.initlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.initlab.io.ModelFile;
import org.initlab.nn.Sequential;
import org.initlab.nn.model.BuiltModel;
import org.initlab.nn.model.ModelBuilder;
import org.initlab.nn.model.ModelLanguage;

/**
 * The one place where a command's {@code --model} argument becomes a model: every command that
 * takes {@code --model} builds it here, so each new kind of model description (a spec string, a
 * model file, an ONNX graph) is added once for all of them.
 */
final class ModelOption {
    private ModelOption() {
    }

    /**
     * The model {@code model} describes: a model spec string ({@link ModelLanguage}) or a YAML/JSON
     * model file ({@code .yaml}, {@code .yml}, {@code .json}, see {@link ModelFile}).
     */
    static Sequential load(String model) throws IOException {
        return build(model).model();
    }

    /** As {@link #load}, with each layer's path, kind, output shape and own parameters (for {@code summary}). */
    static BuiltModel build(String model) throws IOException {
        if (ModelFile.isFile(model)) {
            return ModelBuilder.build(ModelFile.read(Path.of(model.strip())));
        }
        return ModelBuilder.build(model);
    }

    /**
     * The shape of one input example when {@code model} states it and its first layer cannot
     * ({@code cnn(C,H,W,CLASSES)} gives {@code [C, H, W]}); null otherwise.
     */
    static int[] inputShape(String model) throws IOException {
        java.util.List<Integer> input = build(model).input();
        if (input.isEmpty() || input.contains(BuiltModel.UNKNOWN)) {
            return null;
        }
        return input.stream().mapToInt(Integer::intValue).toArray();
    }
}
