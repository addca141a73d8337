package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcrossSeedsTest {
    @Test
    void numericCellsShowMeanSpreadAndRangeOthersTheirDistinctValues() {
        // mean 2, sample sd 1 over (1, 2, 3)
        assertThat(AcrossSeeds.cell(List.of("1", "2", "3"))).isEqualTo("2.000 ± 1.0 [1.000, 3.000]");
        assertThat(AcrossSeeds.cell(List.of("0.5", "0.5"))).isEqualTo("0.5000 ± 0.0 [0.5000, 0.5000]");
        assertThat(AcrossSeeds.cell(List.of("He", "He"))).isEqualTo("He");
        assertThat(AcrossSeeds.cell(List.of("diverged", "0.91"))).isEqualTo("diverged / 0.91");
    }

    @Test
    void theClaimMustHoldForEverySeedAndTheCsvKeepsEachSeed() {
        AcrossSeeds runs = new AcrossSeeds(List.of(new CirclesInit(40, 3), new CirclesInit(40, 4)), 3);
        assertThat(runs.name()).isEqualTo("circles");
        assertThat(runs.config().get("seeds")).isEqualTo(List.of(3L, 4L));
        LegacyExperiment.Outcome o = runs.run(done -> { });
        LegacyExperiment.Outcome alone = new CirclesInit(40, 4).run(done -> { });
        assertThat(o.metricsCsv()).startsWith("seed,").contains("\n3,").contains("\n4,");
        assertThat(o.metricsCsv().lines().filter(l -> l.startsWith("4,")).map(l -> l.substring(2)).toList())
                .isEqualTo(alone.metricsCsv().lines().skip(1).toList());
        assertThat(o.verdict()).contains("of 2 seeds");
        assertThat(o.section().title()).endsWith("(2 seeds)");
    }

    @Test
    void rejectsSingleRunsMixedExperimentsAndNesting() {
        assertThatThrownBy(() -> new AcrossSeeds(List.of(new CirclesInit(40, 3)), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AcrossSeeds(List.of(new CirclesInit(40, 3), new GlorotTanh(2, 4)), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
