package org.initlab.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.AvgPool2D;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Dropout;
import org.initlab.nn.Embedding;
import org.initlab.nn.Flatten;
import org.initlab.nn.GlobalAvgPool2D;
import org.initlab.nn.LastStep;
import org.initlab.nn.Layer;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.MaxPool2D;
import org.initlab.nn.MultiHeadAttention;
import org.initlab.nn.Parameter;
import org.initlab.nn.PerStep;
import org.initlab.nn.PositionEmbedding;
import org.initlab.nn.RecurrentLayer;
import org.initlab.nn.Residual;
import org.initlab.nn.SelfAttention;
import org.initlab.nn.Sequential;
import org.initlab.nn.model.LayerSpec.Activate;

/**
 * The one home of a model's rows ({@code initlab summary}): one {@link BuiltModel.Row} per layer of
 * an engine network, whatever made it (the model language's {@link ModelBuilder}, an ONNX import,
 * a {@code transformer(...)}), so every model gets the same table.
 *
 * <p>Rows come in order, a block's row before the rows of its branch. Paths are positions: layer
 * {@code i} of the model at {@code "i"}, layer {@code j} inside the block at {@code P} at
 * {@code "P.j"} (for a model of the language these are also its parameters' prefixes; an imported
 * model keeps its own parameter names). A {@code per_step} layer is one row holding its inner
 * layer's parameters. Output shapes are {@link Layer#outputShape} composed from the input shape
 * of one example.
 */
public final class LayerRows {
    private LayerRows() {}

    /**
     * The rows of {@code model}.
     *
     * @param input the shape of one example (no batch axis), or null when the data decides it
     */
    public static List<BuiltModel.Row> of(Sequential model, int[] input) {
        List<BuiltModel.Row> rows = new ArrayList<>();
        sequence(model, "", 0, input, rows);
        return rows;
    }

    private static int[] sequence(Sequential net, String prefix, int depth, int[] shape, List<BuiltModel.Row> rows) {
        int[] s = shape;
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            s = layer(layers.get(i), prefix.isEmpty() ? Integer.toString(i) : prefix + "." + i, depth, s, rows);
        }
        return s;
    }

    private static int[] layer(Layer layer, String path, int depth, int[] in, List<BuiltModel.Row> rows) {
        int row = rows.size();
        rows.add(null); // the layer's row comes before the rows of what it contains
        List<Parameter> own = layer.parameters();
        int[] out;
        if (layer instanceof Residual r) {
            sequence(r.branch(), path, depth + 1, in, rows);
            own = own.subList(r.branch().parameters().size(), own.size());
            out = r.outputShape(in);
        } else if (layer instanceof Sequential s) {
            out = sequence(s, path, depth + 1, in, rows);
            own = List.of();
        } else {
            out = layer.outputShape(in);
        }
        rows.set(
                row,
                new BuiltModel.Row(
                        path,
                        kind(layer),
                        depth,
                        out == null ? null : Arrays.stream(out).boxed().toList(),
                        own));
        return out;
    }

    /**
     * The layer's kind as the model language writes it ({@code conv2d}, {@code lstm_layer},
     * {@code per_step(dense)}, an activation with its parameter named:
     * {@code leaky_relu(negative_slope=0.1)}); layers the language does not write by themselves
     * ({@code global_avgpool} of an import, a transformer's {@code multi_head_attention} and
     * {@code position_embedding}) by their plain names.
     */
    public static String kind(Layer layer) {
        return switch (layer) {
            case Dense d -> "dense";
            case Conv2D c -> "conv2d";
            case MaxPool2D m -> "maxpool";
            case AvgPool2D a -> "avgpool";
            case GlobalAvgPool2D g -> "global_avgpool";
            case BatchNorm b -> "batchnorm";
            case LayerNorm l -> "layernorm";
            case Dropout d -> "dropout";
            case Flatten f -> "flatten";
            case ActivationLayer a -> activation(a);
            case Residual r -> "residual";
            case Embedding e -> "embedding";
            case PositionEmbedding p -> "position_embedding";
            case RecurrentLayer r -> r.kind() + "_layer";
            case LastStep l -> "last_step";
            case PerStep p -> "per_step(" + kind(p.inner()) + ")";
            case SelfAttention s -> "self_attention";
            case MultiHeadAttention m -> "multi_head_attention";
            case Sequential s -> "seq";
            default -> layer.kind();
        };
    }

    /** {@code relu}, {@code leaky_relu(negative_slope=0.1)}: the parameter shown when it is not the default. */
    public static String activation(ActivationLayer a) {
        boolean byDefault = Double.compare(a.param(), a.activation().paramOrDefault(Double.NaN)) == 0;
        return ModelLanguage.format(new Activate(a.activation(), byDefault ? Double.NaN : a.param()));
    }
}
