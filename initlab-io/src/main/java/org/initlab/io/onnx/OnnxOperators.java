package org.initlab.io.onnx;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.io.onnx.proto.OnnxProto.NodeProto;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.AvgPool2D;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Dropout;
import org.initlab.nn.Flatten;
import org.initlab.nn.GlobalAvgPool2D;
import org.initlab.nn.Layer;
import org.initlab.nn.MaxPool2D;
import org.initlab.nn.Parameter;

/**
 * One ONNX node (sometimes with the {@code Add} of its bias) as one engine layer, its parameters
 * named by the file's initializers and filled with their values. Each operator's attributes are
 * checked against what the layer computes; what the layer cannot compute is refused with the
 * attribute's value: {@code unsupported ONNX Gemm at node '/fc/Gemm' in net.onnx: alpha = 2;
 * supported: alpha = 1 and beta = 1}.
 *
 * <p>Parameter paths: a weight initializer {@code P.weight} gives the layer prefix {@code P}, so
 * the engine's {@code P.weight} and {@code P.bias} are the file's names (PyTorch's state dict).
 * A Conv, Gemm or MatMul weight named otherwise keeps its name whole, as does its bias: an
 * eval-mode export with constant folding (PyTorch's default) folds each BatchNorm into the Conv
 * before it and names the products {@code onnx::Conv_26}; {@link OnnxGraph#generatedNames} lists
 * them. A BatchNormalization's scale must be named {@code P.weight}. Layouts: Conv weights are {@code [out, in/g, kH, kW]} as in
 * the engine; {@code Gemm} with {@code transB = 1} and {@code MatMul(x, Transpose(W))} hold
 * {@code W [out, in]} as in the engine; {@code Gemm} with {@code transB = 0} and
 * {@code MatMul(x, B)} hold {@code B [in, out]}, loaded transposed.
 */
final class OnnxOperators {
    /** A layer (null when the node computes nothing, e.g. Identity) and the value it produces. */
    record Step(Layer layer, String output) {}

    private OnnxOperators() {}

    static Step convert(OnnxGraph g, NodeProto n) {
        g.visit(n);
        String out = n.getOutput(0);
        return switch (n.getOpType()) {
            case "Identity" -> new Step(null, out);
            case "Relu" -> activation(n, Activation.RELU, Double.NaN);
            case "Tanh" -> activation(n, Activation.TANH, Double.NaN);
            case "Sigmoid" -> activation(n, Activation.SIGMOID, Double.NaN);
            case "Softplus" -> activation(n, Activation.SOFTPLUS, Double.NaN);
            case "LeakyRelu" -> activation(n, Activation.LEAKY_RELU, Attributes.real(n, "alpha", 0.01));
            case "Elu" -> activation(n, Activation.ELU, Attributes.real(n, "alpha", 1.0));
            case "Selu" -> selu(g, n);
            case "Gelu" -> gelu(g, n);
            case "Flatten" -> flatten(g, n);
            case "Reshape" -> reshape(g, n);
            case "Pad" -> pad(g, n);
            case "Dropout" -> dropout(g, n);
            case "GlobalAveragePool" -> new Step(new GlobalAvgPool2D(), out);
            case "MaxPool", "AveragePool" -> pool(g, n);
            case "Conv" -> conv(g, n);
            case "BatchNormalization" -> batchNorm(g, n);
            case "Gemm" -> gemm(g, n);
            case "MatMul" -> matMul(g, n);
            default ->
                throw refuse(
                        g,
                        n,
                        "this operator or pattern cannot be imported here",
                        String.join(", ", OnnxGraph.SUPPORTED));
        };
    }

    private static Step activation(NodeProto n, Activation a, double param) {
        return new Step(new ActivationLayer(a, param), n.getOutput(0));
    }

