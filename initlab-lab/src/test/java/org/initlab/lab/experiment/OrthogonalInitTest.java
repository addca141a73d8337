package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.junit.jupiter.api.Test;

class OrthogonalInitTest {
    private static final OrthogonalInit.Timing EXPENSIVE = new OrthogonalInit.Timing(
            new int[] {64, 128},
            new double[] {0.1, 0.4},
            new double[] {1.0, 8.0},
            new double[] {4.0, 40.0},
            "test-lapack");
    private static final OrthogonalInit.Timing CHEAP = new OrthogonalInit.Timing(
            new int[] {64, 128},
            new double[] {0.1, 0.4},
            new double[] {0.2, 0.8},
            new double[] {0.4, 1.6},
            "test-lapack");

    private static Mitigations.Run run(String label, double accuracy) {
        return new Mitigations.Run(
                label,
                0,
                -1,
                new double[] {1.0, 0.5, 0.3},
                new double[] {1.1, 0.6, 0.4},
                new double[] {accuracy - 0.2, accuracy - 0.1, accuracy},
                Reports.perEpoch(accuracy - 0.2, accuracy - 0.1, accuracy));
    }

    private static OrthogonalInit.Result result(
            long seed, OrthogonalInit.Timing t, double cnnEffect, double mlpEffect) {
        return new OrthogonalInit.Result(
                seed,
                t,
                run("CNN, Gaussian", 0.9),
                run("CNN, delta-orthogonal", 0.9 + cnnEffect),
                run("MLP, Gaussian", 0.8),
                run("MLP, orthogonal", 0.8 + mlpEffect),
                null);
    }

    @Test
    void expensiveWithABenefitThatIsLargerInTheMlpIsSupported() {
        Verdict v = new OrthogonalInit()
                .judge(List.of(
                        result(0, EXPENSIVE, 0.04, 0.1),
                        result(1, EXPENSIVE, 0.05, 0.12),
                        result(2, EXPENSIVE, 0.045, 0.11)));
        assertThat(v.finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks()).hasSize(3);
    }

    @Test
    void aCheapFillOrNoBenefitInTheCnnIsNotSupported() {
        OrthogonalInit e = new OrthogonalInit();
        Verdict cheap = e.judge(
                List.of(result(0, CHEAP, 0.04, 0.1), result(1, CHEAP, 0.05, 0.12), result(2, CHEAP, 0.045, 0.11)));
        assertThat(cheap.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(cheap.deciding()).hasSize(1);
        assertThat(cheap.deciding().get(0).criterion().figure()).startsWith("cost");
        Verdict none = e.judge(List.of(
                result(0, EXPENSIVE, 0.0, 0.1), result(1, EXPENSIVE, 0.005, 0.12), result(2, EXPENSIVE, -0.005, 0.11)));
        assertThat(none.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(none.deciding().get(0).criterion().figure()).startsWith("deep CNN");
    }

    @Test
    void aCnnEffectWithinSeedNoiseIsInconclusive() {
        Verdict v =
                new OrthogonalInit().judge(List.of(result(0, EXPENSIVE, 0.0, 0.2), result(1, EXPENSIVE, 0.08, 0.2)));
        assertThat(v.finding()).isEqualTo(Finding.INCONCLUSIVE);
        assertThat(v.checks().get(0).finding()).isEqualTo(Finding.SUPPORTED);
    }

    @Test
    void renderingShowsEverySizeRunAndSeed() {
        OrthogonalInit e = new OrthogonalInit();
        List<OrthogonalInit.Result> rs = List.of(result(4, EXPENSIVE, 0.04, 0.1), result(5, EXPENSIVE, 0.05, 0.12));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(3);
        assertThat(r.tables().get(0).rows()).hasSize(3);
        assertThat(r.tables().get(1).rows()).hasSize(2);
        assertThat(r.tables().get(1).caption()).contains("test-lapack");
        assertThat(r.tables().get(2).rows()).hasSize(4);
        // macro-F1 beside test accuracy (the made reports' macro-F1 equals their accuracy)
        assertThat(r.tables().get(2).header().subList(2, 4)).containsExactly("test accuracy", "macro-F1");
        assertThat(r.tables().get(2).rows().get(0).subList(2, 4)).containsExactly("0.9000", "0.9000");
        assertThat(r.charts()).hasSize(4);
        assertThat(r.metricsCsv())
                .startsWith("seed,part,label,metric,index,value\n")
                .contains("\n4,cost,orthogonal qr,fill_ms,128,8.0")
                .contains("\n5,training,CNN; Gaussian,test_accuracy,3,");
        assertThat(r.conclusion()).contains("20 times the Gaussian");
    }

    @Test
    void aReducedRunFindsTheOrthogonalFillExpensiveAndRecordsItsData() {
        OrthogonalInit small = new OrthogonalInit(256, 1, 4, 4, "tanh", 1, 300, 0.01);
        OrthogonalInit.Result r = small.measure(1, done -> {});
        assertThat(small.judge(List.of(r)).checks().get(0).finding())
                .as(r.toString())
                .isEqualTo(Finding.SUPPORTED);
        assertThat(r.timing().sides()).containsExactly(64, 128, 256);
        assertThat(r.runs()).noneMatch(Mitigations.Run::diverged);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
    }
}
