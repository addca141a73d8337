package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.initlab.lab.plan.Plans;
import org.junit.jupiter.api.Test;

/** {@code initlab mup} and the plans in {@code list}, {@code explain} and {@code --init}. */
class MupCommandTest {

    @Test
    void mupPrintsEachParametersKindInitAndMultipliers() {
        MainTest.Run r = MainTest.run("mup", "--model", "mlp(784,[1024,1024],10)", "--base-width", "128");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("against the base mlp(784, [128, 128], 10)")
                .contains("2.weight")
                .contains("hidden")
                .contains("0.125");
        MainTest.Run json = MainTest.run(
                "mup", "--model", "mlp(784,[1024,1024],10)", "--base-model", "mlp(784,[128,128],10)", "--json");
        assertThat(json.status()).isZero();
        assertThat(json.out().lines().count()).isEqualTo(1);
        assertThat(json.out())
                .contains("\"path\":\"2.weight\",\"kind\":\"hidden\"")
                .contains("\"shape\":[1024,1024],\"base_shape\":[128,128]")
                .contains("\"sgd_lr_multiplier\":1,\"adam_lr_multiplier\":0.125")
                .contains("\"path\":\"0.weight\",\"kind\":\"input\"")
                .contains("\"output_multiplier\":1");
    }

    @Test
    void mupBadArgumentsExitTwoWithOneLine() {
        MainTest.Run none = MainTest.run("mup", "--model", "mlp(4,[8],2)");
        assertThat(none.status()).isEqualTo(2);
        MainTest.Run cnn = MainTest.run("mup", "--model", "cnn(1,28,28,10)", "--base-width", "8");
        assertThat(cnn.status()).isEqualTo(2);
        assertThat(cnn.err()).contains("no width parameter").doesNotContain("Exception");
        MainTest.Run mismatch = MainTest.run("mup", "--model", "mlp(4,[8,8],2)", "--base-model", "mlp(4,[8],2)");
        assertThat(mismatch.status()).isEqualTo(2);
        assertThat(mismatch.err().strip().lines().count()).isEqualTo(1);
    }

    @Test
    void listAndExplainCoverThePlansAndZerO() {
        MainTest.Run list = MainTest.run("list");
        for (String name : Plans.cardNames()) {
            assertThat(list.out()).contains(name);
        }
        assertThat(list.out()).contains("zero_hadamard");
        assertThat(MainTest.run("list", "--json").out()).contains("\"plans\":[{\"name\":\"gpt2\"");
        for (String name : new String[] {"deepnet", "t_fixup", "gpt2", "small_embedding", "mup", "zero_hadamard"}) {
            MainTest.Run r = MainTest.run("explain", name);
            assertThat(r.status()).as(name).isZero();
            assertThat(r.out()).as(name).contains("law:").contains("paper:").contains("misconceptions:");
        }
        assertThat(MainTest.run("explain", "deepnorm", "--json").out())
                .contains("\"name\":\"deepnorm\"")
                .contains("\"aliases\":[\"deepnet\"]");
    }

    @Test
    void trainTakesMupWithItsLearningRates() {
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "moons",
                "--model",
                "mlp(2,[64,64],2,act=relu)",
                "--init",
                "mup(base_width=16)",
                "--optimizer",
                "adam(lr=0.01)",
                "--epochs",
                "2",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        MainTest.Run bad =
                MainTest.run("train", "--data", "moons", "--model", "mlp(2,[64],2)", "--init", "mup(width=16)");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("mup takes exactly base_width=W");
    }

    @Test
    void initTakesAPlanThatReadsTheModel() {
        MainTest.Run r =
                MainTest.run("probe", "--model", "resmlp(8,16,4,2)", "--init", "gpt2", "--batch", "16", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        MainTest.Run bad = MainTest.run("probe", "--model", "mlp(8,[16],2)", "--init", "gpt2");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("gpt2 needs residual blocks");
    }
}
