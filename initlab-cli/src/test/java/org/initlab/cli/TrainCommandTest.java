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
        assertThat(r.out())
                .contains("\"epochs\":[{\"epoch\":1")
                .contains("\"test_accuracy\"")
                .contains("\"macro_f1\"")
                .contains("\"roc_auc\"");
        assertThat(r.err()).contains("epoch 3/3").doesNotContain("WARNING");
    }

    @Test
    void divergenceExitsOneNamingStepAndLayer() {
        MainTest.Run r = MainTest.run("train", "--init", "normal(std=1e20)", "--epochs", "1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("initlab: error: diverged at step 1 of epoch 1 (step 1 of the run): layer");
    }

    /** One step per epoch (the batch holds the whole set) at a learning rate that grows the loss every step. */
    private static final String[] DIVERGING = {
        "train",
        "--data",
        "teacher-student",
        "--model",
        "mlp(10,[16],1)",
        "--optimizer",
        "sgd(lr=0.5)",
        "--batch",
        "100000",
        "--epochs",
        "60"
    };

    @Test
    void divergencePrintsTheFinishedEpochsBeforeExitingOne() {
        MainTest.Run r = MainTest.run(DIVERGING);
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        // the per-epoch table of every finished epoch, then one error line naming step and epoch
        assertThat(r.out())
                .startsWith("epoch  loss")
                .contains("\n    1  ")
                .contains("\n    8  ")
                .doesNotContain("\n    9  ");
        String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last)
                .startsWith("initlab: error: diverged at step 1 of epoch 9 (step 9 of the run): ")
                .contains("is NaN")
                .contains("the epochs finished before it are printed above");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void divergencePrintsOneJsonDocumentWithTheDivergence() {
        String[] args = java.util.Arrays.copyOf(DIVERGING, DIVERGING.length + 1);
        args[DIVERGING.length] = "--json";
        MainTest.Run r = MainTest.run(args);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out().strip().lines().count()).isEqualTo(1);
        assertThat(r.out())
                .contains("\"epochs\":[{\"epoch\":1,")
                .contains("{\"epoch\":8,")
                .doesNotContain("{\"epoch\":9,")
                .contains(
                        "\"diverged\":{\"step\":9,\"epoch\":9,\"step_in_epoch\":1,\"where\":\"layer 0 (dense 0.weight) output\"")
                .doesNotContain("test_metrics");
    }

    @Test
    void metricsTheTestSplitCannotDefineAreNotAvailable() {
        // --limit 3 leaves one test example: one class, so ROC-AUC is undefined
        MainTest.Run r = MainTest.run("train", "--limit", "3", "--epochs", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("roc_auc +n/a").contains("n/a: roc_auc: the test split holds only class ");
        MainTest.Run json = MainTest.run("train", "--limit", "3", "--epochs", "1", "--json");
        assertThat(json.status()).isZero();
        assertThat(json.out())
                .contains("\"roc_auc\":null")
                .contains("\"test_metrics_not_available\":[\"roc_auc: the test" + " split holds only class ");
    }

    @Test
    void badDataOrModelExitsTwo() {
        MainTest.Run unknown = MainTest.run("train", "--data", "imagenet");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown dataset 'imagenet'; valid: circles, moons");
        assertThat(MainTest.run("train", "--data", "cirlces").err()).contains("did you mean 'circles'?");
        assertThat(MainTest.run("train", "--model", "mlp(3,[4],2)").status()).isEqualTo(2);
        assertThat(MainTest.run("train", "--schedule", "linear").err()).contains("valid: constant, cosine");
        assertThat(MainTest.run("train", "--epochs", "2", "--schedule", "warmup_cosine", "--clip-norm", "1")
                        .status())
                .isZero();
        assertThat(MainTest.run("train", "--optimizer", "lbfgs").err()).contains("valid: sgd, adam, adamw, rmsprop");
    }

    /** Surefire runs in initlab-cli; the shared data sits beside the repository. */
    private static final Path FASHION = Path.of("../../shared/data/fashion-mnist");

    @Test
    void mlpLearnsFashionMnistSubset() {
        assumeTrue(
                Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "fashion-mnist",
                "--limit",
                "2000",
                "--epochs",
                "1",
                "--model",
                "mlp(784,[32],10)",
                "--optimizer",
                "adam(lr=0.003)",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"train_size\":2000").contains("\"test_size\":333");
        double acc =
                Double.parseDouble(r.out().replaceAll("(?s).*\"test_metrics\":\\{\"accuracy\":([0-9.eE-]+).*", "$1"));
        assertThat(acc).isGreaterThan(0.6);
    }

    @Test
    void cnnRunsOnIdxFolder() {
        assumeTrue(
                Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "idx:" + FASHION,
                "--limit",
                "120",
                "--epochs",
                "1",
                "--model",
                "cnn(1,28,28,10)",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"train_size\":120").contains("\"test_size\":20");
    }

    @Test
    void missingDataNamesEveryPlaceLooked(@TempDir Path empty) {
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "fashion-mnist",
                "--data-dir",
                empty.toString(),
                "--limit",
                "12",
                "--model",
                "mlp(784,[4],10)",
                "--epochs",
                "1");
        if (Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz"))) {
            assertThat(r.status())
                    .as("found beside the repository after --data-dir: " + r.err())
                    .isZero();
        } else {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err())
                    .contains("fashion-mnist not found")
                    .contains(empty.resolve("fashion-mnist") + " (--data-dir)")
                    .contains("../shared/data from the working directory");
        }
        MainTest.Run idx = MainTest.run("train", "--data", "idx:" + empty);
        assertThat(idx.status()).isEqualTo(2);
        assertThat(idx.err()).contains("lacks [train-images-idx3-ubyte.gz");
        assertThat(MainTest.run("train", "--data", "idx:" + FASHION, "--model", "mlp(2,[4],10)", "--limit", "10")
                        .err())
                .containsAnyOf("the model takes examples of shape [2] (2 values) but idx:", "lacks");
    }

    @Test
    void anLstmLearnsTheAddingProblemAndRegressionReportsRmse() {
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "adding(length=20, n=2000, test=300)",
                "--model",
                "lstm(2,16,1)",
                "--epochs",
                "8",
                "--seed",
                "2",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"task\":\"regression\"")
                .contains("\"test_rmse\"")
                .contains("\"r_squared\"")
                .contains("\"data_spec\":\"adding(n=2000, test=300, length=20, normalize=none)\"")
                .doesNotContain("accuracy");
        double loss = number(r.out(), "test_loss");
        assertThat(number(r.out(), "baseline_loss")).isEqualTo(1.0 / 6);
        assertThat(loss).isLessThan(0.3 / 6);
        assertThat(r.err()).contains("test rmse");
        MainTest.Run text = MainTest.run(
                "train", "--data", "teacher-student(n=200, test=50)", "--model", "mlp(10,[16],1)", "--epochs", "2");
        assertThat(text.status()).as(text.err()).isZero();
        assertThat(text.out()).contains("test_rmse").contains("r_squared").doesNotContain("accuracy");
    }

    @Test
    void copyTaskTrainsWithAHeadPerStep() {
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "copy(length=2, symbols=3, delay=2, n=64, test=16)",
                "--model",
                "lstm(5,8,4,steps=all)",
                "--epochs",
                "1",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"task\":\"classification_per_step\"")
                .contains("\"sequence_accuracy\"")
                .contains("\"baseline_loss\"")
                .contains("\"test_size\":16");
        MainTest.Run lastOnly = MainTest.run(
                "train",
                "--data",
                "copy(length=2, symbols=3, delay=2, n=64, test=16)",
                "--model",
                "lstm(5,8,4)",
                "--epochs",
                "1");
        assertThat(lastOnly.status()).isEqualTo(2);
        assertThat(lastOnly.err())
                .contains("the model has 4 outputs per example (not one per step) but the data has")
                .contains("end the model with per_step(dense(");
    }

    @Test
    void oneLogitTrainsABinaryTaskWithBinaryCrossEntropy() {
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "circles(n=400, test=200)",
                "--model",
                "mlp(2,[10,5],1,act=relu)",
                "--epochs",
                "15",
                "--seed",
                "1",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"task\":\"classification\"")
                .contains("\"loss\":\"bce\"")
                .contains("\"roc_auc\"");
        assertThat(number(r.out(), "accuracy"))
                .as("circles are separable; 15 epochs of Adam reach it")
                .isGreaterThan(0.9);
        // the same model and data, trained explicitly with --loss bce, is the same run
        MainTest.Run explicit = MainTest.run(
                "train",
                "--data",
                "circles(n=400, test=200)",
                "--model",
                "mlp(2,[10,5],1,act=relu)",
                "--epochs",
                "15",
                "--seed",
                "1",
                "--json",
                "--loss",
                "bce");
        // everything but the timings and the provenance (whose command line and clock differ) is the same
        java.util.function.UnaryOperator<String> run = s -> s.replaceAll("\"seconds\":[0-9.eE-]+", "")
                .replaceAll(",\"provenance\":\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}", "");
        assertThat(run.apply(explicit.out())).isEqualTo(run.apply(r.out())).doesNotContain("\"provenance\"");
    }

    @Test
    void lossChoosesExplicitlyAndMismatchesAreSaidInTheUsersWords() {
        MainTest.Run mse = MainTest.run(
                "train",
                "--data",
                "circles(n=200, test=100)",
                "--model",
                "mlp(2,[8],2)",
                "--epochs",
                "2",
                "--loss",
                "mse",
                "--json");
        assertThat(mse.status()).as(mse.err()).isZero();
        assertThat(mse.out())
                .contains("\"task\":\"regression\"")
                .contains("\"loss\":\"mse\"")
                .contains("\"rmse\"");
        assertThat(MainTest.run("train", "--model", "mlp(2,[8],2)", "--loss", "bce")
                        .err()
                        .strip())
                .isEqualTo(
                        "initlab: --loss bce needs one output (a logit) and two classes: the model has 2 outputs and the data has 2 classes");
        assertThat(MainTest.run("train", "--model", "mlp(2,[8],1)", "--loss", "cross_entropy")
                        .err()
                        .strip())
                .isEqualTo(
                        "initlab: --loss cross_entropy needs one output per class: the model has 1 output but the data has 2 classes;"
                                + " use --loss bce for one sigmoid output");
        assertThat(MainTest.run("train", "--data", "spirals", "--model", "mlp(2,[8],1)")
                        .err()
                        .strip())
                .isEqualTo(
                        "initlab: the model has 1 output but the data has 3 classes; give its last layer 3 outputs (softmax cross-entropy)");
        assertThat(MainTest.run("train", "--data", "teacher-student(outputs=2)", "--model", "mlp(10,[8],1)")
                        .err()
                        .strip())
                .isEqualTo(
                        "initlab: the model has 1 output but the data has 2 target values per example; give its last layer"
                                + " 2 output(s)");
        assertThat(MainTest.run("train", "--data", "teacher-student", "--model", "mlp(10,[8],1)", "--loss", "bce")
                        .err())
                .contains("--loss bce needs class labels, but the data has real-valued targets");
        assertThat(MainTest.run("train", "--model", "mlp(3,[8],2)").err().strip())
                .isEqualTo(
                        "initlab: the model takes examples of shape [3] (3 values) but circles's examples are [2] (2 values)");
        MainTest.Run typo = MainTest.run("train", "--loss", "bec");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown loss 'bec'; did you mean 'bce'? valid: auto, cross_entropy, bce, mse");
    }

    @Test
    void aCsvWithRealValuedLabelsTrainsARegression(@TempDir Path dir) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) {
            double a = (i % 20) / 10.0 - 1;
            double b = Math.floorDiv(i, 20) / 5.0 - 1;
            csv.append(a)
                    .append(',')
                    .append(b)
                    .append(',')
                    .append(0.5 * a - b + 0.25)
                    .append('\n');
        }
        Path file = Files.writeString(dir.resolve("linear.csv"), csv);
        MainTest.Run r = MainTest.run(
                "train", "--data", "csv:" + file, "--model", "mlp(2,[8],1,act=tanh)", "--epochs", "40", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("\"task\":\"regression\"")
                .contains("\"loss\":\"mse\"")
                .doesNotContain("accuracy");
        assertThat(number(r.out(), "r_squared")).as("a linear target is learnt").isGreaterThan(0.9);
    }

    @Test
    void newDatasetsTrainFromTheCatalog() {
        assertThat(MainTest.run(
                                "train",
                                "--data",
                                "blobs(centers=4, features=3)",
                                "--model",
                                "mlp(3,[8],4)",
                                "--epochs",
                                "1")
                        .status())
                .isZero();
        MainTest.Run wrongOut =
                MainTest.run("train", "--data", "blobs(centers=4)", "--model", "mlp(2,[8],3)", "--epochs", "1");
        assertThat(wrongOut.status()).isEqualTo(2);
        assertThat(wrongOut.err().strip())
                .isEqualTo("initlab: the model has 3 outputs but the data has 4 classes;"
                        + " give its last layer 4 outputs (softmax cross-entropy)");
        MainTest.Run badArg = MainTest.run("train", "--data", "moons(nois=0.2)");
        assertThat(badArg.status()).isEqualTo(2);
        assertThat(badArg.err()).contains("did you mean 'noise'?");
        assumeTrue(Files.isRegularFile(DATA.resolve("iris/iris.csv")), "no iris at " + DATA);
        MainTest.Run iris =
                MainTest.run("train", "--data", "iris", "--model", "mlp(4,[16],3)", "--epochs", "30", "--json");
        assertThat(iris.status()).as(iris.err()).isZero();
        assertThat(iris.out()).contains("\"test_size\":30");
        assertThat(number(iris.out(), "test_accuracy")).isGreaterThan(0.85);
        MainTest.Run digits = MainTest.run(
                "train", "--data", "digits", "--model", "cnn(1,8,8,10)", "--epochs", "1", "--limit", "300", "--json");
        assertThat(digits.status()).as(digits.err()).isZero();
        assertThat(digits.out()).contains("\"train_size\":300").contains("\"test_size\":50");
    }

    private static final Path DATA = Path.of("../../shared/data");

    /** The last value of {@code "key":NUMBER} in a JSON document. */
    private static double number(String json, String key) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        double v = Double.NaN;
        while (m.find()) {
            v = Double.parseDouble(m.group(1));
        }
        return v;
    }
}
