package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolLayerTest {

    /**
     * A shuffled input whose values are 0.1 apart, so no window holds two values within the
     * finite-difference step and the maximum never changes hands during the check.
     */
    private static Tensor distinctInput(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = 0.1f * (order.get(i) - t.size() / 2);
        }
        return t;
    }

    @ParameterizedTest(name = "k {0}, stride {1}")
    @CsvSource({"2,2", "3,1", "3,2", "2,1"})
    void maxPoolBackwardMatchesFiniteDifferences(int k, int stride) {
        GradientCheck.check(new MaxPool2D(k, stride), distinctInput(41, 2, 3, 5, 5), 42);
    }

    @ParameterizedTest(name = "k {0}, stride {1}")
    @CsvSource({"2,2", "3,1", "3,2", "2,1"})
    void avgPoolBackwardMatchesFiniteDifferences(int k, int stride) {
        GradientCheck.check(new AvgPool2D(k, stride), GradientCheck.randomInput(43, 2, 3, 5, 5), 44);
    }

    @Test
    void maxPoolForwardTakesEachWindowsMaximum() {
        // 4x4 plane 0..15 row-major, k 2, s 2: maxima at the bottom-right of each window
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i;
        }
        Tensor y = new MaxPool2D(2, 2).forward(new Tensor(v, 1, 1, 4, 4), false);
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.data()).containsExactly(5f, 7f, 13f, 15f);
    }

    @Test
    void avgPoolForwardTakesEachWindowsMean() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i;
        }
        Tensor y = new AvgPool2D(2, 2).forward(new Tensor(v, 1, 1, 4, 4), false);
        // (0+1+4+5)/4, (2+3+6+7)/4, (8+9+12+13)/4, (10+11+14+15)/4
        assertThat(y.data()).containsExactly(2.5f, 4.5f, 10.5f, 12.5f);
    }

    @Test
    void maxPoolTiesSendTheGradientToTheFirstMaximum() {
        MaxPool2D pool = new MaxPool2D(2, 2);
        // window 1: all equal; window 2: tie between positions (0,1) and (1,0) of the window
        Tensor x = new Tensor(new float[] {1, 1, 0, 3, 1, 1, 3, 2}, 1, 1, 2, 4);
        Tensor y = pool.forward(x, true);
        assertThat(y.data()).containsExactly(1f, 3f);
        Tensor dx = pool.backward(new Tensor(new float[] {10, 20}, 1, 1, 1, 2));
        assertThat(dx.data()).containsExactly(10, 0, 0, 20, 0, 0, 0, 0);
    }

    @Test
    void overlappingMaxWindowsAccumulateOnASharedMaximum() {
        MaxPool2D pool = new MaxPool2D(2, 1);
        Tensor x = new Tensor(new float[] {0, 0, 0, 0, 9, 0, 0, 0, 0}, 1, 1, 3, 3);
        pool.forward(x, true);
        Tensor dx = pool.backward(new Tensor(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertThat(dx.data()).containsExactly(0, 0, 0, 0, 10, 0, 0, 0, 0);
    }

    @Test
    void maxPoolPropagatesNaN() {
        Tensor x = new Tensor(new float[] {1, Float.NaN, 5, 2}, 1, 1, 2, 2);
        assertThat(new MaxPool2D(2, 2).forward(x, false).data()[0]).isNaN();
    }

    @Test
    void avgPoolSpreadsTheGradientEvenlyAndSkipsUncoveredElements() {
        AvgPool2D pool = new AvgPool2D(2, 2);
        pool.forward(Tensor.zeros(1, 1, 3, 3), true); // last row and column are in no window
        Tensor dx = pool.backward(new Tensor(new float[] {8}, 1, 1, 1, 1));
        assertThat(dx.data()).containsExactly(2, 2, 0, 2, 2, 0, 0, 0, 0);
    }

    @ParameterizedTest(name = "k {0}, stride {1} -> {2}x{3}")
    @CsvSource({"2,2,2,2", "3,1,3,3", "3,2,2,2", "5,1,1,1", "2,1,4,4"})
    void outputShapesFollowTheWindowLaw(int k, int stride, int h, int w) {
        Tensor x = Tensor.zeros(2, 3, 5, 5);
        assertThat(new MaxPool2D(k, stride).forward(x, false).shape()).containsExactly(2, 3, h, w);
        assertThat(new AvgPool2D(k, stride).forward(x, false).shape()).containsExactly(2, 3, h, w);
    }

    @Test
    void badShapesAreRejectedWithTheValues() {
        assertThatThrownBy(() -> new MaxPool2D(0, 1))
                .hasMessageContaining("max_pool2d")
                .hasMessageContaining("kernel 0x0");
        assertThatThrownBy(() -> new AvgPool2D(2, 0))
                .hasMessageContaining("avg_pool2d")
                .hasMessageContaining("stride 0");
        assertThatThrownBy(() -> new MaxPool2D(2, 2).forward(Tensor.zeros(2, 12), false))
                .hasMessageContaining("NCHW")
                .hasMessageContaining("[2, 12]");
        assertThatThrownBy(() -> new AvgPool2D(3, 1).forward(Tensor.zeros(1, 1, 2, 4), false))
                .hasMessageContaining("input 2x4")
                .hasMessageContaining("smaller than the kernel 3x3");
        MaxPool2D pool = new MaxPool2D(2, 2);
        pool.forward(Tensor.zeros(1, 1, 4, 4), true);
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 3, 3))).hasMessageContaining("[1, 1, 2, 2]");
    }
}
