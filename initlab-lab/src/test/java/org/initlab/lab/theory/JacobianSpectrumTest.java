package org.initlab.lab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Distribution;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Role;
import org.initlab.core.init.VarianceScaling;
import org.initlab.core.init.Zeros;
import org.initlab.core.linalg.SingularValues;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JacobianSpectrum} and the Jacobian beneath it. The statistical tolerances were set from
 * the spread over ten seeds measured while writing the tests (stated at each), at about four to
 * five standard deviations; the seeds are fixed, so the tests are deterministic.
 */
class JacobianSpectrumTest {

    static InitPlan plan(Initializer weights, Initializer biases) {
        return new InitPlan(List.of(
                new InitPlan.Rule(null, Role.BIAS, null, null, biases),
                new InitPlan.Rule(null, null, null, null, weights)));
    }

    static Sequential mlp(int width, int denseLayers, String activation, Initializer weights, long seed) {
        String hidden = String.join(",", Collections.nCopies(denseLayers - 1, Integer.toString(width)));
        Sequential net = ModelSpec.parse("mlp(" + width + ",[" + hidden + "]," + width + ",act=" + activation + ")");
        plan(weights, new Zeros()).apply(net, seed);
        return net;
    }

    static Tensor gaussian(int examples, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[examples * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) nextGaussian(random);
        }
        return new Tensor(x, examples, features);
    }

    private static double nextGaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** Each row of J against the engine's own backward pass of a unit vector, both directions of accumulation. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp(5,[7,6],4,act=tanh)", "mlp(6,[5],9,act=relu)", "mlp(3,[8,8],3,act=elu)"})
    void jacobianRowsAreTheEnginesBackwardOfUnitVectors(String spec) {
        Sequential net = ModelSpec.parse(spec);
        plan(new VarianceScaling(2, Mode.FAN_IN, Distribution.NORMAL), new Normal(0, 0.3))
                .apply(net, 7);
        int in = ((org.initlab.nn.Dense) net.layers().get(0)).weight().shape().dim(1);
        Tensor batch = gaussian(3, in, 11);
        InputOutputJacobian jacobian = InputOutputJacobian.of(net, in);
        List<double[]> js = jacobian.at(batch);
        int out = jacobian.outputs();
        for (int e = 0; e < 3; e++) {
            float[] x = new float[in];
            System.arraycopy(batch.data(), e * in, x, 0, in);
            for (int k = 0; k < out; k++) {
                net.forward(new Tensor(x.clone(), 1, in), false);
                float[] unit = new float[out];
                unit[k] = 1;
                float[] row = net.backward(new Tensor(unit, 1, out)).data();
                for (int j = 0; j < in; j++) {
                    assertThat(js.get(e)[k * in + j])
                            .as("%s example %d J[%d][%d]", spec, e, k, j)
                            .isCloseTo(row[j], within(1e-5 * (1 + Math.abs(row[j]))));
                }
            }
        }
    }

    @Test
    void singularValuesOfKnownMatricesAndTheirFrobeniusNorm() {
        // [[3, 0], [0, -4], [0, 0]]: singular values 4 and 3, either storage orientation
        assertThat(SingularValues.of(new double[] {3, 0, 0, -4, 0, 0}, 3, 2)).containsExactly(4.0, 3.0);
        assertThat(SingularValues.of(new double[] {3, 0, 0, 0, -4, 0}, 2, 3)).containsExactly(4.0, 3.0);
        SplittableRandom random = new SplittableRandom(5);
        double[] a = new double[7 * 4];
        double frobenius = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = nextGaussian(random);
            frobenius += a[i] * a[i];
        }
        double[] s = SingularValues.of(a.clone(), 7, 4);
        double sum = 0;
        for (double v : s) {
            sum += v * v;
        }
        assertThat(sum).isCloseTo(frobenius, within(1e-12 * frobenius));
        // the pure-Java LAPACK fallback agrees with whatever LAPACK.getInstance() found
        double[] fallback = SingularValues.of(dev.ludovic.netlib.lapack.JavaLAPACK.getInstance(), a.clone(), 7, 4);
        for (int i = 0; i < s.length; i++) {
            assertThat(fallback[i]).isCloseTo(s[i], within(1e-12 * s[0]));
        }
    }

    @Test
    void orthogonalLinearNetworkIsAnExactIsometry() {
        Sequential net = mlp(64, 5, "linear", new Orthogonal(), 3);
        JacobianSpectrum spectrum = JacobianSpectrum.of(net, gaussian(2, 64, 1));
        assertThat(spectrum.singularValues()).hasSize(2 * 64);
        assertThat(spectrum.largestSingularValue()).isCloseTo(1.0, within(5e-6)); // float weights
        assertThat(spectrum.smallestSingularValue()).isCloseTo(1.0, within(5e-6));
        assertThat(spectrum.meanSquaredSingularValue()).isCloseTo(1.0, within(1e-5));
        assertThat(spectrum.isometryDefect()).isLessThan(1e-10);
    }

    /**
     * Squared singular values of a product of L Gaussian matrices: mean 1 and variance L at large
     * width (Fuss–Catalan). Width 128, over ten seeds: the defect's spread is 0.013, 0.04, 0.2 and
     * 0.45 for L = 1, 2, 4, 8, the mean's 0.007 to 0.08.
     */
    @Test
    void gaussianLinearNetworkHasMeanOneAndSpreadGrowingLikeDepth() {
        double previous = 0;
        for (int depth : new int[] {1, 2, 4, 8}) {
            Sequential net =
                    mlp(128, depth, "linear", new VarianceScaling(1, Mode.FAN_IN, Distribution.NORMAL), 20 + depth);
            JacobianSpectrum spectrum = JacobianSpectrum.of(net, gaussian(1, 128, depth));
            assertThat(spectrum.meanSquaredSingularValue())
                    .as("depth %d", depth)
                    .isCloseTo(1.0, within(0.3));
            assertThat(spectrum.isometryDefect()).as("depth %d", depth).isCloseTo(depth, within(0.25 * depth));
            assertThat(spectrum.isometryDefect()).isGreaterThan(previous);
            previous = spectrum.isometryDefect();
        }
    }

    /**
     * The mean squared singular value is {@code σ_w² Π χ₁(q_l)} over the hidden layers, with
     * {@code q_l} from {@link MeanField#predictedSecondMoments}. Width 256, 6 dense layers, 4
     * inputs per network; one network's value spreads by about 10% (Gaussian) or 7% (orthogonal)
     * around the prediction, so the average of 8 networks is held to 12%.
     */
    @ParameterizedTest
    @ValueSource(strings = {"relu 2.0 gaussian", "relu 2.0 orthogonal", "tanh 1.5 gaussian", "tanh 1.5 orthogonal"})
    void meanSquaredSingularValueFollowsTheProductOfChi1(String setting) {
        String[] parts = setting.split(" ");
        double sigmaW2 = Double.parseDouble(parts[1]);
        Initializer weights = parts[2].equals("gaussian")
                ? new VarianceScaling(sigmaW2, Mode.FAN_IN, Distribution.NORMAL)
                : new Orthogonal(Math.sqrt(sigmaW2));
        int depth = 6;
        double sum = 0;
        for (int seed = 0; seed < 8; seed++) {
            Sequential net = mlp(256, depth, parts[0], weights, seed);
            sum += JacobianSpectrum.of(net, gaussian(4, 256, 100 + seed)).meanSquaredSingularValue();
        }
        MeanField field = MeanField.of(Activation.parse(parts[0]), Double.NaN, sigmaW2, 0);
        double[] q = field.predictedSecondMoments(1.0, depth);
        double predicted = sigmaW2;
        for (int l = 0; l < depth - 1; l++) {
            predicted *= field.chi1(q[l]);
        }
        assertThat(sum / 8).isCloseTo(predicted, within(0.12 * predicted));
    }

    /**
     * Pennington et al. (2017): orthogonal weights bring a tanh network near isometry (the spread
     * comes only from the {@code φ'} factors), Gaussian weights do not, and ReLU stays far from it
     * even with orthogonal weights. Measured defects (width 256, 6 layers, five seeds): orthogonal
     * tanh 1.04–1.14, Gaussian tanh 6.9–7.7, orthogonal ReLU 4.9–5.5.
     */
    @Test
    void orthogonalTanhIsNearerIsometryThanGaussianTanhOrOrthogonalRelu() {
        Tensor inputs = gaussian(4, 256, 9);
        double orthogonalTanh = JacobianSpectrum.of(mlp(256, 6, "tanh", new Orthogonal(), 1), inputs)
                .isometryDefect();
        double gaussianTanh = JacobianSpectrum.of(
                        mlp(256, 6, "tanh", new VarianceScaling(1, Mode.FAN_IN, Distribution.NORMAL), 1), inputs)
                .isometryDefect();
        double orthogonalRelu = JacobianSpectrum.of(mlp(256, 6, "relu", new Orthogonal(Math.sqrt(2)), 1), inputs)
                .isometryDefect();
        assertThat(orthogonalTanh).isLessThan(gaussianTanh / 4);
        assertThat(orthogonalTanh).isLessThan(orthogonalRelu / 3);
    }

    @Test
    void modelsWithOtherLayersAreRejected() {
        Sequential residual = ModelSpec.parse("resmlp(4,8,1,2,act=relu)");
        assertThatThrownBy(() -> JacobianSpectrum.of(residual, gaussian(1, 4, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 2 is 'residual'");
    }
}
