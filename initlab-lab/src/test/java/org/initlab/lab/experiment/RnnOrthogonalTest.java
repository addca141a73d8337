package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.initlab.lab.experiment.RnnOrthogonal.GAUSSIAN;
import static org.initlab.lab.experiment.RnnOrthogonal.IDENTITY;
import static org.initlab.lab.experiment.RnnOrthogonal.ORTHOGONAL;
import static org.initlab.lab.experiment.RnnOrthogonal.SMALL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.junit.jupiter.api.Test;

class RnnOrthogonalTest {
    /** A small configuration: lengths 10 and 20, the simple RNN only. */
    private static final RnnOrthogonal SMALL_RNN = new RnnOrthogonal(10, 2, 8, 0.001, "rnn", 64);

    /** A probed run whose gradient reach is {@code reach} and whose last test MSE is {@code mse}. */
    private static RnnOrthogonal.Run run(String cell, int t, String init, double reach, double mse) {
        double[] g = new double[t];
        Arrays.fill(g, 1);
        g[0] = reach;
        return new RnnOrthogonal.Run(cell, t, init, g, init.equals(SMALL) ? new double[0] : new double[] {0.17, mse});
    }

    /** One seed: at both lengths of {@code e}, for each of its cells, orthogonal and Gaussian at the given MSEs. */
    private static RnnOrthogonal.Result result(RnnOrthogonal e, long seed, double orthogonalMse, double gaussianMse) {
        List<RnnOrthogonal.Run> runs = new ArrayList<>();
        for (int t : e.lengths()) {
            for (String cell : e.cellNames()) {
                runs.add(run(cell, t, ORTHOGONAL, 1e-2, orthogonalMse));
                runs.add(run(cell, t, GAUSSIAN, 1e-3, gaussianMse));
                runs.add(run(cell, t, IDENTITY, 1e-2, 0.16));
                runs.add(run(cell, t, SMALL, 1e-30, Double.NaN));
            }
        }
        return new RnnOrthogonal.Result(seed, runs, List.of());
    }

    private static String describe(RnnOrthogonal.Result r) {
        StringBuilder sb = new StringBuilder();
        for (RnnOrthogonal.Run run : r.runs()) {
            sb.append(run.cell())
                    .append(" T=")
                    .append(run.length())
                    .append(' ')
                    .append(run.init())
                    .append(": reach ")
                    .append(run.reach())
                    .append(", test MSE ")
                    .append(Arrays.toString(run.testMse()))
                    .append('\n');
        }
        return sb.toString();
    }

