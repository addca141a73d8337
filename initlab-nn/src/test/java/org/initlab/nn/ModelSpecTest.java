package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.initlab.core.init.HeNormal;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void transformerSpecBuildsTheGptStyleModel() {
        Sequential pre = ModelSpec.parse("transformer(50,16,2,3,8)");
        assertThat(pre.parameters()).extracting(Parameter::path).contains("h2.attn.o.weight", "ln_f.weight");
        Sequential post = ModelSpec.parse("transformer(50,16,2,3,8,norm=post,causal=false)");
        assertThat(post.parameters()).extracting(Parameter::path).doesNotContain("ln_f.weight");
        assertThat(post.layers().stream().filter(l -> l instanceof Residual).count())
                .isEqualTo(6);
    }

    @Test
    void atWidthSetsEveryHiddenWidthAndKeepsInputsAndOutputs() {
        assertThat(ModelSpec.atWidth("mlp(784,[256,128],10,act=tanh)", 32))
                .isEqualTo("mlp(784, [32, 32], 10, act=tanh)");
        assertThat(ModelSpec.atWidth("resmlp(8,128,3,2,scale=true)", 16)).isEqualTo("resmlp(8, 16, 3, 2, scale=true)");
        assertThat(ModelSpec.atWidth("lstm(4,64,3, steps=all)", 8)).isEqualTo("lstm(4, 8, 3, steps=all)");
        assertThat(ModelSpec.atWidth("transformer(50,64,4,2,16,norm=post)", 16))
                .isEqualTo("transformer(50, 16, 4, 2, 16, norm=post)");
        assertThat(ModelSpec.atWidth("transformer(vocab=50, dim=64, heads=4, layers=2, steps=16, causal=false)", 8))
                .isEqualTo("transformer(50, 8, 4, 2, 16, causal=false)");
        assertThatThrownBy(() -> ModelSpec.atWidth("cnn(1,28,28,10)", 8)).hasMessageContaining("no width parameter");
        assertThatThrownBy(() -> ModelSpec.atWidth("seq(dense(2,4), relu, dense(1))", 8))
                .hasMessageContaining("no width parameter");
        assertThatThrownBy(() -> ModelSpec.atWidth("mlp(1,[2],3)", 0))
                .hasMessageContaining("width must be >= 1, got 0");
        assertThatThrownBy(() -> ModelSpec.atWidth("transformer(50,64,4,2,16)", 6))
                .hasMessageContaining("heads dividing dim");
        assertThatThrownBy(() -> ModelSpec.atWidth("mlpp(1,[2],3)", 4)).hasMessageContaining("did you mean 'mlp'");
    }

    @Test
    void transformerIsAConstructOfTheModelLanguage() {
        org.initlab.nn.model.LayerSpec t =
                org.initlab.nn.model.ModelLanguage.parse("transformer(50, 16, 2, 3, 8, norm=post)");
        assertThat(t)
                .isEqualTo(new org.initlab.nn.model.LayerSpec.Transformer(
                        50, 16, 2, 3, 8, org.initlab.nn.model.LayerSpec.Norm.POST, true));
        assertThat(org.initlab.nn.model.ModelLanguage.format(t)).isEqualTo("transformer(50, 16, 2, 3, 8, norm=post)");
        Sequential built = ModelSpec.parse("transformer(50,16,2,3,8,norm=post)");
        Sequential direct = new Transformer(50, 16, 2, 3, 8, false, true).build();
        assertThat(built.parameters())
                .extracting(Parameter::path)
                .containsExactlyElementsOf(
                        direct.parameters().stream().map(Parameter::path).toList());
        var rows = org.initlab.nn.model.ModelBuilder.build("transformer(50,16,2,1,8)")
                .layers();
        assertThat(rows.get(0).kind()).isEqualTo("embedding");
        assertThat(rows.get(rows.size() - 1).outputShape())
                .containsExactly(org.initlab.nn.model.BuiltModel.UNKNOWN, 50);
        assertThatThrownBy(() -> ModelSpec.parse("seq(transformer(50,16,2,1,8), dense(3))"))
                .hasMessageContaining("transformer at 0 is a whole model");
        assertThatThrownBy(() -> ModelSpec.parse("transformer(50,16,3,1,8)"))
                .hasMessageContaining("heads dividing dim");
        assertThatThrownBy(() -> ModelSpec.parse("transformer(50,16,2,1,8,norm=middle)"))
                .hasMessageContaining("norm");
        assertThatThrownBy(() -> ModelSpec.parse("transformer(50,16,2,1)"))
                .hasMessageContaining("missing argument 'steps'");
    }

    @Test
    void cnnMapsImageBatchToLogitsWithIndexedNames() {
        Sequential net = ModelSpec.parse("cnn(1,28,28,10)");
        InitPlan.defaults().apply(net, 1);
        Tensor x = new Tensor(ramp(2 * 784), 2, 1, 28, 28);
        assertThat(net.forward(x, false).shape()).containsExactly(2, 10);
        List<String> names = net.parameters().stream().map(Parameter::path).toList();
        assertThat(names)
                .containsExactly(
                        "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias");
        assertThat(net.parameters().stream().mapToLong(p -> p.shape().size()).sum())
                .isEqualTo(52_138);
    }

    @Test
    void cnnTrainsOneStepOnOddSizedColourImages() {
        Sequential net = ModelSpec.parse("cnn(3, 10, 9, 4)");
        InitPlan.defaults().apply(net, 2);
        Dataset batch = new Dataset("t", new Tensor(ramp(2 * 3 * 10 * 9), 2, 3, 10, 9), new int[] {0, 3}, 4);
        // 10×9 → pool 5×4 → pool 2×2: the first dense layer takes 16·2·2 = 64 inputs
        assertThat(net.parameters().get(4).shape().dims()).containsExactly(64, 64);
        double loss = new Trainer(net, new Sgd(0.01), List.of()).trainStep(batch);
        assertThat(loss).isFinite();
    }

    @Test
    void sizesThatOverflowAreRefusedNamingTheSpec() {
        // 16·16384·16385 wraps around int to a wrong, positive fan-in; it must be refused instead
        assertThatThrownBy(() -> ModelSpec.parse("cnn(1,65536,65540,10)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4295229440 inputs, more than 2147483647, the most a layer width can be");
        for (String spec : new String[] {
            "mlp(2,[99999999999],2)",
            "mlp(99999999999,[4],2)",
            "rnn(2,99999999999,2)",
            "resmlp(2,4,99999999999,2)",
            "cnn(1,28,28,99999999999)"
        }) {
            assertThatThrownBy(() -> ModelSpec.parse(spec))
                    .as(spec)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("99999999999")
                    .hasMessageContaining("2147483647");
        }
    }

    @Test
    void cnnRejectsImagesTooSmallToPoolTwice() {
        assertThatThrownBy(() -> ModelSpec.parse("cnn(1,3,28,10)"))
                .hasMessageContaining("H, W >= 4")
                .hasMessageContaining("H=3");
    }

    @Test
    void mlpTakesImageBatchesAsTheirFeatures() {
        Sequential net = ModelSpec.parse("mlp(784,[32],10)");
        InitPlan.allWeights(new HeNormal()).apply(net, 3);
        float[] pixels = ramp(3 * 784);
        Tensor images = new Tensor(pixels, 3, 1, 28, 28);
        Tensor flat = new Tensor(pixels, 3, 784);
        Tensor a = net.forward(images, false);
        assertThat(a.shape()).containsExactly(3, 10);
        assertThat(a.data()).containsExactly(net.forward(flat, false).data());
        Dataset d = new Dataset("t", images, new int[] {1, 2, 3}, 10);
        assertThat(d.rows(new int[] {2, 0, 1}, 0, 2).features().shape()).containsExactly(2, 1, 28, 28);
        assertThat(new Trainer(net, new Sgd(0.01), List.of()).trainStep(d)).isFinite();
    }

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i % 97) / 97f;
        }
        return x;
    }

    @Test
    void recurrentSpecsEndWithTheLastStepAndADenseHead() {
        for (String spec : new String[] {"rnn(3,8,2)", "lstm(3,8,2)"}) {
            Sequential net = ModelSpec.parse(spec);
            InitPlan.defaults().apply(net, 1);
            Tensor y = net.forward(GradientCheck.randomInput(2, 4, 5, 3), false);
            org.assertj.core.api.Assertions.assertThat(y.shape()).containsExactly(4, 2);
            org.assertj.core.api.Assertions.assertThat(
                            net.parameters().stream().map(Parameter::path).toList())
                    .contains("0.weight_hh", "2.weight");
        }
    }
}
