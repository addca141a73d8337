package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Uniforms;
import org.junit.jupiter.api.Test;

class DropoutTest {

    private static Tensor ones(int... shape) {
        Tensor t = Tensor.zeros(shape);
        java.util.Arrays.fill(t.data(), 1f);
        return t;
    }

    @Test
    void maskFollowsTheStatedStreamLaw() {
        Dropout d = new Dropout("enc.drop", 0.3, 42);
        Tensor x = ones(4, 25);
        d.forward(x, true); // k = 0
        Tensor y = d.forward(x, true); // k = 1
        RandomStream stream = RandomStream.of(42, "enc.drop/dropout/1");
        for (int i = 0; i < x.size(); i++) {
            boolean kept = Uniforms.unitFloat(stream.word(i)) >= 0.3;
            assertThat(y.data()[i]).as("element " + i).isEqualTo(kept ? (float) (1 / 0.7) : 0f);
        }
        assertThat(d.trainingCalls()).isEqualTo(2);
    }

    @Test
    void sameSeedNameAndCallGiveTheSameMaskAndOthersDiffer() {
        Tensor x = ones(8, 64);
        Dropout a = new Dropout("d", 0.5, 7);
        Dropout b = new Dropout("d", 0.5, 7);
        float[] a0 = a.forward(x, true).data();
        assertThat(b.forward(x, true).data()).containsExactly(a0);
        assertThat(a.forward(x, true).data()).as("call k = 1").isNotEqualTo(a0);
        assertThat(new Dropout("d", 0.5, 8).forward(x, true).data())
                .as("other seed")
                .isNotEqualTo(a0);
        assertThat(new Dropout("e", 0.5, 7).forward(x, true).data())
                .as("other name")
                .isNotEqualTo(a0);
    }

    @Test
    void fractionKeptIsWithinFiveBinomialStandardDeviationsOfOneMinusP() {
        // kept ~ Binomial(n, 1 - p); |kept - n(1-p)| <= 5 sqrt(n p (1-p)) fails with probability < 6e-7
        // for a correct mask (fixed seed, so the test is deterministic). 5 sd = 725 here, while a keep
        // probability off by 0.01 moves the mean by 1000.
        int n = 100_000;
        double p = 0.3;
        for (long seed : new long[] {1, 2, 3}) {
            Tensor y = new Dropout("drop", p, seed).forward(ones(100, 1000), true);
            long kept = 0;
            for (float v : y.data()) {
                kept += v != 0 ? 1 : 0;
            }
            assertThat((double) kept)
                    .as("seed " + seed)
                    .isCloseTo(n * (1 - p), org.assertj.core.data.Offset.offset(5 * Math.sqrt(n * p * (1 - p))));
        }
    }

    @Test
    void forwardAndBackwardScaleKeptElementsByOneOverOneMinusPExactly() {
        double p = 0.35;
        Dropout d = new Dropout("d", p, 3);
        Tensor x = GradientCheck.randomInput(4, 6, 30);
        Tensor y = d.forward(x, true);
        Tensor g = GradientCheck.randomInput(5, 6, 30);
        Tensor dx = d.backward(g);
        boolean[] mask = d.mask(0, x.size());
        assertThat(dx.shape()).containsExactly(6, 30);
        int kept = 0;
        for (int i = 0; i < x.size(); i++) {
            kept += mask[i] ? 1 : 0;
            assertThat(y.data()[i]).isEqualTo(mask[i] ? (float) (x.data()[i] / (1 - p)) : 0f);
            assertThat(dx.data()[i]).isEqualTo(mask[i] ? (float) (g.data()[i] / (1 - p)) : 0f);
        }
        assertThat(kept).isBetween(1, x.size() - 1); // both branches exercised
    }

    @Test
    void halfDropoutDoublesKeptGradientsBitForBit() {
        Dropout d = new Dropout("d", 0.5, 11);
        Tensor y = d.forward(ones(3, 40), true);
        Tensor g = GradientCheck.randomInput(12, 3, 40);
        Tensor dx = d.backward(g);
        for (int i = 0; i < y.size(); i++) {
            assertThat(dx.data()[i]).isEqualTo(y.data()[i] == 2f ? 2 * g.data()[i] : 0f);
        }
    }

    @Test
    void evalIsTheIdentityAndDoesNotAdvanceTheMaskCounter() {
        Dropout d = new Dropout("d", 0.9, 1);
        Tensor x = GradientCheck.randomInput(13, 4, 9);
        float[] before = x.data().clone();
        Tensor y = d.forward(x, false);
        assertThat(y.data()).containsExactly(before);
        assertThat(y.shape()).containsExactly(4, 9);
        Tensor g = GradientCheck.randomInput(14, 4, 9);
        assertThat(d.backward(g).data()).containsExactly(g.data());
        assertThat(d.trainingCalls()).isZero();
    }

    @Test
    void zeroPKeepsEverything() {
        Tensor x = GradientCheck.randomInput(15, 2, 10);
        assertThat(new Dropout("d", 0, 1).forward(x, true).data()).containsExactly(x.data());
    }

    @Test
    void rejectsPOutsideZeroToOneAndBackwardBeforeForward() {
        for (double p : new double[] {1, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> new Dropout("d", p, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[0, 1)")
                    .hasMessageContaining(String.valueOf(p));
        }
        assertThatThrownBy(() -> new Dropout("d", 0.5, 1).backward(Tensor.zeros(1, 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new Dropout("d", 0.5, 1).parameters()).isEmpty();
        assertThat(new Dropout("d", 0.5, 1).kind()).isEqualTo("dropout");
    }
}
