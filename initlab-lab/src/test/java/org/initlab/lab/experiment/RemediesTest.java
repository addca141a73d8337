package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Test;

class RemediesTest {
    private static Mitigations.Run trained(String label, double accuracy) {
        return new Mitigations.Run(
                label,
                0,
                -1,
                new double[] {1.0, 0.3},
                new double[] {1.1, 0.4},
                new double[] {accuracy / 2, accuracy},
                Reports.perEpoch(accuracy / 2, accuracy));
    }

    private static Mitigations.Run diverged(String label) {
        return new Mitigations.Run(label, 1, 3, new double[0], new double[0], new double[0]);
    }

    private static Mitigations.Run stack(String label, double testMse) {
        return new Mitigations.Run(
                label, 0, -1, new double[] {0.2, testMse}, new double[] {0.2, testMse}, new double[] {
                    Double.NaN, Double.NaN
                });
    }

    private static final Mitigations.Run PLAIN_STACK = stack("plain stack", 0.01);
    private static final Mitigations.Run RECIPE_STACK = stack("recipe stack", 0.001);

    private static Remedies.Result result(long seed, Mitigations.Run plain, double remedyAccuracy) {
        return new Remedies.Result(
                seed,
                plain,
                trained("L2", remedyAccuracy),
                trained("RMSProp", remedyAccuracy),
                trained("Adam", remedyAccuracy),
                trained("warm-up", remedyAccuracy),
                trained("LayerNorm", remedyAccuracy),
                PLAIN_STACK,
                RECIPE_STACK,
                null,
                null);
    }

    @Test
    void everyRemedyThatTrainsWellAgainstADivergedNetIsSupported() {
        Remedies r = new Remedies();
        Verdict v = r.judge(List.of(
                result(0, diverged("SGD"), 0.95), result(1, diverged("SGD"), 0.94), result(2, diverged("SGD"), 0.96)));
        assertThat(v.finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks()).hasSize(2 * Remedies.REMEDIES.size() + 2);
    }

    @Test
    void aRemedyThatDivergesOrAddsNothingIsNotSupported() {
        Remedies r = new Remedies();
        Remedies.Result l2Diverged = new Remedies.Result(
                0,
                diverged("SGD"),
                diverged("L2"),
                trained("RMSProp", 0.95),
                trained("Adam", 0.95),
                trained("warm-up", 0.95),
                trained("LayerNorm", 0.95),
                PLAIN_STACK,
                RECIPE_STACK,
                null,
                null);
        Verdict v = r.judge(List.of(l2Diverged));
        assertThat(v.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(v.deciding()).allMatch(c -> c.criterion().figure().startsWith("L2:"));
        // a recipe no better than the plain stack
        Remedies.Result same = new Remedies.Result(
                0,
                diverged("SGD"),
                trained("L2", 0.95),
                trained("RMSProp", 0.95),
                trained("Adam", 0.95),
                trained("warm-up", 0.95),
                trained("LayerNorm", 0.95),
                PLAIN_STACK,
                stack("recipe", 0.01),
                null,
                null);
        assertThat(r.judge(List.of(same)).deciding())
                .singleElement()
                .satisfies(c -> assertThat(c.criterion().figure()).startsWith(Remedies.TRANSFORMER));
        // the exploding net trained fine without remedy: no remedy adds anything
        assertThat(r.judge(List.of(result(0, trained("SGD", 0.95), 0.95))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
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
        Remedies r = new Remedies(2, 1_000_000, 0.1, 5e-4, 1, 12);
        List<Remedies.Result> rs = List.of(result(4, diverged("SGD"), 0.95), result(5, diverged("SGD"), 0.93));
        Rendering out = r.render(rs, r.judge(rs));
        assertThat(out.tables()).hasSize(3);
        assertThat(out.tables().get(2).rows()).hasSize(2);
        assertThat(out.tables().get(0).rows()).hasSize(Remedies.REMEDIES.size());
        assertThat(out.tables().get(1).rows()).hasSize(6);
        assertThat(out.tables().get(1).rows().get(0).get(5)).startsWith("2 of 2");
        // macro-F1 beside test accuracy (the made reports' macro-F1 equals their accuracy)
        assertThat(out.tables().get(1).header().subList(3, 5)).containsExactly("test accuracy", "macro-F1");
        assertThat(out.tables().get(1).rows().get(1).subList(3, 5)).containsExactly("0.940 ± 0.014", "0.940 ± 0.014");
        assertThat(out.charts()).hasSize(3);
        assertThat(out.metricsCsv())
                .startsWith("seed,run,metric,epoch,value\n")
                .contains("\n4,L2,test_accuracy,2,0.95")
                .contains("\n5,SGD,diverged_step,0,3")
                .contains("\n4,recipe stack,test_loss,2,0.001")
                .doesNotContain("recipe stack,test_accuracy");
        assertThat(out.conclusion()).contains("diverged on every seed");
    }

    @Test
    void aReducedRunDivergesWithoutRemedyAndWithWeightDecayAndIsRescuedByLayerNorm() {
        Remedies small = new Remedies(2, 1_000_000, 0.1, 5e-4, 1, 2);
        Remedies.Result r = small.measure(0, done -> {});
        Verdict v = small.judge(List.of(r));
        assertThat(v.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(v.checks().get(0).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(r.plain().diverged()).as(r.toString()).isTrue();
        assertThat(r.weightDecay().diverged()).isTrue();
        assertThat(r.layerNorm().diverged()).isFalse();
        assertThat(r.layerNorm().accuracy() - r.plain().score()).isGreaterThan(Remedies.MARGIN);
        assertThat(r.data()).hasSize(2);
        assertThat(r.data().get(1).used()).startsWith("adding");
        assertThat(r.recipeStack().diverged()).isFalse();
        assertThat(r.data().get(0).used()).startsWith("digits");
        assertThat(small.atBudget(r, 1).layerNorm().testAccuracy()).hasSize(1);
    }
}
