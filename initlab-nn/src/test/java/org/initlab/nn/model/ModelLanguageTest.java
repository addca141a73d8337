package org.initlab.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.initlab.core.gain.Activation;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.model.LayerSpec.Activate;
import org.initlab.nn.model.LayerSpec.Conv2d;
import org.initlab.nn.model.LayerSpec.Seq;
import org.junit.jupiter.api.Test;

class ModelLanguageTest {
    private static final String ISSUE_EXAMPLE = "seq(conv2d(1,16,3,pad=1), batchnorm, relu, maxpool(2),"
            + " residual(seq(conv2d(16,3,pad=1), relu, conv2d(16,3,pad=1))), flatten, dropout(0.1), dense(10),"
            + " input=[1,28,28])";

    /** One spec of every kind, and the canonical form each prints as. */
    private static final Map<String, String> EVERY_KIND = Map.ofEntries(
            Map.entry("dense(4, 3)", "dense(4, 3)"),
            Map.entry("dense(out=3)", "dense(3)"),
            Map.entry("conv2d(1, 8, 3, stride=2, pad=1, groups=1)", "conv2d(1, 8, 3, stride=2, pad=1)"),
            Map.entry("conv(8, 3)", "conv2d(8, 3)"),
            Map.entry("maxpool(2)", "maxpool(2)"),
            Map.entry("max_pool2d(3, stride=2)", "maxpool(3, stride=2)"),
            Map.entry("avgpool(2, 1)", "avgpool(2, stride=1)"),
            Map.entry("batchnorm", "batchnorm"),
            Map.entry("batch_norm(8, eps=0.001)", "batchnorm(8, eps=0.001)"),
            Map.entry("layernorm(momentum_free_features_are_not_a_key=1)", ""),
            Map.entry("layer_norm(16)", "layernorm(16)"),
            Map.entry("dropout(0.25, seed=3)", "dropout(0.25, seed=3)"),
            Map.entry("flatten", "flatten"),
            Map.entry("leaky_relu(0.2)", "leaky_relu(negative_slope=0.2)"),
            Map.entry("leaky_relu(negative_slope=0.2)", "leaky_relu(negative_slope=0.2)"),
            Map.entry("elu(alpha=0.5)", "elu(alpha=0.5)"),
            Map.entry("leaky_relu(param=0.2)", ""),
            Map.entry("swish", "silu"),
            Map.entry("residual(dense(8, 8), scale=true)", "residual(dense(8, 8), scale=true)"),
            Map.entry("embedding(100, 16)", "embedding(100, 16)"),
            Map.entry("rnn_layer(3, 8)", "rnn_layer(3, 8)"),
            Map.entry("lstm_layer(hidden=8)", "lstm_layer(8)"),
            Map.entry("gru_layer(8)", "gru_layer(8)"),
            Map.entry("last_step", "last_step"),
            Map.entry("per_step(dense(8, 2))", "per_step(dense(8, 2))"),
            Map.entry("self_attention(16, scaled=false)", "self_attention(16, scaled=false)"),
            Map.entry(
                    "transformer(50,16,2,3,8,norm=post,causal=false)",
                    "transformer(50, 16, 2, 3, 8, norm=post, causal=false)"),
            Map.entry("seq(dense(2, 4), tanh, dense(1), input=[2])", "seq(dense(2, 4), tanh, dense(1), input=[2])"));

    @Test
    void everyKindParsesAndPrintsCanonically() {
        EVERY_KIND.forEach((spec, canonical) -> {
            if (canonical.isEmpty()) {
                assertThatThrownBy(() -> ModelLanguage.parse(spec)).hasMessageContaining("unknown argument");
                return;
            }
            LayerSpec parsed = ModelLanguage.parse(spec);
            assertThat(ModelLanguage.format(parsed)).as(spec).isEqualTo(canonical);
            assertThat(ModelLanguage.parse(canonical)).as(canonical).isEqualTo(parsed);
        });
        List<String> covered = EVERY_KIND.keySet().stream()
                .filter(s -> !EVERY_KIND.get(s).isEmpty())
                .map(s -> ModelLanguage.name(ModelLanguage.parse(s)))
                .distinct()
                .toList();
        List<String> layerKinds = ModelLanguage.names().stream()
                .filter(n -> !Activation.acceptedNames().contains(n)
                        && !List.of("mlp", "resmlp", "cnn", "rnn", "lstm", "gru")
                                .contains(n))
                .toList();
        assertThat(covered).containsAll(layerKinds);
    }

