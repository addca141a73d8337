package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Finding;
import org.junit.jupiter.api.Test;

class DeadReluTest {
    private static final DeadRelu SMALL = new DeadRelu(2, 8, 1, 0.05);

    /** Two hidden layers, one epoch: He ends with {@code he} dead in both layers, every other init with {@code others}. */
    private static DeadRelu.Result result(long seed, double he, double others) {
        List<DeadRelu.Run> runs = new ArrayList<>();
        for (String init : DeadRelu.INITS.keySet()) {
            double after = init.equals("He normal") ? he : others;
            for (double bias : DeadRelu.BIASES) {
                runs.add(new DeadRelu.Run(
                        init, bias, new double[][] {{0, 0.125}, {after, after}}, new double[] {0.1, 0.9}));
            }
        }
        return new DeadRelu.Result(seed, runs, null);
    }

    @Test
    void fewerDeadUnitsUnderHeInEverySeedSupportTheClaim() {
        assertThat(SMALL.judge(List.of(result(0, 0.05, 0.2), result(1, 0.04, 0.22), result(2, 0.06, 0.18)))
                        .finding())
                .isEqualTo(Finding.SUPPORTED);
    }

    @Test
    void equalDeadFractionsAreNoReduction() {
        // both zero in every seed, as at initialization: not a reduction
        assertThat(SMALL.judge(List.of(result(0, 0, 0), result(1, 0, 0), result(2, 0, 0)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(SMALL.judge(List.of(result(0, 0.3, 0.1), result(1, 0.3, 0.1)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aDifferenceWithinTheSeedNoiseIsInconclusive() {
        // He minus others: -0.1, 0, +0.05 per seed
        assertThat(SMALL.judge(List.of(result(0, 0.1, 0.2), result(1, 0.2, 0.2), result(2, 0.25, 0.2)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingHasOneRowPerInitAndBiasThreeChartsAndEverySeedInTheCsv() {
        List<DeadRelu.Result> seeds = List.of(result(7, 0.05, 0.2), result(8, 0.04, 0.2));
        Rendering r = SMALL.render(seeds, SMALL.judge(seeds));
        assertThat(r.tables()).hasSize(1);
        assertThat(r.tables().get(0).rows()).hasSize(DeadRelu.INITS.size() * DeadRelu.BIASES.size());
        assertThat(r.charts()).hasSize(3);
        assertThat(r.metricsCsv())
                .startsWith("seed,init,bias,epoch,layer,dead_fraction,test_accuracy\n")
                .contains("\n7,He normal,0.0,0,1,0.0,")
                .contains("\n8,N(0; 1),0.01,1,2,0.2,");
        assertThat(r.conclusion()).contains("He left clearly fewer units dead than");
    }

    @Test
    void atBudgetKeepsInitializationAndTheFirstEpochs() {
        DeadRelu.Run run =
                new DeadRelu.Run("He normal", 0, new double[][] {{0}, {0.1}, {0.2}}, new double[] {0.1, 0.5, 0.6});
        DeadRelu.Run one = SMALL.atBudget(new DeadRelu.Result(1, List.of(run), null), 1)
                .runs()
                .get(0);
        assertThat(one.epochs()).isEqualTo(1);
        assertThat(one.afterTraining()).isEqualTo(0.1);
        assertThat(one.atInit()).isEqualTo(0);
    }

    @Test
    void aReducedRunShowsScaleFreeDeadFractionsAtInitAndFewerDeadUnitsUnderHeThanUnderTheTinyInit() {
        DeadRelu small = new DeadRelu(4, 16, 2, 0.02);
        DeadRelu.Result r = small.measure(1, done -> {});
        // zero biases: He, LeCun, N(0, 0.01²) and N(0, 1) scale the same normal draws, so no sign differs at init
        double he = r.run("He normal", 0).atInit();
        for (String init : List.of("LeCun normal (1/fan_in)", "N(0, 0.01²)", "N(0, 1)")) {
            assertThat(r.run(init, 0).atInit()).as(init).isEqualTo(he);
        }
        assertThat(small.judge(List.of(r)).checks().get(2).finding())
                .as(r.toString())
                .isEqualTo(Finding.SUPPORTED);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
    }
}
