package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Finding;
import org.initlab.nn.ConfusionMatrix;
import org.initlab.nn.RegressionMetrics;
import org.junit.jupiter.api.Test;

class MetricsTest {
    /**
     * A test set of 100 examples for each of classes 0-4 and {@code minority} for each of 5-9; every
     * majority example right, {@code right} of each minority class right and the rest called class 0.
     */
    private static ClassificationReport report(int minority, int right) {
        List<Integer> predicted = new ArrayList<>();
        List<Integer> actual = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            int n = c < 5 ? 100 : minority;
            for (int i = 0; i < n; i++) {
                actual.add(c);
                predicted.add(c < 5 || i < right ? c : 0);
            }
        }
        return ClassificationReport.of(ConfusionMatrix.of(
                predicted.stream().mapToInt(Integer::intValue).toArray(),
                actual.stream().mapToInt(Integer::intValue).toArray(),
                10));
    }

    private static final RegressionMetrics FIT = new RegressionMetrics(0.03, Math.sqrt(0.03), 0.13, 0.93);

    private static Metrics.Result result(long seed, int minorityRight) {
        ClassificationReport imbalanced = report(10, minorityRight);
        ClassificationReport balanced = report(100, 97);
        return new Metrics.Result(
                seed,
                List.of(report(10, 0), imbalanced),
                List.of(balanced, balanced),
                List.of(FIT, FIT),
                new int[] {90, 90, 90, 90, 90, 9, 9, 9, 9, 9},
                List.of());
    }

    @Test
    void theDefinitionsHold() {
        ClassificationReport r = report(10, 4);
        assertThat(r.micro().f1()).isEqualTo(r.accuracy());
        assertThat(r.accuracy()).isEqualTo((500 + 5 * 4) / 550.0);
        assertThat(r.recall()[7]).isEqualTo(0.4);
        assertThat(r.meanRecall(5, 10)).isEqualTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.macro().f1()).isLessThan(r.micro().f1());
        assertThat(r.support()[0]).isEqualTo(100);
    }

    @Test
    void theJudgeSupportsTheClaimOnlyWhenTheMinorityClassesAreWorse() {
        Metrics m = new Metrics();
        assertThat(m.judge(List.of(result(0, 4), result(1, 5), result(2, 3))).finding())
                .isEqualTo(Finding.SUPPORTED);
        // every minority example right: the averages agree, accuracy does not mislead
        assertThat(m.judge(List.of(result(0, 10), result(1, 10), result(2, 10))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aGapInOneSeedOnlyIsInconclusive() {
        Metrics m = new Metrics();
        assertThat(m.judge(List.of(result(0, 2), result(1, 10))).finding()).isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingShowsEveryTableAndEverySeedInTheCsv() {
        Metrics m = new Metrics(2, 0.1, 8);
        List<Metrics.Result> rs = List.of(result(4, 4), result(5, 6));
        Rendering r = m.render(rs, m.judge(rs));
        assertThat(r.tables()).hasSize(5);
        assertThat(r.tables().get(0).rows()).hasSize(2);
        assertThat(r.tables().get(1).rows()).hasSize(4);
        assertThat(r.tables().get(2).rows()).hasSize(10);
        assertThat(r.tables().get(3).header()).hasSize(11);
        assertThat(r.tables().get(3).rows().get(7).get(1))
                .isEqualTo("5"); // 10 - 5 of class 7 called 0, mean of 6 and 4
        assertThat(r.tables().get(4).rows()).hasSize(1);
        assertThat(r.charts()).hasSize(2);
        assertThat(r.metricsCsv())
                .startsWith("seed,task,epoch,accuracy,micro_f1,macro_f1,")
                .contains("\n4,imbalanced,1,")
                .contains("\n5,balanced,2,")
                .contains("\n5,regression,2,");
        assertThat(r.metricsCsv().lines().count()).isEqualTo(1 + 2 * 3 * 2);
    }

    @Test
    void aResultReadsAtASmallerBudget() {
        Metrics m = new Metrics(2, 0.1, 8);
        Metrics.Result r = m.atBudget(result(0, 4), 1);
        assertThat(r.imbalanced()).hasSize(1);
        assertThat(r.lastImbalanced().recall()[7]).isZero();
        assertThat(r.regression()).hasSize(1);
    }

    @Test
    void aReducedRunSupportsTheClaimAndRecordsItsData() {
        Metrics m = new Metrics(8, 0.1, 32);
        Metrics.Result r = m.measure(1, done -> {});
        assertThat(m.judge(List.of(r)).finding())
                .as(r.lastImbalanced().toString())
                .isEqualTo(Finding.SUPPORTED);
        assertThat(r.imbalanced()).hasSize(8);
        assertThat(r.trainCounts()[0]).isGreaterThan(5 * r.trainCounts()[9]);
        assertThat(r.data()).hasSize(2);
        assertThat(r.data().get(0).used()).startsWith("digits");
        assertThat(r.data().get(1).used()).startsWith("teacher-student");
        assertThat(r.lastRegression().rSquared()).isGreaterThan(0.5);
    }
}
