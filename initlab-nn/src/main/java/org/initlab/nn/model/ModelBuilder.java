package org.initlab.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.AvgPool2D;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Embedding;
import org.initlab.nn.Flatten;
import org.initlab.nn.Gru;
import org.initlab.nn.LastStep;
import org.initlab.nn.Layer;
import org.initlab.nn.Lstm;
import org.initlab.nn.MaxPool2D;
import org.initlab.nn.PerStep;
import org.initlab.nn.Residual;
import org.initlab.nn.SelfAttention;
import org.initlab.nn.Sequential;
import org.initlab.nn.SimpleRNN;
import org.initlab.nn.model.LayerSpec.Seq;

/**
 * Builds the engine's network from a model description, inferring sizes from shapes.
 *
 * <p><b>Paths.</b> Layer {@code i} of the outermost {@code seq} is at path {@code i}; inside a
 * block at path {@code P} (a {@code residual}'s branch, a nested {@code seq}) at {@code P.i}; a
 * {@code per_step} layer's inner layer keeps its path. A layer's parameters are
 * {@code PATH.weight}, {@code PATH.bias}, ... So paths are unique by construction, and the
 * {@link Sequential} refuses a model where two parameters share one.
 *
 * <p>A {@code transformer(...)} is built by {@link org.initlab.nn.Transformer} with GPT-2's names
 * and stands alone.
 *
 * <p><b>Shapes</b> run from {@code input=[...]} (one example, no batch axis) through every layer;
 * a size left out ({@code dense(10)}, {@code conv2d(16,3)}, {@code batchnorm}) is read from the
 * shape that reaches it, and a size written out must agree with it. Without {@code input} the
 * shape is unknown until a layer that fixes it (a {@code dense(IN, OUT)}), and a size left out
 * before that is an error asking for it. Sequence lengths are unknown ({@link BuiltModel#UNKNOWN}).
 */
public final class ModelBuilder {
    private ModelBuilder() {}

    /** Parses and builds {@code spec}. */
    public static BuiltModel build(String spec) {
        return build(ModelLanguage.parse(spec));
    }

    /**
     * Builds {@code spec}: a {@code seq}, a family (its expansion), or a single layer (as a one-layer seq).
     *
     * @throws IllegalArgumentException naming the layer's path and kind, what it received and what it needs
     */
    public static BuiltModel build(LayerSpec spec) {
        if (spec instanceof LayerSpec.Transformer t) {
            Sequential net = t.engine().build();
            return new BuiltModel(spec, net, List.of(), LayerRows.of(net, null));
        }
        Seq top = switch (spec) {
            case Seq s -> s;
            case Family f -> f.expand();
            default -> new Seq(List.of(spec), List.of());
        };
        ModelBuilder b = new ModelBuilder();
        int[] shape = top.input().isEmpty()
                ? null
                : top.input().stream().mapToInt(Integer::intValue).toArray();
        Sequential net = b.sequence(top.layers(), "", 0, shape).net;
        return new BuiltModel(spec, net, top.input(), LayerRows.of(net, shape));
    }

    private record Built(Layer layer, int[] shape) {}

    private record Block(Sequential net, int[] shape) {}

    private Block sequence(List<LayerSpec> specs, String prefix, int depth, int[] shape) {
        List<Layer> layers = new ArrayList<>();
        int[] s = shape;
        for (int i = 0; i < specs.size(); i++) {
            String path = prefix.isEmpty() ? Integer.toString(i) : prefix + "." + i;
            Built b = layer(specs.get(i), path, depth, s);
            layers.add(b.layer());
            s = b.shape();
        }
        return new Block(new Sequential(layers), s);
    }

