package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchNormTest {

    private static BatchNorm withRandomScaleAndShift(int channels, long seed) {
        BatchNorm bn = new BatchNorm("1", channels, 1e-5);
        Random r = new Random(seed);
        for (Parameter p : bn.parameters()) {
            for (int i = 0; i < channels; i++) {
                p.value()[i] = (float) (1 + 0.5 * r.nextGaussian());
            }
        }
        return bn;
    }

    /** Runs the wrapped layer in eval mode whatever GradientCheck asks for. */
    private static Layer evalMode(Layer inner) {
        return new Layer() {
            @Override
            public Tensor forward(Tensor input, boolean training) {
                return inner.forward(input, false);
            }

            @Override
            public Tensor backward(Tensor gradOutput) {
                return inner.backward(gradOutput);
            }

            @Override
            public List<Parameter> parameters() {
                return inner.parameters();
            }

            @Override
            public String kind() {
                return inner.kind();
            }
        };
    }

    @Test
    void trainingBackwardMatchesFiniteDifferencesFor2dInputs() {
        GradientCheck.check(withRandomScaleAndShift(3, 1), GradientCheck.randomInput(2, 5, 3), 3);
    }

    @Test
    void trainingBackwardMatchesFiniteDifferencesFor4dInputs() {
        GradientCheck.check(withRandomScaleAndShift(2, 4), GradientCheck.randomInput(5, 3, 2, 2, 3), 6);
    }

    @Test
    void evalBackwardMatchesFiniteDifferences() {
        BatchNorm bn = withRandomScaleAndShift(2, 7);
        bn.forward(GradientCheck.randomInput(8, 6, 2, 2, 2), true); // non-trivial running statistics
        GradientCheck.check(evalMode(bn), GradientCheck.randomInput(9, 3, 2, 2, 2), 10);
    }

    @Test
    void runningStatisticsAfterOneStepAreTheHandComputedValues2d() {
        BatchNorm bn = new BatchNorm("1", 2, 1e-5);
        // channel 0: {1, 2, 3, 4}, mean 2.5, unbiased variance 5/3
        // channel 1: {0, 0, 2, 6}, mean 2, unbiased variance 24/3 = 8
        bn.forward(new Tensor(new float[] {1, 0, 2, 0, 3, 2, 4, 6}, 4, 2), true);
        assertThat(bn.runningMean()[0]).isCloseTo(0.1f * 2.5f, offset(1e-7f));
        assertThat(bn.runningMean()[1]).isCloseTo(0.1f * 2f, offset(1e-7f));
        assertThat(bn.runningVariance()[0]).isCloseTo(0.9f + 0.1f * 5f / 3f, offset(1e-6f));
        assertThat(bn.runningVariance()[1]).isCloseTo(0.9f + 0.1f * 8f, offset(1e-6f));
    }

    @Test
    void runningStatisticsAfterOneStepAreTheHandComputedValues4d() {
        BatchNorm bn = new BatchNorm("1", 2, 1e-5);
        // [N=2, C=2, H=1, W=2]: channel 0 gathers {1, 3} from n = 0 and {5, 7} from n = 1
        // channel 0: mean 4, squared deviations 9+1+1+9 = 20, unbiased 20/3
        // channel 1: {10, 20, 30, 40}, mean 25, squared deviations 500, unbiased 500/3
        bn.forward(new Tensor(new float[] {1, 3, 10, 20, 5, 7, 30, 40}, 2, 2, 1, 2), true);
        assertThat(bn.runningMean()).containsExactly(new float[] {0.4f, 2.5f}, offset(1e-6f));
        assertThat(bn.runningVariance()).containsExactly(new float[] {0.9f + 2f / 3f, 0.9f + 50f / 3f}, offset(1e-5f));
    }

    @Test
    void momentumWeighsTheNewBatchStatistic() {
        BatchNorm bn = new BatchNorm("1", 1, 1e-5, 0.5);
        bn.forward(new Tensor(new float[] {2, 4}, 2, 1), true); // mean 3, unbiased variance 2
        bn.forward(new Tensor(new float[] {2, 4}, 2, 1), true);
        assertThat(bn.runningMean()[0]).isCloseTo(0.75f * 3f, offset(1e-6f));
        assertThat(bn.runningVariance()[0]).isCloseTo(0.25f * 1f + 0.75f * 2f, offset(1e-6f));
    }

    @Test
    void evalModeNormalizesWithTheRunningStatisticsAndLeavesThemAlone() {
        BatchNorm bn = new BatchNorm("1", 2, 1e-5);
        bn.scale().value()[0] = 2f;
        bn.scale().value()[1] = 0.5f;
        bn.shift().value()[0] = 1f;
        bn.shift().value()[1] = -1f;
        bn.forward(new Tensor(new float[] {1, 0, 2, 0, 3, 2, 4, 6}, 4, 2), true);
        float[] mean = bn.runningMean().clone();
        float[] var = bn.runningVariance().clone();
        Tensor x = GradientCheck.randomInput(20, 3, 2);
        Tensor y = bn.forward(x, false);
        for (int i = 0; i < x.size(); i++) {
            int c = i % 2;
            double expected = bn.scale().value()[c] * (x.data()[i] - mean[c]) / Math.sqrt(var[c] + 1e-5)
                    + bn.shift().value()[c];
            assertThat((double) y.data()[i]).isCloseTo(expected, offset(1e-5));
        }
        assertThat(bn.runningMean()).containsExactly(mean);
        assertThat(bn.runningVariance()).containsExactly(var);
    }

    @Test
    void trainingOutputHasZeroMeanAndUnitBiasedVariancePerChannel() {
        BatchNorm bn = new BatchNorm("1", 3, 1e-8);
        InitPlan.defaults().apply(new Sequential(List.of(bn)), 0); // γ = 1, β = 0
        Tensor y = bn.forward(GradientCheck.randomInput(21, 4, 3, 2, 5), true);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double sq = 0;
            for (int n = 0; n < 4; n++) {
                for (int s = 0; s < 10; s++) {
                    double v = y.data()[(n * 3 + c) * 10 + s];
                    sum += v;
                    sq += v * v;
                }
            }
            assertThat(sum / 40).isCloseTo(0, offset(1e-6));
            assertThat(sq / 40).isCloseTo(1, offset(1e-5));
        }
    }

    @Test
    void rejectsAWrongChannelCountAndSingleValueBatchesInTraining() {
        BatchNorm bn = new BatchNorm("1", 3, 1e-5);
        assertThatThrownBy(() -> bn.forward(Tensor.zeros(4, 2), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[batch, 3]")
                .hasMessageContaining("Tensor[4, 2]");
        assertThatThrownBy(() -> bn.forward(Tensor.zeros(1, 3), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 values per channel");
        assertThat(bn.forward(Tensor.zeros(1, 3), false).shape()).containsExactly(1, 3);
        assertThatThrownBy(() -> new BatchNorm("1", 3, 1e-5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Test
    void exposesItsParametersWithNormRolesAndKind() {
        BatchNorm bn = new BatchNorm("4", 2, 1e-5);
        assertThat(bn.parameters()).extracting(Parameter::path).containsExactly("4.weight", "4.bias");
        assertThat(bn.parameters())
                .extracting(Parameter::role)
                .containsExactly(org.initlab.core.init.Role.NORM_SCALE, org.initlab.core.init.Role.NORM_SHIFT);
        assertThat(bn.kind()).isEqualTo("batch_norm");
        assertThat(bn.runningMean()).containsOnly(0f);
        assertThat(bn.runningVariance()).containsOnly(1f);
    }
}
