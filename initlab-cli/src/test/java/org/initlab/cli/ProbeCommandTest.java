package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeCommandTest {
    @Test
    void tableAndVerdictForAVanishingTanhNet() {
        MainTest.Run r = MainTest.run(
                "probe", "--model", "mlp(100,[100,100,100,100],10,act=tanh)", "--init", "normal(std=0.01)");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict").contains("network: vanishing").contains("input-output Jacobian");
    }

    @Test
    void jsonHasOneEntryPerLayerWithVerdictsAndHistograms() {
        MainTest.Run r = MainTest.run(
                "probe", "--model", "mlp(20,[16],3,act=relu)", "--init", "he_normal", "--batch", "64", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().trim()).startsWith("{").endsWith("}");
        assertThat(r.out())
                .contains("\"verdict\":\"healthy\"")
                .contains("\"layers\"")
                .contains("\"histogram\"")
                .contains("\"dead_unit_fraction\"")
                .contains("\"jacobian\"");
        assertThat(r.out().split("\"kind\"", -1)).hasSize(4); // three layers
    }

    @Test
    void zeroInitIsSymmetricAndRealDataWorks() {
        assertThat(MainTest.run("probe", "--model", "mlp(2,[8,8],2,act=tanh)", "--init", "zeros")
                        .out())
                .contains("network: symmetric");
        MainTest.Run circles =
                MainTest.run("probe", "--model", "mlp(2,[8],2,act=relu)", "--data", "circles", "--batch", "50");
        assertThat(circles.status()).as(circles.err()).isZero();
        assertThat(circles.out()).contains("batch of 50 from circles");
    }

    @Test
    void trainProbesEveryNStepsWithUpdateRatios() {
        MainTest.Run r = MainTest.run(
                "train",
                "--data",
                "xor",
                "--model",
                "mlp(2,[8],2,act=relu)",
                "--epochs",
                "1",
                "--probe",
                "5",
                "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"probe\":[{\"step\":0,").contains("\"update_ratio\"");
        MainTest.Run text = MainTest.run(
                "train", "--data", "xor", "--model", "mlp(2,[8],2,act=relu)", "--epochs", "1", "--probe", "5");
        assertThat(text.out()).contains("largest update ratio").contains("update_ratio");
        assertThat(MainTest.run("train", "--data", "xor", "--model", "mlp(2,[8],2)", "--probe", "0")
                        .status())
                .isEqualTo(2);
    }

    @Test
    void convolutionalModelsTakeAnInputShape() {
        MainTest.Run r =
                MainTest.run("probe", "--model", "cnn(1,12,12,3)", "--input-shape", "1,12,12", "--batch", "16");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("conv2d").contains("network:");
        MainTest.Run wrong =
                MainTest.run("probe", "--model", "cnn(1,12,12,3)", "--input-shape", "1,20,20", "--batch", "16");
        assertThat(wrong.status()).isEqualTo(2);
        // the spec states the input shape: the same probe without --input-shape
        MainTest.Run inferred = MainTest.run("probe", "--model", "cnn(1,12,12,3)", "--batch", "16");
        assertThat(inferred.status()).as(inferred.err()).isZero();
        assertThat(inferred.out()).isEqualTo(r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        for (String[] args : new String[][] {
            {"probe", "--model", "mlp(2,[8],2)", "--batch", "1"},
            {"probe", "--model", "mlp(2,[8],2)", "--init", "he_norml"},
            {"probe", "--model", "mlp(2,[8],2)", "--data", "circels"}
        }) {
            MainTest.Run r = MainTest.run(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        }
    }
}
