package org.initlab.core.gain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {

    private static void assertRelative(double actual, double expected, double tolerance) {
        assertThat(Math.abs(actual - expected))
                .as("actual %s, expected %s", actual, expected)
                .isLessThanOrEqualTo(tolerance * Math.abs(expected));
    }

    /**
     * Values and derivatives against mpmath 1.3.0 at 40 digits (SELU and ELU with the double
     * constants; the derivatives of GELU_TANH, SILU and MISH by mpmath's numerical diff).
     */
    @ParameterizedTest
    @CsvSource({
        "SIGMOID,   -30, 9.3576229688392989538e-14,  9.3576229688384233028e-14",
        "SIGMOID,    -3, 0.047425873177566780879,    0.045176659730912132649",
        "SIGMOID,    10, 0.99995460213129756561,     0.000045395807735951671032",
        "TANH,       -8, -0.99999977492967588981,    4.5014059756372916727e-7",
        "TANH,      0.7, 0.60436777711716346812,     0.63473958998245862144",
        "TANH,      -30, -1.0,                       3.5026043050786081354e-26",
        "ELU,       -30, -0.99999999999990642377,    9.3576229688401746049e-14",
        "ELU,      -0.5, -0.3934693402873665764,     0.6065306597126334236",
        "SELU,       -3, -1.6705687287671118051,     0.087530612080264876124",
        "GELU,      -30, -1.4720141781444561179e-196, -4.4160316907084943701e-195",
        "GELU,       -8, -4.9767684594174272988e-15, -3.9796072610867959891e-14",
        "GELU,     -0.5, -0.15426876936299344818,    0.13250487534383715747",
        "GELU,        2, 1.9544997361036415856,      1.0852318010781968967",
        "GELU_TANH,  -8, -3.107782937501111218e-21,  -4.7147845041068415845e-20",
        "GELU_TANH, 0.7, 0.53057013470511670784,     0.9763572186561039459",
        "SILU,      -30, -2.8072868906517896862e-12, -2.7137106609631340013e-12",
        "SILU,        2, 1.7615941559557648881,      1.0907842487848954788",
        "SOFTPLUS,  -30, 9.3576229688397367794e-14,  9.3576229688392989538e-14",
        "SOFTPLUS,   10, 10.000045398899216865,      0.99995460213129756561",
        "MISH,      -30, -2.8072868906519210338e-12, -2.7137106609633923184e-12",
        "MISH,     -0.5, -0.22074377465172999682,    0.2895106779135121924",
        "MISH,       10, 9.9999999587806704305,      1.0000000783129834728",
        "SOFTSIGN,   -3, -0.75,                      0.0625",
    })
    void matchesHighPrecisionValues(Activation a, double x, double value, double derivative) {
        double param = a.defaultParam();
        double tolerance = a == Activation.GELU && x < -5 ? 1e-13 : 4e-16 * 8;
        assertRelative(a.apply(x, param), value, tolerance);
        assertRelative(a.derivative(x, param), derivative, tolerance);
    }

    /** 5-point central difference, error O(h⁴); compared away from kinks. */
    @Property(tries = 3000)
    void derivativeMatchesFiniteDifferences(
            @ForAll Activation a,
            @ForAll @DoubleRange(min = -20, max = 20) double x,
            @ForAll @DoubleRange(min = -2, max = 2) double randomParam) {
        double h = 1e-3;
        for (double b : a.breakpoints()) {
            Assume.that(Math.abs(x - b) > 3 * h);
        }
        double p = a.hasParam() ? randomParam : Double.NaN;
        double difference =
                (-a.apply(x + 2 * h, p) + 8 * a.apply(x + h, p) - 8 * a.apply(x - h, p) + a.apply(x - 2 * h, p))
                        / (12 * h);
        double derivative = a.derivative(x, p);
        assertThat(Math.abs(derivative - difference))
                .as("%s'(%s) with param %s: exact %s, finite difference %s", a, x, p, derivative, difference)
                .isLessThanOrEqualTo(1e-9 * (1 + Math.abs(derivative)));
    }

    @Test
    void derivativesAtKinksFollowPyTorch() {
        assertThat(Activation.RELU.derivative(0.0, Double.NaN)).isZero();
        assertThat(Activation.LEAKY_RELU.derivative(0.0, 0.2)).isEqualTo(0.2);
        assertThat(Activation.ELU.derivative(0.0, 0.5)).isEqualTo(0.5);
        assertThat(Activation.SELU.derivative(0.0, Double.NaN))
                .isEqualTo(Activation.SELU_SCALE * Activation.SELU_ALPHA);
        assertThat(Activation.HARD_TANH.derivative(-1.0, Double.NaN)).isZero();
        assertThat(Activation.HARD_TANH.derivative(1.0, Double.NaN)).isZero();
        assertThat(Activation.RELU6.derivative(0.0, Double.NaN)).isZero();
        assertThat(Activation.RELU6.derivative(6.0, Double.NaN)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void finiteAndBoundedForHugeInputs(Activation a) {
        double p = a.defaultParam();
        for (double x : new double[] {-1e300, -1e5, -800, -40, 40, 800, 1e5, 1e300}) {
            assertThat(a.apply(x, p)).as("%s(%s)", a, x).isFinite();
            assertThat(a.derivative(x, p)).as("%s'(%s)", a, x).isFinite().isBetween(-1.0, 1.1);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void nanPropagatesSoADivergingNetworkIsNoticed(Activation a) {
        assertThat(a.apply(Double.NaN, a.defaultParam())).isNaN();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void specNameIsTheSnakeCaseConstantNameAndParsesBack(Activation a) {
        String expected = a == Activation.HARD_TANH ? "hard_tanh" : a.name().toLowerCase(Locale.ROOT);
        assertThat(a.specName()).isEqualTo(expected).matches("[a-z][a-z0-9_]*");
        assertThat(Activation.parse(a.specName())).isSameAs(a);
        assertThat(Activation.parse(" " + a.specName().toUpperCase(Locale.ROOT) + " "))
                .isSameAs(a);
    }

    @Test
    void aliases() {
        assertThat(Activation.parse("identity")).isSameAs(Activation.LINEAR);
        assertThat(Activation.parse("Swish")).isSameAs(Activation.SILU);
    }

    @Test
    void unknownNamesGetASuggestionAndTheFullList() {
        assertThatThrownBy(() -> Activation.parse("rleu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown activation 'rleu'; did you mean 'relu'? valid: linear, sigmoid,"
                        + " tanh, relu, leaky_relu, elu, selu, gelu, gelu_tanh, silu, softplus, mish,"
                        + " softsign, hard_tanh, relu6, identity, swish");
        assertThatThrownBy(() -> Activation.parse("gelu-tanh")).hasMessageContaining("did you mean 'gelu_tanh'?");
        assertThatThrownBy(() -> Activation.parse("softmax")).hasMessageNotContaining("did you mean");
    }

    @Test
    void onlyLeakyReluAndEluTakeAParameter() {
        for (Activation a : Activation.values()) {
            boolean expected = a == Activation.LEAKY_RELU || a == Activation.ELU;
            assertThat(a.hasParam()).as("%s", a).isEqualTo(expected);
            assertThat(Double.isNaN(a.defaultParam())).as("%s", a).isEqualTo(!expected);
        }
        assertThat(Activation.LEAKY_RELU.defaultParam()).isEqualTo(0.01);
        assertThat(Activation.LEAKY_RELU.paramName()).isEqualTo("negative_slope");
        assertThat(Activation.ELU.defaultParam()).isEqualTo(1.0);
        assertThat(Activation.ELU.paramName()).isEqualTo("alpha");
    }

    @Test
    void paramOrDefaultFillsInAndRefusesNonsense() {
        assertThat(Activation.LEAKY_RELU.paramOrDefault(Double.NaN)).isEqualTo(0.01);
        assertThat(Activation.LEAKY_RELU.paramOrDefault(0.2)).isEqualTo(0.2);
        assertThat(Activation.RELU.paramOrDefault(Double.NaN)).isNaN();
        assertThatThrownBy(() -> Activation.RELU.paramOrDefault(0.2))
                .hasMessage(
                        "relu takes no parameter; got 0.2 (only leaky_relu's negative_slope and elu's alpha exist)");
        assertThatThrownBy(() -> Activation.ELU.paramOrDefault(Double.POSITIVE_INFINITY))
                .hasMessage("elu alpha must be finite; got Infinity");
    }

    @Test
    void breakpointsAreTheKinksAndACopy() {
        assertThat(Activation.RELU.breakpoints()).containsExactly(0.0);
        assertThat(Activation.HARD_TANH.breakpoints()).containsExactly(-1.0, 1.0);
        assertThat(Activation.RELU6.breakpoints()).containsExactly(0.0, 6.0);
        assertThat(Activation.GELU.breakpoints()).isEmpty();
        Activation.RELU.breakpoints()[0] = 42;
        assertThat(Activation.RELU.breakpoints()).containsExactly(0.0);
    }
}