    private Built layer(LayerSpec spec, String path, int depth, int[] in) {
        return switch (spec) {
            case LayerSpec.Dense d -> {
                rank(in, 1, path, "dense", "a flat input [features]", "; add flatten before it");
                int fanIn = size(d.in(), in, 0, path, "dense", "dense(IN, OUT)");
                yield new Built(new org.initlab.nn.Dense(path, fanIn, d.out()), new int[] {d.out()});
            }
            case LayerSpec.Conv2d c -> {
                rank(in, 3, path, "conv2d", "[channels, height, width]", "");
                int channels = size(c.in(), in, 0, path, "conv2d", "conv2d(IN, OUT, KERNEL)");
                Conv2D conv = new Conv2D(path, channels, c.out(), c.kernel(), c.stride(), c.pad(), c.groups());
                yield new Built(conv, new int[] {
                    c.out(),
                    window(in, 1, c.kernel(), c.stride(), c.pad(), path, "conv2d"),
                    window(in, 2, c.kernel(), c.stride(), c.pad(), path, "conv2d")
                });
            }
            case LayerSpec.MaxPool m ->
                pool(
                        new MaxPool2D(m.kernel(), stride(m.kernel(), m.stride())),
                        m.kernel(),
                        stride(m.kernel(), m.stride()),
                        in,
                        path,
                        "maxpool");
            case LayerSpec.AvgPool a ->
                pool(
                        new AvgPool2D(a.kernel(), stride(a.kernel(), a.stride())),
                        a.kernel(),
                        stride(a.kernel(), a.stride()),
                        in,
                        path,
                        "avgpool");
            case LayerSpec.BatchNorm n -> {
                int channels = size(n.channels(), in, 0, path, "batchnorm", "batchnorm(CHANNELS)");
                yield new Built(new org.initlab.nn.BatchNorm(path, channels, n.eps(), n.momentum()), in);
            }
            case LayerSpec.LayerNorm n -> {
                int features = n.features() != 0 ? n.features() : product(in, path, "layernorm", "layernorm(FEATURES)");
                if (n.features() != 0
                        && in != null
                        && known(in)
                        && product(in, path, "layernorm", "") != n.features()) {
                    throw mismatch(path, "layernorm", n.features(), in);
                }
                yield new Built(new org.initlab.nn.LayerNorm(path, features, n.eps()), in);
            }
            case LayerSpec.Dropout d -> new Built(new org.initlab.nn.Dropout(path, d.p(), d.seed()), in);
            case LayerSpec.Flatten f ->
                new Built(
                        new Flatten(),
                        in == null || !known(in)
                                ? new int[] {BuiltModel.UNKNOWN}
                                : new int[] {product(in, path, "flatten", "")});
            case LayerSpec.Activate a -> new Built(new ActivationLayer(a.activation(), a.param()), in);
            case LayerSpec.Residual r -> {
                Block branch = sequence(branchOf(r.branch()), path, depth + 1, in);
                if (in != null && branch.shape() != null && !compatible(in, branch.shape())) {
                    throw new IllegalArgumentException("residual at " + path + ": the branch changes the shape "
                            + show(in) + " to " + show(branch.shape()) + "; x + branch(x) needs them equal");
                }
                yield new Built(new Residual(path, branch.net(), r.scale()), in != null ? in : branch.shape());
            }
            case LayerSpec.Embedding e -> {
                rank(in, 1, path, "embedding", "ids [T]", "");
                yield new Built(
                        new Embedding(path, e.num(), e.dim()),
                        new int[] {in == null ? BuiltModel.UNKNOWN : in[0], e.dim()});
            }
            case LayerSpec.Recurrent r -> {
                rank(in, 2, path, ModelLanguage.name(r), "a sequence [T, features]", "");
                int features = size(r.in(), in, 1, path, ModelLanguage.name(r), ModelLanguage.name(r) + "(IN, HIDDEN)");
                Layer cell = switch (r.cell()) {
                    case RNN -> new SimpleRNN(path, features, r.hidden());
                    case LSTM -> new Lstm(path, features, r.hidden());
                    case GRU -> new Gru(path, features, r.hidden());
                };
                yield new Built(cell, new int[] {in == null ? BuiltModel.UNKNOWN : in[0], r.hidden()});
            }
            case LayerSpec.LastStep l -> {
                rank(in, 2, path, "last_step", "a sequence [T, features]", "");
                yield new Built(new LastStep(), in == null ? null : new int[] {in[1]});
            }
            case LayerSpec.PerStep p -> {
                rank(in, 2, path, "per_step", "a sequence [T, features]", "");
                Built inner = layer(p.inner(), path, depth + 1, in == null ? null : new int[] {in[1]});
                int[] out = inner.shape() == null
                        ? null
                        : new int[] {in == null ? BuiltModel.UNKNOWN : in[0], inner.shape()[0]};
                yield new Built(new PerStep(inner.layer()), out);
            }
            case LayerSpec.SelfAttention a -> {
                rank(in, 2, path, "self_attention", "a sequence [T, dim]", "");
                int dim = size(a.dim(), in, 1, path, "self_attention", "self_attention(DIM)");
                yield new Built(
                        new SelfAttention(path, dim, a.scaled()),
                        in == null ? new int[] {BuiltModel.UNKNOWN, dim} : in);
            }
            case LayerSpec.Transformer t ->
                throw new IllegalArgumentException(
                        "transformer at " + path + " is a whole"
                                + " model (token ids to logits, with GPT-2's parameter names); write it alone, not inside seq(...)");
            case Seq s -> {
                if (!s.input().isEmpty()) {
                    throw new IllegalArgumentException(
                            "seq at " + path + ": input=" + s.input() + " belongs on the outermost seq only");
                }
                Block block = sequence(s.layers(), path, depth + 1, in);
                yield new Built(block.net(), block.shape());
            }
            case Family f -> {
                Block block = sequence(f.expand().layers(), path, depth + 1, in);
                yield new Built(block.net(), block.shape());
            }
        };
    }

