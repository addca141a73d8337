package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;

class ZeroInitTest {
    private static Mitigations.Run run(String label, double accuracy) {
        if (Double.isNaN(accuracy)) {
            return new Mitigations.Run(label, 1, 3, new double[0], new double[0], new double[0], List.of());
        }
        return new Mitigations.Run(
                label,
                0,
                -1,
                new double[] {1.0, 0.5, 0.3},
                new double[] {1.1, 0.6, 0.4},
                new double[] {accuracy - 0.2, accuracy - 0.1, accuracy},
                Reports.perEpoch(accuracy - 0.2, accuracy - 0.1, accuracy));
    }

    /** ZerO, He, orthogonal accuracies in the shallow and the deep network (NaN: diverged). */
    private static ZeroInit.Result result(long seed, double zs, double hs, double os, double zd, double hd, double od) {
        return new ZeroInit.Result(
                seed,
                List.of(
                        run("ZerO, 2 blocks", zs),
                        run("He normal, 2 blocks", hs),
                        run("orthogonal (gain √2), 2 blocks", os)),
                List.of(
                        run("ZerO, 16 blocks", zd),
                        run("He normal, 16 blocks", hd),
                        run("orthogonal (gain √2), 16 blocks", od)),
                null);
    }

    @Test
    void zeroComparableShallowAndTrainingDeepWhereTheBaselinesDivergeIsSupported() {
        Verdict v = new ZeroInit()
                .judge(List.of(
                        result(0, 0.955, 0.96, 0.95, 0.93, Double.NaN, Double.NaN),
                        result(1, 0.96, 0.96, 0.95, 0.94, Double.NaN, Double.NaN),
                        result(2, 0.96, 0.965, 0.95, 0.935, Double.NaN, Double.NaN)));
        assertThat(v.finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(v.checks()).hasSize(3);
    }

    @Test
    void zeroClearlyBehindOrNotTrainingAtDepthIsNotSupported() {
        ZeroInit e = new ZeroInit();
        Verdict behind = e.judge(List.of(
                result(0, 0.90, 0.96, 0.95, 0.93, 0.1, 0.1),
                result(1, 0.91, 0.96, 0.95, 0.93, 0.1, 0.1),
                result(2, 0.905, 0.965, 0.95, 0.93, 0.1, 0.1)));
        assertThat(behind.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(behind.deciding()).hasSize(1);
        assertThat(behind.deciding().get(0).criterion().figure()).startsWith("shallow");
        Verdict stuck = e.judge(List.of(
                result(0, 0.95, 0.95, 0.95, Double.NaN, 0.9, 0.9), result(1, 0.95, 0.95, 0.95, Double.NaN, 0.92, 0.9)));
        assertThat(stuck.finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(stuck.deciding()).extracting(c -> c.criterion().figure()).allMatch(f -> f.startsWith("deep"));
    }

    @Test
    void zerosPlanIsDeterministicHadamardIdentityAndZeroBranchEnds() {
        Map<String, float[]> one = init(1);
        Map<String, float[]> two = init(2);
        assertThat(one.keySet()).isEqualTo(two.keySet());
        for (String path : one.keySet()) {
            assertThat(one.get(path)).as(path + " does not depend on the seed").containsExactly(two.get(path));
        }
        // stem [16, 8], widening: Hadamard columns, (-1)^popcount(i & j) / sqrt(16)
        float[] stem = one.get("0.weight");
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 8; j++) {
                assertThat(stem[i * 8 + j])
                        .isCloseTo((float) ((Integer.bitCount(i & j) % 2 == 0 ? 1 : -1) / 4.0), within(0f));
            }
        }
        // the branch's first weight the identity, its last zero, the head [10, 16] a partial identity
        float[] first = one.get("2.0.weight");
        float[] head = one.get("4.weight");
        for (int i = 0; i < 16; i++) {
            for (int j = 0; j < 16; j++) {
                assertThat(first[i * 16 + j]).isEqualTo(i == j ? 1f : 0f);
                if (i < 10) {
                    assertThat(head[i * 16 + j]).isEqualTo(i == j ? 1f : 0f);
                }
            }
        }
        assertThat(one.get("2.2.weight")).containsOnly(0f);
        assertThat(one.get("2.0.bias")).containsOnly(0f);
    }

    private static Map<String, float[]> init(long seed) {
        Sequential net = ModelSpec.parse("resmlp(8,16,1,10,act=relu,scale=false)");
        ZeroInit.plan(0).apply(net, seed);
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Parameter p : net.parameters()) {
            m.put(p.path(), p.value().clone());
        }
        return m;
    }

    @Test
    void renderingShowsEveryRunAndSeed() {
        ZeroInit e = new ZeroInit();
        List<ZeroInit.Result> rs = List.of(
                result(4, 0.95, 0.96, 0.95, 0.93, Double.NaN, 0.2), result(5, 0.96, 0.96, 0.95, 0.94, Double.NaN, 0.3));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(2);
        assertThat(r.tables().get(0).rows()).hasSize(3);
        assertThat(r.tables().get(1).rows()).hasSize(6);
        assertThat(r.tables().get(1).rows().get(4))
                .containsExactly("He normal, 16 blocks", "-", "-", "-", "-", "2 of 2");
        assertThat(r.charts()).hasSize(3);
        assertThat(r.charts().get(1)).contains("16 residual blocks");
        assertThat(r.metricsCsv())
                .startsWith("seed,run,metric,epoch,value\n")
                .contains("\n5,ZerO; 16 blocks,test_accuracy,3,0.94");
        assertThat(r.conclusion()).contains("With 16 blocks ZerO").contains("2 run(s) at this depth diverged");
    }

    @Test
    void aReducedRunTrainsAllSixNetworksAndRecordsItsData() {
        ZeroInit small = new ZeroInit(3, 16, 1, 0.01, 200, "digits");
        ZeroInit.Result r = small.measure(1, done -> {});
        assertThat(r.shallow()).hasSize(3);
        assertThat(r.deep())
                .extracting(Mitigations.Run::label)
                .containsExactly("ZerO, 3 blocks", "He normal, 3 blocks", "orthogonal (gain √2), 3 blocks");
        assertThat(r.shallow().get(0).diverged()).isFalse();
        assertThat(r.shallow().get(0).accuracy()).isGreaterThan(0.1);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("digits");
    }
}