    @Test
    void positionalInputSizeMayBeLeftOut() {
        assertThat(ModelLanguage.parse("conv2d(16,3,pad=1)")).isEqualTo(new Conv2d(0, 16, 3, 1, 1, 1));
        assertThat(ModelLanguage.parse("conv2d(1,16,3,pad=1)")).isEqualTo(new Conv2d(1, 16, 3, 1, 1, 1));
        assertThat(ModelLanguage.parse("dense(10)")).isEqualTo(new LayerSpec.Dense(0, 10));
        assertThat(ModelLanguage.parse("RELU")).isEqualTo(new Activate(Activation.RELU, Double.NaN));
    }

    @Test
    void issueExampleInfersSizesFromTheInputShape() {
        BuiltModel built = ModelBuilder.build(ISSUE_EXAMPLE);
        Sequential net = built.model();
        InitPlan.defaults().apply(net, 1);
        Tensor y = net.forward(new Tensor(new float[2 * 784], 2, 1, 28, 28), false);
        assertThat(y.shape()).containsExactly(2, 10);
        Map<String, List<Integer>> shapes = new java.util.LinkedHashMap<>();
        built.layers().forEach(r -> shapes.put(r.path(), r.outputShape()));
        assertThat(shapes)
                .containsEntry("0", List.of(16, 28, 28))
                .containsEntry("3", List.of(16, 14, 14))
                .containsEntry("4.0", List.of(16, 14, 14))
                .containsEntry("5", List.of(16 * 14 * 14))
                .containsEntry("7", List.of(10));
        assertThat(((Dense) net.layers().get(7)).weight().shape().dims()).containsExactly(10, 16 * 14 * 14);
        assertThat(net.parameters().stream().map(Parameter::path).toList())
                .containsExactly(
                        "0.weight",
                        "0.bias",
                        "1.weight",
                        "1.bias",
                        "4.0.weight",
                        "4.0.bias",
                        "4.2.weight",
                        "4.2.bias",
                        "7.weight",
                        "7.bias");
        assertThat(built.layers().stream().map(BuiltModel.Row::kind).toList())
                .containsExactly(
                        "conv2d",
                        "batchnorm",
                        "relu",
                        "maxpool",
                        "residual",
                        "conv2d",
                        "relu",
                        "conv2d",
                        "flatten",
                        "dropout",
                        "dense");
    }

