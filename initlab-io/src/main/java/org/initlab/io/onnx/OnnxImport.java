package org.initlab.io.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initlab.io.FormatException;
import org.initlab.io.onnx.proto.OnnxProto.GraphProto;
import org.initlab.io.onnx.proto.OnnxProto.ModelProto;
import org.initlab.io.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.initlab.io.onnx.proto.OnnxProto.TensorShapeProto;
import org.initlab.io.onnx.proto.OnnxProto.ValueInfoProto;
import org.initlab.nn.Sequential;

/**
 * Reads an ONNX model file into the engine ({@link OnnxGraph} walks the graph,
 * {@link OnnxOperators} turns nodes into layers).
 *
 * <p>The file is parsed by protobuf-java with classes generated from the schema subset in
 * {@code src/main/protobuf/onnx/onnx_subset.proto} (ONNX IR version 7 field numbers; later IR
 * versions only add fields, which the parser skips). Every tensor's shape is checked against the
 * bytes it carries before its values are copied.
 *
 * <p>Errors: a file that is not a readable ONNX model (truncated, corrupt, no graph, sizes that do
 * not add up) is a {@link FormatException} naming the file and the reason; an operator, attribute
 * or graph pattern the engine cannot compute is an {@link IllegalArgumentException} whose one line
 * names the operator, its node and what is supported.
 */
public final class OnnxImport {
    /** protobuf-java reads messages of at most 2 GiB. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private OnnxImport() {}

    /** Whether {@code path} names an ONNX file (by its {@code .onnx} extension, any case). */
    public static boolean isOnnxFile(String path) {
        return path.strip().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
    }

    /** The model in {@code file}, with the file's weights. */
    public static OnnxModel read(Path file) throws IOException {
        String source = file.toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new FormatException(
                    source,
                    -1,
                    "the file has " + size + " bytes; supported: at most " + MAX_FILE_BYTES
                            + " (protobuf's limit; weights kept in external data files are not supported)");
        }
        ModelProto m;
        try {
            m = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new FormatException(
                    source,
                    -1,
                    "not a readable ONNX model (truncated or corrupt): "
                            + e.getMessage().replace('\n', ' '),
                    e);
        }
        if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
            throw new FormatException(source, -1, "no graph with nodes (ModelProto field 7); is this an ONNX model?");
        }
        long opset = -1;
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = o.getVersion();
            }
        }
        GraphProto g = m.getGraph();
        OnnxGraph graph = new OnnxGraph(g, source);
        ValueInfoProto input = input(g, graph, source);
        String producer = (m.getProducerName() + " " + m.getProducerVersion()).strip();
        Sequential model = graph.build(input.getName(), batch(input));
        return new OnnxModel(model, exampleShape(input), m.getIrVersion(), opset, producer, graph.generatedNames());
    }

    /** The one graph input that is not an initializer (IR 3 files list initializers as inputs too). */
    private static ValueInfoProto input(GraphProto g, OnnxGraph graph, String source) throws FormatException {
        ValueInfoProto found = null;
        for (ValueInfoProto v : g.getInputList()) {
            if (!graph.isConstant(v.getName())) {
                if (found != null) {
                    throw new IllegalArgumentException(source + ": the graph has several data inputs ('"
                            + found.getName() + "', '" + v.getName() + "'); supported: one input tensor");
                }
                found = v;
            }
        }
        if (found == null) {
            throw new FormatException(source, -1, "the graph has no data input (every input is an initializer)");
        }
        int elem = found.getType().getTensorType().getElemType();
        if (elem != 1) {
            throw new IllegalArgumentException(source + ": the input '" + found.getName() + "' has ONNX element type "
                    + elem + "; supported: 1 (float32)");
        }
        return found;
    }

    /** The input's first dimension when it is a number, else -1. */
    private static long batch(ValueInfoProto input) {
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        return shape.getDimCount() > 0 && shape.getDim(0).hasDimValue()
                ? shape.getDim(0).getDimValue()
                : -1;
    }

    /** The input's dimensions after the batch, or null when one of them is symbolic or absent. */
    private static int[] exampleShape(ValueInfoProto input) {
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        if (shape.getDimCount() < 2) {
            return null;
        }
        int[] dims = new int[shape.getDimCount() - 1];
        for (int i = 1; i < shape.getDimCount(); i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > Integer.MAX_VALUE) {
                return null;
            }
            dims[i - 1] = (int) d.getDimValue();
        }
        return dims;
    }
}
