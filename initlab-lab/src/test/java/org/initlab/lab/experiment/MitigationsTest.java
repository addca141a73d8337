package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MitigationsTest {
    private static final AttentionSaturation.Result ATTENTION = new AttentionSaturation.Result(
            new AttentionSaturation.Layer(0.24, 2.4, 0.30, 460), new AttentionSaturation.Layer(0.85, 0.4, 0.17, 2800));

    private static Mitigations.Run trained(String label, double accuracy, double loss) {
        return new Mitigations.Run(
                label,
                0,
                -1,
                new double[] {2.0, loss},
                new double[] {2.1, loss},
                new double[] {0.5, accuracy},
                Reports.perEpoch(0.5, accuracy));
    }

    private static Mitigations.Run diverged(String label, long step) {
        return new Mitigations.Run(label, 1, step, new double[0], new double[0], new double[0]);
    }

    private static Mitigations.Result result(long seed, Mitigations.Run clipOn, Mitigations.Run batchNorm) {
        return new Mitigations.Result(
                seed,
                diverged("clip off", 15),
                clipOn,
                trained("plain", 0.11, 2.3),
                batchNorm,
                trained("adam", 0.94, 0.2),
                diverged("He", 2),
                trained("fixup", 0.95, 0.15),
                trained("rezero", 0.96, 0.1),
                new double[] {1, 2, 4, 8},
                ATTENTION,
                null);
    }

    private static Finding finding(Verdict v, String figurePrefix) {
        return Finding.all(v.checks().stream()
                .filter(c -> c.criterion().figure().startsWith(figurePrefix))
                .map(Check::finding)
                .toList());
    }

    @Test
    void everyRemedyThatRescuesItsNetIsSupported() {
        Verdict v =
                new Mitigations().judge(List.of(result(0, trained("clip on", 0.95, 0.2), trained("bn", 0.95, 0.2))));
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.SUPPORTED);
    }

    @Test
    void aClippedNetWithALossAboveGuessingIsNotRescued() {
        // the case: finite, accuracy 0.8, loss 9.3
        Verdict v = new Mitigations().judge(List.of(result(0, trained("clip on", 0.8, 9.3), trained("bn", 0.95, 0.2))));
        assertThat(v.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(finding(v, "clipping:")).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(finding(v, "BatchNorm:")).isEqualTo(Finding.SUPPORTED);
    }

    @Test
    void aRemedyThatItselfDivergesIsNotSupported() {
        Verdict v = new Mitigations().judge(List.of(result(0, trained("clip on", 0.95, 0.2), diverged("bn", 3))));
        assertThat(finding(v, "BatchNorm:")).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void anAccuracyNearTheBarAcrossNoisySeedsIsInconclusive() {
        Verdict v = new Mitigations()
                .judge(List.of(
                        result(0, trained("clip on", 0.95, 0.2), trained("bn", 0.97, 0.1)),
                        result(1, trained("clip on", 0.95, 0.2), trained("bn", 0.80, 0.5))));
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void aRunReadAtASmallerBudgetEndsThereAndDivergesOnlyIfItDidBefore() {
        Mitigations.Run late = new Mitigations.Run(
                "late", 3, 90, new double[] {1.0, 0.5}, new double[] {1.1, 0.6}, new double[] {0.7, 0.8});
        Mitigations.Run atTwo = late.upTo(2);
        assertThat(atTwo.diverged()).isFalse();
        assertThat(atTwo.accuracy()).isEqualTo(0.8);
        assertThat(late.upTo(1).accuracy()).isEqualTo(0.7);
        assertThat(late.upTo(3).diverged()).isTrue();
        assertThat(late.upTo(3).score()).isEqualTo(Mitigations.CHANCE);
    }

    @Test
    void renderingShowsEveryRunTheAttentionAndEverySeedInTheCsv() {
        Mitigations m = new Mitigations();
        List<Mitigations.Result> rs = List.of(
                result(4, trained("clip on", 0.8, 9.3), trained("bn", 0.95, 0.2)),
                result(5, trained("clip on", 0.82, 9.1), trained("bn", 0.93, 0.25)));
        Rendering r = m.render(rs, m.judge(rs));
        assertThat(r.tables()).hasSize(2);
        assertThat(r.tables().get(0).rows()).hasSize(8);
        assertThat(r.tables().get(0).rows().get(5).get(6)).isEqualTo("2 of 2 (step 2, 2)");
        // macro-F1 beside test accuracy (the made reports' macro-F1 equals their accuracy); none for a diverged run
        assertThat(r.tables().get(0).header().subList(4, 6)).containsExactly("test accuracy", "macro-F1");
        assertThat(r.tables().get(0).rows().get(6).subList(4, 6)).containsExactly("0.9500", "0.9500");
        assertThat(r.tables().get(0).rows().get(5).subList(4, 6)).containsExactly("-", "-");
        assertThat(r.tables().get(1).rows()).hasSize(2);
        assertThat(r.charts()).hasSize(4);
        assertThat(r.metricsCsv())
                .startsWith("seed,part,run,metric,index,value\n")
                .contains("\n4,clipping,")
                .contains("\n5,clipping,");
        assertThat(r.conclusion())
                .contains("NOT less sensitive to initialization")
                .contains("clipping (not supported)");
    }

    @Test
    void aReducedRunOnDigitsFindsWhatTheFullRunFindsAndReportsTheData() {
        Assumptions.assumeTrue(
                Files.exists(Path.of("../../shared/data/digits")) || Files.exists(Path.of("../shared/data/digits")),
                "digits files not found");
        Mitigations m = new Mitigations(4, 800, 0.01);
        Mitigations.Result r = m.measure(1, done -> {});
        Verdict v = m.judge(List.of(r));
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
        // as at full size (10 epochs, all 1438 examples, 3 seeds): clipping keeps the net finite but does not rescue
        // it,
        // BatchNorm, Fixup and ReZero add far more than the margin, the attention scale holds, He residual diverges
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(r.clipOn().diverged()).isFalse();
        assertThat(r.clipOn().loss()).isGreaterThan(Mitigations.GUESSING_LOSS);
        for (String effect : List.of(
                "BatchNorm: test accuracy minus",
                "Fixup: test accuracy minus",
                "ReZero: test accuracy minus",
                "attention:")) {
            assertThat(finding(v, effect)).as(effect + ": " + v.checks()).isEqualTo(Finding.SUPPORTED);
        }
        assertThat(r.residualHe().diverged()).isTrue();
        assertThat(r.heGrowthPerBlock()).isGreaterThan(1.2);
    }
}
