package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.lab.judge.Finding;
import org.junit.jupiter.api.Test;

class SymmetryTest {
    private static final Symmetry.Run SYMMETRIC_STALLED =
            new Symmetry.Run("zeros", new double[] {0, 300}, new double[] {0.693, 0.693}, 0.5, new double[] {0, 0});
    private static final Symmetry.Run SYMMETRIC_ONE_UNIT = new Symmetry.Run(
            "constant(value=0.1)", new double[] {0, 300}, new double[] {0.69, 0.62}, 0.66, new double[] {0, 0});
    private static final Symmetry.Run LEARNED = new Symmetry.Run(
            "glorot_uniform", new double[] {0, 300}, new double[] {0.69, 0.05}, 0.99, new double[] {0.8, 0.9});

    private static Symmetry.Result result(long seed, Symmetry.Run zeros, Symmetry.Run constant, Symmetry.Run glorot) {
        return new Symmetry.Result(seed, zeros, constant, glorot, constant, "test-blas", null);
    }

    @Test
    void theJudgeSupportsTheClaimOnlyWhenSymmetricNetsStallAndTheRandomOneLearns() {
        Symmetry s = new Symmetry();
        assertThat(s.judge(List.of(result(0, SYMMETRIC_STALLED, SYMMETRIC_ONE_UNIT, LEARNED)))
                        .finding())
                .isEqualTo(Finding.SUPPORTED);
        // a zero net whose units drifted apart: not supported
        Symmetry.Run drifted =
                new Symmetry.Run("zeros", new double[] {0}, new double[] {0.3}, 0.9, new double[] {0.2, 0.3});
        assertThat(s.judge(List.of(result(0, drifted, SYMMETRIC_ONE_UNIT, LEARNED)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // a random net that did not learn: not supported
        Symmetry.Run stuck =
                new Symmetry.Run("glorot_uniform", new double[] {0}, new double[] {0.6}, 0.7, new double[] {0.5, 0.5});
        assertThat(s.judge(List.of(result(0, SYMMETRIC_STALLED, SYMMETRIC_ONE_UNIT, stuck)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void accuracyNearTheBarAcrossNoisySeedsIsInconclusive() {
        Symmetry s = new Symmetry();
        Symmetry.Run a =
                new Symmetry.Run("glorot_uniform", new double[] {0}, new double[] {0.1}, 0.99, new double[] {0.5, 0.5});
        Symmetry.Run b =
                new Symmetry.Run("glorot_uniform", new double[] {0}, new double[] {0.1}, 0.90, new double[] {0.5, 0.5});
        assertThat(s.judge(List.of(
                                result(0, SYMMETRIC_STALLED, SYMMETRIC_ONE_UNIT, a),
                                result(1, SYMMETRIC_STALLED, SYMMETRIC_ONE_UNIT, b)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingShowsEveryRunAndEverySeedInTheCsv() {
        Symmetry s = new Symmetry(300);
        List<Symmetry.Result> rs = List.of(
                result(4, SYMMETRIC_STALLED, SYMMETRIC_ONE_UNIT, LEARNED),
                result(5, SYMMETRIC_STALLED, SYMMETRIC_ONE_UNIT, LEARNED));
        Rendering r = s.render(rs, s.judge(rs));
        assertThat(r.tables().get(0).rows()).hasSize(4);
        assertThat(r.tables().get(0).rows().get(3).get(0))
                .contains("on test-blas")
                .contains("not judged");
        assertThat(r.tables().get(0).rows().get(0).get(4)).isEqualTo("yes");
        assertThat(r.tables().get(0).rows().get(2).get(4)).isEqualTo("no");
        assertThat(r.metricsCsv())
                .startsWith("seed,init,step,loss\n")
                .contains("\n4,zeros,0,")
                .contains("\n5,zeros,0,");
        assertThat(r.charts()).hasSize(1);
        assertThat(r.conclusion()).contains("this machine's BLAS (test-blas)");
    }

    @Test
    void aReducedRunSupportsTheClaimAndRecordsItsData() {
        Symmetry.Result r = new Symmetry(300).measure(1, done -> {});
        assertThat(new Symmetry().judge(List.of(r)).finding()).as(r.toString()).isEqualTo(Finding.SUPPORTED);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("circles(n=400");
        assertThat(r.data().get(0).trainExamples()).isEqualTo(400);
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        Symmetry.Result a = new Symmetry(20).measure(4, done -> {});
        Symmetry.Result b = new Symmetry(20).measure(4, done -> {});
        assertThat(a.glorot().losses()).isEqualTo(b.glorot().losses());
        assertThat(a.glorot().hiddenSpread()).isEqualTo(b.glorot().hiddenSpread());
    }
}
