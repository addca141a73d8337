package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.io.NdArray;
import org.initlab.io.npy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code initlab summary --model net.onnx}: the rows of the model language's summary for an
 * imported graph, on the PyTorch fixtures ({@code scripts/onnx_fixtures.py}): every parameter under
 * its state-dict name, in the state dict's order, with its shape, and the totals PyTorch counts
 * (parameters; batch norms' running statistics are buffers, not listed).
 */
class SummaryOnnxTest {
    private static final Pattern PARAMETER =
            Pattern.compile("\\{\"path\":\"([^\"]+)\",\"role\":\"[a-z_]+\",\"shape\":\\[([0-9,]*)],\"values\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void namesShapesAndCountsAreTheStateDicts() throws IOException {
        for (String name : List.of("mlp", "cnn_bn", "resnet_block", "gelu_mlp", "view_cnn")) {
            MainTest.Run r = MainTest.run(
                    "summary",
                    "--model",
                    OnnxModelTest.FIXTURES.resolve(name + ".onnx").toString(),
                    "--init",
                    "file",
                    "--json");
            assertThat(r.status()).as(name + ": " + r.err()).isZero();
            Map<String, NdArray> torch =
                    Npz.read(OnnxModelTest.FIXTURES.resolve(name + ".npz")).arrays();
            List<String> expected = new ArrayList<>();
            long values = 0;
            for (Map.Entry<String, NdArray> e : torch.entrySet()) {
                if (e.getKey().startsWith("param.")
                        && !e.getKey().matches(".*\\.(running_mean|running_var|num_batches_tracked)")) {
                    expected.add(
                            e.getKey().substring(6) + " " + shape(e.getValue().shape()));
                    values += e.getValue().size();
                }
            }
            List<String> listed = new ArrayList<>();
            Matcher m = PARAMETER.matcher(r.out());
            while (m.find()) {
                listed.add(m.group(1) + " " + m.group(2));
                assertThat(r.out().substring(m.end(), Math.min(r.out().length(), m.end() + 200)))
                        .contains("\"init\":\"file\"");
            }
            assertThat(listed).as(name).containsExactlyElementsOf(expected);
            assertThat(r.out().strip())
                    .as(name)
                    .endsWith("\"parameter_tensors\":" + expected.size() + ",\"parameter_values\":" + values + "}")
                    .contains("\"onnx\":{\"ir_version\":7,\"opset\":13,\"producer\":\"pytorch 1.13.0\","
                            + "\"generated_names\":[],\"note\":null}");
        }
    }

    private static String shape(int[] dims) {
        return String.join(
                ",", java.util.Arrays.stream(dims).mapToObj(Integer::toString).toList());
    }

    @Test
    void aResNetBlockAsATable() {
        MainTest.Run r = MainTest.run(
                "summary",
                "--wide",
                "--model",
                OnnxModelTest.FIXTURES.resolve("resnet_block.onnx").toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().map(String::stripTrailing).toList();
        assertThat(lines.get(0))
                .endsWith(
                        "resnet_block.onnx (ONNX IR 7, opset 13, pytorch 1.13.0), input [3, 6, 6]," + " init default");
        assertThat(lines)
                .contains(
                        "    3  residual        [4, 6, 6]",
                        "  3.0    conv2d        [4, 6, 6]  layer1.0.conv1.weight  [4, 4, 3, 3]     144      36       36  glorot_uniform",
                        "    7  global_avgpool  [4]",
                        "total: 739 parameter values in 17 tensors, all trainable");
    }

    @Test
    void anEvalModeExportSaysItsBatchNormsWereFolded() {
        MainTest.Run r = MainTest.run(
                "summary",
                "--wide",
                "--model",
                OnnxModelTest.FIXTURES.resolve("eval_cnn.onnx").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("onnx::Conv_")
                .doesNotContain("batchnorm")
                .contains("note: 4 parameter(s) have names the exporter generated (onnx::Conv_")
                .contains("folds each BatchNorm into the Conv before it");
        MainTest.Run json = MainTest.run(
                "summary",
                "--json",
                "--model",
                OnnxModelTest.FIXTURES.resolve("eval_cnn.onnx").toString());
        assertThat(json.out()).contains("\"generated_names\":[\"onnx::Conv_").contains("\"note\":\"4 parameter(s)");
        MainTest.Run named = MainTest.run(
                "summary",
                "--json",
                "--model",
                OnnxModelTest.FIXTURES.resolve("mlp.onnx").toString());
        assertThat(named.out()).contains("\"generated_names\":[],\"note\":null");
    }

    @Test
    void badFilesAndOptionsAreOneLineAndStatus2() throws IOException {
        MainTest.Run lstm = MainTest.run(
                "summary",
                "--model",
                OnnxModelTest.FIXTURES.resolve("unsupported_lstm.onnx").toString());
        assertThat(lstm.status()).isEqualTo(2);
        assertThat(lstm.err().strip())
                .startsWith("initlab: unsupported ONNX operator 'LSTM' at node '/lstm/LSTM'")
                .doesNotContain("\n");
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {1, 2, 3});
        MainTest.Run bad = MainTest.run("summary", "--model", junk.toString());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("initlab: " + junk).doesNotContain("\n");
        MainTest.Run spec = MainTest.run("summary", "--model", "mlp(2,[4],2)", "--init", "file");
        assertThat(spec.status()).isEqualTo(2);
        assertThat(spec.err().strip()).startsWith("initlab: --init file keeps the weights of a model file (.onnx)");
    }
}
