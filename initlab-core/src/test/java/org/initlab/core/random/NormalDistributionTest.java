package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference values are the exact functions at the given double arguments, evaluated with
 * mpmath 1.3 at 50 to 700 significant digits ({@code ncdf}, {@code sqrt(2) erfinv(2p - 1)},
 * {@code npdf}) and rounded to double. The tolerance, 2e-15 relative, is about ten ulps.
 */
class NormalDistributionTest {

    private static final double RELATIVE = 2e-15;

    private static void assertRelativelyClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
    }

    @ParameterizedTest
    @CsvSource({
        "1e-300, -37.0470962993612",
        "1e-100, -21.273453560965326",
        "1e-20, -9.262340089798407",
        "1e-10, -6.361340902404057",
        "2.3283064365386963e-10, -6.230260137989043",
        "1e-05, -4.264890793922825",
        "0.001, -3.0902323061678136",
        "0.02, -2.053748910631823",
        "0.075, -1.439531470938456",
        "0.1, -1.2815515655446004",
        "0.3, -0.5244005127080408",
        "0.6, 0.2533471031357997",
        "0.9, 1.2815515655446006",
        "0.925, 1.4395314709384561",
        "0.975, 1.9599639845400538",
        "0.999, 3.090232306167813",
        "0.99999, 4.264890793923841",
        "0.9999999998835847, 6.3379577545537895"
    })
    void quantileMatchesHighPrecisionValues(double p, double z) {
        assertRelativelyClose(NormalDistribution.quantile(p), z);
    }

    @ParameterizedTest
    @CsvSource({
        "-37, 5.725571222524577e-300",
        "-30, 4.906713927148187e-198",
        "-20, 2.7536241186062337e-89",
        "-10, 7.619853024160525e-24",
        "-8, 6.220960574271784e-16",
        "-6, 9.86587645037698e-10",
        "-5.656854248, 7.708629017140477e-09",
        "-5, 2.866515718791939e-07",
        "-3, 0.0013498980316300946",
        "-2, 0.02275013194817921",
        "-1, 0.15865525393145705",
        "-0.66291, 0.25369409838973994",
        "-0.5, 0.3085375387259869",
        "-0.1, 0.460172162722971",
        "0, 0.5",
        "1e-5, 0.500003989422804",
        "0.3, 0.6179114221889527",
        "0.7, 0.758036347776927",
        "1.5, 0.9331927987311419",
        "4, 0.9999683287581669"
    })
    void cdfMatchesHighPrecisionValues(double x, double phi) {
        assertRelativelyClose(NormalDistribution.cdf(x), phi);
        assertRelativelyClose(NormalDistribution.upperTail(-x), phi);
    }

    @Test
    void quantileEndpointsAndCentre() {
        assertThat(NormalDistribution.quantile(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalDistribution.quantile(1.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NormalDistribution.quantile(0.5)).isZero();
    }

    @Test
    void quantileIsOddAboutOneHalf() {
        // p and 1 - p are both exact for p = k / 2^20, so symmetry must hold exactly.
        for (int k = 1; k < (1 << 19); k += 97) {
            double p = k * 0x1.0p-20;
            assertThat(NormalDistribution.quantile(1.0 - p)).isEqualTo(-NormalDistribution.quantile(p));
        }
    }

    @Test
    void quantileIsIncreasing() {
        double previous = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < 1 << 16; k++) {
            double z = NormalDistribution.quantile(k * 0x1.0p-16);
            assertThat(z).isGreaterThan(previous);
            previous = z;
        }
    }

    @Test
    void quantileInvertsTheCdfAcrossTheWholeRange() {
        // Lower half through cdf, upper half through upperTail, so neither rounds near 1.
        for (double x = -37.0; x <= 0.0; x += 0.0137) {
            assertThat(NormalDistribution.quantile(NormalDistribution.cdf(x)))
                    .as("x=%s", x)
                    .isCloseTo(x, within(1e-13 * Math.max(1.0, Math.abs(x))));
            assertThat(-NormalDistribution.quantile(NormalDistribution.upperTail(-x)))
                    .as("x=%s", -x)
                    .isCloseTo(-x, within(1e-13 * Math.max(1.0, Math.abs(x))));
        }
    }

    @Test
    void cdfAndUpperTailAreMirrorImagesAndSumToOne() {
        for (double x = -40.0; x <= 40.0; x += 0.031) {
            assertThat(NormalDistribution.upperTail(x)).isEqualTo(NormalDistribution.cdf(-x));
            assertThat(NormalDistribution.cdf(x) + NormalDistribution.upperTail(x))
                    .isCloseTo(1.0, within(2e-16));
        }
        assertThat(NormalDistribution.cdf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(NormalDistribution.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(NormalDistribution.upperTail(40.0)).isZero();
    }

    @Test
    void densityAndIntervalProbability() {
        assertRelativelyClose(NormalDistribution.density(0.0), 0.3989422804014327);
        assertRelativelyClose(NormalDistribution.density(-1.0), 0.24197072451914334);
        assertRelativelyClose(NormalDistribution.density(8.0), 5.052271083536892e-15);
        assertRelativelyClose(NormalDistribution.density(-30.0), 1.4736461348785476e-196);
        assertThat(NormalDistribution.density(Double.POSITIVE_INFINITY)).isZero();
        assertRelativelyClose(NormalDistribution.intervalProbability(8, 9), 6.21983198586583e-16);
        assertRelativelyClose(NormalDistribution.intervalProbability(-9, -8), 6.21983198586583e-16);
        assertRelativelyClose(NormalDistribution.intervalProbability(-1, 3), 0.8399948480369128);
        assertRelativelyClose(NormalDistribution.intervalProbability(-3, -2.5), 0.004859767294146041);
        assertRelativelyClose(NormalDistribution.intervalProbability(0.25, 0.5), 0.09275613559108938);
        assertThat(NormalDistribution.intervalProbability(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
                .isEqualTo(1.0);
    }

    @Test
    void rejectsArgumentsOutsideTheDomain() {
        for (double p : new double[] {-1e-300, 1.0000000000000002, Double.NaN}) {
            assertThatThrownBy(() -> NormalDistribution.quantile(p))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[0, 1]")
                    .hasMessageContaining("p=" + p);
        }
        assertThatThrownBy(() -> NormalDistribution.cdf(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> NormalDistribution.upperTail(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> NormalDistribution.intervalProbability(2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=2.0, b=1.0");
    }
}
