package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.lab.experiment.DeepPostLnTraining.Arm;
import org.initlab.lab.experiment.DeepPostLnTraining.Run;
import org.initlab.lab.judge.Finding;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.junit.jupiter.api.Test;

class DeepPostLnTest {
    private static final double MEMORYLESS = Math.log(DeepPostLn.SYMBOLS) / 2;

    /** A run whose every step has the loss {@code fraction} of the memoryless loss. */
    private static Run flat(Arm arm, double fraction) {
        double[] l = new double[20];
        Arrays.fill(l, fraction * MEMORYLESS);
        return new Run(arm, l, -1);
    }

    private static DeepPostLn.Result result(long seed, double... fractions) {
        List<Run> runs = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            runs.add(flat(arm, fractions[index(arm)]));
        }
        return new DeepPostLn.Result(seed, runs);
    }

    @Test
    void theJudgeSupportsTheClaimOnlyWhenPostLnAloneFails() {
        DeepPostLn e = new DeepPostLn();
        // order: pre-LN, post-LN, post-LN + warm-up, DeepNorm, T-Fixup
        assertThat(e.judge(List.of(result(0, 0.1, 0.9, 0.2, 0.2, 0.3))).finding())
                .isEqualTo(Finding.SUPPORTED);
        // post-LN trains anyway: not supported
        assertThat(e.judge(List.of(result(0, 0.1, 0.2, 0.2, 0.2, 0.3))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // T-Fixup fails: not supported
        assertThat(e.judge(List.of(result(0, 0.1, 0.9, 0.2, 0.2, 0.8))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // the baseline does not learn the task: not supported (the budget cannot tell)
        assertThat(e.judge(List.of(result(0, 0.9, 0.9, 0.2, 0.2, 0.3))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // post-LN fails on one seed of two and trains on the other: inconclusive
        assertThat(e.judge(List.of(result(0, 0.1, 0.9, 0.2, 0.2, 0.3), result(1, 0.1, 0.2, 0.2, 0.2, 0.3)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void aDivergedRunScoresAsNotCopyingAndCountsAsAFailure() {
        Run diverged = new Run(Arm.POST_LN, new double[] {2, 1.5, 1.2}, 3);
        assertThat(diverged.score(MEMORYLESS)).isEqualTo(1);
        assertThat(new Run(Arm.POST_LN, new double[] {3 * MEMORYLESS}, -1).score(MEMORYLESS))
                .isEqualTo(1);
        // failures of different depth are failures alike: post-LN at 1.006, 1.008 and 1.67 (capped) is "does not train"
        List<DeepPostLn.Result> seeds = List.of(
                result(0, 0.1, 1.006, 0.2, 0.2, 0.3),
                result(1, 0.1, 1.008, 0.2, 0.2, 0.3),
                result(2, 0.1, 1.67, 0.2, 0.2, 0.3));
        assertThat(new DeepPostLn().judge(seeds).finding()).isEqualTo(Finding.SUPPORTED);
        List<Run> runs = new ArrayList<>(result(0, 0.1, 0.9, 0.2, 0.2, 0.3).runs());
        runs.set(index(Arm.POST_LN), diverged);
        assertThat(new DeepPostLn()
                        .judge(List.of(new DeepPostLn.Result(0, runs)))
                        .finding())
                .isEqualTo(Finding.SUPPORTED);
        runs.set(index(Arm.DEEPNORM), new Run(Arm.DEEPNORM, new double[] {0.1}, 1));
        assertThat(new DeepPostLn()
                        .judge(List.of(new DeepPostLn.Result(0, runs)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void theScoreIsTheLastTenthsMeanAndBudgetsAreReadOffTheTrajectory() {
        double[] l = new double[20];
        for (int i = 0; i < 20; i++) {
            l[i] = 20 - i;
        }
        Run r = new Run(Arm.PRE_LN, l, -1);
        assertThat(r.score(100)).isCloseTo(0.015, within(1e-15)); // mean of the last 2 of 20 (2 and 1) over 100
        Run half = r.upTo(10);
        assertThat(half.losses()).hasSize(10);
        assertThat(half.score(100)).isCloseTo(0.11, within(1e-15)); // the last of 10 (window 1): 11
        // losses 6, 5, 4 at steps 15, 16, 17: the 2-step mean is 5.5 (not below 5.5) at 16, 4.5 at 17
        assertThat(r.stepsTo(5.5, 2)).isEqualTo(17);
        Run diverged = new Run(Arm.POST_LN, Arrays.copyOf(l, 12), 12);
        assertThat(diverged.upTo(10).diverged()).isFalse();
        assertThat(diverged.upTo(13).diverged()).isTrue();
        DeepPostLn e = new DeepPostLn();
        DeepPostLn.Result full = result(3, 0.1, 0.9, 0.2, 0.2, 0.3);
        assertThat(e.atBudget(full, 5).runs()).allMatch(run -> run.losses().length == 5);
    }

    @Test
    void theCopyTaskLabelsEachStepWithTheInputLengthStepsBack() {
        CopyTask task = new CopyTask(8, 4);
        Dataset d = task.batch(7, 3, 50);
        Labels.StepClasses y = (Labels.StepClasses) d.targets();
        float[] x = d.features().data();
        assertThat(d.features().shape()).containsExactly(50, 8);
        assertThat(y.classes()).isEqualTo(10);
        int[] counts = new int[10];
        for (int i = 0; i < 50; i++) {
            int b = i * 8;
            assertThat(x[b + 4]).isEqualTo(9f); // the separator
            for (int t = 0; t < 4; t++) {
                assertThat(y.labels()[b + t]).isZero();
                assertThat(y.labels()[b + 4 + t]).isEqualTo((int) x[b + t]);
                counts[(int) x[b + t]]++;
                if (t < 3) {
                    assertThat(x[b + 5 + t]).isEqualTo(x[b + t]);
                }
            }
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[9]).isZero();
        for (int k = 1; k <= 8; k++) {
            assertThat(counts[k]).as("symbol %d of 200 draws", k).isPositive();
        }
        assertThat(task.batch(7, 3, 50).features().data()).isEqualTo(x);
        assertThat(task.batch(7, 4, 50).features().data()).isNotEqualTo(x);
        assertThatThrownBy(() -> new CopyTask(1, 4)).hasMessageContaining("symbols >= 2");
    }

    @Test
    void aReducedRunTrainsEveryArmAndIsReproducible() {
        DeepPostLn e = (DeepPostLn) Experiments.parse("deep-post-ln(layers=2, dim=8, heads=2, steps=6, warm_up=3)");
        DeepPostLn.Result a = e.measure(5, k -> {});
        DeepPostLn.Result b = e.measure(5, k -> {});
        assertThat(a.runs()).hasSize(5);
        for (Arm arm : Arm.values()) {
            assertThat(a.run(arm).losses()).hasSize(6).isEqualTo(b.run(arm).losses());
            assertThat(Arrays.stream(a.run(arm).losses()).allMatch(Double::isFinite))
                    .isTrue();
        }
        Rendering r = e.render(List.of(a, b), e.judge(List.of(a, b)));
        assertThat(r.tables().get(0).rows()).hasSize(5);
        assertThat(r.tables().get(1).rows()).hasSize(5);
        assertThat(r.metricsCsv())
                .startsWith("seed,arm,step,loss\n")
                .contains("\n5,pre-LN; default init; no warm-up,6,");
        assertThat(r.charts()).hasSize(2);
        assertThat(r.conclusion()).contains("Verdict");
        assertThat(Experiments.format(e)).isEqualTo("deep-post-ln(layers=2, dim=8, steps=6, warm_up=3)");
        assertThatThrownBy(() -> Experiments.parse("deep-post-ln(dim=10, heads=4)"))
                .hasMessageContaining("heads must divide");
    }

    /** {@code arm}'s place in the arms' declared order (the order of a result's runs). */
    private static int index(Arm arm) {
        return List.of(Arm.values()).indexOf(arm);
    }
}
