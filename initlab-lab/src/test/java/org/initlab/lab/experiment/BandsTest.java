package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.lab.report.Svg;
import org.junit.jupiter.api.Test;

class BandsTest {
    @Test
    void theLineIsTheMeanAndTheBandTheRangeOverSeeds() {
        Svg.Series s = Bands.of("run", List.of(new double[] {1, 2, 3}, new double[] {3, 4, 8}), a -> a);
        assertThat(s.x()).containsExactly(1, 2, 3);
        assertThat(s.y()).containsExactly(2, 3, 5.5);
        assertThat(s.low()).containsExactly(1, 2, 3);
        assertThat(s.high()).containsExactly(3, 4, 8);
        assertThat(s.name()).isEqualTo("run");
    }

    @Test
    void theLineStopsWhereASeedDivergedAndTheLegendCountsThem() {
        // seed 2 diverged after its first point (NaN), seed 3 after its second (its record ends there)
        Svg.Series s = Bands.of(
                "run",
                List.of(new double[] {1, 2, 3}, new double[] {1, Double.NaN, Double.NaN}, new double[] {1, 2}),
                a -> a);
        assertThat(s.x()).containsExactly(1, 2, 3);
        assertThat(s.y()[0]).isEqualTo(1);
        assertThat(s.y()[1]).isNaN();
        assertThat(s.y()[2]).isNaN();
        assertThat(s.low()[1]).isNaN();
        assertThat(s.name()).isEqualTo("run (2 of 3 seeds diverged)");
        // the chart ends the line with a cross at the last finite mean
        assertThat(Svg.lineChart("t", "epoch", "y", List.of(s), false)).contains("(diverged ×)");
    }

    @Test
    void oneSeedIsALineWithoutABand() {
        Svg.Series s = Bands.of("run", List.of(new double[] {1, 2}), a -> a);
        assertThat(s.low()).isNull();
        assertThat(s.name()).isEqualTo("run");
    }
}
