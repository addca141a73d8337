package org.initlab.lab.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Finding;
import org.junit.jupiter.api.Test;

/** The report's judge on hand-made results: cells that follow the theory, and cells that do not. */
class SweepReportTest {
    private static final Sweep SWEEP =
            Sweep.parse("grid(sigma_w2=[0.5,1,3], depth=[2,12,48], act=tanh, sigma_b2=0.05)");

    @Test
    void theoryLineIsSixXiCAndPeaksAtTheEdgeOfChaos() {
        double ordered = SweepReport.sixXiC(new Cell(null, 0.5, 0.05, 2, 64, "tanh", 0.02));
        double nearCritical = SweepReport.sixXiC(new Cell(null, 1.76, 0.05, 2, 64, "tanh", 0.02));
        double chaotic = SweepReport.sixXiC(new Cell(null, 4, 0.05, 2, 64, "tanh", 0.02));
        assertThat(ordered).isBetween(1.0, 20.0);
        assertThat(nearCritical).isGreaterThan(10 * ordered).isGreaterThan(chaotic);
        assertThat(SweepReport.sixXiC(new Cell("he_normal", Double.NaN, Double.NaN, 2, 64, "tanh", 0.02)))
                .isNaN();
    }

    @Test
    void cellsThatTrainWhereTheTheorySaysAreSupported() {
        SweepReport r = new SweepReport(SWEEP, results(true), "test", 10);
        assertThat(r.verdict(10).finding()).isEqualTo(Finding.SUPPORTED);
        assertThat(r.html().html())
                .contains("<svg")
                .contains("6 ξ_c (mean field)")
                .contains("supported");
        assertThat(r.csv().lines()).hasSize(1 + 9);
    }

    @Test
    void cellsThatTrainOnTheWrongSideAreNotSupported() {
        SweepReport r = new SweepReport(SWEEP, results(false), "test", 10);
        assertThat(r.verdict(10).finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    /** Accuracy 0.9 where depth ≤ 6ξ_c (or, with {@code followTheory} false, where it is not), else 0.1. */
    private static List<CellResult> results(boolean followTheory) {
        List<CellResult> out = new ArrayList<>();
        for (Cell c : SWEEP.cells()) {
            boolean trainable = c.depth() <= SweepReport.sixXiC(c);
            double acc = trainable == followTheory ? 0.9 : 0.1;
            out.add(new CellResult(c, 0, new int[] {100, 200, 400}, new double[] {acc, acc, acc}, acc, 0));
        }
        return out;
    }
}
