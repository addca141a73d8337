package org.initlab.lab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepTest {
    @Test
    void aSpecIsParsedAndPrintedBack() {
        Sweep s = Sweep.parse("grid(sigma_w2=0.5:2:0.5, depth=[4,8], act=[tanh,relu], init=[], steps=10, seeds=2)"
                .replace("init=[], ", ""));
        assertThat(s.sigmaW2()).containsExactly(0.5, 1.0, 1.5, 2.0);
        assertThat(s.depth()).containsExactly(4, 8);
        assertThat(s.activation()).containsExactly("tanh", "relu");
        assertThat(s.cells()).hasSize(4 * 2 * 2);
        assertThat(Sweep.parse(s.format())).isEqualTo(s);
        assertThat(Sweep.parse(Sweep.phaseDiagram().format())).isEqualTo(Sweep.phaseDiagram());
        Sweep inits = Sweep.parse("grid(init=[he_normal,orthogonal(gain=2)], depth=3)");
        assertThat(inits.cells()).extracting(Cell::init).containsExactly("he_normal", "orthogonal(gain=2)");
        assertThat(Sweep.parse(inits.format())).isEqualTo(inits);
    }

    @Test
    void theCellsRunRowMajorOverTheAxes() {
        List<Cell> cells = Sweep.parse("grid(sigma_w2=[1,2], depth=[3,5])").cells();
        assertThat(cells)
                .extracting(c -> c.sigmaW2() + "/" + c.depth())
                .containsExactly("1.0/3", "1.0/5", "2.0/3", "2.0/5");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "grid(sigma_w2=[1,,2])|empty element",
                "grid(depth=[4,8)|unbalanced",
                "grid(depth=2.5)|whole numbers",
                "grid(sigma_w2=0)|sigma_w2 must be in (0, 10000]",
                "grid(sigma_w2=4:1:1)|stop >= start",
                "grid(steps=1,steps=2)|given twice",
                "grid(colour=red)|unknown key 'colour'",
                "grid(sigma_w2=NaN)|finite numbers",
                "grid(act=relux)|relux",
                "grid(init=he_nromal)|he_nromal",
                "grid(sigma_w2=0.01:100:0.01, depth=1:1000:1)|runs (cells × seeds)",
                "phase|unknown sweep 'phase'",
                "grid(depth=3|missing ')'",
            })
    void badSpecsAreRefusedSayingWhy(String spec, String message) {
        assertThatThrownBy(() -> Sweep.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
