package org.initlab.lab.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.initlab.core.gain.Activation;
import org.initlab.lab.theory.LengthFixedPoint.Status;
import org.initlab.lab.theory.MeanFieldAnalysis.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties of {@link MeanField} and {@link EdgeOfChaos} that hold exactly or follow from the theory. */
class MeanFieldTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.05, 1.0})
    void reluIsCriticalAtSigmaW2TwoForAnyBias(double sigmaB2) {
        // with bias, q* = σ_b²/(1 − σ_w²/2) passes the explosion ceiling 1e12 within 2e-12 σ_b² of the edge
        double tolerance = 1e-12 + 4e-12 * sigmaB2;
        assertThat(EdgeOfChaos.criticalSigmaW2(Activation.RELU, Double.NaN, sigmaB2))
                .isCloseTo(2.0, within(tolerance));
        // the quadrature path, not the closed form, finds the same edge
        double byQuadrature = EdgeOfChaos.criticalSigmaW2(new QuadratureKernel(Activation.RELU, Double.NaN), sigmaB2);
        assertThat(byQuadrature).isCloseTo(2.0, within(tolerance));
    }

    @Test
    void reluAtTheEdgeWithoutBiasKeepsEveryLengthAndIsCritical() {
        MeanField field = MeanField.of(Activation.RELU, Double.NaN, 2.0, 0.0);
        for (double q0 : new double[] {1e-6, 0.3, 1.0, 250.0}) {
            assertThat(field.lengthFixedPoint(q0)).isEqualTo(new LengthFixedPoint(q0, Status.FINITE));
        }
        MeanFieldAnalysis a = field.analyze(1.0);
        assertThat(a.chi1()).isEqualTo(1.0);
        assertThat(a.phase()).isEqualTo(Phase.CRITICAL);
        assertThat(a.cStar()).isEqualTo(1.0);
        assertThat(a.xiQ()).isInfinite();
        assertThat(a.xiC()).isInfinite();
    }

    @Test
    void reluFixedPointFollowsItsClosedFormOrExplodesOrVanishes() {
        // L(q) = σ_w² q/2 + σ_b², so q* = σ_b²/(1 − σ_w²/2) below σ_w² = 2
        MeanField ordered = MeanField.of(Activation.RELU, Double.NaN, 1.5, 0.2);
        assertThat(ordered.lengthFixedPoint(1.0).q()).isCloseTo(0.2 / (1 - 0.75), within(1e-14));
        assertThat(ordered.analyze(1.0).xiQ()).isCloseTo(-1 / Math.log(0.75), within(1e-12));
        MeanFieldAnalysis exploding =
                MeanField.of(Activation.RELU, Double.NaN, 3.0, 0.2).analyze(1.0);
        assertThat(exploding.fixedPoint().status()).isEqualTo(Status.EXPLODES);
        assertThat(exploding.chi1()).isEqualTo(1.5);
        assertThat(exploding.phase()).isEqualTo(Phase.CHAOTIC);
        assertThat(exploding.xiQ()).isNaN();
        assertThat(exploding.cStar()).isNaN();
        MeanFieldAnalysis vanishing =
                MeanField.of(Activation.RELU, Double.NaN, 1.5, 0.0).analyze(1.0);
        assertThat(vanishing.fixedPoint()).isEqualTo(new LengthFixedPoint(0, Status.VANISHES));
        assertThat(vanishing.chi1()).isEqualTo(0.75); // the q → 0⁺ limit, not φ'(0)² = 0
        assertThat(vanishing.xiQ()).isCloseTo(-1 / Math.log(0.75), within(1e-12));
    }

    @Test
    void tanhWithoutBiasIsCriticalAtSigmaW2OneWhereTheSignalVanishes() {
        assertThat(EdgeOfChaos.criticalSigmaW2(Activation.TANH, Double.NaN, 0.0))
                .isCloseTo(1.0, within(1e-12));
        MeanFieldAnalysis atEdge =
                MeanField.of(Activation.TANH, Double.NaN, 1.0, 0.0).analyze(1.0);
        assertThat(atEdge.fixedPoint()).isEqualTo(new LengthFixedPoint(0, Status.VANISHES));
        assertThat(atEdge.chi1()).isCloseTo(1.0, within(1e-15));
        assertThat(atEdge.phase()).isEqualTo(Phase.CRITICAL);
        assertThat(atEdge.xiQ()).isInfinite(); // q decays like 1/(2l), not exponentially
        // just above the edge a positive fixed point appears, q* ≈ (σ_w² − 1)/(2σ_w²) for small excess
        LengthFixedPoint above =
                MeanField.of(Activation.TANH, Double.NaN, 1.01, 0.0).lengthFixedPoint(1.0);
        assertThat(above.status()).isEqualTo(Status.FINITE);
        assertThat(above.q()).isCloseTo(0.01 / 2.02, within(2e-4));
        // below it the signal vanishes geometrically, at rate σ_w² tanh'(0)² = σ_w²
        MeanFieldAnalysis below =
                MeanField.of(Activation.TANH, Double.NaN, 0.8, 0.0).analyze(1.0);
        assertThat(below.fixedPoint().status()).isEqualTo(Status.VANISHES);
        assertThat(below.chiQ()).isCloseTo(0.8, within(1e-11));
        assertThat(below.phase()).isEqualTo(Phase.ORDERED);
    }

    /**
     * GELU without bias: {@code L(q)/q} grows from {@code σ_w²/4} to {@code σ_w²/2}, so from
     * {@code q₀ = 1} the signal vanishes ({@code χ₁ = σ_w²/4 < 1}) or explodes ({@code χ₁ → σ_w²/2 > 1}), and
     * χ₁ − 1 jumps over 0 where the two meet: no edge of chaos. With σ_b² = 0.1 the finite fixed
     * point disappears at χ₁ ≈ 0.8; with σ_b² = 0.5 χ₁ reaches 1 at a finite q*.
     */
    @Test
    void geluWithLittleBiasHasNoEdgeOfChaosButWithMoreBiasHasOne() {
        assertThat(EdgeOfChaos.criticalSigmaW2(Activation.GELU, Double.NaN, 0.0))
                .isNaN();
        assertThat(EdgeOfChaos.criticalSigmaW2(Activation.SILU, Double.NaN, 0.0))
                .isNaN();
        assertThat(EdgeOfChaos.criticalSigmaW2(Activation.GELU, Double.NaN, 0.1))
                .isNaN();
        double critical = EdgeOfChaos.criticalSigmaW2(Activation.GELU, Double.NaN, 0.5);
        assertThat(critical).isBetween(1.9, 2.0);
        MeanFieldAnalysis atEdge =
                MeanField.of(Activation.GELU, Double.NaN, critical, 0.5).analyze(1.0);
        assertThat(atEdge.fixedPoint().status()).isEqualTo(Status.FINITE);
        assertThat(atEdge.phase()).isEqualTo(Phase.CRITICAL);
    }

    @Test
    void correlationDepthScaleDivergesOnBothSidesOfTheEdge() {
        double critical = EdgeOfChaos.criticalSigmaW2(Activation.TANH, Double.NaN, 0.05);
        double previousOrdered = 0;
        double previousChaotic = 0;
        double previousDistance = 0;
        for (double distance : new double[] {0.1, 0.01, 0.001}) {
            MeanFieldAnalysis ordered = MeanField.of(Activation.TANH, Double.NaN, critical - distance, 0.05)
                    .analyze(1.0);
            MeanFieldAnalysis chaotic = MeanField.of(Activation.TANH, Double.NaN, critical + distance, 0.05)
                    .analyze(1.0);
            assertThat(ordered.phase()).isEqualTo(Phase.ORDERED);
            assertThat(chaotic.phase()).isEqualTo(Phase.CHAOTIC);
            assertThat(ordered.cStar()).isEqualTo(1.0);
            assertThat(chaotic.cStar()).isLessThan(1.0);
            // ξ_c ∝ 1/|σ_w² − σ_w²_critical| near the edge (Schoenholz et al. 2017, §3)
            assertThat(ordered.xiC()).isGreaterThan(5 * previousOrdered);
            assertThat(chaotic.xiC()).isGreaterThan(5 * previousChaotic);
            if (distance < 0.01) { // the product ξ_c·distance settles (to 4.69 on both sides)
                assertThat(ordered.xiC() * distance)
                        .isCloseTo(
                                previousOrdered * previousDistance, within(0.02 * previousOrdered * previousDistance));
                assertThat(chaotic.xiC() * distance)
                        .isCloseTo(ordered.xiC() * distance, within(0.02 * ordered.xiC() * distance));
            }
            previousOrdered = ordered.xiC();
            previousChaotic = chaotic.xiC();
            previousDistance = distance;
        }
        assertThat(previousOrdered).isGreaterThan(1000);
        assertThat(previousChaotic).isGreaterThan(1000);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void lengthMapSlopeIsTheDerivativeOfTheLengthMap(Activation activation) {
        MeanField field = new MeanField(new QuadratureKernel(activation, Double.NaN), 1.7, 0.1);
        for (double q : new double[] {0.05, 0.7, 9.0}) {
            double h = 1e-4 * q;
            double centralDifference = (field.lengthMap(q + h) - field.lengthMap(q - h)) / (2 * h);
            assertThat(field.lengthMapSlope(q))
                    .as("%s at q=%s", activation, q)
                    .isCloseTo(centralDifference, within(1e-7 * Math.max(1, Math.abs(centralDifference))));
        }
    }

    /** The fixed-point search relies on the length map being increasing; checked on a grid for every activation. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void lengthMapIsIncreasing(Activation activation) {
        MeanField field = new MeanField(new QuadratureKernel(activation, Double.NaN), 1.0, 0.0);
        double previous = field.lengthMap(0);
        for (double q = 1e-3; q < 1e4; q *= 1.5) {
            double next = field.lengthMap(q);
            assertThat(next).as("%s at q=%s", activation, q).isGreaterThan(previous);
            previous = next;
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fixedPointIsWhereIteratingTheLengthMapGoes(Activation activation) {
        MeanField field = MeanField.of(activation, Double.NaN, 0.9, 0.3);
        LengthFixedPoint fixedPoint = field.lengthFixedPoint(1.0);
        assertThat(fixedPoint.status()).isEqualTo(Status.FINITE);
        double q = fixedPoint.q();
        assertThat(field.lengthMap(q)).isCloseTo(q, within(1e-13 * q));
        double iterated = 1.0;
        for (int l = 0; l < 500; l++) {
            iterated = field.lengthMap(iterated);
        }
        assertThat(iterated).as("%s", activation).isCloseTo(q, within(1e-10 * q));
        // the per-layer prediction from input second moment 1 passes through the same map
        double[] predicted = field.predictedSecondMoments((1.0 - 0.3) / 0.9, 500);
        assertThat(predicted[0]).isCloseTo(1.0, within(1e-15));
        assertThat(predicted[1]).isEqualTo(field.lengthMap(predicted[0]));
        assertThat(predicted[499]).isCloseTo(iterated, within(1e-12 * q));
    }

    @Test
    void perLayerVariancesGiveTheSameProfileAsOneVarianceWhenEqualAndFollowEachLayerOtherwise() {
        MeanField field = MeanField.of(Activation.TANH, Double.NaN, 1.3, 0.02);
        double[] uniform = field.predictedSecondMoments(0.8, 5);
        double[] same = MeanField.predictedSecondMoments(
                field.kernel(), 0.8, new double[] {1.3, 1.3, 1.3, 1.3, 1.3}, new double[] {0.02, 0.02, 0.02, 0.02, 0.02
                });
        assertThat(same).containsExactly(uniform);
        double[] mixed =
                MeanField.predictedSecondMoments(field.kernel(), 0.8, new double[] {2.0, 1.0}, new double[] {0.0, 0.5});
        assertThat(mixed[0]).isEqualTo(1.6);
        assertThat(mixed[1])
                .isEqualTo(MeanField.of(Activation.TANH, Double.NaN, 1.0, 0.5).lengthMap(1.6));
        assertThatThrownBy(() -> MeanField.predictedSecondMoments(field.kernel(), 1, new double[2], new double[3]))
                .hasMessageContaining("one sigma_w^2 and one sigma_b^2 per layer");
    }

    @Test
    void correlationMapFixesOneWithSlopeChi1AndFixesCStar() {
        MeanField field = MeanField.of(Activation.TANH, Double.NaN, 2.5, 0.05);
        double q = field.lengthFixedPoint(1.0).q();
        assertThat(field.correlationMap(q, 1.0)).isCloseTo(1.0, within(1e-14));
        double h = 1e-4;
        double slopeAtOne = (field.correlationMap(q, 1.0) - field.correlationMap(q, 1 - h)) / h;
        assertThat(slopeAtOne).isCloseTo(field.chi1(q), within(1e-3));
        double cStar = field.correlationFixedPoint(q);
        assertThat(field.correlationMap(q, cStar)).isCloseTo(cStar, within(1e-12));
        double slopeAtCStar = (field.correlationMap(q, cStar + h) - field.correlationMap(q, cStar - h)) / (2 * h);
        assertThat(slopeAtCStar).isCloseTo(field.chiC(q, cStar), within(1e-7));
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> MeanField.of(Activation.TANH, Double.NaN, 0, 0))
                .hasMessageContaining("sigma_w^2")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> MeanField.of(Activation.TANH, Double.NaN, 1, -0.1))
                .hasMessageContaining("sigma_b^2")
                .hasMessageContaining("-0.1");
        MeanField field = MeanField.of(Activation.TANH, Double.NaN, 1, 0);
        assertThatThrownBy(() -> field.lengthFixedPoint(0)).hasMessageContaining("q0");
        assertThatThrownBy(() -> field.correlationMap(1, 1.5)).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> field.predictedSecondMoments(1, 0)).hasMessageContaining("depth");
        assertThatThrownBy(() -> MeanField.of(Activation.TANH, 0.2, 1, 0)).hasMessageContaining("takes no parameter");
    }
}