    private static List<LayerSpec> branchOf(LayerSpec branch) {
        return switch (branch) {
            case Seq s when s.input().isEmpty() -> s.layers();
            case Family f -> f.expand().layers();
            default -> List.of(branch);
        };
    }

    private Built pool(Layer layer, int kernel, int stride, int[] in, String path, String kind) {
        rank(in, 3, path, kind, "[channels, height, width]", "");
        return new Built(layer, new int[] {
            in == null ? BuiltModel.UNKNOWN : in[0],
            window(in, 1, kernel, stride, 0, path, kind),
            window(in, 2, kernel, stride, 0, path, kind)
        });
    }

    private static int stride(int kernel, int stride) {
        return stride == 0 ? kernel : stride;
    }

    /** {@code floor((n + 2·pad - kernel)/stride) + 1} along axis {@code axis}, unknown if the input is. */
    private static int window(int[] in, int axis, int kernel, int stride, int pad, String path, String kind) {
        if (in == null || in[axis] == BuiltModel.UNKNOWN) {
            return BuiltModel.UNKNOWN;
        }
        int padded = in[axis] + 2 * pad;
        if (padded < kernel) {
            throw new IllegalArgumentException(kind + " at " + path + ": the window " + kernel + " is larger than the"
                    + (pad > 0 ? " padded" : "") + " input " + show(in) + " (" + padded + " along axis " + axis + ")");
        }
        return (padded - kernel) / stride + 1;
    }

    private static void rank(int[] in, int rank, String path, String kind, String expected, String hint) {
        if (in != null && in.length != rank) {
            throw new IllegalArgumentException(
                    kind + " at " + path + " expects " + expected + ", got " + show(in) + hint);
        }
    }

    /** The size written ({@code written > 0}, checked against the shape) or the one read from axis {@code axis}. */
    private static int size(int written, int[] in, int axis, String path, String kind, String usage) {
        int arriving = in == null ? BuiltModel.UNKNOWN : in[axis];
        if (written != 0) {
            if (arriving != BuiltModel.UNKNOWN && arriving != written) {
                throw mismatch(path, kind, written, in);
            }
            return written;
        }
        if (arriving == BuiltModel.UNKNOWN) {
            throw new IllegalArgumentException(kind + " at " + path + " cannot infer its input size from "
                    + (in == null ? "an unknown input" : show(in)) + "; write " + usage
                    + " or give the model input=[...]");
        }
        return arriving;
    }

    private static IllegalArgumentException mismatch(String path, String kind, int written, int[] in) {
        return new IllegalArgumentException(
                kind + " at " + path + " is written for input size " + written + " but receives " + show(in));
    }

    private static int product(int[] in, String path, String kind, String usage) {
        if (in == null || !known(in)) {
            throw new IllegalArgumentException(
                    kind + " at " + path + " cannot infer its size from " + (in == null ? "an unknown input" : show(in))
                            + "; write " + usage + " or give the model input=[...]");
        }
        long features = Arrays.stream(in).asLongStream().reduce(1, (a, b) -> a * b); // at most 2^31 per axis, few axes
        if (features > Integer.MAX_VALUE || features < 0) {
            throw new IllegalArgumentException(kind + " at " + path + " would take " + show(in) + " = "
                    + (features < 0 ? "more than 9.2e18" : Long.toString(features)) + " inputs, more than "
                    + Integer.MAX_VALUE + ", the most a layer width can be");
        }
        return (int) features;
    }

    private static boolean known(int[] shape) {
        return Arrays.stream(shape).noneMatch(d -> d == BuiltModel.UNKNOWN);
    }

    private static boolean compatible(int[] a, int[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && a[i] != BuiltModel.UNKNOWN && b[i] != BuiltModel.UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** A shape as people read it: {@code [16, 7, 7]}, {@code ?} for an unknown size. */
    public static String show(int[] shape) {
        return Arrays.toString(Arrays.stream(shape)
                .mapToObj(d -> d == BuiltModel.UNKNOWN ? "?" : Integer.toString(d))
                .toArray());
    }
}
