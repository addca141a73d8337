package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TruncatedNormalMomentsTest {

    /**
     * {@code E[(Z - centre)^k]} for {@code Z ~ N(0, 1)} truncated to finite {@code [a, b]},
     * by composite Simpson's rule on 20000 panels: an independent check of the closed
     * form, and the fourth moment the variance tests need.
     */
    static double centralMomentByQuadrature(double a, double b, double centre, int k) {
        int panels = 20_000;
        double h = (b - a) / panels;
        double weighted = 0;
        double mass = 0;
        for (int i = 0; i <= panels; i++) {
            double z = a + i * h;
            double w = (i == 0 || i == panels) ? 1 : (i % 2 == 1 ? 4 : 2);
            double density = NormalDistribution.density(z);
            weighted += w * Math.pow(z - centre, k) * density;
            mass += w * density;
        }
        return weighted / mass;
    }

    @ParameterizedTest
    @CsvSource({
        // a, b, E[Z], Var[Z]: closed form in 50-digit arithmetic (mpmath 1.3), rounded
        "-2, 2, 0.0, 0.7737413035499232",
        "5, 6, 5.183147090477174, 0.029452430768483057",
        "8, 9, 8.121188992979797, 0.014148542782748111",
        "-1, 3, 0.282786110727154, 0.6161417353578293",
        "-9, -8, -8.121188992979797, 0.014148542782748111",
        "-3, -2.5, -2.6948722621772863, 0.018870830429212977"
    })
    void standardMomentsMatchHighPrecisionValues(double a, double b, double mean, double variance) {
        TruncatedNormalMoments m = TruncatedNormalMoments.of(0.0, 1.0, a, b);
        assertThat(m.mean()).isCloseTo(mean, within(1e-14 * Math.max(1, Math.abs(mean))));
        assertThat(m.variance()).isCloseTo(variance, within(1e-12 * variance));
        // Independent route: numerical integration of the density.
        assertThat(m.mean()).isCloseTo(centralMomentByQuadrature(a, b, 0, 1), within(1e-10));
        assertThat(m.variance()).isCloseTo(centralMomentByQuadrature(a, b, m.mean(), 2), within(1e-10 * variance));
    }

    @Test
    void twoSigmaTruncationShrinksTheStdByTheKnownFactor() {
        // 0.87962566103423978: the constant by which JAX and TensorFlow rescale their
        // truncated-normal variance scaling.
        assertThat(TruncatedNormalMoments.of(0, 1, -2, 2).std()).isCloseTo(0.87962566103423978, within(1e-15));
    }

    @Test
    void locationAndScaleApplyToTheStandardMoments() {
        TruncatedNormalMoments standard = TruncatedNormalMoments.of(0, 1, -1, 3);
        TruncatedNormalMoments scaled = TruncatedNormalMoments.of(0.5, 3, -1, 3);
        assertThat(scaled.mean()).isCloseTo(0.5 + 3 * standard.mean(), within(1e-15));
        assertThat(scaled.variance()).isCloseTo(9 * standard.variance(), within(1e-14));
    }

    @Test
    void infiniteBoundsGiveTheHalfNormalAndTheNormal() {
        TruncatedNormalMoments half = TruncatedNormalMoments.of(0, 1, 0, Double.POSITIVE_INFINITY);
        assertThat(half.mean()).isCloseTo(Math.sqrt(2 / Math.PI), within(1e-15));
        assertThat(half.variance()).isCloseTo(1 - 2 / Math.PI, within(1e-15));
        TruncatedNormalMoments whole =
                TruncatedNormalMoments.of(2, 3, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(whole.mean()).isEqualTo(2.0);
        assertThat(whole.variance()).isEqualTo(9.0);
    }

    @Test
    void rejectsWhatTheSamplerRejects() {
        assertThatThrownBy(() -> TruncatedNormalMoments.of(0, 0, -2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std=0.0");
        assertThatThrownBy(() -> TruncatedNormalMoments.of(0, 1, 3, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=3.0, b=-3.0");
    }
}
