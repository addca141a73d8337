package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.initlab.core.shape.Layout;
import org.junit.jupiter.api.Test;

/** ZerO's exact values: identities, Sylvester Hadamard columns, center taps, both layouts. */
class ZerOTest {

    @Test
    void squareAndNarrowingLayersArePartialIdentities() {
        assertThat(Fill.tensor(new ZerO(), Target.of(3, 3))).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Fill.tensor(new ZerO(), Target.of(2, 3))).containsExactly(1, 0, 0, 0, 1, 0);
    }

    @Test
    void wideningLayerIsTheFirstColumnsOfTheNormalizedHadamardMatrix() {
        // out = 3 > in = 2: p = 4, H_4 = [[1,1,1,1],[1,-1,1,-1],[1,1,-1,-1],[1,-1,-1,1]] / 2,
        // rows 0..2, columns 0..1 (written out by hand, not by the formula under test).
        assertThat(Fill.tensor(new ZerO(), Target.of(3, 2))).containsExactly(0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0.5f);
        // out = 5 > in = 1: p = 8, first column of H_8 / sqrt(8): all +1/sqrt(8).
        float c = (float) (1 / Math.sqrt(8));
        assertThat(Fill.tensor(new ZerO(), Target.of(5, 1))).containsExactly(c, c, c, c, c);
    }

    @Test
    void wideningToAPowerOfTwoHasOrthonormalColumns() {
        int out = 64;
        int in = 24;
        float[] w = Fill.tensor(new ZerO(), Target.of(out, in));
        for (int a = 0; a < in; a++) {
            for (int b = 0; b < in; b++) {
                double dot = 0;
                for (int i = 0; i < out; i++) {
                    dot += (double) w[i * in + a] * w[i * in + b];
                }
                assertThat(dot).isCloseTo(a == b ? 1 : 0, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void hadamardSizeIsTheNextPowerOfTwo() {
        assertThat(ZerO.hadamardSize(1)).isEqualTo(1);
        assertThat(ZerO.hadamardSize(2)).isEqualTo(2);
        assertThat(ZerO.hadamardSize(3)).isEqualTo(4);
        assertThat(ZerO.hadamardSize(1024)).isEqualTo(1024);
        assertThat(ZerO.hadamardSize(1025)).isEqualTo(2048);
    }

    @Test
    void convolutionKernelsCarryTheMatrixOnTheCenterTap() {
        // [out=3, in=2, 3, 3]: center tap (1, 1) = index 4 of the 9 taps.
        float[] w = Fill.tensor(new ZerO(), Target.of(3, 2, 3, 3));
        float[] matrix = Fill.tensor(new ZerO(), Target.of(3, 2));
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 2; i++) {
                for (int t = 0; t < 9; t++) {
                    assertThat(w[(o * 2 + i) * 9 + t]).isEqualTo(t == 4 ? matrix[o * 2 + i] : 0f);
                }
            }
        }
    }

    @Test
    void kerasLayoutSetsTheSameEntriesTransposed() {
        // Keras [in=2, out=3]: element (i, o) at i*3 + o equals the PyTorch [3, 2] element (o, i).
        float[] keras = Fill.tensor(new ZerO(), Target.of(2, 3).withLayout(Layout.KERAS));
        float[] torch = Fill.tensor(new ZerO(), Target.of(3, 2));
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 2; i++) {
                assertThat(keras[i * 3 + o]).isEqualTo(torch[o * 2 + i]);
            }
        }
    }

    @Test
    void rejectsVectorsNamingTheShape() {
        assertThatThrownBy(() -> Fill.tensor(new ZerO(), Target.of(5)))
                .hasMessageContaining("zero_hadamard")
                .hasMessageContaining("rank 2");
    }

    @Test
    void isRegisteredUnderItsNameAndAlias() {
        assertThat(Registry.parse("zero_hadamard")).isEqualTo(new ZerO());
        assertThat(Registry.parse("zero_init")).isEqualTo(new ZerO());
        assertThat(Registry.format(new ZerO())).isEqualTo("zero_hadamard");
    }
}
