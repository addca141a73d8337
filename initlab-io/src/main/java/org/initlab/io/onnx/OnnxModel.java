package org.initlab.io.onnx;

import java.util.List;
import org.initlab.nn.Sequential;

/**
 * An imported ONNX model: the engine's layers, holding the file's weights (and BatchNorm running
 * statistics), and what the file says about itself.
 *
 * @param model the layers; parameter paths are the file's initializer names
 * @param exampleShape one example's input shape (the graph input's dimensions after the batch),
 *     or null when the file leaves a dimension symbolic
 * @param irVersion the file's ONNX IR version
 * @param opsetVersion the version of the standard operator set the file imports
 * @param producer the producer name and version ({@code pytorch 1.13.0})
 */
public record OnnxModel(Sequential model, int[] exampleShape, long irVersion, long opsetVersion, String producer) {
    public OnnxModel {
        exampleShape = exampleShape == null ? null : exampleShape.clone();
    }

    @Override
    public int[] exampleShape() {
        return exampleShape == null ? null : exampleShape.clone();
    }

    /** The parameter paths in model order. */
    public List<String> parameterPaths() {
        return model.parameters().stream().map(org.initlab.nn.Parameter::path).toList();
    }
}
