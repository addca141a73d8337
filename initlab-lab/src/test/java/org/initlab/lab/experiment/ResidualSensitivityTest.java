package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.initlab.lab.experiment.ResidualTraining.Family;
import org.initlab.lab.judge.Finding;
import org.junit.jupiter.api.Test;

class ResidualSensitivityTest {
    /** 4 blocks: depths 1, 2 and 4. */
    private static final ResidualSensitivity SMALL = new ResidualSensitivity(4, 8, 1, 0.01);

    /**
     * A hand-made result: every run of a family ends at the accuracies given per initializer (He,
     * LeCun, small), NaN for a diverged run; families not given end at 0.9 from every init.
     */
    private static ResidualSensitivity.Result result(long seed, Map<Family, double[]> accuracies) {
        List<ResidualSensitivity.Run> runs = new ArrayList<>();
        List<String> inits = List.copyOf(ResidualSensitivity.INITS.keySet());
        for (int depth : SMALL.depths()) {
            for (Family f : Family.values()) {
                double[] acc = accuracies.getOrDefault(f, new double[] {0.9, 0.9, 0.9});
                if (!f.crossed()) {
                    runs.add(new ResidualSensitivity.Run(
                            f.label, "Fixup", depth, new double[] {0.5}, new double[] {0.9}, Reports.perEpoch(0.9)));
                    continue;
                }
                for (int i = 0; i < inits.size(); i++) {
                    runs.add(new ResidualSensitivity.Run(
                            f.label,
                            inits.get(i),
                            depth,
                            new double[] {0.5},
                            new double[] {acc[i]},
                            Reports.perEpoch(acc[i])));
                }
            }
        }
        return new ResidualSensitivity.Result(seed, runs, null);
    }

    private static Map<Family, double[]> residualRobust(double plainLow) {
        return Map.of(
                Family.PLAIN, new double[] {0.9, plainLow, 0.1}, Family.PLAIN_BN, new double[] {0.9, plainLow, 0.9});
    }

    @Test
    void residualStacksThatTrainFromEveryInitWhilePlainOnesDoNotSupportTheClaim() {
        List<ResidualSensitivity.Result> seeds = List.of(
                result(0, residualRobust(0.1)), result(1, residualRobust(0.15)), result(2, residualRobust(0.12)));
        assertThat(SMALL.judge(seeds).finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(SMALL.judge(seeds).checks()).hasSize(6);
    }

    @Test
    void aDivergedHeResidualStackIsNotLessSensitive() {
        Map<Family, double[]> diverged = Map.of(
                Family.PLAIN,
                new double[] {0.9, 0.1, 0.1},
                Family.RESIDUAL,
                new double[] {Double.NaN, 0.9, 0.9},
                Family.PLAIN_BN,
                new double[] {0.9, 0.1, 0.9});
        List<ResidualSensitivity.Result> seeds = List.of(result(0, diverged), result(1, diverged), result(2, diverged));
        assertThat(SMALL.judge(seeds).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        // the diverged run counts as chance: plain and residual spreads are both 0.8
        assertThat(seeds.get(0).sensitivity(Family.RESIDUAL, 4))
                .isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anEffectSmallerThanTheSeedNoiseIsInconclusive() {
        List<ResidualSensitivity.Result> seeds =
                List.of(result(0, residualRobust(0.9)), result(1, residualRobust(0.8)), result(2, residualRobust(0.7)));
        // PLAIN_BN spread per seed 0, 0.1, 0.2 against 0 for residual + BatchNorm: mean 0.1, interval [-0.15, 0.35]
        assertThat(SMALL.judge(seeds).finding()).isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingHasTheSpreadWorstAndAccuracyTablesThreeChartsAndEverySeedInTheCsv() {
        List<ResidualSensitivity.Result> seeds =
                List.of(result(3, residualRobust(0.1)), result(4, residualRobust(0.2)));
        Rendering r = SMALL.render(seeds, SMALL.judge(seeds));
        assertThat(r.tables()).hasSize(3);
        assertThat(r.tables().get(0).rows()).hasSize(3);
        assertThat(r.tables().get(0).header()).hasSize(1 + 6);
        assertThat(r.tables().get(1).rows()).hasSize(3);
        assertThat(r.tables().get(2).rows()).hasSize(3 * Family.values().length);
        // macro-F1 of the He runs in the last column (the made reports' macro-F1 equals their accuracy)
        assertThat(r.tables().get(2).header()).last().isEqualTo("macro-F1, He");
        assertThat(r.tables().get(2).rows())
                .allMatch(row -> row.get(row.size() - 1).startsWith("0.9"));
        assertThat(r.charts()).hasSize(3);
        assertThat(r.metricsCsv())
                .startsWith("seed,blocks,network,init,epoch,train_loss,test_accuracy\n")
                .contains("\n3,1,plain,He normal,1,")
                .contains("\n4,4,Fixup,Fixup,1,");
        assertThat(r.conclusion()).contains("4 blocks");
    }

    @Test
    void atBudgetKeepsTheFirstEpochs() {
        ResidualSensitivity.Run run = new ResidualSensitivity.Run(
                "plain",
                "He normal",
                4,
                new double[] {2, 1, 0.5},
                new double[] {0.5, 0.8, Double.NaN},
                Reports.perEpoch(0.5, 0.8));
        ResidualSensitivity.Result r = new ResidualSensitivity.Result(1, List.of(run), null);
        ResidualSensitivity.Run two = SMALL.atBudget(r, 2).runs().get(0);
        assertThat(two.testAccuracy()).containsExactly(0.5, 0.8);
        assertThat(two.diverged()).isFalse();
        assertThat(run.diverged()).isTrue();
        assertThat(run.outcome()).isEqualTo(ResidualSensitivity.CHANCE);
        assertThat(run.macroF1()).isNaN();
        assertThat(two.macroF1()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aReducedRunDivergesFromHeInTheDeepUnnormalizedResidualStackAsAtFullSize() {
        // full size (16 blocks of width 32, 5 epochs): He diverges at 16 blocks in every seed, so the
        // residual stack is more sensitive there and the claim is not supported
        ResidualSensitivity reduced = new ResidualSensitivity(16, 16, 1, 0.01);
        ResidualSensitivity.Result r = reduced.measure(1, done -> {});
        assertThat(r.run(Family.RESIDUAL.label, 16, "He normal").diverged())
                .as(r.toString())
                .isTrue();
        assertThat(r.run(Family.RESIDUAL_BN.label, 16, "He normal").diverged()).isFalse();
        assertThat(reduced.judge(List.of(r)).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(r.data().get(0).used()).startsWith("digits");
    }
}
