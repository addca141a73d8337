package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
    /** One input, one logit z = w·x (bias zero): a two-class net with a single sigmoid output. */
    private static Sequential oneLogit(float w) {
        Dense d = new Dense("d", 1, 1);
        d.parameters().get(0).value()[0] = w;
        d.parameters().get(1).value()[0] = 0;
        return new Sequential(List.of(d));
    }

    private static final Dataset FOUR =
            new Dataset("four", new Tensor(new float[] {-2, -1, 1, 2}, 4, 1), new int[] {0, 1, 1, 1}, 2);

    @Test
    void aSingleLogitPredictsClassOneWhereItIsPositive() {
        ClassificationReport r = ClassificationReport.evaluate(oneLogit(1), FOUR);
        // predicted 0, 0, 1, 1 against 0, 1, 1, 1
        assertThat(r.counts()).isDeepEqualTo(new int[][] {{1, 0}, {1, 2}});
        assertThat(r.accuracy()).isEqualTo(0.75);
        // class 0: precision 1/2, recall 1, F1 2/3; class 1: precision 1, recall 2/3, F1 4/5
        assertThat(ClassificationReport.macroF1(r))
                .isCloseTo((2.0 / 3 + 0.8) / 2, org.assertj.core.data.Offset.offset(1e-12));
        // the opposite weight predicts 1, 1, 0, 0: every class-1 example but the first wrong
        assertThat(ClassificationReport.evaluate(oneLogit(-1), FOUR).counts())
                .isDeepEqualTo(new int[][] {{0, 1}, {2, 1}});
    }

    @Test
    void aNetWhoseOutputIsNotFiniteHasNoReport() {
        assertThat(ClassificationReport.evaluate(oneLogit(Float.NaN), FOUR)).isNull();
        assertThat(ClassificationReport.macroF1((ClassificationReport) null)).isNaN();
        java.util.List<ClassificationReport> withMissing = new java.util.ArrayList<>(Reports.perEpoch(0.5, 0.7));
        withMissing.add(null);
        double[] f1 = ClassificationReport.macroF1(withMissing);
        assertThat(f1[0]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f1[1]).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(f1[2]).isNaN();
        assertThat(ClassificationReport.last(withMissing)).isNull();
        assertThat(ClassificationReport.first(withMissing, 2)).hasSize(2).doesNotContainNull();
        assertThat(ClassificationReport.first(withMissing, 9)).hasSize(3);
        // a confusion table over seeds leaves the missing report out, and says so when all are missing
        assertThat(ClassificationReport.confusionTable("c", withMissing).rows()).hasSize(10);
        assertThat(ClassificationReport.confusionTable("c", java.util.Arrays.asList(null, null))
                        .caption())
                .contains("every run diverged");
    }
}
