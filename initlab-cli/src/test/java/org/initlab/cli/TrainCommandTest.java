package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainCommandTest {
    @Test
    void trainsAndReportsPerEpoch() {
        MainTest.Run r = MainTest.run("train", "--data", "moons", "--epochs", "3", "--json");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\"epochs\":[{\"epoch\":1").contains("\"test_accuracy\"").contains("\"macro_f1\"").contains("\"roc_auc\"");
        assertThat(r.err()).contains("epoch 3/3").doesNotContain("WARNING");
    }

    @Test
    void divergenceExitsOneNamingStepAndLayer() {
        MainTest.Run r = MainTest.run("train", "--init", "normal(std=1e20)", "--epochs", "1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("diverged at step 0").contains("layer");
    }

    @Test
    void badDataOrModelExitsTwo() {
        assertThat(MainTest.run("train", "--data", "imagenet").err()).contains("valid here: circles");
        assertThat(MainTest.run("train", "--model", "mlp(3,[4],2)").status()).isEqualTo(2);
        assertThat(MainTest.run("train", "--schedule", "linear").err()).contains("valid: constant, cosine");
        assertThat(MainTest.run("train", "--epochs", "2", "--schedule", "warmup_cosine", "--clip-norm", "1").status()).isZero();
        assertThat(MainTest.run("train", "--optimizer", "lbfgs").err()).contains("valid: sgd, adam, adamw, rmsprop");
    }
}
