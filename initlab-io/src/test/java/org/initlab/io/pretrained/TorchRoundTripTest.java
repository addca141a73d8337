package org.initlab.io.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.TorchDefault;
import org.initlab.io.DType;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.safetensors.Safetensors;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Flatten;
import org.initlab.nn.Gru;
import org.initlab.nn.InitPlan;
import org.initlab.nn.MaxPool2D;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips with PyTorch, against the golden files {@code scripts/torch_roundtrip.py} makes in
 * {@code src/test/resources/torch/} (see the script for what each holds).
 *
 * <p>Tolerance: outputs are of order 1 and go through at most a few dozen float32 operations per
 * value in PyTorch and in the engine (both in float32 from the same weights, summed in their BLAS's
 * orders), so they agree to a few float32 ulps of 1 (~1e-7 each); {@code 2e-6} absolute leaves
 * room for that and nothing else: a wrong gate order, a bias counted twice or a missing {@code b_hn} moves outputs by 1e-2 or
 * more.
 */
class TorchRoundTripTest {
    private static final double TOLERANCE = 2e-6;

    static StateDict golden(String name) throws IOException {
        try {
            return Safetensors.read(Path.of(
                    TorchRoundTripTest.class.getResource("/torch/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arrays of {@code dict} that are not {@code io.*}: the module's state dict. */
    static StateDict state(StateDict dict) {
        SequencedMap<String, NdArray> out = new LinkedHashMap<>();
        dict.arrays().forEach((k, v) -> {
            if (!k.startsWith("io.")) {
                out.put(k, v);
            }
        });
        return new StateDict(out);
    }

    static Tensor tensor(NdArray a) {
        return new Tensor(a.toFloats(), a.shape());
    }

    static void assertClose(Tensor actual, NdArray expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        float[] e = expected.toFloats();
        for (int i = 0; i < e.length; i++) {
            assertThat((double) actual.data()[i])
                    .as("output %d", i)
                    .isCloseTo(e[i], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void aPyTorchStateDictLoadsStrictlyAndComputesWhatPyTorchComputes(String kind) throws IOException {
        StateDict file = golden(kind + "_torch.safetensors");
        Sequential net = ModelSpec.parse(kind + "(3,4,2)");
        LoadReport report = Pretrained.load(net, state(file), LoadOptions.defaults());
        assertThat(report.complete()).isTrue();
        assertClose(
                net.forward(tensor(file.arrays().get("io.input")), false),
                file.arrays().get("io.output"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void theEngineExportIsWhatPyTorchLoadsAndPyTorchComputesTheEngineOutput(String kind) throws IOException {
        StateDict io = golden(kind + "_engine.safetensors");
        Sequential net = ModelSpec.parse(kind + "(3,4,2)");
        InitPlan.allWeights(new TorchDefault()).apply(net, 7); // as `initlab export --init torch_default --seed 7`
        assertClose(
                net.forward(tensor(io.arrays().get("io.input")), false),
                io.arrays().get("io.output"));
        StateDict torch = state(golden(kind + "_torch.safetensors"));
        StateDict ours = TorchStateDict.of(net);
        assertThat(ours.arrays().keySet())
                .containsExactlyElementsOf(torch.arrays().keySet());
        torch.arrays()
                .forEach(
                        (k, v) -> assertThat(ours.arrays().get(k).shape()).as(k).containsExactly(v.shape()));
    }

    @Test
    void exportThenLoadGivesBackEveryParameterOfAGruBitForBit() {
        Sequential a = ModelSpec.parse("gru(3,4,2)");
        InitPlan.allWeights(new TorchDefault()).apply(a, 3);
        Sequential b = ModelSpec.parse("gru(3,4,2)");
        Pretrained.load(b, TorchStateDict.of(a), LoadOptions.defaults());
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pb.get(i).value())
                    .as(pa.get(i).path())
                    .containsExactly(pa.get(i).value());
        }
        Gru g = (Gru) a.layers().get(0);
        assertThat(g.biasHn().value()).as("b_hn drawn, not zero").isNotEqualTo(new float[4]);
    }

    /** conv(1→4, 3, pad 1), BatchNorm2d(4), ReLU, MaxPool(2), Flatten, Linear(64, 3): the script's CNN. */
    static Sequential cnn() {
        return new Sequential(List.of(
                new Conv2D("0", 1, 4, 3, 1, 1, 1),
                new BatchNorm("1", 4, 1e-5),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new MaxPool2D(2, 2),
                new Flatten(),
                new Dense("5", 64, 3)));
    }

    @Test
    void aPyTorchCnnStateDictWithBatchNormLoadsStrictlyWithItsRunningStatistics() throws IOException {
        StateDict file = golden("cnn_bn.safetensors");
        StateDict state = state(file);
        Sequential net = cnn();
        LoadReport report = Pretrained.load(net, state, LoadOptions.defaults());
        assertThat(report.complete()).isTrue();
        BatchNorm bn = (BatchNorm) net.layers().get(1);
        assertThat(bn.batchesTracked()).isEqualTo(3);
        assertThat(bn.runningMean())
                .containsExactly(state.arrays().get("1.running_mean").toFloats());
        assertClose(
                net.forward(tensor(file.arrays().get("io.input")), false),
                file.arrays().get("io.output"));
        StateDict back = TorchStateDict.of(net);
        assertThat(back.arrays().keySet())
                .containsExactlyElementsOf(state.arrays().keySet());
        assertThat(back.arrays().get("1.num_batches_tracked").dtype()).isEqualTo(DType.I64);
        state.arrays()
                .forEach((k, v) ->
                        assertThat(back.arrays().get(k).toFloats()).as(k).containsExactly(v.toFloats()));
    }

    @Test
    void aStrictLoadWithoutTheRunningStatisticsNamesThemAndChangesNothing() throws IOException {
        SequencedMap<String, NdArray> arrays =
                new LinkedHashMap<>(state(golden("cnn_bn.safetensors")).arrays());
        arrays.remove("1.running_var");
        Sequential net = cnn();
        float[] before = net.parameters().get(0).value().clone();
        assertThatThrownBy(() -> Pretrained.load(net, new StateDict(arrays), LoadOptions.defaults()))
                .isInstanceOf(PretrainedLoadException.class)
                .hasMessageContaining("1.running_var");
        assertThat(net.parameters().get(0).value()).containsExactly(before);
        assertThat(((BatchNorm) net.layers().get(1)).runningVariance()).containsOnly(1f);
    }

    @Test
    void aRecurrentLayerWithOneBiasOfTwoIsRefusedByName() throws IOException {
        SequencedMap<String, NdArray> arrays =
                new LinkedHashMap<>(state(golden("lstm_torch.safetensors")).arrays());
        arrays.remove("0.bias_hh_l0");
        assertThatThrownBy(() ->
                        Pretrained.load(ModelSpec.parse("lstm(3,4,2)"), new StateDict(arrays), LoadOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.bias_ih_l0 but not 0.bias_hh_l0");
    }

    @Test
    void theEnginesOwnNamesStillLoad() {
        Sequential a = ModelSpec.parse("lstm(3,4,2)");
        InitPlan.defaults().apply(a, 1);
        Sequential b = ModelSpec.parse("lstm(3,4,2)");
        Pretrained.load(b, StateDict.of(a.parameters()), LoadOptions.defaults());
        assertThat(b.parameters().get(0).value())
                .containsExactly(a.parameters().get(0).value());
    }
}
