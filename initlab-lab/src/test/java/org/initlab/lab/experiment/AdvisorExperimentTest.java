package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.probe.Verdict.Kind;
import org.junit.jupiter.api.Test;

class AdvisorExperimentTest {
    private static AdvisorExperiment.Architecture architecture(
            String model, double advisedGradient, double worstNaive) {
        List<AdvisorExperiment.Plan> plans = new ArrayList<>();
        plans.add(new AdvisorExperiment.Plan(
                "advised", advisedGradient <= 2 ? Kind.HEALTHY : Kind.VANISHING, 0.3, advisedGradient));
        plans.add(new AdvisorExperiment.Plan("normal(std=0.01)", Kind.VANISHING, worstNaive, 1.0));
        plans.add(new AdvisorExperiment.Plan("normal(std=1)", Kind.HEALTHY, 0.5, 0.5));
        plans.add(new AdvisorExperiment.Plan("he_normal", Kind.HEALTHY, 0.2, 0.4));
        plans.add(new AdvisorExperiment.Plan("torch_default", Kind.HEALTHY, 0.9, 0.6));
        return new AdvisorExperiment.Architecture(model, plans);
    }

    private static AdvisorExperiment.Result result(long seed, double advisedGradient, double worstNaive) {
        return new AdvisorExperiment.Result(
                seed,
                AdvisorExperiment.MODELS.stream()
                        .map(m -> architecture(m, advisedGradient, worstNaive))
                        .toList());
    }

    @Test
    void supportedWhenTheAdvisedPlanStaysWithinAFactor100AndANaiveOneLeavesIt() {
        AdvisorExperiment e = new AdvisorExperiment();
        Verdict v = e.judge(List.of(result(0, 0.5, 10), result(1, 0.6, 12), result(2, 0.4, 11)));
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks()).hasSize(3 * 3);
    }

    @Test
    void notSupportedWhenTheAdvisedPlanVanishesOrEveryNaivePlanIsFine() {
        AdvisorExperiment e = new AdvisorExperiment();
        assertThat(e.judge(List.of(result(0, 5, 10))).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(e.judge(List.of(result(0, 0.5, 1))).finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aFigureStraddlingAFactor100AcrossSeedsIsInconclusive() {
        AdvisorExperiment e = new AdvisorExperiment();
        Verdict v = e.judge(List.of(result(0, 1.5, 10), result(1, 2.5, 10)));
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingHasAllPlansOfAllArchitecturesAndEverySeedInTheCsv() {
        AdvisorExperiment e = new AdvisorExperiment();
        List<AdvisorExperiment.Result> rs = List.of(result(3, 0.5, 10), result(4, 0.6, 11));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(1);
        assertThat(r.tables().get(0).rows()).hasSize(3 * 5);
        assertThat(r.charts()).hasSize(3);
        assertThat(r.metricsCsv())
                .startsWith("seed,model,plan,verdict,signal_orders,gradient_orders\n")
                .contains("\n3,20-layer tanh MLP,advised,healthy,")
                .contains("\n4,12-layer SELU MLP,");
        assertThat(r.metricsCsv().lines().count()).isEqualTo(1 + 2 * 3 * 5);
        assertThat(r.conclusion()).contains("Every criterion holds.").contains("20-layer tanh MLP: normal(std=0.01)");
    }

    @Test
    void theAdvisedPlanIsHealthyWhereNaivePlansFail() {
        AdvisorExperiment e = new AdvisorExperiment(128);
        AdvisorExperiment.Result r = e.measure(0, done -> {});
        Verdict v = e.judge(List.of(r));
        assertThat(v.finding()).as(v.summary()).isEqualTo(Finding.SUPPORTED);
        assertThat(r.architectures()).allMatch(a -> a.advised().verdict() == Kind.HEALTHY);
        assertThat(r.architectures()).allMatch(a -> a.plans().get(1).verdict() != Kind.HEALTHY);
    }
}
