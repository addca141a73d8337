package org.initlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.initlab.io.ModelFile;
import org.initlab.io.onnx.OnnxImport;
import org.initlab.io.onnx.OnnxModel;
import org.initlab.nn.Sequential;
import org.initlab.nn.model.BuiltModel;
import org.initlab.nn.model.LayerRows;
import org.initlab.nn.model.ModelBuilder;
import org.initlab.nn.model.ModelLanguage;

/**
 * The one place where a command's {@code --model} argument becomes a model: every command that
 * takes {@code --model} builds it here, so each kind of model description (a spec string, a model
 * file, an ONNX graph) is added once for all of them.
 */
final class ModelOption {
    /** The {@code --model} option's description, the same for every command. */
    static final String DESCRIPTION = "Model spec, e.g. mlp(784,[256,128],10,act=relu), cnn(1,28,28,10) or"
            + " seq(conv2d(1,8,3,pad=1), relu, flatten, dense(10), input=[1,28,28]); a model file (model.yaml,"
            + " model.json); or an ONNX file (net.onnx, e.g. from torch.onnx.export).";

    private ModelOption() {}

    /**
     * The model {@code model} describes: an ONNX file's graph with its weights, a model spec string
     * ({@link ModelLanguage}) or a YAML/JSON model file ({@code .yaml}, {@code .yml}, {@code .json},
     * see {@link ModelFile}).
     */
    static Sequential load(String model) throws IOException {
        if (OnnxImport.isOnnxFile(model)) {
            return onnx(model).model();
        }
        return build(model).model();
    }

    /**
     * A model with each layer's path, kind, output shape and own parameters (for {@code summary}):
     * a spec or model file built by the language, or an ONNX file's graph with its weights.
     */
    static BuiltModel build(String model) throws IOException {
        if (OnnxImport.isOnnxFile(model)) {
            return rows(onnx(model));
        }
        if (ModelFile.isFile(model)) {
            return ModelBuilder.build(ModelFile.read(Path.of(model.strip())));
        }
        return ModelBuilder.build(model);
    }

    /** Whether {@code model} is built by the model language (a spec or a model file, not an imported graph). */
    static boolean inLanguage(String model) {
        return !OnnxImport.isOnnxFile(model);
    }

    /** Whether {@code model} is a file that brings its own weights. */
    static boolean carriesWeights(String model) {
        return OnnxImport.isOnnxFile(model);
    }

    /**
     * The shape of one input example when the model description states it (an ONNX graph's input
     * without the batch axis, a spec's {@code input=[...]}, {@code cnn(C,H,W,CLASSES)}'s
     * {@code [C, H, W]}); null when it depends on the data.
     */
    static int[] inputShape(String model) throws IOException {
        if (OnnxImport.isOnnxFile(model)) {
            return onnx(model).exampleShape();
        }
        java.util.List<Integer> input = build(model).input();
        if (input.isEmpty() || input.contains(BuiltModel.UNKNOWN)) {
            return null;
        }
        return input.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The ONNX file {@code model} names, read with its weights. */
    static OnnxModel onnx(String model) throws IOException {
        return OnnxImport.read(Path.of(model.strip()));
    }

    /** An imported model with the same rows as a model of the language ({@link LayerRows}). */
    static BuiltModel rows(OnnxModel m) {
        int[] example = m.exampleShape();
        return new BuiltModel(
                null,
                m.model(),
                example == null ? List.of() : Arrays.stream(example).boxed().toList(),
                LayerRows.of(m.model(), example));
    }
}
