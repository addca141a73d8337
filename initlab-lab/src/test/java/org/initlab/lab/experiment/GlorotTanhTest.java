package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GlorotTanhTest {
    private static GlorotTanh.Run run(String init, double ratio, double ratioError, double spread, double accuracy) {
        return new GlorotTanh.Run(
                init,
                new double[] {0.6, 0.4, 0.25, 0.6 * ratio},
                new double[] {0.1, 0.2, 0.3, 0.4},
                ratio,
                ratioError,
                spread,
                0.1,
                new double[] {0.8, 0.7, 0.7, 0.6},
                new double[] {1.0, 0.5},
                new double[] {0.9, accuracy},
                Reports.perEpoch(0.9, accuracy));
    }

    private static GlorotTanh.Result result(long seed, GlorotTanh.Run standard, GlorotTanh.Run normalized) {
        return new GlorotTanh.Result(seed, standard, normalized, null);
    }

    @Test
    void theJudgeSupportsShrinkingUnevenStandardAndNotAnEvenOne() {
        GlorotTanh g = new GlorotTanh();
        Verdict supported = g.judge(List.of(
                result(0, run("torch_default", 0.2, 0.01, 5, 0.94), run("glorot_uniform", 0.85, 0.01, 1.3, 0.96))));
        assertThat(supported.finding()).as(supported.summary()).isEqualTo(Finding.SUPPORTED);
        Verdict even = g.judge(List.of(
                result(0, run("torch_default", 0.8, 0.01, 1.3, 0.96), run("glorot_uniform", 0.85, 0.01, 1.3, 0.96))));
        assertThat(even.finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aLargeSamplingErrorOrNoisySeedsMakeItInconclusive() {
        GlorotTanh g = new GlorotTanh();
        // one seed: quotient 0.47 with a 20% relative error straddles 0.5
        Verdict oneSeed = g.judge(List.of(
                result(0, run("torch_default", 0.4, 0.08, 5, 0.96), run("glorot_uniform", 0.85, 0.01, 1.3, 0.96))));
        assertThat(oneSeed.checks().get(0).finding()).isEqualTo(Finding.INCONCLUSIVE);
        // accuracy gains of opposite sign across seeds
        Verdict noisy = g.judge(List.of(
                result(0, run("torch_default", 0.2, 0.01, 5, 0.93), run("glorot_uniform", 0.85, 0.01, 1.3, 0.96)),
                result(1, run("torch_default", 0.2, 0.01, 5, 0.96), run("glorot_uniform", 0.85, 0.01, 1.3, 0.95))));
        assertThat(noisy.finding()).as(noisy.summary()).isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void readingAtASmallerBudgetTruncatesTheTraining() {
        GlorotTanh.Result r =
                result(0, run("torch_default", 0.2, 0.01, 5, 0.94), run("glorot_uniform", 0.85, 0.01, 1.3, 0.96));
        GlorotTanh.Result one = new GlorotTanh(2).atBudget(r, 1);
        assertThat(one.standard().testAccuracy()).containsExactly(0.9);
        assertThat(one.accuracyGain()).isZero();
        assertThat(one.shrink()).isEqualTo(r.shrink());
    }

    @Test
    void renderingHasOneRowPerInitThreeChartsAndEverySeedInTheCsv() {
        GlorotTanh g = new GlorotTanh(2);
        List<GlorotTanh.Result> rs = List.of(
                result(7, run("torch_default", 0.2, 0.01, 5, 0.94), run("glorot_uniform", 0.85, 0.01, 1.3, 0.96)),
                result(8, run("torch_default", 0.22, 0.01, 5.2, 0.93), run("glorot_uniform", 0.83, 0.01, 1.2, 0.97)));
        Rendering r = g.render(rs, g.judge(rs));
        assertThat(r.tables()).hasSize(1);
        assertThat(r.tables().get(0).rows()).hasSize(2);
        // macro-F1 of the final model beside the accuracy (the made reports' macro-F1 equals their accuracy)
        assertThat(r.tables().get(0).header()).endsWith("test accuracy", "macro-F1");
        assertThat(r.tables().get(0).rows()).allMatch(row -> row.get(6).equals(row.get(7)));
        assertThat(r.charts()).hasSize(3);
        assertThat(r.metricsCsv())
                .startsWith("seed,init,metric,index,value\n")
                .contains("\n7,torch_default,")
                .contains("\n8,glorot_uniform,");
        assertThat(r.metricsCsv().lines().count()).isEqualTo(1 + 2 * 2 * (4 + 4 + 4 + 2 + 2));
    }

    @Test
    void aShortRunOnDigitsSupportsTheClaimsAtInitialization() {
        Assumptions.assumeTrue(
                Files.exists(Path.of("../../shared/data/digits")) || Files.exists(Path.of("../shared/data/digits")),
                "digits files not found");
        GlorotTanh g = new GlorotTanh(2);
        GlorotTanh.Result r = g.measure(1, done -> {});
        Verdict v = g.judge(List.of(r));
        assertThat(v.checks().get(0).finding()).as(v.summary()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks().get(1).finding()).as(v.summary()).isEqualTo(Finding.SUPPORTED);
        assertThat(r.data().get(0).used()).startsWith("digits");
        assertThat(r.standard().testAccuracy()).hasSize(2);
    }
}
