package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Test;

class RemediesTest {
    private static Mitigations.Run trained(String label, double accuracy) {
        return new Mitigations.Run(label, 0, -1, new double[] {1.0, 0.3}, new double[] {1.1, 0.4},
                new double[] {accuracy / 2, accuracy});
    }

    private static Mitigations.Run diverged(String label) {
        return new Mitigations.Run(label, 1, 3, new double[0], new double[0], new double[0]);
    }

    private static Remedies.Result result(long seed, Mitigations.Run plain, double remedyAccuracy) {
        return new Remedies.Result(seed, plain, trained("L2", remedyAccuracy), trained("RMSProp", remedyAccuracy),
                trained("Adam", remedyAccuracy), trained("warm-up", remedyAccuracy), trained("LayerNorm", remedyAccuracy), null);
    }

    @Test
    void everyRemedyThatTrainsWellAgainstADivergedNetIsSupported() {
        Remedies r = new Remedies();
        Verdict v = r.judge(List.of(result(0, diverged("SGD"), 0.95), result(1, diverged("SGD"), 0.94),
                result(2, diverged("SGD"), 0.96)));
        assertThat(v.finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks()).hasSize(2 * Remedies.REMEDIES.size());
    }

    @Test
    void aRemedyThatDivergesOrAddsNothingIsNotSupported() {
        Remedies r = new Remedies();
        Remedies.Result l2Diverged = new Remedies.Result(0, diverged("SGD"), diverged("L2"), trained("RMSProp", 0.95),
                trained("Adam", 0.95), trained("warm-up", 0.95), trained("LayerNorm", 0.95), null);
        Verdict v = r.judge(List.of(l2Diverged));
        assertThat(v.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(v.deciding()).allMatch(c -> c.criterion().figure().startsWith("L2:"));
        // the exploding net trained fine without remedy: no remedy adds anything
        assertThat(r.judge(List.of(result(0, trained("SGD", 0.95), 0.95))).finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void accuracyNearTheBarAcrossNoisySeedsIsInconclusive() {
        Remedies r = new Remedies();
        Verdict v = r.judge(List.of(result(0, diverged("SGD"), 0.97), result(1, diverged("SGD"), 0.86)));
        assertThat(v.finding()).isEqualTo(Finding.INCONCLUSIVE);
        assertThat(v.checks().stream().map(Check::finding)).doesNotContain(Finding.NOT_SUPPORTED);
    }

    @Test
    void renderingShowsEveryRunEveryRemedyAndEverySeedInTheCsv() {
        Remedies r = new Remedies(2, 1_000_000, 0.1, 5e-4, 1);
        List<Remedies.Result> rs = List.of(result(4, diverged("SGD"), 0.95), result(5, diverged("SGD"), 0.93));
        Rendering out = r.render(rs, r.judge(rs));
        assertThat(out.tables()).hasSize(2);
        assertThat(out.tables().get(0).rows()).hasSize(Remedies.REMEDIES.size());
        assertThat(out.tables().get(1).rows()).hasSize(6);
        assertThat(out.tables().get(1).rows().get(0).get(4)).startsWith("2 of 2");
        assertThat(out.charts()).hasSize(2);
        assertThat(out.metricsCsv()).startsWith("seed,run,metric,epoch,value\n").contains("\n4,L2,test_accuracy,2,0.95")
                .contains("\n5,SGD,diverged_step,0,3");
        assertThat(out.conclusion()).contains("diverged on every seed");
    }

    @Test
    void aReducedRunDivergesWithoutRemedyAndWithWeightDecayAndIsRescuedByLayerNorm() {
        Remedies small = new Remedies(2, 1_000_000, 0.1, 5e-4, 1);
        Remedies.Result r = small.measure(0, done -> { });
        Verdict v = small.judge(List.of(r));
        assertThat(v.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(v.checks().get(0).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(r.plain().diverged()).as(r.toString()).isTrue();
        assertThat(r.weightDecay().diverged()).isTrue();
        assertThat(r.layerNorm().diverged()).isFalse();
        assertThat(r.layerNorm().accuracy() - r.plain().score()).isGreaterThan(Remedies.MARGIN);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
        assertThat(small.atBudget(r, 1).layerNorm().testAccuracy()).hasSize(1);
    }
}
