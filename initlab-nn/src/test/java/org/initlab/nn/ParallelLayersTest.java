package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.initlab.core.gain.Activation;
import org.junit.jupiter.api.Test;

/**
 * The layers that split their loops across threads ({@link Parallel}) give the same bits as the
 * same layers run on one thread: a convolution, batch norm, ReLU and max pooling network, one
 * forward and backward on a batch large enough for every loop to be split, compared output by
 * output and gradient by gradient with {@link Float#floatToRawIntBits}.
 */
class ParallelLayersTest {

    private static Sequential net() {
        Sequential net = new Sequential(List.of(
                new Conv2D("0", 3, 16, 3, 1, 1, 1),
                new BatchNorm("1", 16, 1e-5),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new MaxPool2D(2, 2),
                new Conv2D("4", 16, 8, 3, 2, 0, 2),
                new BatchNorm("5", 8, 1e-5),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Flatten(),
                new Dense("8", 8 * 7 * 7, 5)));
        InitPlan.defaults().apply(net, 61);
        return net;
    }

    /** Every layer output, the input gradient and every parameter gradient, in order. */
    private static List<float[]> run(Sequential net, Tensor x, Tensor g) {
        List<float[]> out = new ArrayList<>();
        Tensor t = x;
        for (Layer l : net.layers()) {
            t = l.forward(t, true);
            out.add(t.data().clone());
        }
        out.add(net.backward(g).data().clone());
        for (Parameter p : net.parameters()) {
            out.add(p.grad().clone());
        }
        return out;
    }

    /** A transformer MLP branch: LayerNorm (rows and backward chunks split), dense to 4d, GELU (split), dense back. */
    private static Sequential geluNet() {
        Sequential net = new Sequential(List.of(
                new PerStep(new LayerNorm("0", 32, 1e-5)),
                new PerStep(new Dense("1", 32, 128)),
                new ActivationLayer(Activation.GELU, Double.NaN),
                new PerStep(new Dense("3", 128, 32))));
        InitPlan.defaults().apply(net, 64);
        return net;
    }

    private static void assertSameBits(List<float[]> parallel, List<float[]> single) {
        assertThat(parallel).hasSameSizeAs(single);
        for (int k = 0; k < single.size(); k++) {
            float[] a = parallel.get(k);
            float[] b = single.get(k);
            assertThat(a).as("array %d", k).hasSameSizeAs(b);
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    throw new AssertionError("array " + k + " differs at " + i + ": " + a[i] + " vs " + b[i]);
                }
            }
        }
    }

    @Test
    void geluSplitAcrossThreadsGivesTheBitsOfOneThread() {
        assertThat(Parallel.THREADS).isGreaterThan(1);
        // 512 rows of LayerNorm (16 chunks) and 65,536 GELU elements: above Parallel.MIN_WORK, so the loops are split
        Tensor x = GradientCheck.randomInput(65, 16, 32, 32);
        Tensor g = GradientCheck.randomInput(66, 16, 32, 32);
        assertSameBits(run(geluNet(), x, g), Parallel.sequential(() -> run(geluNet(), x, g)));
    }

    @Test
    void theThreadCountPropertyIsAWholeNumberOfAtLeastOne() {
        assertThat(Parallel.threads("3")).isEqualTo(3);
        assertThat(Parallel.threads(null)).isEqualTo(ForkJoinPool.getCommonPoolParallelism() + 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Parallel.threads("0"))
                .hasMessage("system property initlab.threads must be a whole number >= 1, got '0'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Parallel.threads("two"))
                .hasMessageContaining("got 'two'");
    }

    @Test
    void splitLoopsGiveTheBitsOfOneThread() {
        assertThat(Parallel.THREADS)
                .as("threads for the parallel run (-Dinitlab.threads)")
                .isGreaterThan(1);
        Tensor x = GradientCheck.randomInput(62, 16, 3, 32, 32);
        Tensor g = GradientCheck.randomInput(63, 16, 5);
        assertSameBits(run(net(), x, g), Parallel.sequential(() -> run(net(), x, g)));
    }
}
