package org.initlab.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.initlab.io.FormatException;
import org.initlab.io.onnx.proto.OnnxProto.AttributeProto;
import org.initlab.io.onnx.proto.OnnxProto.GraphProto;
import org.initlab.io.onnx.proto.OnnxProto.ModelProto;
import org.initlab.io.onnx.proto.OnnxProto.NodeProto;
import org.initlab.io.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.initlab.io.onnx.proto.OnnxProto.TensorProto;
import org.initlab.io.onnx.proto.OnnxProto.TensorShapeProto;
import org.initlab.io.onnx.proto.OnnxProto.TypeProto;
import org.initlab.io.onnx.proto.OnnxProto.ValueInfoProto;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the importer refuses, and how: unsupported operators and patterns with one line naming the
 * operator and node, malformed files naming the file and the reason; and what the file's weights
 * become under an init plan. Small graphs are built here with the generated message classes.
 */
class OnnxRefusalTest {
    @TempDir
    Path dir;

    @Test
    void anLstmIsRefusedByNameAndNodeWithTheSupportedList() {
        Path file = OnnxGoldenTest.resource("unsupported_lstm.onnx");
        assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unsupported ONNX operator 'LSTM' at node '/lstm/LSTM' in " + file)
                .hasMessageContaining(
                        "(also unsupported: Transpose, Slice, Concat, Unsqueeze, Shape, Gather, Expand, Squeeze)")
                .hasMessageContaining("; supported: Gemm, MatMul(+Add), Conv, BatchNormalization")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aTruncatedFileIsAFormatErrorNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(OnnxGoldenTest.resource("mlp.onnx"));
        Path half = dir.resolve("half.onnx");
        Files.write(half, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> OnnxImport.read(half))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith(half + ": not a readable ONNX model (truncated or corrupt)");
    }

