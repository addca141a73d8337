package org.initlab.lab.plan;

import java.util.ArrayList;
import java.util.List;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Layer;
import org.initlab.nn.MultiHeadAttention;
import org.initlab.nn.Parameter;
import org.initlab.nn.PerStep;
import org.initlab.nn.Residual;
import org.initlab.nn.SelfAttention;
import org.initlab.nn.Sequential;

/**
 * The structure the transformer recipes read from a model: its top-level residual blocks
 * ("sub-layers": an attention or a feed-forward branch added to the stream) and the weight
 * matrices inside each branch, in forward order. The weight that writes into the residual stream
 * is the last one of a branch: an attention's output projection, a feed-forward block's second
 * linear layer (GPT-2's {@code c_proj}).
 */
final class Branches {
    private Branches() {}

    /** The top-level residual blocks, in forward order. */
    static List<Residual> blocks(Sequential model, String recipe) {
        List<Residual> blocks = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof Residual r) {
                blocks.add(r);
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(
                    recipe + " needs residual blocks at the model's top level; its layers are "
                            + model.layers().stream().map(Layer::kind).toList());
        }
        return blocks;
    }

    /** One weight of a branch and whether it belongs to an attention layer, with its role there. */
    record Weight(Parameter parameter, String attentionRole) {
        boolean attention() {
            return attentionRole != null;
        }
    }

    /** The weights of {@code layer}, in forward order (an attention's q, k, v, o). */
    static List<Weight> weights(Layer layer) {
        List<Weight> out = new ArrayList<>();
        collect(layer, out);
        return out;
    }

    private static void collect(Layer layer, List<Weight> out) {
        switch (layer) {
            case Dense d -> out.add(new Weight(d.weight(), null));
            case Conv2D c -> out.add(new Weight(c.weight(), null));
            case PerStep p -> collect(p.inner(), out);
            case SelfAttention a -> {
                out.add(new Weight(a.queryWeight(), "q"));
                out.add(new Weight(a.keyWeight(), "k"));
                out.add(new Weight(a.valueWeight(), "v"));
                out.add(new Weight(a.outputWeight(), "o"));
            }
            case MultiHeadAttention a -> {
                out.add(new Weight(a.queryWeight(), "q"));
                out.add(new Weight(a.keyWeight(), "k"));
                out.add(new Weight(a.valueWeight(), "v"));
                out.add(new Weight(a.outputWeight(), "o"));
            }
            case Sequential s -> s.layers().forEach(l -> collect(l, out));
            case Residual r ->
                throw new IllegalArgumentException("a residual branch holds a residual block of its own;"
                        + " nested blocks are not supported by the transformer recipes");
            default -> {}
        }
    }

    /** The weight that writes {@code block}'s branch into the stream: the branch's last weight. */
    static Parameter projection(Residual block) {
        List<Weight> w = weights(block.branch());
        if (w.isEmpty()) {
            throw new IllegalArgumentException(
                    "a residual branch has no dense, convolution or attention layer (branch layers "
                            + block.branch().layers().stream().map(Layer::kind).toList() + ")");
        }
        return w.get(w.size() - 1).parameter();
    }

    /** Transformer layers from a count of sub-layer blocks: each layer has two (attention, feed-forward). */
    static int layersOf(int blocks) {
        return (blocks + 1) / 2;
    }
}
