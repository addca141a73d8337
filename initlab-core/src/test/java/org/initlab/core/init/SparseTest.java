package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;

import org.initlab.core.shape.Layout;
import org.junit.jupiter.api.Test;

class SparseTest {

    @Test
    void everyUnitHasExactlyCeilOfSparsityTimesItsIncomingWeightsAtZero() {
        // PyTorch layout [out=50, in=40]: unit o owns row o; ceil(0.3 * 40) = 12 zeros per row.
        float[] w =
                Fill.tensor(new Sparse(0.3, 1), Target.of(50, 40).withSeed(3).withPath("w"));
        for (int o = 0; o < 50; o++) {
            int zeros = 0;
            for (int i = 0; i < 40; i++) {
                zeros += w[o * 40 + i] == 0 ? 1 : 0;
            }
            assertThat(zeros).as("row " + o).isEqualTo(12);
        }
    }

    @Test
    void inKerasLayoutTheUnitsAreColumns() {
        // Keras [in=40, out=50]: unit o owns column o.
        float[] w = Fill.tensor(
                new Sparse(0.3, 1), Target.of(40, 50).withLayout(Layout.KERAS).withPath("w"));
        for (int o = 0; o < 50; o++) {
            int zeros = 0;
            for (int i = 0; i < 40; i++) {
                zeros += w[i * 50 + o] == 0 ? 1 : 0;
            }
            assertThat(zeros).isEqualTo(12);
        }
    }

    @Test
    void theMaskIsUniformOverPositions() {
        // Over 4000 units of 10 weights with 5 zeros, each position is zero with probability 1/2:
        // count ~ Binomial(4000, 1/2), sd 31.6; allow 5 sd (two-sided p < 6e-7 per position).
        float[] w =
                Fill.tensor(new Sparse(0.5, 1), Target.of(4000, 10).withSeed(11).withPath("w"));
        for (int p = 0; p < 10; p++) {
            int zeros = 0;
            for (int o = 0; o < 4000; o++) {
                zeros += w[o * 10 + p] == 0 ? 1 : 0;
            }
            assertThat(zeros).as("position " + p).isBetween(2000 - 158, 2000 + 158);
        }
    }
}
