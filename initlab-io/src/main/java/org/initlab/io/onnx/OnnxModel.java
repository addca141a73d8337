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
 * @param generatedNames the parameters whose names are not state-dict names ({@code onnx::Conv_26})
 */
public record OnnxModel(
        Sequential model,
        int[] exampleShape,
        long irVersion,
        long opsetVersion,
        String producer,
        List<String> generatedNames) {
    public OnnxModel {
        exampleShape = exampleShape == null ? null : exampleShape.clone();
        generatedNames = List.copyOf(generatedNames);
    }

    /**
     * What a reader of this model should know about its names, or null: weights with generated
     * names ({@code onnx::Conv_26}) are constants the exporter computed, which in an eval-mode export
     * with constant folding means each BatchNorm was folded into the Conv before it.
     */
    public String namesNote() {
        if (generatedNames.isEmpty()) {
            return null;
        }
        int shown = Math.min(3, generatedNames.size());
        return generatedNames.size() + " parameter(s) have names the exporter generated ("
                + String.join(", ", generatedNames.subList(0, shown)) + (shown < generatedNames.size() ? ", ..." : "")
                + "), not state-dict"
                + " names: an eval-mode export with constant folding folds each BatchNorm into the Conv before it, so"
                + " the model has no batch norm there and these weights are the folded products; to keep the batch"
                + " norms and PyTorch's names, export with training=torch.onnx.TrainingMode.TRAINING,"
                + " do_constant_folding=False";
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