    @Test
    void sequenceLayersInferTheirFeatures() {
        BuiltModel built = ModelBuilder.build(
                "seq(embedding(50, 8), lstm_layer(16), self_attention," + " per_step(layernorm), last_step, dense(3))");
        // layernorm normalizes all features of an example, so on a sequence it goes inside per_step
        assertThatThrownBy(() -> ModelBuilder.build("seq(embedding(50, 8), layernorm)"))
                .hasMessageContaining("layernorm at 1 cannot infer its size from [?, 8]");
        assertThat(built.layers().stream().map(BuiltModel.Row::outputShape).toList())
                .containsExactly(
                        List.of(BuiltModel.UNKNOWN, 8),
                        List.of(BuiltModel.UNKNOWN, 16),
                        List.of(BuiltModel.UNKNOWN, 16),
                        List.of(BuiltModel.UNKNOWN, 16),
                        List.of(16),
                        List.of(3));
        assertThat(built.model().parameters().stream().map(Parameter::path).toList())
                .contains("3.weight", "3.bias");
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> ModelLanguage.parse("seq(dense(4,4), rleu)"))
                .hasMessageContaining("unknown layer 'rleu'")
                .hasMessageContaining("did you mean 'relu'");
        assertThatThrownBy(() -> ModelLanguage.parse("dence(4,4)")).hasMessageContaining("did you mean 'dense'");
        assertThatThrownBy(() -> ModelLanguage.parse("conv2d(stride=2)"))
                .hasMessageContaining("conv2d: missing argument 'out'")
                .hasMessageContaining("expected conv2d([IN,] OUT, KERNEL");
        assertThatThrownBy(() -> ModelLanguage.parse("dense(4, out=3, out=2)")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> ModelLanguage.parse("dense(1, 2, 3)"))
                .hasMessageContaining("dense takes 2 argument(s)");
        assertThatThrownBy(() -> ModelLanguage.parse("dropout(1.5)"))
                .hasMessageContaining("p must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> ModelLanguage.parse("seq(dense(4,4), relu")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> ModelLanguage.parse("mlp(784,256,10)"))
                .hasMessageContaining("hidden must be a list")
                .hasMessageContaining("expected mlp(IN,[H1,H2,...],OUT");
        assertThatThrownBy(() -> ModelLanguage.parse("residual(seq(dense(4, 4), relu), scale=maybe)"))
                .hasMessageContaining("scale must be true or false, got 'maybe'");
    }

    @Test
    void wrongShapesAreExplainedInTheLanguage() {
        assertThatThrownBy(() -> ModelBuilder.build(
                        "seq(conv2d(16,3,pad=1), maxpool(2), maxpool(2), dense(10), input=[1,28,28])"))
                .hasMessage("dense at 3 expects a flat input [features], got [16, 7, 7]; add flatten before it");
        assertThatThrownBy(() -> ModelBuilder.build("seq(relu, dense(10))"))
                .hasMessageContaining(
                        "dense at 1 cannot infer its input size from an unknown input; write dense(IN, OUT)");
        assertThatThrownBy(() -> ModelBuilder.build("seq(dense(3, 5), dense(4, 2))"))
                .hasMessage("dense at 1 is written for input size 4 but receives [5]");
        assertThatThrownBy(() -> ModelBuilder.build("seq(flatten, residual(dense(8)), input=[4])"))
                .hasMessageContaining("residual at 1: the branch changes the shape [4] to [8]");
        assertThatThrownBy(() -> ModelBuilder.build("seq(conv2d(4, 5), input=[1, 3, 3])"))
                .hasMessageContaining("conv2d at 0: the window 5 is larger than the input [1, 3, 3]");
        assertThatThrownBy(() -> ModelBuilder.build("seq(seq(dense(2, 2), input=[2]))"))
                .hasMessageContaining("belongs on the outermost seq only");
    }

    @Test
    void nestedBlocksArePathsInsidePaths() {
        Sequential net = ModelBuilder.build("seq(dense(4, 8), residual(seq(dense(8, 8), relu, residual(dense(8, 8),"
                        + " scale=true))), seq(dense(8, 2)))")
                .model();
        assertThat(net.parameters().stream().map(Parameter::path).toList())
                .containsExactly(
                        "0.weight",
                        "0.bias",
                        "1.0.weight",
                        "1.0.bias",
                        "1.2.0.weight",
                        "1.2.0.bias",
                        "1.2.alpha",
                        "2.0.weight",
                        "2.0.bias");
        InitPlan.defaults().apply(net, 5);
        assertThat(InitPlan.defaults().assign(net)).hasSize(net.parameters().size());
    }

    @Test
    void twoParametersCannotShareAPath() {
        assertThatThrownBy(() -> new Sequential(List.of(new Dense("0", 2, 2), new Dense("0", 2, 2))))
                .hasMessageContaining("two parameters share the path '0.weight'");
    }

    @Test
    void singleLayerIsAOneLayerModel() {
        BuiltModel built = ModelBuilder.build("dense(3, 2)");
        assertThat(built.spec()).isEqualTo(new LayerSpec.Dense(3, 2));
        assertThat(built.model().parameters().get(0).path()).isEqualTo("0.weight");
        assertThat(ModelLanguage.parse("seq(dense(3, 2))"))
                .isEqualTo(new Seq(List.of(new LayerSpec.Dense(3, 2)), List.of()));
    }
}
