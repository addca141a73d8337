package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdviseCommandTest {
    @Test
    void tableWithReasonsAndNotes() {
        MainTest.Run r = MainTest.run("advise", "--model", "resmlp(16,32,6,4,act=relu)");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("he_normal").contains("Fixup").contains("note: Fixup");
    }

    @Test
    void verifyShowsTheAdvisedPlanHealthyAndANaiveOneNot() {
        MainTest.Run r = MainTest.run(
                "advise",
                "--model",
                "mlp(64,[64,64,64,64,64,64,64,64],10,act=tanh)",
                "--verify",
                "--batch",
                "128",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"plan\":\"advised\",\"verdict\":\"healthy\"")
                .contains("\"plan\":\"normal(std=0.01)\",\"verdict\":\"vanishing\"");
    }

    @Test
    void badSchemeOrModelExitsTwo() {
        assertThat(MainTest.run("advise", "--model", "mlp(2,[4],2)", "--residual", "fixupp")
                        .status())
                .isEqualTo(2);
        assertThat(MainTest.run("advise", "--model", "mlp(2,[4],2)", "--residual", "rezero")
                        .status())
                .isEqualTo(0);
        assertThat(MainTest.run("advise", "--model", "resmlp(2,4,4,2)", "--residual", "rezero")
                        .status())
                .isEqualTo(2);
        assertThat(MainTest.run("advise", "--model", "mlpp(2,[4],2)").status()).isEqualTo(2);
    }
}