    private static Step selu(OnnxGraph g, NodeProto n) {
        double alpha = Attributes.real(n, "alpha", Activation.SELU_ALPHA);
        double gamma = Attributes.real(n, "gamma", Activation.SELU_SCALE);
        if (Math.abs(alpha / Activation.SELU_ALPHA - 1) > 1e-6 || Math.abs(gamma / Activation.SELU_SCALE - 1) > 1e-6) {
            throw refuse(
                    g,
                    n,
                    "alpha = " + alpha + ", gamma = " + gamma,
                    "SELU's constants alpha = " + Activation.SELU_ALPHA + ", gamma = " + Activation.SELU_SCALE);
        }
        return activation(n, Activation.SELU, Double.NaN);
    }

    private static Step gelu(OnnxGraph g, NodeProto n) {
        String approximate = Attributes.text(n, "approximate", "none");
        return switch (approximate) {
            case "none" -> activation(n, Activation.GELU, Double.NaN);
            case "tanh" -> activation(n, Activation.GELU_TANH, Double.NaN);
            default -> throw refuse(g, n, "approximate = '" + approximate + "'", "approximate = 'none' or 'tanh'");
        };
    }

    private static Step flatten(OnnxGraph g, NodeProto n) {
        long axis = Attributes.integer(n, "axis", 1);
        if (axis != 1) {
            throw refuse(g, n, "axis = " + axis, "axis = 1 (keep the batch, flatten the rest)");
        }
        return new Step(new Flatten(), n.getOutput(0));
    }

    private static Step reshape(OnnxGraph g, NodeProto n) {
        OnnxTensor shape = n.getInputCount() > 1 ? g.constant(n.getInput(1)) : null;
        if (shape == null || shape.ints() == null) {
            throw refuse(
                    g,
                    n,
                    "the target shape is computed in the graph",
                    "a constant target shape [0, -1],"
                            + " [-1, F] or [N, -1] (to flat); export with torch.flatten(x, 1) or nn.Flatten");
        }
        long[] s = shape.ints();
        boolean keepsBatch = s.length == 2 && s[1] == -1 && (s[0] == 0 || s[0] == g.batch());
        if (!keepsBatch && !(s.length == 2 && s[0] == -1 && s[1] > 0)) {
            throw refuse(
                    g,
                    n,
                    "target shape " + Arrays.toString(s) + " (input batch " + (g.batch() < 0 ? "not fixed" : g.batch())
                            + ")",
                    "[0, -1], [-1, F] or [N, -1] with N the input's" + " batch (to flat)");
        }
        return new Step(new Flatten(), n.getOutput(0));
    }

    private static Step pad(OnnxGraph g, NodeProto n) {
        String mode = Attributes.text(n, "mode", "constant");
        long[] pads = null;
        if (n.getInputCount() > 1) {
            OnnxTensor p = g.constant(n.getInput(1));
            pads = p == null ? null : p.ints();
        } else {
            pads = Attributes.integers(n, "pads", List.of()).stream()
                    .mapToLong(Long::longValue)
                    .toArray();
        }
        if (pads == null || !mode.equals("constant") || Arrays.stream(pads).anyMatch(p -> p != 0)) {
            throw refuse(
                    g,
                    n,
                    "mode '" + mode + "', pads " + (pads == null ? "computed" : Arrays.toString(pads)),
                    "zero pads (as PyTorch's AvgPool2d export writes); padding belongs in Conv's pads");
        }
        return new Step(null, n.getOutput(0));
    }

