package org.initlab.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.initlab.io.NdArray;
import org.initlab.io.npy.Npz;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Layer;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * An eval-mode export with constant folding, PyTorch's default ({@code eval_cnn.onnx} from
 * {@code scripts/onnx_fixtures.py}): each BatchNorm is folded into the Conv before it and the folded
 * weights carry generated names ({@code onnx::Conv_26}). It imports with those names, without batch
 * norms, lists them as generated, and computes what PyTorch computes in eval mode. Tolerance as in
 * {@link OnnxGoldenTest}: {@code 1e-4 · max(1, max|torch|)} (float32 sums in another order).
 */
class OnnxEvalExportTest {
    @Test
    void foldedBatchNormsImportUnderTheFilesNamesAndComputeTheEvalOutput() throws IOException {
        OnnxModel m = OnnxImport.read(OnnxGoldenTest.resource("eval_cnn.onnx"));
        Map<String, NdArray> torch =
                Npz.read(OnnxGoldenTest.resource("eval_cnn.npz")).arrays();
        assertThat(m.parameterPaths()).hasSize(6).endsWith("fc.weight", "fc.bias");
        assertThat(m.parameterPaths().subList(0, 4)).allMatch(p -> p.startsWith("onnx::Conv_"));
        assertThat(m.generatedNames())
                .containsExactlyElementsOf(m.parameterPaths().subList(0, 4));
        assertThat(m.namesNote())
                .contains("folds each BatchNorm into the Conv before it")
                .contains("do_constant_folding=False");
        for (Layer l : m.model().layers()) {
            assertThat(l).isNotInstanceOf(BatchNorm.class);
        }
        NdArray x = torch.get("input");
        float[] y =
                m.model().forward(new Tensor(x.toFloats(), x.shape()), false).data();
        float[] expected = torch.get("output").toFloats();
        assertThat(y).hasSameSizeAs(expected);
        double scale = 1;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < y.length; i++) {
            assertThat((double) y[i])
                    .as("output[%d]", i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4 * scale));
        }
        // the folded products are not the state dict's conv weights: the BN scale is in them
        assertThat(m.model().parameters().get(0).value())
                .isNotEqualTo(torch.get("param.features.0.weight").toFloats());
    }
}