    @Test
    void aFileThatIsNotAModelIsRefused() throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "these are not the weights you are looking for\n");
        assertThatThrownBy(() -> OnnxImport.read(text))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith(text + ":");
    }

    @Test
    void aTensorWhoseShapeDisagreesWithItsBytesIsRefusedBeforeAllocation() throws IOException {
        TensorProto big = TensorProto.newBuilder()
                .setName("fc.weight")
                .addDims(100_000)
                .addDims(100_000)
                .setDataType(1)
                .setRawData(ByteString.copyFrom(new byte[16]))
                .build();
        Path file = write(List.of(gemm("fc", 1, 1, 1)), List.of(big, floats("fc.bias", 2)));
        assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(FormatException.class)
                .hasMessage(file + ": tensor 'fc.weight' of shape [100000, 100000] holds more than "
                        + OnnxTensor.MAX_VALUES + " values");
        TensorProto lying = TensorProto.newBuilder()
                .setName("fc.weight")
                .addDims(2)
                .addDims(4)
                .setDataType(1)
                .setRawData(ByteString.copyFrom(new byte[12]))
                .build();
        Path short_ = write(List.of(gemm("fc", 1, 1, 1)), List.of(lying, floats("fc.bias", 2)));
        assertThatThrownBy(() -> OnnxImport.read(short_))
                .isInstanceOf(FormatException.class)
                .hasMessage(
                        short_
                                + ": tensor 'fc.weight' (float32) should hold 32 bytes of raw data for its shape, the file has 12");
    }

    @Test
    void gemmScalingsOtherThanOneAreRefusedWithTheirValues() throws IOException {
        Path file = write(List.of(gemm("fc", 2, 1, 1)), List.of(floats("fc.weight", 2, 4), floats("fc.bias", 2)));
        assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unsupported ONNX Gemm at node '/fc/Gemm' in " + file + ": alpha = 2.0, beta = 1.0, transA = 0,"
                                + " B fc.weight[2, 4]; supported: alpha = 1, beta = 1, transA = 0 and a 2-D weight B (transB = 1:"
                                + " [out, in]; transB = 0: [in, out])");
    }

    @Test
    void gemmWithoutTransposedWeightLoadsTheTranspose() throws IOException {
        Path file = write(List.of(gemm("fc", 1, 1, 0)), List.of(floats("fc.weight", 4, 2), floats("fc.bias", 2)));
        Dense d = (Dense) OnnxImport.read(file).model().layers().get(0);
        assertThat(d.weight().shape().dims()).containsExactly(2, 4);
        // B[i][o] = i·2 + o (the helper's values) becomes W[o][i]
        assertThat(d.weight().value()).containsExactly(0, 2, 4, 6, 1, 3, 5, 7);
    }

    @Test
    void weightsNotNamedAsAStateDictKeepTheirNamesAndAreListed() throws IOException {
        Path file = write(List.of(gemm("fc", "W", "B", 1, 1, 1)), List.of(floats("W", 2, 4), floats("B", 2)));
        OnnxModel m = OnnxImport.read(file);
        assertThat(m.parameterPaths()).containsExactly("W", "B");
        assertThat(m.generatedNames()).containsExactly("W", "B");
        assertThat(m.namesNote())
                .startsWith("2 parameter(s) have names the exporter generated (W, B), not state-dict names");
        Path mixed = write(
                List.of(gemm("fc", "fc.weight", "other.bias", 1, 1, 1)),
                List.of(floats("fc.weight", 2, 4), floats("other.bias", 2)));
        assertThat(OnnxImport.read(mixed).generatedNames())
                .as("a bias of another prefix")
                .containsExactly("fc.weight", "other.bias");
        Path named = write(List.of(gemm("fc", 1, 1, 1)), List.of(floats("fc.weight", 2, 4), floats("fc.bias", 2)));
        assertThat(OnnxImport.read(named).generatedNames()).isEmpty();
        assertThat(OnnxImport.read(named).namesNote()).isNull();
    }

    @Test
    void aForkThatIsNotAnIdentityResidualIsRefusedNamingTheReaders() throws IOException {
        // y = relu(x) + tanh(x): x is read by two nodes, neither of them the Add
        NodeProto relu = node("Relu", "/a/Relu", List.of("x"), "r");
        NodeProto tanh = node("Tanh", "/b/Tanh", List.of("x"), "t");
        NodeProto add = node("Add", "/Add", List.of("r", "t"), "y");
        Path file = write(List.of(relu, tanh, add), List.of());
        assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported ONNX pattern at node '/a/Relu' in " + file + ": value 'x' is read by 2 nodes"
                        + " (Relu '/a/Relu', Tanh '/b/Tanh'); supported forks: a residual block y = x + f(x) with the"
                        + " identity shortcut (a projection shortcut, as in ResNet's downsample, is not supported)");
    }

    @Test
    void anIdentityResidualBecomesAResidualBlock() throws IOException {
        NodeProto fc = gemm("blk.fc", 1, 1, 1).toBuilder().setOutput(0, "f").build();
        NodeProto add = node("Add", "/blk/Add", List.of("f", "x"), "y");
        Path file = write(List.of(fc, add), List.of(floats("blk.fc.weight", 4, 4), floats("blk.fc.bias", 4)), 4);
        var layers = OnnxImport.read(file).model().layers();
        assertThat(layers).hasSize(1).first().isInstanceOf(Residual.class);
        assertThat(((Residual) layers.get(0)).branch().parameters())
                .extracting(Parameter::path)
                .containsExactly("blk.fc.weight", "blk.fc.bias");
    }

    @Test
    void aReshapeToFlatKeepsTheBatchAndAnyOtherReshapeIsRefused() throws IOException {
        NodeProto flat = node("Reshape", "/Reshape", List.of("x", "shape"), "y");
        Path ok = write(List.of(flat), List.of(int64("shape", 2, -1)));
        assertThat(OnnxImport.read(ok).model().layers()).singleElement().isInstanceOf(org.initlab.nn.Flatten.class);
        Path bad = write(List.of(flat), List.of(int64("shape", 4, -1)));
        assertThatThrownBy(() -> OnnxImport.read(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported ONNX Reshape at node '/Reshape' in " + bad
                        + ": target shape [4, -1] (input batch 2);"
                        + " supported: [0, -1], [-1, F] or [N, -1] with N the input's batch (to flat)");
    }

    @Test
    void anInitPlanReplacesTheFileWeightsAndKeepsTheNames() throws IOException {
        OnnxModel m = OnnxImport.read(OnnxGoldenTest.resource("mlp.onnx"));
        float[] fileWeight = m.model().parameters().get(0).value().clone();
        List<String> names = m.parameterPaths();
        InitPlan.defaults().apply(m.model(), 3);
        assertThat(m.model().parameters().get(0).value()).isNotEqualTo(fileWeight);
        assertThat(m.model().parameters().get(1).value()).containsOnly(0f); // the plan's biases are zero
        assertThat(m.parameterPaths()).isEqualTo(names);
    }

    private static NodeProto gemm(String module, float alpha, float beta, long transB) {
        return gemm(module, module + ".weight", module + ".bias", alpha, beta, transB);
    }

    private static NodeProto gemm(String module, String weight, String bias, float alpha, float beta, long transB) {
        return NodeProto.newBuilder()
                .setName("/" + module.replace('.', '/') + "/Gemm")
                .setOpType("Gemm")
                .addInput("x")
                .addInput(weight)
                .addInput(bias)
                .addOutput("y")
                .addAttribute(AttributeProto.newBuilder()
                        .setName("alpha")
                        .setF(alpha)
                        .setType(AttributeProto.AttributeType.FLOAT))
                .addAttribute(AttributeProto.newBuilder()
                        .setName("beta")
                        .setF(beta)
                        .setType(AttributeProto.AttributeType.FLOAT))
                .addAttribute(AttributeProto.newBuilder()
                        .setName("transB")
                        .setI(transB)
                        .setType(AttributeProto.AttributeType.INT))
                .build();
    }

    private static NodeProto node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder()
                .setOpType(op)
                .setName(name)
                .addAllInput(inputs)
                .addOutput(output)
                .build();
    }

    private static TensorProto int64(String name, long... values) {
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(7)
                .addDims(values.length)
                .addAllInt64Data(Arrays.stream(values).boxed().toList())
                .build();
    }

    /** A float tensor whose value {@code k} (row-major) is {@code k}. */
    private static TensorProto floats(String name, int... dims) {
        int n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            b.putFloat(k);
        }
        TensorProto.Builder t =
                TensorProto.newBuilder().setName(name).setDataType(1).setRawData(ByteString.copyFrom(b.array()));
        for (int d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private Path write(List<NodeProto> nodes, List<TensorProto> initializers) throws IOException {
        return write(nodes, initializers, 4);
    }

    /** A model with input {@code x [2, features]} and output {@code y}. */
    private Path write(List<NodeProto> nodes, List<TensorProto> initializers, int features) throws IOException {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(features))
                .build();
        ValueInfoProto x = ValueInfoProto.newBuilder()
                .setName("x")
                .setType(TypeProto.newBuilder()
                        .setTensorType(
                                TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape)))
                .build();
        ValueInfoProto y = ValueInfoProto.newBuilder().setName("y").build();
        GraphProto g = GraphProto.newBuilder()
                .addAllNode(nodes)
                .addAllInitializer(initializers)
                .addInput(x)
                .addOutput(y)
                .build();
        ModelProto m = ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("test")
                .setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
                .build();
        Path file = Files.createTempFile(dir, "model", ".onnx");
        Files.write(file, m.toByteArray());
        return file;
    }
}
