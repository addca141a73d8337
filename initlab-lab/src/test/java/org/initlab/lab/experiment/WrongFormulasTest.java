package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.junit.jupiter.api.Test;

class WrongFormulasTest {
    private static final WrongFormulas SMALL = new WrongFormulas(6, 16, 64, 64, 2);

    /** A run whose std goes from 1 to {@code ratio} over the depth. */
    private static WrongFormulas.Run run(WrongFormulas.Law law, double ratio, int depth) {
        double[] std = new double[depth];
        double[] grad = new double[depth];
        for (int l = 0; l < depth; l++) {
            std[l] = Math.pow(ratio, l / (depth - 1.0));
            grad[l] = 1;
        }
        return new WrongFormulas.Run(law.label(), law.activation(), std, grad, new double[] {ratio, ratio});
    }

    /**
     * A result with the given last/first ratios: (a)'s 1/fan_in, (b)'s average-fan He, (c)'s LeCun with
     * ReLU, (d)'s U(±1/√n); every right law at {@code right} (He) or 0.1 (Glorot).
     */
    private static WrongFormulas.Result result(long seed, double a, double b, double c, double d, double he) {
        List<WrongFormulas.Run> runs = new ArrayList<>();
        for (WrongFormulas.Law law : WrongFormulas.LAWS) {
            double ratio = law.equals(WrongFormulas.LECUN_TANH)
                    ? a
                    : law.equals(WrongFormulas.HE_AVG_RELU)
                            ? b
                            : law.equals(WrongFormulas.LECUN_RELU)
                                    ? c
                                    : law.equals(WrongFormulas.HEURISTIC_TANH)
                                            ? d
                                            : law.equals(WrongFormulas.HE_RELU) ? he : 0.1;
            runs.add(run(law, ratio, 6));
        }
        return new WrongFormulas.Result(seed, runs);
    }

    @Test
    void theDirectionOfEachCaseFollowsTheLawsVariances() {
        // at the defaults: 1/fan_in over Glorot grows, the others shrink
        WrongFormulas w = new WrongFormulas();
        assertThat(w.predicted(WrongFormulas.CASES.get(0))).isGreaterThan(10);
        assertThat(w.predicted(WrongFormulas.CASES.get(1))).isBetween(0.05, 0.06);
        assertThat(w.predicted(WrongFormulas.CASES.get(2))).isCloseTo(Math.pow(0.5, 23 / 2.0), offset(1e-9));
        // equal widths: (a) and (b) coincide with their right laws
        WrongFormulas square = new WrongFormulas(24, 64, 64, 10, 1);
        assertThat(square.predicted(WrongFormulas.CASES.get(0))).isCloseTo(1, offset(1e-9));
        assertThat(square.predicted(WrongFormulas.CASES.get(1))).isCloseTo(1, offset(1e-9));
    }

    @Test
    void theJudgeSupportsOnlyWhenEveryWrongFormulaIsBeyondAFactorTwoAndHeKeepsTheScale() {
        WrongFormulas w = new WrongFormulas();
        // Glorot's runs are at 0.1: (a) 1.5/0.1 = 15, (b) 0.05, (c) 3e-4, (d) 1e-5/0.1 = 1e-4 (He at 1)
        assertThat(w.judge(List.of(
                                result(0, 1.5, 0.05, 3e-4, 1e-5, 1),
                                result(1, 1.4, 0.06, 3e-4, 1e-5, 0.9),
                                result(2, 1.6, 0.05, 3e-4, 1e-5, 1.1)))
                        .finding())
                .isEqualTo(Finding.SUPPORTED);
        // (b) within a factor 2 of He on every seed: not supported
        assertThat(w.judge(List.of(
                                result(0, 1.5, 0.9, 3e-4, 1e-5, 1),
                                result(1, 1.5, 0.95, 3e-4, 1e-5, 1),
                                result(2, 1.5, 0.85, 3e-4, 1e-5, 1)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // He itself collapsing: not supported
        assertThat(w.judge(List.of(result(0, 1.5, 0.05, 3e-4, 1e-5, 0.1))).finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void aHeRatioWhoseSeedsStraddleTheBandIsInconclusive() {
        WrongFormulas w = new WrongFormulas();
        List<WrongFormulas.Result> rs = List.of(
                result(0, 1.5, 0.05, 3e-4, 1e-5, 0.3),
                result(1, 1.5, 0.05, 3e-4, 1e-5, 1.2),
                result(2, 1.5, 0.05, 3e-4, 1e-5, 0.5));
        assertThat(w.judge(rs).finding()).isEqualTo(Finding.INCONCLUSIVE);
        assertThat(w.judge(rs).deciding()).extracting(Check::line).allMatch(l -> l.startsWith("He normal"));
    }

    @Test
    void renderingHasTheCaseTableTheLawTableAChartPerCaseAndEverySeedInTheCsv() {
        WrongFormulas w = new WrongFormulas(6, 16, 64, 64, 2);
        List<WrongFormulas.Result> rs =
                List.of(result(4, 1.5, 0.05, 3e-4, 1e-5, 1), result(5, 1.5, 0.05, 3e-4, 1e-5, 1));
        Rendering r = w.render(rs, w.judge(rs));
        assertThat(r.tables()).hasSize(2);
        assertThat(r.tables().get(0).rows()).hasSize(WrongFormulas.CASES.size());
        assertThat(r.tables().get(1).rows()).hasSize(WrongFormulas.LAWS.size());
        assertThat(r.charts()).hasSize(1 + WrongFormulas.CASES.size());
        assertThat(r.metricsCsv())
                .startsWith("seed,law,activation,spec,layer,std,grad_norm\n")
                .contains("\n4,")
                .contains("\n5,");
        assertThat(r.metricsCsv().lines().count()).isEqualTo(1 + 2 * WrongFormulas.LAWS.size() * 6);
        assertThat(r.conclusion()).contains("(a)").contains("(d)");
    }

    @Test
    void aReducedRunFindsEveryWrongFormulaBeyondAFactorTwo() {
        // 12 layers alternating 32 and 128: the effects are smaller than at the defaults, but each beyond a factor 2
        WrongFormulas w = new WrongFormulas(12, 32, 128, 64, 4);
        List<WrongFormulas.Result> rs = List.of(w.measure(1, done -> {}), w.measure(2, done -> {}));
        List<Check> checks = w.judge(rs).checks();
        for (int i = 0; i < WrongFormulas.CASES.size(); i++) {
            assertThat(checks.get(i).finding()).as(checks.get(i).line()).isEqualTo(Finding.SUPPORTED);
        }
        assertThat(rs.get(0).runs().get(0).std()).hasSize(12);
        assertThat(SMALL.measure(3, done -> {}).runs()).hasSize(WrongFormulas.LAWS.size());
    }
}
