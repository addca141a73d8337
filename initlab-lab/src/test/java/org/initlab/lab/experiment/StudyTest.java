package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudyTest {
    @Test
    void budgetsAreHalfDefaultAndDoubleEachJudgedAcrossSeedsAndEachSeedAlone() {
        List<Integer> progress = new ArrayList<>();
        Symmetry e = new Symmetry(40);
        Study.Outcome<Symmetry.Result> o = Study.run(e, List.of(3L, 4L), true, 1, progress::add);
        assertThat(o.settings())
                .extracting(Study.Measured::label)
                .containsExactly("default", "steps=20 (half)", "steps=80 (double)");
        assertThat(o.settings().get(1).experiment()).isEqualTo(new Symmetry(20));
        assertThat(o.main().results()).extracting(Symmetry.Result::seed).containsExactly(3L, 4L);
        assertThat(o.perSeed()).hasSize(2);
        assertThat(progress).hasSize(Study.work(e, 2, true)).endsWith(Study.work(e, 2, true));
        assertThat(StudyReport.section(o).tables())
                .extracting(t -> t.caption())
                .contains("Verdict per budget and setting (all seeds)", "Verdict per seed (default setting)");
        assertThat(StudyReport.json(o)).containsKeys("verdict", "checks", "settings", "per_seed", "data", "config");
    }

    @Test
    void parallelMeasurementsGiveTheSameResultsAsSequentialOnes() {
        Symmetry e = new Symmetry(30);
        Study.Outcome<Symmetry.Result> one = Study.run(e, List.of(0L, 1L, 2L), false, 1, k -> {});
        Study.Outcome<Symmetry.Result> two = Study.run(e, List.of(0L, 1L, 2L), false, 2, k -> {});
        assertThat(two.rendering().metricsCsv()).isEqualTo(one.rendering().metricsCsv());
        assertThat(two.main().verdict()).isEqualTo(one.main().verdict());
    }

    @Test
    void withoutRobustnessOnlyTheDefaultRuns() {
        Study.Outcome<Symmetry.Result> o = Study.run(new Symmetry(20), List.of(0L), false, 1, k -> {});
        assertThat(o.settings()).hasSize(1);
        assertThat(StudyReport.dependence(o)).isEmpty();
    }
}
