package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Layers without a bias (PyTorch's {@code bias=False}, imported from ONNX files): the gradient
 * check, the parameter list, and the law {@code y = (layer with a zero bias)(x)}.
 */
class BiasFreeLayerTest {

    private static void fill(Layer layer, long seed) {
        Random r = new Random(seed);
        for (Parameter p : layer.parameters()) {
            for (int i = 0; i < p.value().length; i++) {
                p.value()[i] = (float) (0.3 * r.nextGaussian());
            }
        }
    }

    @Test
    void denseWithoutBiasHasOnlyItsWeightAndPassesTheGradientCheck() {
        Dense d = new Dense("fc", 5, 3, false);
        assertThat(d.parameters()).extracting(Parameter::path).containsExactly("fc.weight");
        assertThat(d.bias()).isNull();
        fill(d, 1);
        GradientCheck.check(d, GradientCheck.randomInput(2, 4, 5), 3);
    }

    @Test
    void convWithoutBiasHasOnlyItsWeightAndPassesTheGradientCheck() {
        Conv2D c = new Conv2D("conv1", 4, 6, 3, 3, 2, 1, 2, false);
        assertThat(c.parameters()).extracting(Parameter::path).containsExactly("conv1.weight");
        fill(c, 4);
        GradientCheck.check(c, GradientCheck.randomInput(5, 2, 4, 5, 5), 6);
    }

    @Test
    void biasFreeLayersComputeWhatAZeroBiasComputes() {
        Conv2D without = new Conv2D("a", 2, 3, 3, 3, 1, 1, 1, false);
        Conv2D with = new Conv2D("a", 2, 3, 3, 3, 1, 1, 1, true);
        fill(without, 7);
        System.arraycopy(
                without.weight().value(),
                0,
                with.weight().value(),
                0,
                with.weight().value().length);
        Tensor x = GradientCheck.randomInput(8, 2, 2, 4, 4);
        assertThat(without.forward(x, true).data())
                .containsExactly(with.forward(x, true).data());
        Dense dw = new Dense("d", 4, 2, false);
        Dense dz = new Dense("d", 4, 2);
        fill(dw, 9);
        System.arraycopy(dw.weight().value(), 0, dz.weight().value(), 0, 8);
        Tensor v = GradientCheck.randomInput(10, 3, 4);
        assertThat(dw.forward(v, true).data())
                .containsExactly(dz.forward(v, true).data());
    }

    @Test
    void globalAveragePoolPassesTheGradientCheckAndAveragesEachPlane() {
        GradientCheck.check(new GlobalAvgPool2D(), GradientCheck.randomInput(11, 2, 3, 4, 5), 12);
        float[] v = new float[2 * 3 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Tensor y = new GlobalAvgPool2D().forward(new Tensor(v, 1, 2, 2, 3), false);
        assertThat(y.shape()).containsExactly(1, 2, 1, 1);
        assertThat(y.data()).containsExactly(2.5f, 8.5f);
    }
}
