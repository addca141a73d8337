package org.initlab.io.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.initlab.io.FormatException;
import org.initlab.io.onnx.proto.OnnxProto.AttributeProto;
import org.initlab.io.onnx.proto.OnnxProto.GraphProto;
import org.initlab.io.onnx.proto.OnnxProto.NodeProto;
import org.initlab.io.onnx.proto.OnnxProto.TensorProto;
import org.initlab.nn.Layer;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/**
 * An ONNX graph walked from its input to its output into engine layers.
 *
 * <p>Constants are separated from data first: initializers, {@code Constant} nodes, and the
 * {@code Transpose} or {@code Identity} of a constant (PyTorch exports {@code Linear(bias=False)}
 * as {@code MatMul(x, Transpose(W))}) and the {@code Unsqueeze}, {@code Squeeze} or {@code Concat}
 * of integer constants (the target shape of {@code x.view(x.size(0), -1)} with a fixed batch,
 * read as a flat list) are values, not layers. Every other node must lie on one
 * path from the graph's input to its output, walked value by value: a value read by one node
 * continues through that node ({@link OnnxOperators}); a value read by two nodes must be a residual
 * fork, one reader being the {@code Add} that joins it back ({@code y = x + f(x)}) and the other
 * starting the branch {@code f}, which is walked the same way until it reaches the {@code Add}'s
 * other input. So nested blocks and chains of blocks import. A fork may also be an exporter's
 * spelling of one layer ({@link OnnxPatterns}: PyTorch 1.13's GELU). Other forks, joins and side
 * outputs are refused, naming the node.
 */
final class OnnxGraph {
    /** The operators the importer turns into layers (or folds, or skips), in the order the messages list them. */
    static final List<String> SUPPORTED = List.of(
            "Gemm",
            "MatMul(+Add)",
            "Conv",
            "BatchNormalization",
            "Relu",
            "LeakyRelu",
            "Tanh",
            "Sigmoid",
            "Elu",
            "Selu",
            "Gelu (or PyTorch's Erf form)",
            "Softplus",
            "MaxPool",
            "AveragePool",
            "GlobalAveragePool",
            "Add (residual y = x + f(x))",
            "Flatten",
            "Reshape (to flat)",
            "Dropout",
            "Identity",
            "Pad (zero)",
            "Transpose (of a weight)",
            "Constant");

    private static final Set<String> OPERATORS = Set.of(
            "Gemm",
            "MatMul",
            "Conv",
            "BatchNormalization",
            "Relu",
            "LeakyRelu",
            "Tanh",
            "Sigmoid",
            "Elu",
            "Selu",
            "Gelu",
            "Softplus",
            "MaxPool",
            "AveragePool",
            "GlobalAveragePool",
            "Add",
            "Flatten",
            "Reshape",
            "Dropout",
            "Identity",
            "Pad",
            "Div",
            "Erf",
            "Mul");
    /** Integer operations on constants that are folded, keeping the values in order (a flat list). */
    private static final Set<String> SHAPE_ARITHMETIC = Set.of("Unsqueeze", "Squeeze", "Concat");
    /** Shape arithmetic PyTorch emits around unsupported layers; named after the layer in messages. */
    private static final Set<String> PLUMBING = Set.of(
            "Shape",
            "Gather",
            "Unsqueeze",
            "Squeeze",
            "Concat",
            "Slice",
            "Expand",
            "ConstantOfShape",
            "Cast",
            "Range",
            "Equal",
            "Where",
            "Transpose");

    final String file;
    private final Map<String, OnnxTensor> constants = new HashMap<>();
    private final Map<String, List<NodeProto>> readers = new HashMap<>();
    private final List<NodeProto> dataNodes = new ArrayList<>();
    private final Set<NodeProto> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> generated = new ArrayList<>();
    private final String output;
    private long batch = -1;

