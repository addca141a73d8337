package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PerStepTest {
    private static PerStep head(long seed) {
        PerStep layer = new PerStep(new Dense("1", 4, 3));
        InitPlan.defaults().apply(new Sequential(List.of(layer)), seed);
        return layer;
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        GradientCheck.check(head(1), GradientCheck.randomInput(2, 2, 3, 4), 3);
    }

    @Test
    void eachStepGoesThroughTheSameLayer() {
        PerStep layer = head(4);
        Tensor x = GradientCheck.randomInput(5, 2, 3, 4);
        Tensor y = layer.forward(x, false);
        assertThat(y.shape()).containsExactly(2, 3, 3);
        Dense dense = (Dense) layer.inner();
        for (int row = 0; row < 6; row++) {
            float[] step = java.util.Arrays.copyOfRange(x.data(), row * 4, row * 4 + 4);
            float[] alone = dense.forward(new Tensor(step, 1, 4), false).data();
            assertThat(java.util.Arrays.copyOfRange(y.data(), row * 3, row * 3 + 3))
                    .containsExactly(alone);
        }
        assertThat(layer.kind()).isEqualTo("dense");
        assertThat(layer.parameters()).extracting(Parameter::path).containsExactly("1.weight", "1.bias");
    }

    @Test
    void rejectsInputsThatAreNotSequences() {
        assertThatThrownBy(() -> head(6).forward(Tensor.zeros(2, 4), false)).hasMessageContaining("[batch, T, h]");
        assertThatThrownBy(() -> new PerStep(new Dense("1", 4, 3)).backward(Tensor.zeros(1, 1, 3)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void specWithStepsAllEndsInAPerStepHead() {
        Sequential net = ModelSpec.parse("lstm(5, 8, 4, steps=all)");
        assertThat(net.layers()).hasSize(2);
        assertThat(net.layers().get(1)).isInstanceOf(PerStep.class);
        InitPlan.defaults().apply(net, 7);
        assertThat(net.forward(Tensor.zeros(3, 6, 5), false).shape()).containsExactly(3, 6, 4);
        assertThat(ModelSpec.parse("rnn(5,8,4,steps=last)")
                        .forward(Tensor.zeros(3, 6, 5), false)
                        .shape())
                .containsExactly(3, 4);
    }
}
