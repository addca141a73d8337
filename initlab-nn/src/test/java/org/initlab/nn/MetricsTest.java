package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.initlab.nn.ConfusionMatrix.Average;
import org.junit.jupiter.api.Test;

/**
 * Classification and regression metrics against values computed by hand from the documented
 * formulas, plus the identities they must satisfy on random data (fixed seeds).
 */
class MetricsTest {
    private static final double EXACT = 1e-12;

    // Four classes. Class 2 occurs twice but is never predicted (its precision is 0/0);
    // class 3 occurs in neither array.
    //   actual    0 0 0 1 1 2 2 1
    //   predicted 0 0 1 1 1 0 1 1
    // counts[actual][predicted]:
    //   0: 2 1 0 0      support 3
    //   1: 0 3 0 0      support 3
    //   2: 1 1 0 0      support 2
    //   3: 0 0 0 0      support 0
    // column sums (predicted counts): 3 5 0 0; TP = 2 + 3 + 0 = 5 of N = 8.
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 2, 2, 1};
    private static final int[] PREDICTED = {0, 0, 1, 1, 1, 0, 1, 1};

    @Test
    void handMadeMatrixCountsAndPerClassMetrics() {
        ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL, 4);
        assertThat(m.counts()).isDeepEqualTo(new int[][] {{2, 1, 0, 0}, {0, 3, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}});
        assertThat(m.classes()).isEqualTo(4);
        assertThat(m.total()).isEqualTo(8);
        assertThat(m.count(2, 0)).isEqualTo(1);
        assertThat(new long[] {m.support(0), m.support(1), m.support(2), m.support(3)})
                .containsExactly(3, 3, 2, 0);
        assertThat(new long[] {m.predictedCount(0), m.predictedCount(1), m.predictedCount(2), m.predictedCount(3)})
                .containsExactly(3, 5, 0, 0);
        assertThat(m.accuracy()).isCloseTo(5.0 / 8, within(EXACT));
        // class 0: P = 2/3, R = 2/3, F1 = 2·2 / (2·2 + 1 + 1) = 2/3
        assertThat(m.precision(0)).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(m.recall(0)).isCloseTo(2.0 / 3, within(EXACT));
        assertThat(m.f1(0)).isCloseTo(2.0 / 3, within(EXACT));
        // class 1: P = 3/5, R = 3/3, F1 = 6 / (6 + 2 + 0) = 3/4 = 2·0.6·1 / 1.6
        assertThat(m.precision(1)).isCloseTo(3.0 / 5, within(EXACT));
        assertThat(m.recall(1)).isCloseTo(1.0, within(EXACT));
        assertThat(m.f1(1)).isCloseTo(3.0 / 4, within(EXACT));
        // class 2: never predicted, P = 0/0 := 0; R = 0/2 = 0; F1 = 0 / (0 + 0 + 2) = 0
        assertThat(m.precision(2)).isEqualTo(0.0);
        assertThat(m.recall(2)).isEqualTo(0.0);
        assertThat(m.f1(2)).isEqualTo(0.0);
        // class 3: in neither, every ratio 0/0 := 0
        assertThat(m.precision(3)).isEqualTo(0.0);
        assertThat(m.recall(3)).isEqualTo(0.0);
        assertThat(m.f1(3)).isEqualTo(0.0);
    }

    @Test
    void handMadeMatrixAverages() {
        ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL, 4);
        // macro over classes 0, 1, 2 (class 3 occurs in neither array and is left out):
        //   P = (2/3 + 3/5 + 0) / 3 = 19/45, R = (2/3 + 1 + 0) / 3 = 5/9, F1 = (2/3 + 3/4 + 0) / 3 = 17/36
        assertThat(m.precision(Average.MACRO)).isCloseTo(19.0 / 45, within(EXACT));
        assertThat(m.recall(Average.MACRO)).isCloseTo(5.0 / 9, within(EXACT));
        assertThat(m.f1(Average.MACRO)).isCloseTo(17.0 / 36, within(EXACT));
        // weighted by support 3, 3, 2, 0 over N = 8:
        //   P = (3·2/3 + 3·3/5 + 0) / 8 = 3.8/8 = 19/40, R = (2 + 3 + 0) / 8 = 5/8, F1 = (2 + 9/4 + 0) / 8 = 17/32
        assertThat(m.precision(Average.WEIGHTED)).isCloseTo(19.0 / 40, within(EXACT));
        assertThat(m.recall(Average.WEIGHTED)).isCloseTo(5.0 / 8, within(EXACT));
        assertThat(m.f1(Average.WEIGHTED)).isCloseTo(17.0 / 32, within(EXACT));
        // micro: ΣTP = 5, ΣFP = ΣFN = 3, so P = R = F1 = 5/8
        assertThat(m.precision(Average.MICRO)).isCloseTo(5.0 / 8, within(EXACT));
        assertThat(m.recall(Average.MICRO)).isCloseTo(5.0 / 8, within(EXACT));
        assertThat(m.f1(Average.MICRO)).isCloseTo(5.0 / 8, within(EXACT));
    }

    @Test
    void aClassInNeitherArrayDoesNotChangeAnyAverage() {
        ConfusionMatrix four = ConfusionMatrix.of(PREDICTED, ACTUAL, 4);
        ConfusionMatrix three = ConfusionMatrix.of(PREDICTED, ACTUAL, 3);
        for (Average a : Average.values()) {
            assertThat(four.precision(a)).as("precision %s", a).isCloseTo(three.precision(a), within(EXACT));
            assertThat(four.recall(a)).as("recall %s", a).isCloseTo(three.recall(a), within(EXACT));
            assertThat(four.f1(a)).as("f1 %s", a).isCloseTo(three.f1(a), within(EXACT));
        }
    }

    @Test
    void microAveragesAndWeightedRecallEqualAccuracyForSingleLabelData() {
        Random random = new Random(20240611);
        for (int trial = 0; trial < 50; trial++) {
            int classes = 1 + random.nextInt(6);
            int n = 1 + random.nextInt(40);
            int[] actual = new int[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                actual[i] = random.nextInt(classes);
                // right half the time, so accuracy spans a range rather than sitting near 1/classes
                predicted[i] = random.nextBoolean() ? actual[i] : random.nextInt(classes);
            }
            ConfusionMatrix m = ConfusionMatrix.of(predicted, actual, classes);
            int correct = 0;
            for (int i = 0; i < n; i++) {
                correct += predicted[i] == actual[i] ? 1 : 0;
            }
            assertThat(m.accuracy()).isCloseTo((double) correct / n, within(EXACT));
            assertThat(m.f1(Average.MICRO)).isCloseTo(m.accuracy(), within(EXACT));
            assertThat(m.precision(Average.MICRO)).isCloseTo(m.accuracy(), within(EXACT));
            assertThat(m.recall(Average.MICRO)).isCloseTo(m.accuracy(), within(EXACT));
            assertThat(m.recall(Average.WEIGHTED)).isCloseTo(m.accuracy(), within(EXACT));
            for (int c = 0; c < classes; c++) {
                double p = m.precision(c);
                double r = m.recall(c);
                double harmonic = p + r == 0 ? 0 : 2 * p * r / (p + r);
                assertThat(m.f1(c))
                        .as("F1 of class %d is the harmonic mean of P and R", c)
                        .isCloseTo(harmonic, within(1e-12));
            }
        }
    }

    @Test
    void countsIsACopy() {
        ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL, 4);
        m.counts()[0][0] = 99;
        assertThat(m.count(0, 0)).isEqualTo(2);
    }

    @Test
    void fromLogitsTakesTheArgmaxWithTiesToTheLowestIndex() {
        Tensor logits = new Tensor(
                new float[] {
                    1f, 1f, 0f, // tie between 0 and 1 -> 0
                    0f, 2f, 2f, // tie between 1 and 2 -> 1
                    -3f, -2f, -1f, // -> 2
                    5f, 5f, 5f, // three-way tie -> 0
                },
                4,
                3);
        ConfusionMatrix m = ConfusionMatrix.fromLogits(logits, new int[] {0, 2, 2, 1});
        assertThat(m.counts())
                .isDeepEqualTo(ConfusionMatrix.of(new int[] {0, 1, 2, 0}, new int[] {0, 2, 2, 1}, 3)
                        .counts());
        assertThat(m.accuracy()).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void fromLogitsAgreesWithTrainerAccuracyConvention() {
        // -infinity is an ordinary (smallest) logit; a row of them ties and goes to class 0
        Tensor logits = new Tensor(
                new float[] {
                    Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f,
                },
                2,
                2);
        ConfusionMatrix m = ConfusionMatrix.fromLogits(logits, new int[] {0, 1});
        assertThat(m.accuracy()).isEqualTo(1.0);
    }

    @Test
    void confusionMatrixRejectsBadInputsNamingTheValue() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 predicted")
                .hasMessageContaining("1 actual");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predicted label 3 at index 1 is outside [0, 3)");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {-1, 1}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actual label -1 at index 0 is outside [0, 3)");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classes must be >= 1, got 0");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[0], new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        ConfusionMatrix m = ConfusionMatrix.of(PREDICTED, ACTUAL, 4);
        assertThatThrownBy(() -> m.precision(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 4 is outside [0, 4)");
        Tensor logits = new Tensor(new float[] {0f, 1f, 2f, Float.NaN}, 2, 2);
        assertThatThrownBy(() -> ConfusionMatrix.fromLogits(logits, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN at row 1, class 1");
        assertThatThrownBy(() -> ConfusionMatrix.fromLogits(Tensor.zeros(2, 2), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 rows but there are 1 labels");
        assertThatThrownBy(() -> ConfusionMatrix.fromLogits(Tensor.zeros(2, 2), new int[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actual label 2 at index 1 is outside [0, 2)");
    }

    @Test
    void rocAucHandCase() {
        // ascending: 0.1 (neg, rank 1), 0.35 (pos, 2), 0.4 (neg, 3), 0.8 (pos, 4)
        // R₁ = 2 + 4 = 6, U = 6 - 2·3/2 = 3, AUC = 3 / (2·2) = 0.75
        assertThat(RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.75, within(EXACT));
        assertThat(RocAuc.of(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.75, within(EXACT));
    }

    @Test
    void rocAucWithTiesUsesAverageRanks() {
        // ascending: 0.2 (neg, rank 1), 0.5 ×3 (neg, pos, pos; ranks 2, 3, 4 -> 3 each), 0.9 (pos, 5)
        // R₁ = 3 + 3 + 5 = 11, U = 11 - 3·4/2 = 5, AUC = 5 / (3·2) = 5/6
        // pairwise: each 0.5 positive beats 0.2 and ties 0.5 (1.5 each), 0.9 beats both (2): 5 of 6
        assertThat(RocAuc.of(new double[] {0.5, 0.2, 0.5, 0.9, 0.5}, new int[] {1, 0, 0, 1, 1}))
                .isCloseTo(5.0 / 6, within(EXACT));
        // -0.0 and 0.0 are the same score: a tie
        assertThat(RocAuc.of(new double[] {-0.0, 0.0}, new int[] {0, 1})).isCloseTo(0.5, within(EXACT));
        assertThat(RocAuc.of(new double[] {0.0, -0.0}, new int[] {0, 1})).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void rocAucIsOneForPerfectSeparationZeroReversedAndOneHalfForEqualScores() {
        double[] scores = {0.9, -1, 3, 0.2, 7, 2.5};
        int[] separated = {0, 0, 1, 0, 1, 1}; // every positive (3, 7, 2.5) above every negative (0.9, -1, 0.2)
        int[] reversed = {1, 1, 0, 1, 0, 0};
        assertThat(RocAuc.of(scores, separated)).isEqualTo(1.0);
        assertThat(RocAuc.of(scores, reversed)).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {0.3, 0.3, 0.3, 0.3, 0.3}, new int[] {0, 1, 1, 0, 1}))
                .isEqualTo(0.5);
    }

    @Test
    void rocAucEqualsThePairwiseProbabilityOnRandomDataWithTies() {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int n = 2 + random.nextInt(60);
            double[] scores = new double[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(8); // few distinct values, so many ties
                labels[i] = random.nextInt(2);
            }
            labels[0] = 0;
            labels[1] = 1;
            double pairs = 0;
            double favourable = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (labels[i] == 1 && labels[j] == 0) {
                        pairs++;
                        favourable += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            double auc = RocAuc.of(scores, labels);
            assertThat(auc).isCloseTo(favourable / pairs, within(1e-12));
            // swapping the classes reflects the AUC; an increasing transform leaves it unchanged
            int[] flipped = new int[n];
            double[] transformed = new double[n];
            for (int i = 0; i < n; i++) {
                flipped[i] = 1 - labels[i];
                transformed[i] = Math.exp(scores[i]) - 100;
            }
            assertThat(RocAuc.of(scores, flipped)).isCloseTo(1 - auc, within(1e-12));
            assertThat(RocAuc.of(transformed, labels)).isCloseTo(auc, within(1e-12));
        }
    }

    @Test
    void rocAucRejectsBadInputsNamingTheValue() {
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1, 0.2}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ROC-AUC needs both classes, got 2 positives and 0 negatives");
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1, 0.2}, new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ROC-AUC needs both classes, got 0 positives and 2 negatives");
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1, 0.2}, new int[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 2 at index 1 is not 0 or 1");
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1, Double.NaN}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN at index 1");
        assertThatThrownBy(() -> RocAuc.of(new double[] {0.1, 0.2, 0.3}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 scores but 2 labels");
        assertThatThrownBy(() -> RocAuc.of(new double[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 positives and 0 negatives");
    }

    @Test
    void regressionMetricsHandCase() {
        // errors p - a: -0.5, 0.5, 0, 1
        // MSE = (0.25 + 0.25 + 0 + 1) / 4 = 0.375, RMSE = sqrt(0.375), MAE = (0.5 + 0.5 + 0 + 1) / 4 = 0.5
        // mean(a) = 11.5 / 4 = 2.875; deviations 0.125, -3.375, -0.875, 4.125
        // SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; R² = 1 - 1.5 / 29.1875
        double[] predicted = {2.5, 0.0, 2, 8};
        double[] actual = {3, -0.5, 2, 7};
        RegressionMetrics m = RegressionMetrics.of(predicted, actual);
        assertThat(m.meanSquaredError()).isCloseTo(0.375, within(EXACT));
        assertThat(m.rootMeanSquaredError()).isCloseTo(Math.sqrt(0.375), within(EXACT));
        assertThat(m.meanAbsoluteError()).isCloseTo(0.5, within(EXACT));
        assertThat(m.rSquared()).isCloseTo(1 - 1.5 / 29.1875, within(EXACT));
        // all these values are exact in float, so the float overload agrees
        RegressionMetrics f = RegressionMetrics.of(new float[] {2.5f, 0f, 2f, 8f}, new float[] {3f, -0.5f, 2f, 7f});
        assertThat(f).isEqualTo(m);
    }

    @Test
    void rSquaredIsOneForAPerfectFitZeroForTheMeanAndNaNForConstantActuals() {
        assertThat(RegressionMetrics.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}))
                .isEqualTo(new RegressionMetrics(0, 0, 0, 1));
        // predicting mean(a) = 2: SS_res = 1 + 0 + 1 = SS_tot
        assertThat(RegressionMetrics.of(new double[] {2, 2, 2}, new double[] {1, 2, 3})
                        .rSquared())
                .isEqualTo(0.0);
        // 0.1 three times: the computed mean is not exactly 0.1, so a test of SS_tot == 0 would miss this
        RegressionMetrics constant = RegressionMetrics.of(new double[] {0.1, 0.3, 0.1}, new double[] {0.1, 0.1, 0.1});
        assertThat(constant.rSquared()).isNaN();
        assertThat(constant.meanSquaredError()).isCloseTo(0.04 / 3, within(1e-15));
        assertThat(constant.meanAbsoluteError()).isCloseTo(0.2 / 3, within(1e-15));
        assertThat(RegressionMetrics.of(new double[] {5}, new double[] {5}).rSquared())
                .isNaN();
    }

    @Test
    void regressionMetricsRejectBadInputsNamingTheValue() {
        assertThatThrownBy(() -> RegressionMetrics.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 predicted values but 1 actual values");
        assertThatThrownBy(() -> RegressionMetrics.of(new float[0], new float[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
