package org.initlab.io.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.initlab.io.pretrained.Models.bits;
import static org.initlab.io.pretrained.Models.initialized;
import static org.initlab.io.pretrained.Models.stateDict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Supplier;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.pretrained.LoadProblem.ShapeMismatch;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A model saved in Keras layout (kernels {@code [in, out]} and {@code [kH, kW, in, out]}) loads
 * into the engine's PyTorch-layout parameters and computes what the PyTorch-layout dict gives.
 * The Keras dicts are written here by plain index loops, not by {@link LayoutTransform}.
 */
class KerasLayoutLoadTest {
    /**
     * First match wins, so each rule writes a whole model path: the layer-specific LSTM rule comes
     * before the general kernel rule, and nested names have rules of their own.
     */
    private static final NameMapping KERAS_NAMES = NameMapping.parse(List.of(
            "^layer_1/kernel$=1.weight_ih",
            "^layer_(\\d+)/recurrent_kernel$=$1.weight_hh",
            "^layer_(\\d+)/embeddings$=$1.weight",
            "^layer_(\\d+)/alpha$=$1.alpha",
            "^layer_(\\d+)/(?:kernel|gamma)$=$1.weight",
            "^layer_(\\d+)/(?:bias|beta)$=$1.bias",
            "^layer_(\\d+)/layer_(\\d+)/kernel$=$1.$2.weight",
            "^layer_(\\d+)/layer_(\\d+)/bias$=$1.$2.bias"));

    /** The Keras-style name of a parameter path ({@code 4.0.weight} -> {@code layer_4/layer_0/kernel}). */
    private static String kerasName(Parameter p) {
        int dot = p.path().lastIndexOf('.');
        String layer = "layer_" + p.path().substring(0, dot).replace(".", "/layer_");
        String leaf = p.path().substring(dot + 1);
        return layer + "/"
                + switch (p.role()) {
                    case WEIGHT -> leaf.equals("weight_ih") || leaf.equals("weight") ? "kernel" : leaf;
                    case RECURRENT -> "recurrent_kernel";
                    case EMBEDDING -> "embeddings";
                    case NORM_SCALE -> leaf.equals("alpha") ? "alpha" : "gamma";
                    case NORM_SHIFT -> "beta";
                    case BIAS -> "bias";
                };
    }

    /** The model's parameters as Keras would store them: kernels with the in/out axes last. */
    private static StateDict kerasDict(Sequential model) {
        SequencedMap<String, NdArray> arrays = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            int[] d = p.shape().dims();
            float[] v = p.value();
            boolean kernel = p.role() == Role.WEIGHT || p.role() == Role.RECURRENT;
            NdArray a;
            if (kernel && d.length == 2) { // [out, in] -> [in, out]
                float[] k = new float[v.length];
                for (int o = 0; o < d[0]; o++) {
                    for (int i = 0; i < d[1]; i++) {
                        k[i * d[0] + o] = v[o * d[1] + i];
                    }
                }
                a = NdArray.ofFloats(k, d[1], d[0]);
            } else if (kernel && d.length == 4) { // [out, in, kh, kw] -> [kh, kw, in, out]
                float[] k = new float[v.length];
                for (int o = 0; o < d[0]; o++) {
                    for (int c = 0; c < d[1]; c++) {
                        for (int u = 0; u < d[2]; u++) {
                            for (int w = 0; w < d[3]; w++) {
                                k[((u * d[3] + w) * d[1] + c) * d[0] + o] = v[((o * d[1] + c) * d[2] + u) * d[3] + w];
                            }
                        }
                    }
                }
                a = NdArray.ofFloats(k, d[2], d[3], d[1], d[0]);
            } else {
                a = NdArray.ofFloats(v, d);
            }
            arrays.put(kerasName(p), a);
        }
        return new StateDict(arrays);
    }

    private static Tensor input(Sequential model) {
        if (model.layers().getFirst() instanceof org.initlab.nn.Embedding) {
            return new Tensor(new float[] {0, 3, 6, 2, 5, 1}, 2, 3);
        }
        if (model.layers().getFirst() instanceof org.initlab.nn.Conv2D) {
            float[] x = new float[2 * 2 * 4 * 4];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(0.7 * i);
            }
            return new Tensor(x, 2, 2, 4, 4);
        }
        return new Tensor(new float[] {0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f, 0f, -2f}, 2, 4);
    }

    @Test
    void aKerasLayoutDictGivesTheSameModelAndOutputsAsThePytorchLayoutDict() {
        for (Supplier<Sequential> architecture :
                List.<Supplier<Sequential>>of(() -> Models.mlp(4, 8, 3), Models::mixed, Models::conv)) {
            Sequential source = initialized(architecture.get(), 5);
            StateDict keras = kerasDict(source);

            Sequential fromTorch = initialized(architecture.get(), 6);
            Pretrained.load(fromTorch, stateDict(source), LoadOptions.defaults());
            Sequential fromKeras = initialized(architecture.get(), 7);
            LoadReport report = Pretrained.load(
                    fromKeras,
                    keras,
                    LoadOptions.defaults().withMapping(KERAS_NAMES).withFileLayout(Layout.KERAS));

            assertThat(bits(fromKeras)).isDeepEqualTo(bits(fromTorch));
            Tensor x = input(source);
            assertThat(fromKeras.forward(x, false).data())
                    .isEqualTo(fromTorch.forward(x, false).data());
            for (LoadReport.Loaded l : report.loaded()) {
                assertThat(l.rearranged())
                        .as(l.key())
                        .isEqualTo(l.fileShape().size() >= 2 && !l.key().endsWith("/embeddings"));
            }
        }
    }

    @Test
    void embeddingTablesAreNotRearranged() {
        Sequential source = initialized(Models.mixed(), 5);
        StateDict keras = kerasDict(source);
        assertThat(keras.arrays().get("layer_0/embeddings").shape()).containsExactly(7, 4);
        Sequential model = initialized(Models.mixed(), 6);
        Pretrained.load(
                model, keras, LoadOptions.defaults().withMapping(KERAS_NAMES).withFileLayout(Layout.KERAS));
        assertThat(Models.parameter(model, "0.weight").value())
                .isEqualTo(Models.parameter(source, "0.weight").value());
    }

    @Test
    void aPytorchDictReadAsKerasReportsTheRearrangedShape() {
        Sequential source = initialized(Models.mlp(4, 8, 3), 5);
        Sequential model = initialized(Models.mlp(4, 8, 3), 6);
        assertThatThrownBy(() -> Pretrained.load(
                        model, stateDict(source), LoadOptions.defaults().withFileLayout(Layout.KERAS)))
                .isInstanceOfSatisfying(
                        PretrainedLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        new ShapeMismatch(
                                                "0.weight", "0.weight", List.of(8, 4), List.of(4, 8), List.of(8, 4)),
                                        new ShapeMismatch(
                                                "2.weight", "2.weight", List.of(3, 8), List.of(8, 3), List.of(3, 8))))
                .hasMessageContaining("shape mismatch 0.weight: file [8, 4] (rearranged [4, 8]), model [8, 4]");
    }
}
