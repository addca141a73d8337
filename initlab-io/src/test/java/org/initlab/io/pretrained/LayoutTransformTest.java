package org.initlab.io.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.junit.jupiter.api.Test;

class LayoutTransformTest {

    private static float[] counting(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void rankTwoKerasToPytorchIsTheTranspose() {
        int in = 3;
        int out = 5;
        float[] keras = counting(in * out); // keras[i][o] = i·out + o
        int[] order = LayoutTransform.axisOrder(2, Layout.KERAS, Layout.PYTORCH);
        assertThat(LayoutTransform.permuteShape(new int[] {in, out}, order)).containsExactly(out, in);
        float[] torch = LayoutTransform.permute(keras, new int[] {in, out}, order);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                assertThat(torch[o * in + i]).isEqualTo(keras[i * out + o]);
            }
        }
    }

    @Test
    void rankFourKerasConvKernelBecomesOutInKhKw() {
        int kh = 2;
        int kw = 3;
        int in = 4;
        int out = 5;
        float[] keras = counting(kh * kw * in * out);
        int[] order = LayoutTransform.axisOrder(4, Layout.KERAS, Layout.PYTORCH);
        assertThat(order).containsExactly(3, 2, 0, 1);
        assertThat(LayoutTransform.permuteShape(new int[] {kh, kw, in, out}, order))
                .containsExactly(out, in, kh, kw);
        float[] torch = LayoutTransform.permute(keras, new int[] {kh, kw, in, out}, order);
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int u = 0; u < kh; u++) {
                    for (int v = 0; v < kw; v++) {
                        assertThat(torch[((o * in + c) * kh + u) * kw + v])
                                .isEqualTo(keras[((u * kw + v) * in + c) * out + o]);
                    }
                }
            }
        }
    }

    @Test
    void rankThreeIsKInOutToOutInK() {
        assertThat(LayoutTransform.axisOrder(3, Layout.KERAS, Layout.PYTORCH)).containsExactly(2, 1, 0);
        assertThat(LayoutTransform.permuteShape(
                        new int[] {7, 4, 6}, LayoutTransform.axisOrder(3, Layout.KERAS, Layout.PYTORCH)))
                .containsExactly(6, 4, 7);
        assertThat(LayoutTransform.axisOrder(5, Layout.PYTORCH, Layout.KERAS)).containsExactly(2, 3, 4, 1, 0);
    }

    @Test
    void onlyKernelsOfRankTwoOrMoreAreRearrangedAndOnlyBetweenDifferentLayouts() {
        for (Role role : Role.values()) {
            boolean kernel = role == Role.WEIGHT || role == Role.RECURRENT;
            assertThat(LayoutTransform.applies(role, 2, Layout.KERAS, Layout.PYTORCH))
                    .as(role.name())
                    .isEqualTo(kernel);
            assertThat(LayoutTransform.applies(role, 4, Layout.KERAS, Layout.PYTORCH))
                    .as(role.name())
                    .isEqualTo(kernel);
            assertThat(LayoutTransform.applies(role, 1, Layout.KERAS, Layout.PYTORCH))
                    .as(role.name())
                    .isFalse();
            assertThat(LayoutTransform.applies(role, 2, Layout.PYTORCH, Layout.PYTORCH))
                    .as(role.name())
                    .isFalse();
        }
        assertThat(LayoutTransform.axisOrder(Role.EMBEDDING, 2, Layout.KERAS, Layout.PYTORCH))
                .containsExactly(0, 1);
        assertThat(LayoutTransform.axisOrder(Role.WEIGHT, 2, Layout.KERAS, Layout.PYTORCH))
                .containsExactly(1, 0);
        assertThat(LayoutTransform.axisOrder(1, Layout.KERAS, Layout.PYTORCH)).containsExactly(0);
    }

    @Property
    void kerasToPytorchAndBackIsTheIdentityAndMovesEveryElementOnce(
            @ForAll @Size(min = 0, max = 5) java.util.List<@IntRange(min = 1, max = 4) Integer> dims,
            @ForAll long seed) {
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] values = new float[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            values[i] = r.nextFloat();
        }
        int[] there = LayoutTransform.axisOrder(shape.length, Layout.KERAS, Layout.PYTORCH);
        int[] back = LayoutTransform.axisOrder(shape.length, Layout.PYTORCH, Layout.KERAS);
        float[] torch = LayoutTransform.permute(values, shape, there);
        int[] torchShape = LayoutTransform.permuteShape(shape, there);
        assertThat(LayoutTransform.permuteShape(torchShape, back)).containsExactly(shape);
        assertThat(LayoutTransform.permute(torch, torchShape, back)).containsExactly(values);
        float[] sortedIn = values.clone();
        float[] sortedOut = torch.clone();
        java.util.Arrays.sort(sortedIn);
        java.util.Arrays.sort(sortedOut);
        assertThat(sortedOut).containsExactly(sortedIn);
        assertThat(torch).isNotSameAs(values);
    }

    @Test
    void badOrdersAndSizesAreRefused() {
        assertThatThrownBy(() -> LayoutTransform.permute(new float[6], new int[] {2, 3}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> LayoutTransform.permute(new float[5], new int[] {2, 3}, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 6 elements, got 5 values");
    }
}
