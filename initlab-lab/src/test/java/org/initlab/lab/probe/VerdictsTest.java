package org.initlab.lab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.initlab.core.init.Registry;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.lab.probe.Verdict.Kind;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/** The verdicts the issue names on known cases, each on 256 standard normal inputs, fixed seeds. */
class VerdictsTest {
    static Dataset gaussianBatch(int n, int width, int classes, long seed) {
        float[] x = new float[n * width];
        Samplers.normal(RandomStream.of(seed, "test/inputs"), 0, x.length, 0, 1, x, 0);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return new Dataset("gaussian", new Tensor(x, n, width), y, classes);
    }

    static String mlp(int depth, int width, String act) {
        return "mlp(" + width + ",[" + String.join(",", Collections.nCopies(depth - 1, Integer.toString(width)))
                + "],10,act=" + act + ")";
    }

    static Snapshot probe(String model, String init, long seed) {
        Sequential net = ModelSpec.parse(model);
        InitPlan.allWeights(Registry.parse(init)).apply(net, seed);
        return Probe.atInitialization(net, gaussianBatch(256, inputWidth(model), 10, seed));
    }

    private static int inputWidth(String model) {
        return Integer.parseInt(model.substring(4, model.indexOf(',')));
    }

    @Test
    void tenLayerTanhWithSmallGaussianWeightsVanishesAndWithGlorotIsHealthy() {
        Snapshot small = probe(mlp(10, 100, "tanh"), "normal(std=0.01)", 1);
        assertThat(small.network().kind()).as(small.network().reason()).isEqualTo(Kind.VANISHING);
        Snapshot glorot = probe(mlp(10, 100, "tanh"), "glorot_uniform", 1);
        assertThat(glorot.network().kind()).as(glorot.network().reason()).isEqualTo(Kind.HEALTHY);
    }

    @Test
    void thirtyLayerReluWithLecunVanishesAndWithHeIsHealthy() {
        Snapshot lecun = probe(mlp(30, 256, "relu"), "lecun_normal", 2);
        assertThat(lecun.network().kind()).as(lecun.network().reason()).isEqualTo(Kind.VANISHING);
        Snapshot he = probe(mlp(30, 256, "relu"), "he_normal", 2);
        assertThat(he.network().kind()).as(he.network().reason()).isEqualTo(Kind.HEALTHY);
        // the figure behind the verdict: He keeps the last hidden layer's rms within a factor 3 of the input's
        LayerStats lastHidden = he.layers().get(he.layers().size() - 2);
        assertThat(lastHidden.output().rms() / he.inputRms()).isBetween(1 / 3.0, 3.0);
    }

    @Test
    void zeroAndConstantInitAreSymmetric() {
        for (String init : List.of("zeros", "constant(value=0.05)")) {
            Snapshot s = probe(mlp(4, 32, "tanh"), init, 3);
            assertThat(s.network().kind())
                    .as(init + ": " + s.network().reason())
                    .isEqualTo(Kind.SYMMETRIC);
            assertThat(s.verdicts().get(0).kind()).isEqualTo(Kind.SYMMETRIC);
        }
    }

    @Test
    void largeGaussianWeightsExplodeReluAndSaturateTanh() {
        Snapshot relu = probe(mlp(10, 100, "relu"), "normal(std=1)", 4);
        assertThat(relu.network().kind()).as(relu.network().reason()).isEqualTo(Kind.EXPLODING);
        Snapshot tanh = probe(mlp(10, 100, "tanh"), "normal(std=1)", 4);
        assertThat(tanh.network().kind()).as(tanh.network().reason()).isIn(Kind.SATURATED, Kind.EXPLODING);
        LayerStats firstTanh = tanh.layers().get(1);
        assertThat(firstTanh.saturatedFraction()).isGreaterThan(0.5);
    }

    @Test
    void deadReluLayersAreFound() {
        // a large negative bias kills every unit of the first layer for the whole batch
        Sequential net = ModelSpec.parse(mlp(3, 64, "relu"));
        InitPlan.allWeights(Registry.parse("he_normal")).apply(net, 5);
        java.util.Arrays.fill(net.parameters().get(1).value(), -100f);
        Snapshot s = Probe.atInitialization(net, gaussianBatch(128, 64, 10, 5));
        assertThat(s.layers().get(1).deadUnitFraction()).isEqualTo(1.0);
        // a dead layer passes zeros on, so the next dense output is symmetric (all equal to its bias): the worst
        // verdict
        assertThat(s.verdicts().get(1).kind()).isIn(Kind.DEAD, Kind.SYMMETRIC, Kind.VANISHING);
        assertThat(s.network().kind()).isNotEqualTo(Kind.HEALTHY);
    }

    @Test
    void statisticsAreThoseOfTheOutputs() {
        Snapshot s = probe(mlp(2, 50, "relu"), "he_normal", 6);
        LayerStats relu = s.layers().get(1);
        assertThat(relu.kind()).isEqualTo("activation");
        assertThat(relu.preActivation()).isNotNull();
        assertThat(relu.output().min()).isEqualTo(0.0);
        assertThat(relu.zeroFraction()).isBetween(0.4, 0.6);
        assertThat(relu.histogram().counts()).hasSize(Histogram.BINS);
        assertThat(java.util.Arrays.stream(relu.histogram().counts()).sum()).isEqualTo(256L * 50);
        LayerStats dense = s.layers().get(0);
        assertThat(dense.weightNorm()).isPositive();
        assertThat(dense.weightGradNorm()).isPositive();
        assertThat(dense.gradOutputNorm()).isPositive();
        assertThat(dense.name()).isEqualTo("0");
    }
}