    OnnxGraph(GraphProto graph, String file) throws FormatException {
        this.file = file;
        for (TensorProto t : graph.getInitializerList()) {
            constants.put(t.getName(), OnnxTensor.read(t, file));
        }
        for (NodeProto n : graph.getNodeList()) {
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                throw new IllegalArgumentException(file + ": unsupported ONNX operator '" + n.getOpType()
                        + "' of domain '"
                        + n.getDomain() + "' at node '" + n.getName() + "'; supported: the standard domain (ai.onnx): "
                        + String.join(", ", SUPPORTED));
            }
            if (!fold(n)) {
                dataNodes.add(n);
                for (String in : n.getInputList()) {
                    if (!in.isEmpty() && !constants.containsKey(in)) {
                        readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                    }
                }
            }
        }
        checkOperators();
        if (graph.getOutputCount() != 1) {
            throw new IllegalArgumentException(
                    file + ": the graph has " + graph.getOutputCount() + " outputs; supported: one output");
        }
        this.output = graph.getOutput(0).getName();
    }

    /** Records a constant-valued node as a value; false for a node that computes on data. */
    private boolean fold(NodeProto n) throws FormatException {
        String op = n.getOpType();
        if (op.equals("Constant")) {
            AttributeProto value = Attributes.find(n, "value");
            if (value == null || !value.hasT()) {
                throw new IllegalArgumentException(file + ": unsupported ONNX Constant at node '" + n.getName()
                        + "': it has no tensor 'value' attribute; supported: Constant(value=TENSOR)");
            }
            OnnxTensor t = OnnxTensor.read(value.getT(), file);
            constants.put(n.getOutput(0), new OnnxTensor(n.getOutput(0), t.dims(), t.floats(), t.ints()));
            return true;
        }
        if (n.getInputCount() == 0 || !constants.containsKey(n.getInput(0))) {
            return false;
        }
        if (SHAPE_ARITHMETIC.contains(op)
                && n.getInputList().stream()
                        .allMatch(in ->
                                constants.containsKey(in) && constants.get(in).ints() != null)) {
            // x.view(x.size(0), -1) with a static batch: Unsqueeze and Concat of integer constants
            long[] values = n.getInputList().stream()
                    .limit(op.equals("Concat") ? Long.MAX_VALUE : 1)
                    .flatMapToLong(
                            in -> java.util.Arrays.stream(constants.get(in).ints()))
                    .toArray();
            constants.put(n.getOutput(0), new OnnxTensor(n.getOutput(0), new int[] {values.length}, null, values));
            return true;
        }
        OnnxTensor c = constants.get(n.getInput(0));
        if (op.equals("Identity")) {
            constants.put(n.getOutput(0), c);
            return true;
        }
        List<Long> perm = Attributes.integers(n, "perm", List.of(1L, 0L));
        if (op.equals("Transpose") && c.floats() != null && c.dims().length == 2 && perm.equals(List.of(1L, 0L))) {
            constants.put(n.getOutput(0), c.transposed());
            return true;
        }
        return false;
    }

    private void checkOperators() {
        Map<String, NodeProto> unsupported = new java.util.LinkedHashMap<>();
        for (NodeProto n : dataNodes) {
            if (!OPERATORS.contains(n.getOpType())) {
                unsupported.putIfAbsent(n.getOpType(), n);
            }
        }
        if (unsupported.isEmpty()) {
            return;
        }
        NodeProto first = unsupported.values().stream()
                .filter(n -> !PLUMBING.contains(n.getOpType()))
                .findFirst()
                .orElse(unsupported.values().iterator().next());
        Set<String> others = new LinkedHashSet<>(unsupported.keySet());
        others.remove(first.getOpType());
        throw new IllegalArgumentException("unsupported ONNX operator '" + first.getOpType() + "' at node '"
                + first.getName() + "' in " + file
                + (others.isEmpty() ? "" : " (also unsupported: " + String.join(", ", others) + ")") + "; supported: "
                + String.join(", ", SUPPORTED));
    }

    /**
     * The layers from {@code input} to the graph's output; every data node must be on the way.
     *
     * @param batch the input's batch size when the file fixes it, else -1
     */
    Sequential build(String input, long batch) {
        this.batch = batch;
        List<Layer> layers = chain(input, output, null);
        for (NodeProto n : dataNodes) {
            if (!visited.contains(n)) {
                throw new IllegalArgumentException("unsupported ONNX pattern at node '" + n.getName() + "' ("
                        + n.getOpType() + ") in " + file + ": it is not on the path from the input '" + input
                        + "' to the output '" + output + "'; supported: one path, with residual forks y = x + f(x)");
            }
        }
        return new Sequential(layers);
    }

    @SuppressWarnings("ReferenceEquality") // the join node itself, not any node equal to it
    private List<Layer> chain(String from, String until, NodeProto join) {
        List<Layer> layers = new ArrayList<>();
        String v = from;
        while (!v.equals(until)) {
            List<NodeProto> next = new ArrayList<>(readers(v));
            if (join != null && v.equals(from)) {
                next.removeIf(n -> n == join);
            }
            if (next.isEmpty()) {
                throw new IllegalArgumentException("unsupported ONNX pattern in " + file + ": value '" + v
                        + "' is read by no node and is not '" + until + "', where the path should lead");
            }
            OnnxOperators.Step step = next.size() == 1 ? OnnxOperators.convert(this, next.get(0)) : residual(v, next);
            if (step.layer() != null) {
                layers.add(step.layer());
            }
            v = step.output();
        }
        return layers;
    }

    private OnnxOperators.Step residual(String v, List<NodeProto> next) {
        OnnxOperators.Step gelu = OnnxPatterns.gelu(this, v, next);
        if (gelu != null) {
            return gelu;
        }
        NodeProto add = null;
        for (NodeProto n : next) {
            if (n.getOpType().equals("Add")
                    && n.getInputCount() == 2
                    && n.getInputList().contains(v)) {
                add = n;
            }
        }
        String other = add == null ? null : add.getInput(0).equals(v) ? add.getInput(1) : add.getInput(0);
        if (next.size() != 2 || add == null || other.equals(v) || constants.containsKey(other)) {
            List<String> names = next.stream()
                    .map(n -> n.getOpType() + " '" + n.getName() + "'")
                    .toList();
            throw new IllegalArgumentException(
                    "unsupported ONNX pattern at node '" + next.get(0).getName() + "' in " + file
                            + ": value '" + v + "' is read by " + next.size() + " nodes (" + String.join(", ", names)
                            + "); supported forks: a residual block y = x + f(x) with the identity shortcut (a projection"
                            + " shortcut, as in ResNet's downsample, is not supported)");
        }
        visit(add);
        List<Layer> branch = chain(v, other, add);
        if (branch.isEmpty()) {
            throw new IllegalArgumentException("unsupported ONNX pattern at node '" + add.getName() + "' in " + file
                    + ": the residual branch has no layer (y = x + x); supported: y = x + f(x)");
        }
        return new OnnxOperators.Step(
                new Residual(OnnxOperators.scope(add), new Sequential(branch), false), add.getOutput(0));
    }

    /** The nodes that read value {@code name} (constants are not tracked). */
    List<NodeProto> readers(String name) {
        return readers.getOrDefault(name, List.of());
    }

    /** Whether {@code name} is read by a node or is the graph's output. */
    boolean used(String name) {
        return !readers(name).isEmpty() || name.equals(output);
    }

    /** The constant {@code name}, or null for a computed value. */
    OnnxTensor constant(String name) {
        return constants.get(name);
    }

    boolean isConstant(String name) {
        return constants.containsKey(name);
    }

    /** The input's batch size when the file fixes it, else -1. */
    long batch() {
        return batch;
    }

    void visit(NodeProto n) {
        visited.add(n);
    }

    /** Records a parameter imported under a name that is not a state-dict name ({@code onnx::Conv_26}). */
    void generated(String name) {
        generated.add(name);
    }

    /** The parameters imported under names that are not state-dict names, in model order. */
    List<String> generatedNames() {
        return List.copyOf(generated);
    }
}
