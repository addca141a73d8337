package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Surefire runs in initlab-cli; the shared data sits beside the repository. */
    private static final Path FASHION = Path.of("../../shared/data/fashion-mnist");

    @Test
    void mlpLearnsFashionMnistSubset() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        MainTest.Run r = MainTest.run("train", "--data", "fashion-mnist", "--limit", "2000", "--epochs", "1",
                "--model", "mlp(784,[32],10)", "--optimizer", "adam(lr=0.003)", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"train_size\":2000").contains("\"test_size\":333");
        double acc = Double.parseDouble(r.out().replaceAll("(?s).*\"test_metrics\":\\{\"accuracy\":([0-9.eE-]+).*", "$1"));
        assertThat(acc).isGreaterThan(0.6);
    }

    @Test
    void cnnRunsOnIdxFolder() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        MainTest.Run r = MainTest.run("train", "--data", "idx:" + FASHION, "--limit", "120", "--epochs", "1",
                "--model", "cnn(1,28,28,10)", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"train_size\":120").contains("\"test_size\":20");
    }

    @Test
    void missingImageDataNamesEveryPlaceLooked(@TempDir Path empty) {
        assertThatThrownByMessage(() -> TrainCommand.imageFolder("fashion-mnist", empty.toString(), empty.resolve("a/b"), null),
                empty.resolve("fashion-mnist").toString(), empty.resolve("a/shared/data/fashion-mnist").toString());
        MainTest.Run r = MainTest.run("train", "--data", "idx:" + empty);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("lacks [train-images-idx3-ubyte.gz");
        assertThat(MainTest.run("train", "--data", "idx:" + FASHION, "--model", "mlp(2,[4],10)", "--limit", "10").err())
                .containsAnyOf("does not fit", "lacks");
    }

    private static void assertThatThrownByMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            String... parts) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fashion-mnist not found").hasMessageContaining(parts[0])
                .hasMessageContaining(parts[1]);
    }
}
