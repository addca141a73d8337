package org.initlab.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Layer;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.Transformer;
import org.junit.jupiter.api.Test;

/**
 * The rows every summary is made of: their output shapes are what a forward pass produces (one
 * example of two, walked layer by layer, nested blocks included), their kinds are the language's.
 */
class LayerRowsTest {
    private static final List<String> SPECS = List.of(
            "seq(conv2d(1,4,3,pad=1), batchnorm, leaky_relu(0.1), maxpool(2), conv2d(8,3,stride=2,groups=2),"
                    + " avgpool(2, stride=1), flatten, dropout(0.5), dense(3), input=[1,13,11])",
            "cnn(3,10,9,4)",
            "resmlp(4,8,2,2,scale=true)",
            "seq(dense(6), relu, residual(seq(dense(6,6), tanh, residual(dense(6,6), scale=true))), seq(dense(2)), input=[5])",
            "seq(lstm_layer(6), self_attention, per_step(dense(3)), gru_layer(4), last_step, dense(2), input=[7,5])",
            "seq(embedding(10,4), layernorm, rnn_layer(8), last_step, dense(2), input=[6])");

    @Test
    void outputShapesAreWhatTheForwardPassProduces() {
        for (String spec : SPECS) {
            BuiltModel built = ModelBuilder.build(spec);
            int[] input = built.input().stream().mapToInt(Integer::intValue).toArray();
            int[] batch = new int[input.length + 1];
            batch[0] = 2;
            System.arraycopy(input, 0, batch, 1, input.length);
            List<BuiltModel.Row> rows = built.layers();
            int[] cursor = {0};
            walk(built.model(), Tensor.zeros(batch), rows, cursor, spec);
            assertThat(cursor[0]).as(spec).isEqualTo(rows.size());
        }
    }

    /** Forwards {@code x} through {@code net}'s layers, checking each row in order; returns the output. */
    private static Tensor walk(Sequential net, Tensor x, List<BuiltModel.Row> rows, int[] cursor, String spec) {
        Tensor t = x;
        for (Layer layer : net.layers()) {
            BuiltModel.Row row = rows.get(cursor[0]++);
            if (layer instanceof Residual r) {
                walk(r.branch(), t, rows, cursor, spec);
            } else if (layer instanceof Sequential s) {
                walk(s, t, rows, cursor, spec);
            }
            t = layer.forward(t, false);
            int[] example = Arrays.copyOfRange(t.shape(), 1, t.shape().length);
            assertThat(row.outputShape())
                    .as(spec + " at " + row.path() + " (" + row.kind() + ")")
                    .isEqualTo(Arrays.stream(example).boxed().toList());
        }
        return t;
    }

    @Test
    void withoutAnInputShapeTheDataDecidesTheSizesLeft() {
        BuiltModel lstm = ModelBuilder.build("lstm(3,8,2,steps=all)");
        assertThat(lstm.layers().stream().map(BuiltModel.Row::outputShape).toList())
                .containsExactly(List.of(BuiltModel.UNKNOWN, 8), List.of(BuiltModel.UNKNOWN, 2));
        assertThat(lstm.layers().get(1).kind()).isEqualTo("per_step(dense)");
        BuiltModel conv = ModelBuilder.build("seq(conv2d(1,4,3), relu, flatten, dense(4,2))");
        assertThat(conv.layers().get(0).outputShape()).containsExactly(4, BuiltModel.UNKNOWN, BuiltModel.UNKNOWN);
        assertThat(conv.layers().get(2).outputShape()).containsExactly(BuiltModel.UNKNOWN);
        assertThat(conv.layers().get(3).outputShape()).containsExactly(2);
    }

    @Test
    void activationsNameTheirParameterWhenItIsNotTheDefault() {
        assertThat(LayerRows.kind(new ActivationLayer(org.initlab.core.gain.Activation.LEAKY_RELU, 0.1)))
                .isEqualTo("leaky_relu(negative_slope=0.1)");
        assertThat(LayerRows.kind(new ActivationLayer(org.initlab.core.gain.Activation.LEAKY_RELU, Double.NaN)))
                .isEqualTo("leaky_relu");
        assertThat(LayerRows.kind(new ActivationLayer(org.initlab.core.gain.Activation.ELU, 0.5)))
                .isEqualTo("elu(alpha=0.5)");
        assertThat(ModelBuilder.build("seq(dense(2,2), leaky_relu(0.2), elu, dense(1))").layers().stream()
                        .map(BuiltModel.Row::kind)
                        .toList())
                .containsExactly("dense", "leaky_relu(negative_slope=0.2)", "elu", "dense");
    }

    @Test
    void aNetworkBuiltOutsideTheLanguageGetsTheSameRows() {
        Sequential gpt = new Transformer(11, 8, 2, 1, 6, true, true).build();
        List<BuiltModel.Row> rows = LayerRows.of(gpt, new int[] {5});
        assertThat(rows.stream().map(r -> r.path() + " " + r.kind()).toList())
                .containsExactly(
                        "0 embedding",
                        "1 position_embedding",
                        "2 residual",
                        "2.0 per_step(layernorm)",
                        "2.1 multi_head_attention",
                        "3 residual",
                        "3.0 per_step(layernorm)",
                        "3.1 per_step(dense)",
                        "3.2 gelu",
                        "3.3 per_step(dense)",
                        "4 per_step(layernorm)",
                        "5 per_step(dense)");
        assertThat(rows.get(7).outputShape()).containsExactly(5, 32);
        assertThat(rows.get(11).outputShape()).containsExactly(5, 11);
        assertThat(rows.get(7).parameters().get(0).path()).isEqualTo("h0.mlp.c_fc.weight");
        assertThat(rows.stream()
                        .mapToLong(r -> r.parameters().stream()
                                .mapToLong(p -> p.shape().size())
                                .sum())
                        .sum())
                .isEqualTo(gpt.parameters().stream()
                        .mapToLong(p -> p.shape().size())
                        .sum());
    }
}
