package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LabelsTest {
    private static final float[] LOGITS = {2f, 0f, -1f, 0.5f, 0.5f, 3f, -2f, 1f, 0f, 1f, 1f, 1.5f};

    @Test
    void classLabelsUseSoftmaxCrossEntropyAndArgmaxAccuracy() {
        Tensor z = new Tensor(LOGITS.clone(), 4, 3);
        Labels.Classes t = new Labels.Classes(new int[] {0, 1, 1, 2}, 3);
        LossValue direct = Losses.softmaxCrossEntropy(z, t.labels());
        assertThat(t.loss(z).value()).isEqualTo(direct.value());
        assertThat(t.loss(z).gradient().data())
                .containsExactly(direct.gradient().data());
        // argmax per row: 0, 2, 1, 2 -> rows 0, 2, 3 right
        assertThat(t.correct(z)).containsExactly(3, 4);
    }

    @Test
    void stepLabelsAreTheMeanCrossEntropyOverEveryStep() {
        // 2 examples × 2 steps × 3 classes: the same numbers as 4 rows of class logits
        Tensor z = new Tensor(LOGITS.clone(), 2, 2, 3);
        Labels.StepClasses t = new Labels.StepClasses(new int[] {0, 1, 1, 2}, 2, 3);
        LossValue rows = Losses.softmaxCrossEntropy(new Tensor(LOGITS.clone(), 4, 3), t.labels());
        LossValue steps = t.loss(z);
        assertThat(steps.value()).isEqualTo(rows.value());
        assertThat(steps.gradient().shape()).containsExactly(2, 2, 3);
        assertThat(steps.gradient().data()).containsExactly(rows.gradient().data());
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.correct(z)).containsExactly(3, 4);
        // example 0: steps predicted 0, 2 against 0, 1 (wrong); example 1: 1, 2 against 1, 2 (right)
        assertThat(t.sequenceAccuracy(z)).isEqualTo(0.5);
        Labels.StepClasses picked = t.rows(new int[] {1, 0}, 0, 1);
        assertThat(picked.labels()).containsExactly(1, 2);
    }

    @Test
    void realValuesUseMeanSquaredErrorAndHaveNoAccuracy() {
        Labels.Values t = new Labels.Values(new Tensor(new float[] {1f, 2f, 3f}, 3, 1));
        Tensor p = new Tensor(new float[] {1f, 4f, 2f}, 3, 1);
        LossValue l = t.loss(p);
        assertThat(l.value()).isCloseTo((0 + 4 + 1) / 3.0, within(1e-12));
        assertThat(l.gradient().data()).containsExactly(0f, 4f / 3, -2f / 3);
        assertThat(t.correct(p)).containsExactly(0, 0);
        assertThat(t.metrics(p).rootMeanSquaredError()).isCloseTo(Math.sqrt(5 / 3.0), within(1e-12));
        assertThat(t.rows(new int[] {2, 0, 1}, 1, 3).values().data()).containsExactly(1f, 2f);
    }

    @Test
    void outputsThatDoNotFitTheTargetsAreExplained() {
        Labels.Classes c = new Labels.Classes(new int[] {0, 1}, 3);
        assertThatThrownBy(() -> c.loss(Tensor.zeros(2, 4))).hasMessageContaining("expected [2, 3] logits");
        assertThatThrownBy(() -> c.loss(Tensor.zeros(2, 1, 3))).hasMessageContaining("does not fit the labels");
        Labels.StepClasses s = new Labels.StepClasses(new int[] {0, 1, 2, 0}, 2, 3);
        assertThatThrownBy(() -> s.loss(Tensor.zeros(2, 3)))
                .hasMessageContaining("[2, 2, 3]")
                .hasMessageContaining("per-step head");
        Labels.Values v = new Labels.Values(Tensor.zeros(2, 1));
        assertThatThrownBy(() -> v.loss(Tensor.zeros(2, 2))).hasMessageContaining("must have 1 output(s)");
    }

    @Test
    void badTargetsAreRejectedWhereTheyAreMade() {
        assertThatThrownBy(() -> new Labels.Classes(new int[] {0, 3}, 3))
                .hasMessageContaining("label 3 of example 1")
                .hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> new Labels.StepClasses(new int[] {0, 1, 2, -1}, 2, 3))
                .hasMessageContaining("example 1, step 1");
        assertThatThrownBy(() -> new Labels.StepClasses(new int[] {0, 1, 2}, 2, 3))
                .hasMessageContaining("divide");
        assertThatThrownBy(() -> new Labels.Values(new Tensor(new float[] {Float.NaN}, 1, 1)))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new Dataset("d", Tensor.zeros(3, 2), new int[] {0, 1}, 2))
                .hasMessageContaining("3 rows but 2 targets");
    }

    @Test
    void datasetsKeepTheirTaskThroughRowsAndHead() {
        Dataset reg = new Dataset(
                "r", new Tensor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2), new Tensor(new float[] {10, 20, 30}, 3, 1));
        assertThat(reg.isClassification()).isFalse();
        assertThatThrownBy(reg::labels)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("regression");
        Dataset two = reg.rows(new int[] {2, 0, 1}, 0, 2);
        assertThat(two.features().data()).containsExactly(5, 6, 1, 2);
        assertThat(((Labels.Values) two.targets()).values().data()).containsExactly(30, 10);
        assertThat(reg.head(1).size()).isEqualTo(1);
        assertThat(reg.head(5)).isSameAs(reg);
        Dataset seq = new Dataset("s", Tensor.zeros(2, 2, 1), new Labels.StepClasses(new int[] {0, 1, 1, 0}, 2, 2));
        assertThat(seq.isClassification()).isTrue();
        assertThat(seq.rows(new int[] {1}, 0, 1).labels()).containsExactly(1, 0);
        assertThat(seq.classes()).isEqualTo(2);
    }

    @Test
    void aSingleLogitForTwoClassesIsASigmoidWithBinaryCrossEntropy() {
        Labels.Classes t = new Labels.Classes(new int[] {0, 1, 1}, 2);
        Tensor z = new Tensor(new float[] {-2f, 0.5f, -0.1f}, 3, 1);
        LossValue one = t.loss(z);
        // the same model as two logits [0, z]: softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]
        LossValue two = t.loss(new Tensor(new float[] {0, -2f, 0, 0.5f, 0, -0.1f}, 3, 2));
        org.assertj.core.api.Assertions.assertThat(one.value())
                .isCloseTo(two.value(), org.assertj.core.api.Assertions.within(1e-6));
        for (int i = 0; i < 3; i++) {
            // d/dz of the two-logit loss with respect to the second logit equals the single logit's gradient
            org.assertj.core.api.Assertions.assertThat((double) one.gradient().data()[i])
                    .isCloseTo(two.gradient().data()[2 * i + 1], org.assertj.core.api.Assertions.within(1e-6));
        }
        // class 1 where the logit is positive: rows 0 and 1 right, row 2 wrong
        org.assertj.core.api.Assertions.assertThat(t.correct(z)).containsExactly(2, 3);
        // three classes never take a single logit
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new Labels.Classes(new int[] {0, 2}, 3).loss(new Tensor(new float[] {1, 2}, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
