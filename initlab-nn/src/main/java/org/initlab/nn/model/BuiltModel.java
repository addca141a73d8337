package org.initlab.nn.model;

import java.util.List;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;

/**
 * A model with its rows: the engine's network, the shape of one example it was built for (empty
 * when not given) and one row per layer, nested layers included, in order ({@link LayerRows}).
 *
 * @param spec the description it was built from, or null for an imported model (an ONNX graph)
 */
public record BuiltModel(LayerSpec spec, Sequential model, List<Integer> input, List<Row> layers) {
    /** Marks a size that is not known before the data arrives (the time axis of a sequence). */
    public static final int UNKNOWN = org.initlab.nn.Layer.UNKNOWN;

    public BuiltModel {
        input = List.copyOf(input);
        layers = List.copyOf(layers);
    }

    /**
     * One layer.
     *
     * @param path where the layer sits ({@code "3"}, {@code "2.0"} in a block); in the model language
     *     its parameters' paths start with it
     * @param kind the layer's name in the model language ({@code conv2d}, {@code relu}, {@code residual},
     *     {@code leaky_relu(negative_slope=0.1)}; {@link LayerRows#kind})
     * @param depth 0 for the model's own layers, 1 inside a block, ...
     * @param outputShape the shape of one example's output, {@link #UNKNOWN} where it depends on the data
     * @param parameters the layer's own parameters (a block's rows do not repeat its branch's)
     */
    public record Row(String path, String kind, int depth, List<Integer> outputShape, List<Parameter> parameters) {
        public Row {
            outputShape = outputShape == null ? null : List.copyOf(outputShape);
            parameters = List.copyOf(parameters);
        }
    }
}
