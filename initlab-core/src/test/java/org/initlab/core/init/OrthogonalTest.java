package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.initlab.core.linalg.Orthogonality;
import org.initlab.core.shape.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrthogonalTest {

    @ParameterizedTest(name = "{0} {1} gain={2}")
    @CsvSource(delimiter = ';', textBlock = """
            64,64       ; pytorch ; 1
            200,50      ; pytorch ; 1
            50,200      ; pytorch ; 1.4142135623730951
            32,16,3,3   ; pytorch ; 2
            3,3,16,32   ; keras   ; 0.5
            3,3,64,8    ; keras   ; 1
            1,300       ; pytorch ; 1
            """)
    void gramMatrixOfTheShorterSideIsGainSquaredTimesIdentity(String shape, String layout, double gain) {
        Target t = Target.of(org.initlab.core.shape.Shape.parse(shape))
                .withLayout(Layout.parse(layout))
                .withSeed(7)
                .withPath("w");
        float[] w = Fill.tensor(new Orthogonal(gain), t);
        int rows = Layout.parse(layout) == Layout.PYTORCH
                ? t.shape().dim(0)
                : (int) (t.size() / t.shape().dim(-1));
        int cols = (int) (t.size() / rows);
        assertThat(Orthogonality.error(w, rows, cols, gain, Integer.MAX_VALUE)).isLessThan(1e-5);
    }

    @Test
    void keepsAnOutputUnitsWeightsTogetherInEitherLayout() {
        // PyTorch [out=8, in=32]: the 8 rows are orthonormal. Keras [in=32, out=8]: the 8 columns are.
        float[] torch = Fill.tensor(new Orthogonal(), Target.of(8, 32).withPath("w"));
        float[] keras = Fill.tensor(
                new Orthogonal(), Target.of(32, 8).withLayout(Layout.KERAS).withPath("w"));
        assertThat(Orthogonality.error(torch, 8, 32, 1, 100)).isLessThan(1e-5);
        assertThat(Orthogonality.error(keras, 32, 8, 1, 100)).isLessThan(1e-5);
    }

    @Test
    void signCorrectionMakesTheDiagonalOfRPositive() {
        // Without the sign correction, Q from Householder QR has a biased first column; with it,
        // Q = G R⁻¹ with positive diag(R), so Q[0][0] has the sign of G[0][0].
        for (int seed = 0; seed < 20; seed++) {
            Target t = Target.of(6, 4).withSeed(seed).withPath("w");
            float[] q = Fill.tensor(new Orthogonal(), t);
            float[] g = new float[24];
            org.initlab.core.random.Samplers.normal(t.stream(), 0, 24, 0, 1, g, 0);
            // g is column-major 6 x 4: g[0] is G[0][0]
            assertThat(Math.signum(q[0])).isEqualTo(Math.signum(g[0]));
        }
    }

    @Test
    void deltaOrthogonalPutsAnOrthogonalMatrixAtTheCenterTap() {
        Target t = Target.of(16, 8, 3, 3).withSeed(1).withPath("conv");
        float[] w = Fill.tensor(new DeltaOrthogonal(2), t);
        float[] center = new float[16 * 8];
        for (int o = 0; o < 16; o++) {
            for (int i = 0; i < 8; i++) {
                for (int tap = 0; tap < 9; tap++) {
                    float v = w[(o * 8 + i) * 9 + tap];
                    if (tap == 4) {
                        center[o * 8 + i] = v;
                    } else {
                        assertThat(v).isZero();
                    }
                }
            }
        }
        assertThat(Orthogonality.error(center, 16, 8, 2, 100)).isLessThan(1e-5);
    }

    @Test
    void rankOneIsRejected() {
        assertThatThrownBy(() -> Fill.tensor(new Orthogonal(), Target.of(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2 or more");
    }
}
