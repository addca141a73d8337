package org.initlab.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.initlab.io.NdArray;
import org.initlab.io.npy.Npz;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Layer;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures of {@code scripts/onnx_fixtures.py}: models exported by PyTorch 1.13 with their
 * outputs and gradients as PyTorch computes them, imported and compared layer by layer.
 *
 * <p>Tolerance. Both sides compute in float32 (unit roundoff u = 6e-8), in different orders
 * (BLAS blocking, the engine's BatchNorm sums in double), so each layer's values carry a relative
 * error near K·u for a K-term dot product; the fixtures' widest sums have K ≤ 90 and their paths at
 * most 15 layers, so a relative error up to about 15·90·u ≈ 1e-4 can be honest rounding, and
 * BatchNorm divides by the batch's standard deviation, which can raise it further on small batches.
 * The tests ask {@code |engine − torch| ≤ 1e-4 · max(1, max|torch|)} for forward values and
 * {@code 3e-4 · max(1, max|torch|)} for gradients (backward runs the path twice as deep). A wrong
 * layout, a transposed weight, a missed bias, the wrong BatchNorm momentum/epsilon or a wrong
 * activation parameter gives errors of order 1e-2 to 1, far above these bounds. The measured worst
 * errors are printed.
 */
class OnnxGoldenTest {
    static final double FORWARD = 1e-4;
    static final double GRADIENT = 3e-4;

    static Path resource(String name) {
        try {
            var url = OnnxGoldenTest.class.getResource("/onnx/" + name);
            if (url == null) {
                throw new IllegalStateException("no fixture " + name + "; run scripts/onnx_fixtures.py");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, NdArray> golden(String name) throws IOException {
        return Npz.read(resource(name + ".npz")).arrays();
    }

    private static Tensor tensor(NdArray a) {
        return new Tensor(a.toFloats(), a.shape());
    }

    /** max |a − b| / max(1, max |b|), after checking that the sizes agree. */
    static double error(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double scale = 1;
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
        }
        return worst / scale;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn_bn", "resnet_block", "gelu_mlp", "view_cnn"})
    void parameterNamesAreTheStateDictNamesInOrderAndHoldTheFileWeights(String name) throws IOException {
        OnnxModel m = OnnxImport.read(resource(name + ".onnx"));
        Map<String, NdArray> g = golden(name);
        List<String> torchNames = g.keySet().stream()
                .filter(k -> k.startsWith("grad."))
                .map(k -> k.substring(5))
                .toList();
        assertThat(m.parameterPaths()).containsExactlyElementsOf(torchNames);
        for (Parameter p : m.model().parameters()) {
            assertThat(p.value())
                    .as(p.path())
                    .containsExactly(g.get("param." + p.path()).toFloats());
        }
        for (BatchNorm bn : batchNorms(m.model())) {
            String prefix = bn.scale().path().replace(".weight", "");
            assertThat(bn.runningMean())
                    .as(prefix)
                    .containsExactly(g.get("param." + prefix + ".running_mean").toFloats());
            assertThat(bn.runningVariance())
                    .as(prefix)
                    .containsExactly(g.get("param." + prefix + ".running_var").toFloats());
        }
        assertThat(m.producer()).isEqualTo("pytorch 1.13.0");
        assertThat(m.exampleShape())
                .containsExactly(java.util.Arrays.copyOfRange(
                        g.get("input").shape(), 1, g.get("input").shape().length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn_bn", "resnet_block", "gelu_mlp", "view_cnn"})
    void forwardMatchesPyTorchLayerByLayer(String name) throws IOException {
        OnnxModel m = OnnxImport.read(resource(name + ".onnx"));
        Map<String, NdArray> g = golden(name);
        List<String> compared = new ArrayList<>();
        Tensor y = tensor(g.get("input"));
        for (Layer layer : m.model().layers()) {
            y = walk(layer, y, g, compared);
        }
        double worst = error(y.data(), g.get("output").toFloats());
        assertThat(worst).as("output").isLessThanOrEqualTo(FORWARD);
        List<String> expected =
                g.keySet().stream().filter(k -> k.startsWith("out.")).toList();
        assertThat(compared).containsExactlyInAnyOrderElementsOf(expected);
        System.out.printf("%s: %d layers compared with PyTorch; output error %.2e%n", name, compared.size(), worst);
    }

    /** Runs one layer (a residual block's branch layer by layer first), comparing each layer that has parameters. */
    private static Tensor walk(Layer layer, Tensor x, Map<String, NdArray> g, List<String> compared) {
        if (layer instanceof Residual r) {
            Tensor b = x;
            for (Layer inner : r.branch().layers()) {
                b = walk(inner, b, g, compared);
            }
        }
        Tensor y = layer.forward(x, true);
        if (!(layer instanceof Residual) && !layer.parameters().isEmpty()) {
            String path = layer.parameters().get(0).path();
            String key = "out." + path.substring(0, path.lastIndexOf('.'));
            assertThat(y.shape()).as(key).containsExactly(g.get(key).shape());
            assertThat(error(y.data(), g.get(key).toFloats())).as(key).isLessThanOrEqualTo(FORWARD);
            compared.add(key);
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn_bn", "resnet_block", "gelu_mlp", "view_cnn"})
    void gradientsMatchPyTorch(String name) throws IOException {
        OnnxModel m = OnnxImport.read(resource(name + ".onnx"));
        Map<String, NdArray> g = golden(name);
        Sequential net = m.model();
        net.zeroGrad();
        Tensor y = net.forward(tensor(g.get("input")), true);
        assertThat(error(y.data(), g.get("output").toFloats())).isLessThanOrEqualTo(FORWARD);
        Tensor dx = net.backward(tensor(g.get("output_grad")));
        double worst = error(dx.data(), g.get("input_grad").toFloats());
        assertThat(worst).as("input gradient").isLessThanOrEqualTo(GRADIENT);
        for (Parameter p : net.parameters()) {
            double e = error(p.grad(), g.get("grad." + p.path()).toFloats());
            assertThat(e).as("gradient of " + p.path()).isLessThanOrEqualTo(GRADIENT);
            worst = Math.max(worst, e);
        }
        System.out.printf(
                "%s: %d parameter gradients; worst gradient error %.2e%n",
                name, net.parameters().size(), worst);
    }

    static List<BatchNorm> batchNorms(Sequential s) {
        List<BatchNorm> all = new ArrayList<>();
        for (Layer l : s.layers()) {
            if (l instanceof BatchNorm b) {
                all.add(b);
            } else if (l instanceof Residual r) {
                all.addAll(batchNorms(r.branch()));
            }
        }
        return all;
    }
}
