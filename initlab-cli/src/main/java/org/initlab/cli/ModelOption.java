package org.initlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.initlab.io.onnx.OnnxImport;
import org.initlab.io.onnx.OnnxModel;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;

/**
 * The one place where a command's {@code --model} argument becomes a model: every command that
 * takes {@code --model} builds it here, so each new kind of model description (a spec string, a
 * model file, an ONNX graph) is added once for all of them.
 *
 * <p>A path ending in {@code .onnx} is an ONNX model file ({@link OnnxImport}): the model holds the
 * file's weights and its parameters are named as in the file (PyTorch's state-dict names), so
 * {@code --init file} can keep those weights ({@link InitOption#keepsFileWeights}).
 */
final class ModelOption {
    /** What {@code --model} accepts, for the options' descriptions. */
    static final String DESCRIPTION = "Model spec, e.g. mlp(784,[256,128],10,act=relu) or cnn(1,28,28,10),"
            + " or an ONNX file (net.onnx, e.g. from torch.onnx.export).";

    private ModelOption() {
    }

    /** The model {@code model} describes: an ONNX file's graph with its weights, or a model spec ({@link ModelSpec}). */
    static Sequential load(String model) throws IOException {
        return OnnxImport.isOnnxFile(model) ? onnx(model).model() : ModelSpec.parse(model);
    }

    /** Whether {@code model} is a file that brings its own weights. */
    static boolean carriesWeights(String model) {
        return OnnxImport.isOnnxFile(model);
    }

    /**
     * One example's input shape when the model description states it (an ONNX graph's input
     * without the batch axis, e.g. {@code [3, 32, 32]}), else null.
     */
    static int[] exampleShape(String model) throws IOException {
        return OnnxImport.isOnnxFile(model) ? onnx(model).exampleShape() : null;
    }

    private static OnnxModel onnx(String model) throws IOException {
        return OnnxImport.read(Path.of(model.strip()));
    }
}
