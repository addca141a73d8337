package org.initlab.core.gain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GainsTest {

    // ---- PyTorch's table (torch/nn/init.py, calculate_gain) ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "linear",
                "conv1d",
                "conv2d",
                "conv3d",
                "conv_transpose1d",
                "conv_transpose2d",
                "conv_transpose3d",
                "sigmoid"
            })
    void torchGainIsOneForLinearMapsAndSigmoid(String name) {
        assertThat(Gains.torch(name, Double.NaN)).isEqualTo(1.0);
    }

    @Test
    void torchTableValuesAreExact() {
        assertThat(Gains.torch("tanh", Double.NaN)).isEqualTo(5.0 / 3);
        assertThat(Gains.torch("relu", Double.NaN)).isEqualTo(Math.sqrt(2.0));
        assertThat(Gains.torch("selu", Double.NaN)).isEqualTo(0.75);
        assertThat(Gains.torch("leaky_relu", Double.NaN)).isEqualTo(Math.sqrt(2.0 / (1 + 0.01 * 0.01)));
        assertThat(Gains.torch("leaky_relu", 0.2)).isEqualTo(Math.sqrt(2.0 / 1.04));
        assertThat(Gains.torch("leaky_relu", 0.0)).isEqualTo(Math.sqrt(2.0)); // kaiming_* default a = 0
        assertThat(Gains.torch("relu", 0.2))
                .as("param read only for leaky_relu")
                .isEqualTo(Math.sqrt(2.0));
        assertThat(Gains.torch(" ReLU ", Double.NaN)).isEqualTo(Math.sqrt(2.0));
        assertThat(Gains.torchNames()).hasSize(12).startsWith("linear").endsWith("selu");
    }

    @Test
    void torchRefusesNamesOutsideItsTable() {
        assertThatThrownBy(() -> Gains.torch("gelu", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'gelu' is not in PyTorch's calculate_gain table; valid: linear,")
                .hasMessageContaining("Gains.variancePreserving(Activation.GELU, param)");
        assertThatThrownBy(() -> Gains.torch("rleu", Double.NaN))
                .hasMessage("unknown nonlinearity 'rleu'; did you mean 'relu'? valid: linear, conv1d,"
                        + " conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d,"
                        + " sigmoid, tanh, relu, leaky_relu, selu");
        assertThatThrownBy(() -> Gains.torch("leaky_relu", Double.NEGATIVE_INFINITY))
                .hasMessage("leaky_relu negative_slope must be finite; got -Infinity");
    }

    // ---- variance-preserving gains ----

    @Test
    void variancePreservingGainsWithClosedForms() {
        assertThat(Gains.variancePreserving(Activation.RELU, Double.NaN)).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(Gains.variancePreserving(Activation.LINEAR, Double.NaN)).isCloseTo(1.0, within(1e-15));
        assertThat(Gains.secondMoment(Activation.LINEAR, Double.NaN)).isCloseTo(1.0, within(1e-15));
    }

    @Property(tries = 200)
    void leakyReluGainIsSqrtTwoOverOnePlusSlopeSquared(@ForAll @DoubleRange(min = -3, max = 3) double a) {
        assertThat(Gains.variancePreserving(Activation.LEAKY_RELU, a))
                .isCloseTo(Math.sqrt(2 / (1 + a * a)), within(1e-12));
    }

    /**
     * SELU is built so that N(0, 1) inputs give outputs of mean 0 and variance 1. With the
     * double-rounded constants, mpmath (40 digits) gives E[selu(z)²] = 0.99999999999999986703;
     * this package computes 1.0000000000000002.
     */
    @Test
    void seluPreservesTheSecondMomentByDesign() {
        double m2 = Gains.secondMoment(Activation.SELU, Double.NaN);
        assertThat(m2).isCloseTo(1.0, within(1e-3));
        assertThat(m2).isCloseTo(0.99999999999999986703, within(1e-15));
        assertThat(GaussianExpectation.of(z -> Activation.SELU.apply(z, Double.NaN), 0.0))
                .as("mean")
                .isCloseTo(0.0, within(1e-15));
    }

    /**
     * Second moments against two independent references: 40-digit mpmath quadrature
     * ({@code mpmath.quad} over (−∞, breakpoints, ∞), mpmath 1.3.0), and a brute-force midpoint
     * rule with 4,000,000 cells on [−40, 40] computed here (error about 1e-11).
     */
    @ParameterizedTest
    @CsvSource({
        "tanh,       NaN, 0.3942944903978411744164598",
        "sigmoid,    NaN, 0.2933790358580929627376492",
        "gelu,       NaN, 0.4252214825702986749185544",
        "gelu_tanh,  NaN, 0.4251937110330994511985483",
        "silu,       NaN, 0.3557755198173521562307943",
        "elu,        NaN, 0.6449454174929238630634614",
        "elu,        0.5, 0.5362363543732309657658654",
        "softplus,   NaN, 0.9212459088593002786772487",
        "mish,       NaN, 0.45234219237588277068204",
        "softsign,   NaN, 0.1830140212665474990882248",
        "hard_tanh,  NaN, 0.5160585509617133004043396",
        "relu6,      NaN, 0.499999998075270477379722",
    })
    void secondMomentsMatchIndependentReferences(String name, double param, double mpmath) {
        Activation a = Activation.parse(name);
        double computed = Gains.secondMoment(a, param);
        assertThat(computed).isCloseTo(mpmath, within(1e-15));
        double p = a.paramOrDefault(param);
        assertThat(computed).isCloseTo(midpointSecondMoment(a, p), within(1e-10));
        assertThat(Gains.variancePreserving(a, param)).isCloseTo(1 / Math.sqrt(mpmath), within(1e-14));
    }

    private static double midpointSecondMoment(Activation a, double param) {
        int cells = 4_000_000;
        double lo = -40;
        double h = 80.0 / cells;
        double sum = 0;
        for (int i = 0; i < cells; i++) {
            double z = lo + (i + 0.5) * h;
            double y = a.apply(z, param);
            sum += y * y * Math.exp(-0.5 * z * z);
        }
        return sum * h / Math.sqrt(2 * Math.PI);
    }

    // ---- forName and report ----

    @Test
    void forNameUsesPyTorchsTableWhereItHasAnEntry() {
        assertThat(Gains.forName("tanh", Double.NaN)).isEqualTo(5.0 / 3);
        assertThat(Gains.forName("selu", Double.NaN)).isEqualTo(0.75);
        assertThat(Gains.forName("conv2d", Double.NaN)).isEqualTo(1.0);
        assertThat(Gains.forName("identity", Double.NaN)).as("alias of linear").isEqualTo(1.0);
        assertThat(Gains.forName("leaky_relu", 0.2)).isEqualTo(Math.sqrt(2.0 / 1.04));
    }

    @Test
    void forNameComputesTheGainElsewhere() {
        assertThat(Gains.forName("gelu", Double.NaN))
                .isEqualTo(Gains.variancePreserving(Activation.GELU, Double.NaN))
                .isCloseTo(1.5335304411955352338, within(1e-14)); // mpmath: 1/sqrt(E[gelu(z)²])
        assertThat(Gains.forName("swish", Double.NaN)).isEqualTo(Gains.variancePreserving(Activation.SILU, Double.NaN));
        assertThat(Gains.forName("elu", 0.5)).isEqualTo(Gains.variancePreserving(Activation.ELU, 0.5));
        assertThatThrownBy(() -> Gains.forName("gleu", Double.NaN))
                .hasMessageStartingWith("unknown nonlinearity 'gleu'; did you mean 'gelu'? valid: linear,")
                .hasMessageEndingWith("relu6, identity, swish");
    }

    @Test
    void reportCarriesBothGainsAndTheResolvedParameter() {
        GainReport leaky = Gains.report("Leaky_ReLU", Double.NaN);
        assertThat(leaky.activation()).isEqualTo("leaky_relu");
        assertThat(leaky.param()).isEqualTo(0.01);
        assertThat(leaky.torchGain()).isEqualTo(Math.sqrt(2.0 / 1.0001));
        assertThat(leaky.variancePreservingGain()).isCloseTo(Math.sqrt(2.0 / 1.0001), within(1e-14));
        assertThat(leaky.secondMoment()).isCloseTo(1.0001 / 2, within(1e-15));

        GainReport gelu = Gains.report("gelu", Double.NaN);
        assertThat(gelu.param()).isNaN();
        assertThat(gelu.torchGain()).isNaN();
        assertThat(gelu.variancePreservingGain()).isEqualTo(1 / Math.sqrt(gelu.secondMoment()));

        GainReport tanh = Gains.report("tanh", Double.NaN);
        assertThat(tanh.torchGain()).isEqualTo(5.0 / 3);
        assertThat(tanh.variancePreservingGain()).isCloseTo(1.5925374197228314278, within(1e-14));

        assertThat(Gains.report("identity", Double.NaN).activation()).isEqualTo("linear");
        assertThatThrownBy(() -> Gains.report("relu", 0.2)).hasMessageStartingWith("relu takes no parameter");
    }
}