    private static Step dropout(OnnxGraph g, NodeProto n) {
        double p = Attributes.real(n, "ratio", 0.5);
        if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
            OnnxTensor r = g.constant(n.getInput(1));
            if (r == null || r.floats() == null || r.size() != 1) {
                throw refuse(g, n, "the ratio is computed in the graph", "a constant ratio");
            }
            p = Double.parseDouble(Float.toString(r.floats()[0]));
        }
        unusedOutputs(g, n);
        if (!(p >= 0 && p < 1)) {
            throw refuse(g, n, "ratio = " + p, "a ratio in [0, 1)");
        }
        return new Step(new Dropout(scope(n), p, 0), n.getOutput(0));
    }

    private static Step pool(OnnxGraph g, NodeProto n) {
        List<Long> kernel = Attributes.integers(n, "kernel_shape", List.of());
        List<Long> strides = Attributes.integers(n, "strides", List.of(1L, 1L));
        List<Long> pads = Attributes.integers(n, "pads", List.of(0L, 0L, 0L, 0L));
        List<Long> dilations = Attributes.integers(n, "dilations", List.of(1L, 1L));
        long ceil = Attributes.integer(n, "ceil_mode", 0);
        String autoPad = Attributes.text(n, "auto_pad", "NOTSET");
        if (kernel.size() != 2
                || !kernel.get(0).equals(kernel.get(1))
                || strides.size() != 2
                || !strides.get(0).equals(strides.get(1))
                || pads.stream().anyMatch(p -> p != 0)
                || dilations.stream().anyMatch(d -> d != 1)
                || ceil != 0
                || !(autoPad.equals("NOTSET") || autoPad.equals("VALID"))) {
            throw refuse(
                    g,
                    n,
                    "kernel_shape " + kernel + ", strides " + strides + ", pads " + pads + ", dilations " + dilations
                            + ", ceil_mode " + ceil + ", auto_pad " + autoPad,
                    "2-D square kernels, equal strides, no padding, dilation 1, ceil_mode 0");
        }
        unusedOutputs(g, n);
        int k = Math.toIntExact(kernel.get(0));
        int s = Math.toIntExact(strides.get(0));
        Layer layer = n.getOpType().equals("MaxPool") ? new MaxPool2D(k, s) : new AvgPool2D(k, s);
        return new Step(layer, n.getOutput(0));
    }

    private static Step conv(OnnxGraph g, NodeProto n) {
        OnnxTensor w = weight(g, n, 1);
        OnnxTensor b = optionalWeight(g, n, 2);
        int[] d = w.dims();
        if (d.length != 4) {
            throw refuse(g, n, "weight " + w, "2-D convolutions (weight [out, in/groups, kH, kW])");
        }
        int groups = Math.toIntExact(Attributes.integer(n, "group", 1));
        List<Long> strides = Attributes.integers(n, "strides", List.of(1L, 1L));
        List<Long> pads = Attributes.integers(n, "pads", List.of(0L, 0L, 0L, 0L));
        List<Long> dilations = Attributes.integers(n, "dilations", List.of(1L, 1L));
        List<Long> kernel = Attributes.integers(n, "kernel_shape", List.of((long) d[2], (long) d[3]));
        String autoPad = Attributes.text(n, "auto_pad", "NOTSET");
        if (strides.size() != 2
                || !strides.get(0).equals(strides.get(1))
                || pads.size() != 4
                || pads.stream().distinct().count() != 1
                || dilations.stream().anyMatch(x -> x != 1)
                || !kernel.equals(List.of((long) d[2], (long) d[3]))
                || !(autoPad.equals("NOTSET") || autoPad.equals("VALID"))) {
            throw refuse(
                    g,
                    n,
                    "strides " + strides + ", pads " + pads + ", dilations " + dilations + ", kernel_shape " + kernel
                            + ", auto_pad " + autoPad + ", weight " + w,
                    "equal strides, the same padding on every side, dilation 1");
        }
        Names names = names(g, w, b);
        Conv2D conv = new Conv2D(
                names.weight(),
                names.bias(),
                d[1] * groups,
                d[0],
                d[2],
                d[3],
                Math.toIntExact(strides.get(0)),
                Math.toIntExact(pads.get(0)),
                groups);
        load(g, n, conv.weight(), w);
        if (b != null) {
            load(g, n, conv.bias(), b);
        }
        return new Step(conv, n.getOutput(0));
    }

    private static Step batchNorm(OnnxGraph g, NodeProto n) {
        OnnxTensor scale = weight(g, n, 1);
        OnnxTensor shift = weight(g, n, 2);
        OnnxTensor mean = weight(g, n, 3);
        OnnxTensor var = weight(g, n, 4);
        unusedOutputs(g, n);
        double eps = Attributes.real(n, "epsilon", 1e-5);
        double momentum = Attributes.real(n, "momentum", 0.9);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw refuse(g, n, "momentum = " + momentum, "momentum in [0, 1]");
        }
        // ONNX: running = running · momentum + batch · (1 - momentum); the engine (as PyTorch) weighs the batch by its
        // momentum
        BatchNorm bn = new BatchNorm(prefix(g, n, scale, shift), scale.size(), eps, 1 - momentum);
        load(g, n, bn.scale(), scale);
        load(g, n, bn.shift(), shift);
        copy(g, n, mean, bn.runningMean());
        copy(g, n, var, bn.runningVariance());
        return new Step(bn, n.getOutput(0));
    }

    private static Step gemm(OnnxGraph g, NodeProto n) {
        OnnxTensor b = weight(g, n, 1);
        OnnxTensor c = optionalWeight(g, n, 2);
        double alpha = Attributes.real(n, "alpha", 1);
        double beta = Attributes.real(n, "beta", 1);
        long transA = Attributes.integer(n, "transA", 0);
        long transB = Attributes.integer(n, "transB", 0);
        if (alpha != 1 || (c != null && beta != 1) || transA != 0 || b.dims().length != 2) {
            throw refuse(
                    g,
                    n,
                    "alpha = " + alpha + ", beta = " + beta + ", transA = " + transA + ", B " + b,
                    "alpha = 1, beta = 1, transA = 0 and a 2-D weight B (transB = 1: [out, in]; transB = 0: [in, out])");
        }
        return dense(g, n, transB == 1 ? b : b.transposed(), c, n.getOutput(0));
    }

    private static Step matMul(OnnxGraph g, NodeProto n) {
        OnnxTensor b = weight(g, n, 1);
        if (b.dims().length != 2) {
            throw refuse(g, n, "weight " + b, "a 2-D weight [in, out]");
        }
        OnnxTensor bias = null;
        String out = n.getOutput(0);
        List<NodeProto> next = g.readers(out);
        if (next.size() == 1 && next.get(0).getOpType().equals("Add")) {
            NodeProto add = next.get(0);
            String other = add.getInput(0).equals(out) ? add.getInput(1) : add.getInput(0);
            OnnxTensor c = g.constant(other);
            if (c != null && c.floats() != null && c.size() == b.dims()[1]) {
                g.visit(add);
                bias = c;
                out = add.getOutput(0);
            }
        }
        return dense(g, n, b.transposed(), bias, out);
    }

    /** A Dense layer with weight {@code w [out, in]} (engine layout) and optional bias. */
    private static Step dense(OnnxGraph g, NodeProto n, OnnxTensor w, OnnxTensor bias, String out) {
        int outFeatures = w.dims()[0];
        if (bias != null && bias.size() != outFeatures) {
            throw refuse(g, n, "bias " + bias + " for " + outFeatures + " outputs", "a bias of one value per output");
        }
        Names names = names(g, w, bias);
        Dense d = new Dense(names.weight(), names.bias(), w.dims()[1], outFeatures);
        load(g, n, d.weight(), w);
        if (bias != null) {
            load(g, n, d.bias(), bias);
        }
        return new Step(d, out);
    }

    /** The float constant input {@code index} of {@code n} (a stored weight). */
    private static OnnxTensor weight(OnnxGraph g, NodeProto n, int index) {
        if (n.getInputCount() <= index || n.getInput(index).isEmpty()) {
            throw refuse(g, n, "input " + index + " is missing", "the operator's weights as initializers");
        }
        OnnxTensor t = g.constant(n.getInput(index));
        if (t == null || t.floats() == null) {
            throw refuse(
                    g,
                    n,
                    "input " + index + " ('" + n.getInput(index) + "') is computed in the graph, not stored",
                    "weights stored as float initializers (export with the module's parameters)");
        }
        return t;
    }

    private static OnnxTensor optionalWeight(OnnxGraph g, NodeProto n, int index) {
        return n.getInputCount() > index && !n.getInput(index).isEmpty() ? weight(g, n, index) : null;
    }

    /** The paths of a weight and its bias (null when there is none). */
    private record Names(String weight, String bias) {}

    /**
     * {@code P.weight} and {@code P.bias} for a weight named {@code P.weight} with its bias (if any)
     * named {@code P.bias}, as PyTorch's state dict; otherwise the file's names whole, recorded as
     * generated ({@link OnnxGraph#generatedNames}).
     */
    private static Names names(OnnxGraph g, OnnxTensor weight, OnnxTensor bias) {
        String w = weight.name();
        String prefix = w.endsWith(".weight") ? w.substring(0, w.length() - ".weight".length()) : "";
        if (!prefix.isEmpty() && (bias == null || bias.name().equals(prefix + ".bias"))) {
            return new Names(w, bias == null ? null : bias.name());
        }
        g.generated(w);
        if (bias != null) {
            g.generated(bias.name());
        }
        return new Names(w, bias == null ? null : bias.name());
    }

    /** {@code P} for a weight named {@code P.weight} (and a bias, if any, named {@code P.bias}). */
    private static String prefix(OnnxGraph g, NodeProto n, OnnxTensor weight, OnnxTensor bias) {
        String w = weight.name();
        if (!w.endsWith(".weight") || w.length() == ".weight".length()) {
            throw refuse(
                    g,
                    n,
                    "its weight is named '" + w + "'",
                    "PyTorch's state-dict names PREFIX.weight and"
                            + " PREFIX.bias (torch.onnx.export with training=torch.onnx.TrainingMode.TRAINING and"
                            + " do_constant_folding=False keeps them; an eval-mode export folds BatchNorm into Conv)");
        }
        String prefix = w.substring(0, w.length() - ".weight".length());
        if (bias != null && !bias.name().equals(prefix + ".bias")) {
            throw refuse(
                    g, n, "weight '" + w + "' with bias '" + bias.name() + "'", "the bias named " + prefix + ".bias");
        }
        return prefix;
    }

    private static void load(OnnxGraph g, NodeProto n, Parameter p, OnnxTensor t) {
        boolean sameShape = Arrays.equals(p.shape().dims(), t.dims());
        if (p.shape().size() != t.size()
                || (!sameShape && p.shape().dims().length != 1)) { // a bias may come as [1, out]
            throw refuse(
                    g,
                    n,
                    "'" + t.name() + "' has shape " + Arrays.toString(t.dims()),
                    "shape " + Arrays.toString(p.shape().dims()) + " for " + p.path());
        }
        copy(g, n, t, p.value());
    }

    private static void copy(OnnxGraph g, NodeProto n, OnnxTensor t, float[] into) {
        if (t.size() != into.length) {
            throw refuse(g, n, "'" + t.name() + "' has " + t.size() + " values", into.length + " values");
        }
        System.arraycopy(t.floats(), 0, into, 0, into.length);
    }

    /** Checks that only the first output of {@code n} is used (BatchNorm's statistics, MaxPool's indices, Dropout's mask). */
    private static void unusedOutputs(OnnxGraph g, NodeProto n) {
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty() && g.used(n.getOutput(i))) {
                throw refuse(
                        g, n, "its output " + i + " ('" + n.getOutput(i) + "') is used", "only the first output used");
            }
        }
    }

    /**
     * A name for a layer without parameters from its node's scope ({@code /layer1/0/Add} gives
     * {@code layer1.0}); the node's output name when it has no scope.
     */
    static String scope(NodeProto n) {
        String name = n.getName();
        int last = name.lastIndexOf('/');
        String s = last > 0 ? name.substring(name.startsWith("/") ? 1 : 0, last).replace('/', '.') : "";
        return s.isEmpty() ? n.getOutput(0) : s;
    }

    static IllegalArgumentException refuse(OnnxGraph g, NodeProto n, String what, String supported) {
        return new IllegalArgumentException("unsupported ONNX " + n.getOpType() + " at node '" + n.getName() + "' in "
                + g.file + ": " + what + "; supported: " + supported);
    }
}
