package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.initlab.core.random.NormalDistribution;
import org.initlab.core.random.TruncatedNormalMoments;
import org.initlab.core.stats.KolmogorovSmirnov;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each fan-based preset draws from exactly the law its Javadoc states: a one-sample
 * Kolmogorov–Smirnov test against the closed-form CDF at significance 0.001 (fixed seed, so the
 * test is deterministic; a std 3% off is rejected at this sample size).
 */
class VarianceScalingLawTest {
    private static final double ALPHA = 0.001;
    // PyTorch layout [out=512, in=300]: fan_in 300, fan_out 512.
    private static final Target DENSE = Target.of(512, 300).withSeed(2024).withPath("fc.weight");
    private static final double FAN_IN = 300;
    private static final double FAN_OUT = 512;

    static DoubleUnaryOperator uniformCdf(double limit) {
        return x -> Math.min(1, Math.max(0, (x + limit) / (2 * limit)));
    }

    static DoubleUnaryOperator normalCdf(double std) {
        return x -> NormalDistribution.cdf(x / std);
    }

    static DoubleUnaryOperator truncatedCdf(double std, double a, double b) {
        double mass = NormalDistribution.intervalProbability(a, b);
        return x -> {
            double z = x / std;
            if (z <= a) {
                return 0;
            }
            if (z >= b) {
                return 1;
            }
            return NormalDistribution.intervalProbability(a, z) / mass;
        };
    }

    private static void assertLaw(String spec, Target target, DoubleUnaryOperator cdf) {
        float[] v = Fill.tensor(Registry.parse(spec), target);
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(v, cdf);
        assertThat(r.pValue()).as(spec + " KS D=" + r.statistic()).isGreaterThan(ALPHA);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            he_uniform                          ; 2.4494897427831781   ; in
            glorot_uniform                      ; 2.4494897427831781   ; avg2
            glorot_uniform(gain=2)              ; 4.8989794855663562   ; avg2
            lecun_uniform                       ; 1.7320508075688772   ; in
            he_uniform(mode=fan_out)            ; 2.4494897427831781   ; out
            variance_scaling(distribution=uniform) ; 1.7320508075688772 ; in
            """)
    void uniformPresetsHaveBoundGainTimesSqrtThreeOverFan(String spec, double numerator, String fan) {
        double denominator = switch (fan) {
            case "in" -> FAN_IN;
            case "out" -> FAN_OUT;
            default -> FAN_IN + FAN_OUT;
        };
        double limit = numerator / Math.sqrt(denominator);
        float[] v = Fill.tensor(Registry.parse(spec), DENSE);
        for (float x : v) {
            assertThat((double) x).isBetween(-limit, limit);
        }
        assertLaw(spec, DENSE, uniformCdf(limit));
    }

    @Test
    void normalPresetsHaveTheirStatedStd() {
        assertLaw("he_normal", DENSE, normalCdf(Math.sqrt(2 / FAN_IN)));
        assertLaw(
                "he_normal(mode=fan_out, nonlinearity=leaky_relu, negative_slope=0.1)",
                DENSE,
                normalCdf(Math.sqrt(2 / 1.01) / Math.sqrt(FAN_OUT)));
        assertLaw("he_normal(nonlinearity=tanh)", DENSE, normalCdf(5.0 / 3 / Math.sqrt(FAN_IN)));
        assertLaw("he_normal(gain=0.5)", DENSE, normalCdf(0.5 / Math.sqrt(FAN_IN)));
        assertLaw("glorot_normal", DENSE, normalCdf(Math.sqrt(2 / (FAN_IN + FAN_OUT))));
        assertLaw("lecun_normal", DENSE, normalCdf(Math.sqrt(1 / FAN_IN)));
        assertLaw("selu", DENSE, normalCdf(Math.sqrt(1 / FAN_IN)));
        assertLaw(
                "variance_scaling(scale=2, mode=fan_geo_avg, distribution=normal)",
                DENSE,
                normalCdf(Math.sqrt(2 / Math.sqrt(FAN_IN * FAN_OUT))));
    }

    @Test
    void gainForGeluIsTheComputedVariancePreservingOne() {
        // 1/sqrt(E[gelu(z)^2]) = 1.5335304411955348 (gain package, checked there against mpmath).
        assertLaw("he_normal(nonlinearity=gelu)", DENSE, normalCdf(1.5335304411955348 / Math.sqrt(FAN_IN)));
    }

    @Test
    void truncatedPresetsCutAtTwoSigmaAndKeepTheRequestedVariance() {
        double sigma = Math.sqrt(2 / FAN_IN) / VarianceScaling.TRUNCATED_STD_AT_TWO;
        assertLaw("he_normal(truncated=true)", DENSE, truncatedCdf(sigma, -2, 2));
        assertThat(new HeNormal(Mode.FAN_IN, "relu", 0, Double.NaN, true)
                        .expectation(DENSE)
                        .std())
                .isCloseTo(Math.sqrt(2 / FAN_IN), within(1e-12));
        assertLaw(
                "variance_scaling",
                DENSE,
                truncatedCdf(Math.sqrt(1 / FAN_IN) / VarianceScaling.TRUNCATED_STD_AT_TWO, -2, 2));
    }

    @Test
    void theTruncationConstantIsTheStdOfAUnitNormalCutAtTwo() {
        assertThat(TruncatedNormalMoments.of(0, 1, -2, 2).std())
                .isCloseTo(VarianceScaling.TRUNCATED_STD_AT_TWO, within(1e-15));
    }

    @Test
    void groupedConvolutionFanOutCountsOneGroup() {
        // [out=64, in/groups=8, 3, 3], groups 4: fan_out = 64/4 * 9 = 144 (PyTorch would say 576).
        Target conv = Target.of(64, 8, 3, 3).withGroups(4).withSeed(5).withPath("conv.weight");
        assertLaw("he_normal(mode=fan_out)", conv, normalCdf(Math.sqrt(2.0 / 144)));
    }

    @Test
    void torchDefaultIsUniformOneOverSqrtFanIn() {
        assertLaw("torch_default", DENSE, uniformCdf(1 / Math.sqrt(FAN_IN)));
    }

    @Test
    void aWrongScaleIsRejected() {
        // The tests above have power: a std 3% too large is rejected at this size (D ≈ 0.24·0.03 > 0.005).
        float[] v = Fill.tensor(new HeNormal(), DENSE);
        assertThat(KolmogorovSmirnov.test(v, normalCdf(1.03 * Math.sqrt(2 / FAN_IN)))
                        .pValue())
                .isLessThan(ALPHA);
    }

    @Test
    void smallStdTruncatedNormalStaysInsideWithoutPileUp() {
        Target t = Target.of(1000, 1000).withSeed(9).withPath("w");
        float[] v = Fill.tensor(new TruncatedNormal(0, 1e-3, -2, 2), t);
        int atBound = 0;
        for (float x : v) {
            assertThat((double) x).isBetween(-2.0000001e-3, 2.0000001e-3);
            if (Math.abs(x) >= (float) 2e-3) {
                atBound++;
            }
        }
        assertThat(atBound).as("values on the bounds").isLessThanOrEqualTo(2);
        assertLaw("truncated_normal(std=0.001)", t, truncatedCdf(1e-3, -2, 2));
    }
}
