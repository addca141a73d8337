package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.initlab.core.gain.Activation;
import org.initlab.core.shape.Fans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvLayerTest {

    /** Fills weight and bias with N(0, 0.3²) draws so that no gradient is trivially zero. */
    private static Conv2D randomConv(int in, int out, int k, int stride, int padding, int groups, long seed) {
        Conv2D conv = new Conv2D("0", in, out, k, stride, padding, groups);
        Random r = new Random(seed);
        for (Parameter p : conv.parameters()) {
            for (int i = 0; i < p.value().length; i++) {
                p.value()[i] = (float) (0.3 * r.nextGaussian());
            }
        }
        return conv;
    }

    @ParameterizedTest(name = "stride {0}, padding {1}, groups {2}")
    @CsvSource({"1,0,1", "1,1,1", "2,0,1", "2,1,1", "1,0,2", "1,1,2", "2,0,2", "2,1,2", "1,2,1", "1,2,2", "1,3,1"})
    void backwardMatchesFiniteDifferences(int stride, int padding, int groups) {
        // stride 1 with padding <= 2 takes the transposed-convolution input gradient, the others col2im
        Conv2D conv = randomConv(4, 6, 3, stride, padding, groups, 21);
        GradientCheck.check(conv, GradientCheck.randomInput(22, 2, 4, 5, 5), 23);
    }

    @ParameterizedTest(name = "kernel {0}, padding {1}")
    @CsvSource({"1,0", "5,2", "5,4", "4,1"})
    void otherKernelSizesBackwardMatchFiniteDifferences(int kernel, int padding) {
        Conv2D conv = randomConv(3, 2, kernel, 1, padding, 1, 29);
        GradientCheck.check(conv, GradientCheck.randomInput(30, 2, 3, 6, 7), 31);
    }

    @Test
    void rectangularKernelBackwardMatchesFiniteDifferences() {
        Conv2D conv = new Conv2D("0", 2, 3, 2, 3, 1, 1, 1);
        Random r = new Random(24);
        for (Parameter p : conv.parameters()) {
            for (int i = 0; i < p.value().length; i++) {
                p.value()[i] = (float) (0.3 * r.nextGaussian());
            }
        }
        GradientCheck.check(conv, GradientCheck.randomInput(25, 2, 2, 4, 5), 26);
    }

    @Test
    void aBatchSplitIntoSeveralProductsGivesWhatEachExampleGivesAlone() {
        // 1 channel, 3x3 on 64x64 with padding 1: 9·4096 patch values per example, so one product
        // takes 7 examples and a batch of 30 runs as 4·7 + 2 (the input gradient's patches of the
        // 3-channel output gradient, 27·4096 per example: 2 per product, 15 products)
        int batch = 30;
        assertThat(Conv2D.examplesPerProduct(batch, 9, 64 * 64)).isEqualTo(7);
        assertThat(Conv2D.examplesPerProduct(batch, 27, 64 * 64)).isEqualTo(2);
        Conv2D whole = randomConv(1, 3, 3, 1, 1, 1, 51);
        Conv2D single = randomConv(1, 3, 3, 1, 1, 1, 51);
        Tensor x = GradientCheck.randomInput(52, batch, 1, 64, 64);
        Tensor g = GradientCheck.randomInput(53, batch, 3, 64, 64);
        Tensor y = whole.forward(x, true);
        Tensor dx = whole.backward(g);
        int in = 64 * 64;
        int out = 3 * 64 * 64;
        for (int n = 0; n < batch; n++) {
            Tensor xn = new Tensor(java.util.Arrays.copyOfRange(x.data(), n * in, (n + 1) * in), 1, 1, 64, 64);
            Tensor yn = single.forward(xn, true);
            Tensor dxn = single.backward(
                    new Tensor(java.util.Arrays.copyOfRange(g.data(), n * out, (n + 1) * out), 1, 3, 64, 64));
            for (int i = 0; i < out; i++) {
                assertThat(y.data()[n * out + i])
                        .as("y n=%d i=%d", n, i)
                        .isCloseTo(yn.data()[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            for (int i = 0; i < in; i++) {
                assertThat(dx.data()[n * in + i])
                        .as("dx n=%d i=%d", n, i)
                        .isCloseTo(dxn.data()[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        // the single layer accumulated every example's gradient, one at a time
        for (int p = 0; p < 2; p++) {
            float[] a = whole.parameters().get(p).grad();
            float[] b = single.parameters().get(p).grad();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i])
                        .as("%s[%d]", whole.parameters().get(p).path(), i)
                        .isCloseTo(b[i], org.assertj.core.data.Offset.offset(2e-5f * Math.max(1f, Math.abs(b[i]))));
            }
        }
    }

    @Test
    void forwardMatchesAHandComputedCrossCorrelation() {
        // x = [[1,2,3],[4,5,6],[7,8,9]], W = [[1,2],[3,4]], b = 0.5
        Conv2D conv = new Conv2D("0", 1, 1, 2, 1, 0, 1);
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, conv.weight().value(), 0, 4);
        conv.bias().value()[0] = 0.5f;
        Tensor x = new Tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor y = conv.forward(x, false);
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        // 1·1+2·2+4·3+5·4 = 37, 2+6+15+24 = 47, 4+10+21+32 = 67, 5+12+24+36 = 77
        assertThat(y.data()).containsExactly(37.5f, 47.5f, 67.5f, 77.5f);
    }

    @Test
    void paddingReadsZerosAndStrideSkipsPositions() {
        // same x and W, padding 1, stride 2: windows start at (-1,-1), (-1,1), (1,-1), (1,1)
        Conv2D conv = new Conv2D("0", 1, 1, 2, 2, 1, 1);
        System.arraycopy(new float[] {1, 2, 3, 4}, 0, conv.weight().value(), 0, 4);
        Tensor y = conv.forward(new Tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3), false);
        // 1·4 = 4; 2·3+3·4 = 18; 4·2+7·4 = 36; 5+12+24+36 = 77
        assertThat(y.data()).containsExactly(4f, 18f, 36f, 77f);
    }

    @Test
    void groupsActAsSeparateConvolutionsOnChannelSlices() {
        Conv2D grouped = randomConv(4, 6, 3, 1, 1, 2, 27);
        Tensor x = GradientCheck.randomInput(28, 2, 4, 5, 5);
        Tensor y = grouped.forward(x, false);
        int plane = 25;
        for (int q = 0; q < 2; q++) {
            Conv2D single = new Conv2D("s", 2, 3, 3, 1, 1, 1);
            System.arraycopy(
                    grouped.weight().value(), q * 3 * 18, single.weight().value(), 0, 3 * 18);
            System.arraycopy(grouped.bias().value(), q * 3, single.bias().value(), 0, 3);
            Tensor slice = Tensor.zeros(2, 2, 5, 5);
            for (int n = 0; n < 2; n++) {
                System.arraycopy(x.data(), (n * 4 + q * 2) * plane, slice.data(), n * 2 * plane, 2 * plane);
            }
            Tensor ys = single.forward(slice, false);
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < 3 * plane; i++) {
                    assertThat(y.data()[(n * 6 + q * 3) * plane + i])
                            .as("n=%d group=%d i=%d", n, q, i)
                            .isCloseTo(ys.data()[n * 3 * plane + i], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @ParameterizedTest(name = "k {0}, stride {1}, padding {2} -> {3}x{4}")
    @CsvSource({"3,1,0,3,3", "3,1,1,5,5", "3,2,0,2,2", "3,2,1,3,3", "5,1,0,1,1", "2,2,0,2,2", "1,3,0,2,2"})
    void outputSizeIsFloorOfPaddedSpanOverStridePlusOne(int k, int stride, int padding, int h, int w) {
        Conv2D conv = new Conv2D("0", 4, 6, k, stride, padding, 1);
        assertThat(conv.forward(Tensor.zeros(2, 4, 5, 5), false).shape()).containsExactly(2, 6, h, w);
    }

    @Test
    void groupedWeightCarriesGroupedFansAndTheBiasSharesThem() {
        Conv2D conv = new Conv2D("0", 4, 6, 3, 1, 0, 2);
        assertThat(conv.weight().shape().dims()).containsExactly(6, 2, 3, 3);
        Fans w = conv.weight().target(5).fans();
        assertThat(w.fanIn()).isEqualTo(18); // (C_in/g)·k² = 2·9
        assertThat(w.fanOut()).isEqualTo(27); // (C_out/g)·k² = 3·9
        assertThat(w.receptiveField()).isEqualTo(9);
        assertThat(conv.bias().target(5).fans()).isEqualTo(w);
    }

    @Test
    void defaultPlanInitializesAConvNetAndTheChainBackpropagates() {
        Sequential net = new Sequential(List.of(
                new Conv2D("0", 2, 4, 3, 1, 1, 2),
                new ActivationLayer(Activation.TANH, Double.NaN),
                new AvgPool2D(2, 2),
                new Flatten(),
                new Dense("4", 4 * 2 * 2, 3)));
        InitPlan.defaults().apply(net, 29);
        Conv2D conv = (Conv2D) net.layers().get(0);
        assertThat(conv.weight().value()).isNotEqualTo(new float[conv.weight().value().length]);
        assertThat(conv.bias().value()).containsOnly(0f);
        GradientCheck.check(net, GradientCheck.randomInput(30, 2, 2, 4, 4), 31);
    }

    @Test
    void badConfigurationsAreRejectedWithTheValues() {
        assertThatThrownBy(() -> new Conv2D("0", 4, 6, 3, 1, 0, 4))
                .hasMessageContaining("groups=4")
                .hasMessageContaining("input channels 4")
                .hasMessageContaining("output channels 6");
        assertThatThrownBy(() -> new Conv2D("0", 4, 6, 3, 0, 0, 1)).hasMessageContaining("stride 0");
        assertThatThrownBy(() -> new Conv2D("0", 4, 6, 0, 1, 0, 1)).hasMessageContaining("kernel 0x0");
        assertThatThrownBy(() -> new Conv2D("0", 4, 6, 3, 1, -1, 1)).hasMessageContaining("padding -1");
        assertThatThrownBy(() -> new Conv2D("0", 0, 6, 3, 1, 0, 1)).hasMessageContaining("in 0");
    }

    @Test
    void badInputsAreRejectedWithTheShape() {
        Conv2D conv = new Conv2D("0", 4, 6, 3, 1, 0, 1);
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(2, 4, 25), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NCHW")
                .hasMessageContaining("[2, 4, 25]");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(2, 3, 5, 5), false))
                .hasMessageContaining("expects 4 input channels, got 3");
        assertThatThrownBy(() -> conv.forward(Tensor.zeros(2, 4, 2, 5), false))
                .hasMessageContaining("input 2x5")
                .hasMessageContaining("smaller than the kernel 3x3");
        conv.forward(Tensor.zeros(2, 4, 5, 5), true);
        assertThatThrownBy(() -> conv.backward(Tensor.zeros(2, 6, 2, 2)))
                .hasMessageContaining("[2, 6, 2, 2]")
                .hasMessageContaining("[2, 6, 3, 3]");
    }
}
