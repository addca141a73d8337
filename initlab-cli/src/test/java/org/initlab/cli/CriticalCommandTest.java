package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.initlab.cli.MainTest.Run;
import org.junit.jupiter.api.Test;

/** {@code initlab critical}: the edge of chaos and the mean-field quantities, as text and JSON. */
class CriticalCommandTest {

    @Test
    void reluIsCriticalAtTwoWithDivergingDepthScales() {
        Run r = MainTest.run("critical", "relu", "--json");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1);
        assertThat(r.out())
                .contains("\"activation\":\"relu\"")
                .contains("\"critical_sigma_w2\":2,")
                .contains("\"sigma_w2\":2,")
                .contains("\"q_star\":1,")
                .contains("\"chi_1\":1,")
                .contains("\"phase\":\"critical\"")
                .contains("\"xi_q\":\"inf\"")
                .contains("\"xi_c\":\"inf\"");
    }

    @Test
    void tanhEdgeAtSmallBiasAndAChaoticPointWithPredictedDepthProfile() {
        Run edge = MainTest.run("critical", "tanh", "--sigma-b2", "0.05", "--json");
        assertThat(edge.status()).isZero();
        assertThat(edge.out()).contains("\"critical_sigma_w2\":1.76095463960").contains("\"phase\":\"critical\"");
        Run chaotic =
                MainTest.run("critical", "tanh", "--sigma-b2", "0.05", "--sigma-w2", "2.5", "--depth", "3", "--json");
        assertThat(chaotic.status()).isZero();
        assertThat(chaotic.out())
                .contains("\"phase\":\"chaotic\"")
                .contains("\"q_star\":1.06395837741")
                .contains("\"c_star\":0.446804232")
                .contains("\"predicted_second_moments\":[2.55,");
    }

    @Test
    void textNamesEachQuantityAndTheFateOfTheSignal() {
        Run text = MainTest.run("critical", "tanh", "--depth", "2");
        assertThat(text.status()).isZero();
        assertThat(text.out())
                .contains("(the critical value)")
                .contains("critical sigma_w^2")
                .contains("chi_1")
                .contains("0 (the signal vanishes)")
                .contains("inf (diverges)")
                .contains("undefined: q* is 0")
                .contains("predicted q");
        Run exploding = MainTest.run("critical", "relu", "--sigma-w2", "3", "--sigma-b2", "0.1");
        assertThat(exploding.out()).contains("inf (the signal explodes)").contains("chaotic");
    }

    @Test
    void geluWithoutBiasHasNoEdgeAndSaysWhy() {
        Run none = MainTest.run("critical", "gelu", "--json");
        assertThat(none.status()).isZero();
        assertThat(none.out()).contains("\"critical_sigma_w2\":null").contains("no edge of chaos for gelu");
        Run withBias = MainTest.run("critical", "gelu", "--sigma-b2", "0.5", "--json");
        assertThat(withBias.out()).contains("\"phase\":\"critical\"").contains("\"fixed_point\":\"finite\"");
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Run typo = MainTest.run("critical", "tahn");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean 'tanh'");
        assertThat(typo.err().strip().lines().count()).isEqualTo(1);
        Run negative = MainTest.run("critical", "relu", "--sigma-b2", "-1");
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err()).contains("--sigma-b2 must be a number >= 0, got -1");
        assertThat(MainTest.run("critical", "tanh", "--slope", "0.1").status()).isEqualTo(2);
        assertThat(MainTest.run("critical", "relu", "--depth", "0").status()).isEqualTo(2);
    }
}
