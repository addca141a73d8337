package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.initlab.core.shape.Layout;
import org.junit.jupiter.api.Test;

/** Exact values of the initializers that draw nothing. */
class DeterministicKindsTest {

    @Test
    void constantsFillEveryElement() {
        assertThat(Fill.tensor(new Zeros(), Target.of(3, 2))).containsOnly(0f);
        assertThat(Fill.tensor(new Ones(), Target.of(3, 2))).containsOnly(1f);
        assertThat(Fill.tensor(new Constant(0.25), Target.of(3))).containsExactly(0.25f, 0.25f, 0.25f);
    }

    @Test
    void lstmForgetBiasSetsTheSecondQuarterOnly() {
        assertThat(Fill.tensor(new LstmForgetBias(), Target.of(8))).containsExactly(0, 0, 1, 1, 0, 0, 0, 0);
        assertThat(Fill.tensor(Registry.parse("unit_forget_bias(value=2.5)"), Target.of(4)))
                .containsExactly(0, 2.5f, 0, 0);
        float[] slice = new float[3];
        Fill.range(new LstmForgetBias(), Target.of(12), 2, 5, slice, 0, 1); // elements 2, 3, 4 of [0,0,0,1,1,1,0,...]
        assertThat(slice).containsExactly(0, 1, 1);
        Expectation e = new LstmForgetBias().expectation(Target.of(16));
        assertThat(e.mean()).isEqualTo(0.25);
        assertThat(e.std()).isCloseTo(Math.sqrt(3) / 4, org.assertj.core.data.Offset.offset(1e-15));
        assertThatThrownBy(() -> Fill.tensor(new LstmForgetBias(), Target.of(6).withPath("0.bias")))
                .hasMessage("lstm_forget_bias fills an LSTM bias of 4·H values (gates i, f, g, o), got shape [6] for"
                        + " 0.bias; give it the bias of an LSTM layer");
        assertThatThrownBy(() -> Fill.tensor(new LstmForgetBias(), Target.of(4, 4)))
                .hasMessageContaining("got shape [4, 4]");
        assertThatThrownBy(() -> new LstmForgetBias(Double.NaN)).hasMessageContaining("value");
    }

    @Test
    void identityIsRectangularEyeTimesGain() {
        assertThat(Fill.tensor(new Identity(2), Target.of(2, 3))).containsExactly(2, 0, 0, 0, 2, 0);
        assertThat(Fill.tensor(new Identity(), Target.of(3, 2))).containsExactly(1, 0, 0, 1, 0, 0);
        assertThatThrownBy(() -> Fill.tensor(new Identity(), Target.of(2, 2, 3)))
                .hasMessageContaining("rank-2")
                .hasMessageContaining("dirac");
    }

    @Test
    void diracMatchesPyTorchsLayoutEntryByEntry() {
        // [out=4, in=2, 3] with groups=2: opg=2, min_dim=min(2,2)=2; ones at [g*2+d, d, 1].
        float[] w = Fill.tensor(new Dirac(2), Target.of(4, 2, 3));
        float[] expected = new float[24];
        for (int g = 0; g < 2; g++) {
            for (int d = 0; d < 2; d++) {
                expected[((g * 2 + d) * 2 + d) * 3 + 1] = 1;
            }
        }
        assertThat(w).containsExactly(expected);
    }

    @Test
    void diracWithMoreOutputsThanInputsLeavesTheExtraOutputsZero() {
        // [out=3, in=2, 3, 3]: ones at [0,0,1,1] and [1,1,1,1]; output 2 is all zero.
        float[] w = Fill.tensor(new Dirac(), Target.of(3, 2, 3, 3));
        int ones = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 1) {
                ones++;
            }
        }
        assertThat(ones).isEqualTo(2);
        assertThat(w[(0 * 2 + 0) * 9 + 4]).isEqualTo(1);
        assertThat(w[(1 * 2 + 1) * 9 + 4]).isEqualTo(1);
    }

    @Test
    void diracInKerasLayoutSetsTheSameEntries() {
        // Keras [k=3, in=2, out=4] vs PyTorch [out=4, in=2, k=3], groups 2.
        float[] keras = Fill.tensor(new Dirac(2), Target.of(3, 2, 4).withLayout(Layout.KERAS));
        float[] torch = Fill.tensor(new Dirac(2), Target.of(4, 2, 3));
        for (int o = 0; o < 4; o++) {
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 3; k++) {
                    assertThat(keras[(k * 2 + i) * 4 + o]).isEqualTo(torch[(o * 2 + i) * 3 + k]);
                }
            }
        }
    }

    @Test
    void diracRejectsDenseTensorsAndBadGroups() {
        assertThatThrownBy(() -> Fill.tensor(new Dirac(), Target.of(4, 4))).hasMessageContaining("3-, 4- or 5-D");
        assertThatThrownBy(() -> Fill.tensor(new Dirac(3), Target.of(4, 2, 3))).hasMessageContaining("does not divide");
    }
}
