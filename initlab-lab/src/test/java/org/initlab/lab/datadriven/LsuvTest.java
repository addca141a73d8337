package org.initlab.lab.datadriven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Role;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

class LsuvTest {
    private static final String DEEP_TANH = "mlp(64,[" + "128,".repeat(19) + "128],10,act=tanh)";
    private static final String DEEP_RELU = "mlp(64,[" + "128,".repeat(19) + "128],10,act=relu)";

    static Tensor gaussian(long seed, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] x = new float[n];
        Samplers.normal(RandomStream.of(seed, "batch"), 0, n, 0, 1, x, 0);
        return new Tensor(x, shape);
    }

    /**
     * The variance of every dense and convolution output in a fresh forward pass, measured
     * independently of Lsuv's own loop: paths to variances, in forward order.
     */
    private static List<Double> outputVariances(Sequential model, Tensor x, List<String> paths) {
        List<Double> out = new ArrayList<>();
        forward(model, x, paths, out);
        return out;
    }

    private static Tensor forward(Sequential seq, Tensor x, List<String> paths, List<Double> out) {
        Tensor t = x;
        for (Layer layer : seq.layers()) {
            if (layer instanceof Residual r) {
                forward(r.branch(), t, paths, out);
            }
            Tensor y = layer.forward(t, false);
            if (layer instanceof Dense d) {
                paths.add(d.weight().path());
                out.add(naiveVariance(y.data()));
            } else if (layer instanceof Conv2D c) {
                paths.add(c.weight().path());
                out.add(naiveVariance(y.data()));
            }
            t = y;
        }
        return t;
    }

    /** E[y²] − E[y]², a formula different from Lsuv's two-pass one. */
    private static double naiveVariance(float[] y) {
        double s = 0;
        double s2 = 0;
        for (float v : y) {
            s += v;
            s2 += (double) v * v;
        }
        double mean = s / y.length;
        return s2 / y.length - mean * mean;
    }

    private static List<String> denseWeightPaths(Sequential model) {
        return model.parameters().stream()
                .filter(p -> p.role() == Role.WEIGHT)
                .map(Parameter::path)
                .toList();
    }

    @Test
    void deepTanhNetFromATinyInitReachesUnitVarianceInEveryLayer() {
        Sequential model = ModelSpec.parse(DEEP_TANH);
        InitPlan.allWeights(new Normal(0, 0.01)).apply(model, 3);
        Tensor batch = gaussian(11, 256, 64);
        List<Double> before = outputVariances(model, batch, new ArrayList<>());
        assertThat(before.get(before.size() - 1))
                .as("the bad init's last output vanishes")
                .isLessThan(1e-20);

        LsuvReport report = Lsuv.defaults().withoutPreInitialization().run(model, batch, 3);

        assertThat(report.preInitializer()).isEqualTo("none");
        assertThat(report.layers()).hasSize(21);
        assertThat(report.layers()).extracting(LsuvReport.LayerResult::path).isEqualTo(denseWeightPaths(model));
        assertThat(report.converged()).isTrue();
        for (LsuvReport.LayerResult layer : report.layers()) {
            assertThat(layer.iterations()).as(layer.path()).isBetween(1, 10);
            assertThat(layer.finalVariance()).as(layer.path()).isBetween(0.9, 1.1);
        }
        assertThat(report.layers().get(0).initialVariance())
                .as("64 inputs of variance 1, weights of variance 1e-4")
                .isBetween(64 * 1e-4 * 0.8, 64 * 1e-4 * 1.2);
        List<Double> after = outputVariances(model, batch, new ArrayList<>());
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i)).as("fresh forward, layer " + i).isBetween(0.9, 1.1);
            assertThat(after.get(i))
                    .isCloseTo(report.layers().get(i).finalVariance(), org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void deepReluNetWithOrthogonalPreInitializationConvergesAndZeroesBiases() {
        Sequential model = ModelSpec.parse(DEEP_RELU);
        for (Parameter p : model.parameters()) {
            java.util.Arrays.fill(p.value(), 5f); // whatever was there must not matter
        }
        Tensor batch = gaussian(12, 200, 64);
        LsuvReport report = Lsuv.defaults().run(model, batch, 8);

        assertThat(report.preInitializer()).isEqualTo("orthogonal");
        assertThat(report.tolerance()).isEqualTo(0.1);
        assertThat(report.maxIterations()).isEqualTo(10);
        assertThat(report.seed()).isEqualTo(8);
        assertThat(report.batchShape()).containsExactly(200, 64);
        assertThat(report.converged()).isTrue();
        for (LsuvReport.LayerResult layer : report.layers()) {
            // zero biases make the output linear in the weight: one division lands on 1
            assertThat(layer.iterations()).as(layer.path()).isLessThanOrEqualTo(1);
            assertThat(layer.finalVariance()).as(layer.path()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
        }
        for (Parameter p : model.parameters()) {
            if (p.role() == Role.BIAS) {
                assertThat(p.value()).as(p.path()).containsOnly(0f);
            }
        }
        for (double v : outputVariances(model, batch, new ArrayList<>())) {
            assertThat(v).isBetween(0.9, 1.1);
        }
    }

    @Test
    void keptNonZeroBiasesNeedSeveralIterationsAndAnUnreachableTargetIsReportedAsNotConverged() {
        Sequential reachable = ModelSpec.parse("mlp(32,[64,64],8,act=tanh)");
        new InitPlan(List.of(
                        new InitPlan.Rule(null, Role.BIAS, null, null, new Normal(0, 0.5)),
                        new InitPlan.Rule(null, null, null, null, new Normal(0, 0.5))))
                .apply(reachable, 1);
        LsuvReport ok = new Lsuv(0.01, 10, null).run(reachable, gaussian(2, 128, 32), 0);
        assertThat(ok.converged()).isTrue();
        assertThat(ok.layers()).anySatisfy(l -> assertThat(l.iterations()).isGreaterThan(1));
        assertThat(ok.layers()).allSatisfy(l -> assertThat(l.iterations()).isLessThanOrEqualTo(10));

        // biases of std 2 alone give the output a variance near 4: no weight scale reaches 1 ± 0.1
        Sequential unreachable = ModelSpec.parse("mlp(32,[64],8,act=tanh)");
        new InitPlan(List.of(
                        new InitPlan.Rule(null, Role.BIAS, null, null, new Normal(0, 2)),
                        new InitPlan.Rule(null, null, null, null, new Normal(0, 0.5))))
                .apply(unreachable, 1);
        LsuvReport stuck = new Lsuv(0.1, 7, null).run(unreachable, gaussian(2, 128, 32), 0);
        LsuvReport.LayerResult first = stuck.layers().get(0);
        assertThat(first.converged()).isFalse();
        assertThat(first.iterations()).isEqualTo(7);
        assertThat(first.finalVariance()).isGreaterThan(1.1);
        assertThat(stuck.converged()).isFalse();
    }

    @Test
    void sameSeedGivesTheSameWeightsAndReportAndAnotherSeedOtherWeights() {
        Tensor batch = gaussian(5, 64, 64);
        Sequential a = ModelSpec.parse(DEEP_TANH);
        Sequential b = ModelSpec.parse(DEEP_TANH);
        Sequential c = ModelSpec.parse(DEEP_TANH);
        LsuvReport ra = Lsuv.defaults().run(a, batch, 21);
        LsuvReport rb = Lsuv.defaults().run(b, batch, 21);
        Lsuv.defaults().run(c, batch, 22);
        assertThat(ra).isEqualTo(rb);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value())
                    .isEqualTo(b.parameters().get(i).value());
        }
        assertThat(a.parameters().get(0).value())
                .isNotEqualTo(c.parameters().get(0).value());
    }

    @Test
    void residualBranchLayersAreNormalizedOnTheBlockInputInForwardOrder() {
        Sequential model = ModelSpec.parse("resmlp(16,64,3,4,act=relu,scale=true)");
        Tensor batch = gaussian(6, 128, 16);
        LsuvReport report = Lsuv.defaults().run(model, batch, 4);
        assertThat(report.layers())
                .extracting(LsuvReport.LayerResult::path)
                .containsExactly(
                        "0.weight",
                        "2.0.weight",
                        "2.2.weight",
                        "4.0.weight",
                        "4.2.weight",
                        "6.0.weight",
                        "6.2.weight",
                        "8.weight");
        assertThat(report.converged()).isTrue();
        List<String> paths = new ArrayList<>();
        List<Double> fresh = outputVariances(model, batch, paths);
        assertThat(paths)
                .isEqualTo(report.layers().stream()
                        .map(LsuvReport.LayerResult::path)
                        .toList());
        for (double v : fresh) {
            assertThat(v).isBetween(0.9, 1.1);
        }
        for (Parameter p : model.parameters()) {
            if (p.path().endsWith(".alpha")) {
                assertThat(p.value()).as("α from the default plan").containsExactly(1f);
            }
        }
    }

    @Test
    void convolutionsAreNormalizedOverBatchChannelsAndPositions() {
        Sequential model = ModelSpec.parse("cnn(1,8,8,3)");
        LsuvReport report = Lsuv.defaults().run(model, gaussian(9, 32, 1, 8, 8), 1);
        assertThat(report.layers())
                .extracting(LsuvReport.LayerResult::path)
                .containsExactly("0.weight", "3.weight", "7.weight", "9.weight");
        assertThat(report.converged()).isTrue();
    }

    @Test
    void badInputsAreRejectedWithTheReason() {
        Sequential noWeights = new Sequential(List.of(new ActivationLayer(Activation.RELU, Double.NaN)));
        assertThatThrownBy(() -> Lsuv.defaults().run(noWeights, gaussian(1, 4, 4), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dense or conv2d")
                .hasMessageContaining("[activation]");
        assertThatThrownBy(() -> Lsuv.defaults().run(new Sequential(List.of()), gaussian(1, 4, 4), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no layers");
        Sequential model = ModelSpec.parse("mlp(4,[8],2)");
        assertThatThrownBy(() -> Lsuv.defaults().run(model, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch");
        assertThatThrownBy(() -> Lsuv.defaults().run(model, new Tensor(new float[12], 3, 4), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variance is 0");
        float[] nan = gaussian(1, 3, 4).data();
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> Lsuv.defaults().run(model, new Tensor(nan, 3, 4), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 5");
        assertThatThrownBy(() -> Lsuv.defaults().run(model, gaussian(1, 3, 5), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects 4 input features");
        assertThatThrownBy(() -> new Lsuv(0, 10, null)).hasMessageContaining("tolerance must be in (0, 1), got 0.0");
        assertThatThrownBy(() -> new Lsuv(0.1, 0, null)).hasMessageContaining("maxIterations must be >= 1, got 0");
        assertThatThrownBy(() -> Lsuv.defaults().withoutPreInitialization().preInitialization())
                .isInstanceOf(IllegalStateException.class);
    }
}
