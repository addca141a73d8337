package org.initlab.io.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

class SplitTest {
    /** n examples whose single feature is their index; labels with unequal class sizes. */
    private static Dataset indexed(int n) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2; // 60%, 30%, 10%
        }
        return new Dataset("idx", new Tensor(x, n, 1), y, 3);
    }

    private static Set<Float> ids(Dataset d) {
        Set<Float> s = new HashSet<>();
        for (float v : d.features().data()) {
            s.add(v);
        }
        return s;
    }

    @Test
    void holdOutIsSeededDisjointCompleteAndStratified() {
        Dataset all = indexed(1000);
        Split a = Split.holdOut(all, 0.2, 5);
        Split b = Split.holdOut(all, 0.2, 5);
        assertThat(a.test().features().data())
                .containsExactly(b.test().features().data());
        assertThat(Split.holdOut(all, 0.2, 6).test().features().data())
                .isNotEqualTo(a.test().features().data());
        Set<Float> train = ids(a.train());
        Set<Float> test = ids(a.test());
        assertThat(train).doesNotContainAnyElementsOf(test);
        assertThat(train.size() + test.size()).isEqualTo(1000);
        assertThat(a.test().size()).isEqualTo(200);
        int[] counts = new int[3];
        for (int y : a.test().labels()) {
            counts[y]++;
        }
        assertThat(counts).containsExactly(120, 60, 20);
        // labels travel with their rows, and each part keeps the original order
        float[] tx = a.test().features().data();
        for (int i = 0; i < tx.length; i++) {
            assertThat(a.test().labels()[i]).isEqualTo(all.labels()[(int) tx[i]]);
            if (i > 0) {
                assertThat(tx[i]).isGreaterThan(tx[i - 1]);
            }
        }
        assertThat(a.train().name()).isEqualTo("idx/train");
        assertThat(a.test().name()).isEqualTo("idx/test");
    }

    @Test
    void regressionTargetsAreSplitWithoutStrata() {
        float[] x = new float[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i;
        }
        Dataset reg = new Dataset("r", new Tensor(x, 50, 1), new Tensor(x.clone(), 50, 1));
        Split s = Split.holdOut(reg, 0.3, 1);
        assertThat(s.test().size()).isEqualTo(15);
        assertThat(((Labels.Values) s.test().targets()).values().data())
                .containsExactly(s.test().features().data());
    }

    @Test
    void badFractionsAreRejected() {
        assertThatThrownBy(() -> Split.holdOut(indexed(10), 1.0, 1)).hasMessageContaining("must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> Split.holdOut(indexed(10), 0.01, 1))
                .hasMessageContaining("leaves the held-out part empty");
    }

    @Test
    void standardizationUsesTrainingStatisticsOnBothParts() {
        float[] tr = {1, 10, 3, 10, 5, 10}; // feature 0: mean 3, std sqrt(8/3); feature 1 constant
        float[] te = {3, 11};
        Split s = new Split(
                        new Dataset("a", new Tensor(tr, 3, 2), new int[] {0, 1, 0}, 2),
                        new Dataset("b", new Tensor(te, 1, 2), new int[] {1}, 2))
                .normalized(Normalization.STANDARDIZE);
        float[] x = s.train().features().data();
        double std = Math.sqrt(8.0 / 3);
        assertThat(x[0]).isCloseTo((float) (-2 / std), within(1e-6f));
        assertThat(x[4]).isCloseTo((float) (2 / std), within(1e-6f));
        assertThat(x[1]).isZero(); // a constant feature is only centred
        assertThat(s.test().features().data()).containsExactly(0f, 1f);
        assertThat(s.train().labels()).containsExactly(0, 1, 0);
    }

    @Test
    void standardizedTrainingFeaturesHaveMeanZeroAndStandardDeviationOne() {
        Dataset d = new Synthetic.Blobs(3, 4, 2, 10).generate(900, 1, "train");
        Dataset z = Normalization.STANDARDIZE.fit(d).apply(d);
        float[] x = z.features().data();
        for (int j = 0; j < 4; j++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < 900; i++) {
                sum += x[i * 4 + j];
                sq += (double) x[i * 4 + j] * x[i * 4 + j];
            }
            assertThat(sum / 900).isCloseTo(0, within(1e-5));
            assertThat(sq / 900).isCloseTo(1, within(1e-4));
        }
    }

    @Test
    void scalingDividesByTheLargestTrainingMagnitude() {
        Dataset d = new Dataset("d", new Tensor(new float[] {0, 4, 16, 8}, 2, 2), new int[] {0, 1}, 2);
        Normalization.Statistics s = Normalization.SCALE.fit(d);
        assertThat(s.apply(d).features().data()).containsExactly(0f, 0.25f, 1f, 0.5f);
        Dataset other = new Dataset("e", new Tensor(new float[] {32, -8}, 1, 2), new int[] {0}, 2);
        assertThat(s.apply(other).features().data()).containsExactly(2f, -0.5f);
        assertThat(Normalization.NONE.fit(d).apply(d)).isSameAs(d);
        assertThatThrownBy(() -> s.apply(new Dataset("f", Tensor.zeros(1, 3), new int[] {0}, 1)))
                .hasMessageContaining("fitted on 2");
    }

    @Test
    void limitKeepsTheFirstExamplesInTheSixToOneProportion() {
        Split s = Split.holdOut(indexed(1000), 0.5, 1).limit(60);
        assertThat(s.train().size()).isEqualTo(60);
        assertThat(s.test().size()).isEqualTo(10);
        assertThat(Split.holdOut(indexed(1000), 0.5, 1).limit(3).test().size()).isEqualTo(1);
    }
}
