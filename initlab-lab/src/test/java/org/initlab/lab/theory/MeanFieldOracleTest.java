package org.initlab.lab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.initlab.core.gain.Activation;
import org.initlab.lab.theory.LengthFixedPoint.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MeanField} and {@link EdgeOfChaos} against values computed independently by
 * {@code scripts/mean_field_oracle.py} (numpy 2.4.6, scipy 1.17.1): one-dimensional expectations by
 * adaptive {@code scipy.integrate.quad} split at the kinks, cross-checked at every fixed point by
 * 240-node Gauss–Hermite (smooth activations) or 30-digit mpmath quadrature (kinked ones) within
 * 1e-13; {@code χ_q} from Schoenholz et al.'s eq. (5) with {@code φ''} written out and its Dirac
 * deltas added by hand (the Java code uses the Stein form instead); two-dimensional tanh
 * expectations on a 240×240 Gauss–Hermite product grid; roots by {@code brentq}. The values are the
 * script's output, pasted.
 */
class MeanFieldOracleTest {

    @ParameterizedTest(name = "{0} sigma_w2={1} sigma_b2={2}")
    @CsvSource({
        "tanh,      1.5, 0.05, 0.4180372005334779,  0.9386362681988512,  0.5519832056635092",
        "tanh,      2.5, 0.05, 1.0639583774168118,  1.1335156987042718,  0.4284638509464381",
        "tanh,      2.0, 0.0,  0.6179647697685458,  1.1055288204394038,  0.5525160008553021",
        "sigmoid,   4.0, 0.1,  1.3093081410051584,  0.16759290241894617, 0.10743277775941741",
        "gelu,      1.5, 0.1,  0.19192542922403502, 0.5071098674647073,  0.5574094527052916",
        "elu,       1.5, 0.1,  1.4390441005526917,  0.9691076471826586,  0.8335419833430742",
        "selu,      1.0, 0.0,  0.9999999999999997,  1.0715749924557993,  0.782647883196813",
        "hard_tanh, 1.5, 0.1,  0.8099006665948302,  1.1002631968006082,  0.38296531437552767",
    })
    void fixedPointChi1AndChiQMatchTheIndependentScript(
            String activation, double sigmaW2, double sigmaB2, double qStar, double chi1, double chiQ) {
        MeanField field = MeanField.of(Activation.parse(activation), Double.NaN, sigmaW2, sigmaB2);
        LengthFixedPoint fixedPoint = field.lengthFixedPoint(1.0);
        assertThat(fixedPoint.status()).isEqualTo(Status.FINITE);
        assertThat(fixedPoint.q()).isCloseTo(qStar, within(1e-12 * qStar));
        assertThat(field.chi1(fixedPoint.q())).isCloseTo(chi1, within(1e-12));
        assertThat(field.lengthMapSlope(fixedPoint.q())).isCloseTo(chiQ, within(1e-12));
        MeanFieldAnalysis analysis = field.analyze(1.0);
        assertThat(analysis.xiQ()).isCloseTo(-1 / Math.log(chiQ), within(1e-9));
    }

    @ParameterizedTest(name = "{0} sigma_b2={1}")
    @CsvSource({
        "tanh,      0.05, 1.7609546396067384",
        "tanh,      0.5,  2.843167459724082",
        "sigmoid,   0.1,  103.24912450624177",
        "elu,       0.1,  1.6067435579442475",
        "hard_tanh, 0.1,  1.2634059323861402",
    })
    void criticalSigmaW2MatchesTheIndependentScript(String activation, double sigmaB2, double critical) {
        double found = EdgeOfChaos.criticalSigmaW2(Activation.parse(activation), Double.NaN, sigmaB2);
        assertThat(found).isCloseTo(critical, within(1e-10 * critical));
        MeanField atEdge = MeanField.of(Activation.parse(activation), Double.NaN, found, sigmaB2);
        assertThat(atEdge.chi1AtFixedPoint(1.0)).isCloseTo(1.0, within(1e-12));
    }

    /** Two-dimensional quadrature: the correlation fixed point and χ_c in the chaotic phase. */
    @ParameterizedTest(name = "tanh sigma_w2={0} sigma_b2={1}")
    @CsvSource({
        "2.5, 0.05, 1.0639583774168118, 0.44680423234426786, 0.9187167749137731",
        "1.9, 0.05, 0.6571118535841308, 0.8382014873389458,  0.9749084113626973",
        "2.0, 0.0,  0.6179647697685458, 0.0,                 0.9550106888004545",
    })
    void tanhCorrelationFixedPointMatchesTheIndependentScript(
            double sigmaW2, double sigmaB2, double qStar, double cStar, double chiC) {
        MeanFieldAnalysis a =
                MeanField.of(Activation.TANH, Double.NaN, sigmaW2, sigmaB2).analyze(1.0);
        assertThat(a.phase()).isEqualTo(MeanFieldAnalysis.Phase.CHAOTIC);
        assertThat(a.qStar()).isCloseTo(qStar, within(1e-12));
        assertThat(a.cStar()).isCloseTo(cStar, within(1e-10));
        assertThat(a.chiC()).isCloseTo(chiC, within(1e-10));
        assertThat(a.xiC()).isCloseTo(-1 / Math.log(chiC), within(1e-6));
    }
}
