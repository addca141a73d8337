package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    @Test
    void oneWorkerRunsTheLargestFirstTiesInTheOrderGivenAndResultsComeBackInTheOrderGiven() {
        double[] costs = {1, 5, 3, 5, 0.5};
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<Scheduler.Job<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < costs.length; i++) {
            int id = i;
            jobs.add(new Scheduler.Job<>(costs[i], () -> {
                ran.add(id);
                return id * 10;
            }));
        }
        try (Scheduler s = new Scheduler(1)) {
            List<Integer> values =
                    s.submit(jobs).stream().map(f -> Study.await(f).value()).toList();
            assertThat(values).containsExactly(0, 10, 20, 30, 40);
        }
        assertThat(ran).containsExactly(1, 3, 2, 0, 4);
    }

    @Test
    void twoWorkersRunTwoJobsAtOnce() throws Exception {
        // each job waits for the other to have started: with one worker this would never finish
        CountDownLatch both = new CountDownLatch(2);
        Scheduler.Job<Boolean> job = new Scheduler.Job<>(1, () -> {
            both.countDown();
            return both.await(30, TimeUnit.SECONDS);
        });
        try (Scheduler s = new Scheduler(2)) {
            List<Future<Scheduler.Timed<Boolean>>> fs = s.submit(List.of(job, job));
            for (Future<Scheduler.Timed<Boolean>> f : fs) {
                Scheduler.Timed<Boolean> t = Study.await(f);
                assertThat(t.value()).isTrue();
                assertThat(t.endNanos()).isGreaterThanOrEqualTo(t.startNanos());
            }
        }
    }

    @Test
    void aFailureKeepsItsType() {
        try (Scheduler s = new Scheduler(2)) {
            Future<Scheduler.Timed<Object>> f = s.submit(List.of(new Scheduler.Job<Object>(1, () -> {
                        throw new OutOfMemoryError("test");
                    })))
                    .get(0);
            assertThatThrownBy(() -> Study.await(f))
                    .isInstanceOf(OutOfMemoryError.class)
                    .hasMessage("test");
        }
    }

    @Test
    void nativeBlasThreadsShareTheCoresAmongTheWorkers() {
        assertThat(Scheduler.blasThreads(1, 2)).isEqualTo(2);
        assertThat(Scheduler.blasThreads(2, 2)).isEqualTo(1);
        assertThat(Scheduler.blasThreads(3, 2)).isEqualTo(1);
        assertThat(Scheduler.blasThreads(2, 8)).isEqualTo(4);
        assertThat(Scheduler.blasThreads(3, 8)).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new Scheduler(0)).hasMessage("workers must be at least 1, got 0");
        assertThatThrownBy(() -> new Scheduler.Job<>(Double.NaN, () -> 1))
                .hasMessage("a job's cost must be finite, got NaN");
    }

    @Test
    void aPlanIsEverySettingTimesEverySeedAndItsWorkIsWhatTheyReport() {
        Symmetry e = new Symmetry(40);
        StudyPlan<Symmetry.Result> plan = StudyPlan.of(e, List.of(3L, 4L), Study.Robustness.BUDGETS);
        assertThat(plan.measurements())
                .extracting(m -> ((Symmetry) m.experiment()).steps() + "/" + m.seed())
                .containsExactly("40/3", "40/4", "20/3", "20/4", "80/3", "80/4");
        List<Integer> units = new ArrayList<>();
        plan.measurements().forEach(m -> m.measure(units::add));
        assertThat(units).hasSize(plan.work()).containsOnly(1);
        assertThat(Study.work(e, 2, Study.Robustness.BUDGETS)).isEqualTo(plan.work());
    }

    @Test
    void allStandsForEveryExperiment() {
        assertThat(new ExperimentSpec(0, 0, true, List.of("all")).experiments()).isEqualTo(Experiments.names());
        assertThat(new ExperimentSpec(0, 0, true, List.of("symmetry")).experiments())
                .containsExactly("symmetry");
    }
}
