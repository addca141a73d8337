package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdvisorExperimentTest {
    @Test
    void theAdvisedPlanIsHealthyWhereNaivePlansFail() {
        LegacyExperiment.Outcome o = new AdvisorExperiment(0).run(done -> { });
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        assertThat(o.rows()).hasSize(3 * 5);
        assertThat(o.rows()).filteredOn(r -> r.get(1).equals("advised")).allMatch(r -> r.get(2).equals("healthy"));
        assertThat(o.rows()).filteredOn(r -> r.get(1).equals("normal(std=0.01)")).noneMatch(r -> r.get(2).equals("healthy"));
    }
}