    @Test
    void theJudgeSupportsTheClaimOnlyWhenOrthogonalBeatsTheSameScaleGaussianBeyondSeedNoise() {
        RnnOrthogonal e = SMALL_RNN;
        assertThat(e.judge(List.of(result(e, 0, 0.05, 0.16), result(e, 1, 0.06, 0.16), result(e, 2, 0.04, 0.165)))
                        .finding())
                .isEqualTo(Finding.SUPPORTED);
        // the Gaussian as good as orthogonal on every seed: not supported
        assertThat(e.judge(List.of(result(e, 0, 0.165, 0.160), result(e, 1, 0.164, 0.160), result(e, 2, 0.166, 0.160)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // an advantage on two seeds and a loss on the third: within seed noise
        assertThat(e.judge(List.of(result(e, 0, 0.10, 0.16), result(e, 1, 0.17, 0.16), result(e, 2, 0.13, 0.16)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
        // a diverged orthogonal run: not supported
        assertThat(e.judge(List.of(result(e, 0, Double.NaN, 0.16), result(e, 1, 0.05, 0.16)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void theVerdictJudgesTheFirstCellAtBothLengthsAndTheGridJudgesEveryOther() {
        RnnOrthogonal e = new RnnOrthogonal(10, 2, 8, 0.001, "gru+rnn", 64);
        List<RnnOrthogonal.Result> seeds = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            long s = seed;
            RnnOrthogonal.Result r = result(e, s, 0.05 + 0.002 * s, 0.16);
            List<RnnOrthogonal.Run> runs = new ArrayList<>(r.runs());
            // the rnn's orthogonal runs do not learn: only the grid sees it
            runs.replaceAll(x -> x.cell().equals("rnn") && x.init().equals(ORTHOGONAL)
                    ? run("rnn", x.length(), ORTHOGONAL, 1e-2, 0.17 + 0.001 * s)
                    : x);
            seeds.add(new RnnOrthogonal.Result(s, runs, List.of()));
        }
        var verdict = e.judge(seeds);
        assertThat(verdict.finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(verdict.checks())
                .extracting(c -> c.criterion().figure())
                .containsExactly(
                        "gru T=10: test MSE of N(0, 1/n) minus orthogonal",
                        "gru T=20: test MSE of N(0, 1/n) minus orthogonal");
        List<Check> rnn = RnnOrthogonal.grid(seeds, "rnn", 20);
        assertThat(rnn.get(0).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(rnn.get(2).finding()).as("orthogonal learns").isEqualTo(Finding.NOT_SUPPORTED);
        List<Check> gru = RnnOrthogonal.grid(seeds, "gru", 20);
        assertThat(gru.get(2).finding()).as("orthogonal learns").isEqualTo(Finding.SUPPORTED);
        assertThat(gru.get(4).finding()).as("reach 10x the Gaussian's").isEqualTo(Finding.SUPPORTED);
        assertThat(gru.get(5).finding()).as("reach 1e28 x N(0, 0.01²)'s").isEqualTo(Finding.SUPPORTED);
        assertThat(gru.get(4).estimate().mean()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void renderingShowsOneGridRowPerCellAndLengthAndEverySeedInTheCsv() {
        RnnOrthogonal e = new RnnOrthogonal(10, 2, 8, 0.001, "rnn+gru", 64);
        List<RnnOrthogonal.Result> rs = List.of(result(e, 4, 0.05, 0.16), result(e, 5, 0.06, 0.16));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(2);
        assertThat(r.tables().get(0).rows()).hasSize(4);
        assertThat(r.tables().get(0).rows())
                .extracting(row -> row.get(0) + " " + row.get(1))
                .containsExactly("rnn 10", "rnn 20", "gru 10", "gru 20");
        assertThat(r.tables().get(0).rows().get(0).get(5)).isEqualTo("supported");
        assertThat(r.tables().get(1).rows()).hasSize(4);
        assertThat(r.charts()).hasSize(4);
        assertThat(r.metricsCsv())
                .startsWith("seed,cell,length,init,kind,index,value\n")
                .contains("\n4,rnn,10,orthogonal,test_mse,2,0.05\n")
                .contains("\n5,gru,20,orthogonal,step_gradient_at_init,1,")
                .doesNotContain("N(0, 1/n)");
        assertThat(r.conclusion()).contains("rnn T=10").contains("tanh");
    }

    @Test
    void aResultReadAtASmallerBudgetKeepsItsFirstEpochs() {
        RnnOrthogonal.Result r = result(SMALL_RNN, 3, 0.05, 0.16);
        RnnOrthogonal.Result one = SMALL_RNN.atBudget(r, 1);
        assertThat(one.run("rnn", 10, ORTHOGONAL).testMse()).containsExactly(0.17);
        assertThat(one.run("rnn", 10, ORTHOGONAL).stepGradients())
                .isEqualTo(r.run("rnn", 10, ORTHOGONAL).stepGradients());
        assertThat(one.run("rnn", 10, SMALL).testMse()).isEmpty();
    }

    @Test
    void specsNameCellsWithPlusAndRejectUnknownOnes() {
        RnnOrthogonal e = (RnnOrthogonal) Experiments.parse("rnn-orthogonal(cells=rnn+gru, epochs=3)");
        assertThat(e.cellNames()).containsExactly("rnn", "gru");
        assertThat(Experiments.parse(Experiments.format(e))).isEqualTo(e);
        assertThatThrownBy(() -> Experiments.parse("rnn-orthogonal(cells=rnn+lstn)"))
                .hasMessageContaining("unknown cell 'lstn'")
                .hasMessageContaining("valid: rnn, lstm, gru");
    }

    @Test
    void aReducedRunMeasuresEveryInitAndJudgesAsTheFullSizeRunAtItsBudget() {
        // the default hidden size at lengths 10 and 20, 3 epochs of 32 steps: as at full size within the default
        // budget, the networks settle near the mean and none uses the marked values, so orthogonal is no better
        RnnOrthogonal e = new RnnOrthogonal(10, 3, 32, 0.001, "rnn", 512);
        RnnOrthogonal.Result r = e.measure(1, done -> {});
        assertThat(r.runs()).hasSize(2 * RnnOrthogonal.PROBED.size());
        assertThat(Arrays.stream(r.run("rnn", 20, GAUSSIAN).testMse())
                        .filter(Double::isFinite)
                        .count())
                .isEqualTo(3);
        assertThat(r.run("rnn", 20, SMALL).testMse()).isEmpty();
        assertThat(r.run("rnn", 20, ORTHOGONAL).stepGradients()).hasSize(20);
        assertThat(r.data()).hasSize(2);
        assertThat(r.data().get(1).used())
                .startsWith("adding(")
                .contains("length=20")
                .contains("n=512");
        assertThat(e.judge(List.of(r)).finding()).as(describe(r)).isEqualTo(Finding.NOT_SUPPORTED);
        for (int t : e.lengths()) {
            assertThat(RnnOrthogonal.grid(List.of(r), "rnn", t).get(2).finding())
                    .as("learns at T=" + t)
                    .isEqualTo(Finding.NOT_SUPPORTED);
            assertThat(RnnOrthogonal.grid(List.of(r), "rnn", t).get(5).finding())
                    .as("reach over N(0, 0.01²) at T=" + t)
                    .isEqualTo(Finding.SUPPORTED);
        }
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        RnnOrthogonal e = new RnnOrthogonal(6, 1, 8, 0.001, "rnn+gru", 64);
        RnnOrthogonal.Result a = e.measure(2, done -> {});
        RnnOrthogonal.Result b = e.measure(2, done -> {});
        assertThat(a.run("gru", 12, IDENTITY).testMse())
                .isEqualTo(b.run("gru", 12, IDENTITY).testMse());
        assertThat(a.run("rnn", 6, SMALL).stepGradients())
                .isEqualTo(b.run("rnn", 6, SMALL).stepGradients());
    }
}
