package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {
    @TempDir
    Path dir;

    @Test
    void smallModelExactly() {
        MainTest.Run r = MainTest.run("summary", "--model", "mlp(2,[3],2,act=tanh)", "--init", "default");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().lines().map(String::stripTrailing).toList())
                .containsExactly(
                        "model mlp(2,[3],2,act=tanh), input [2], init default",
                        "layer  kind   output  parameter  shape   values  fan_in  fan_out  init",
                        "-----  -----  ------  ---------  ------  ------  ------  -------  --------------",
                        "    0  dense  [3]     0.weight   [3, 2]       6       2        3  glorot_uniform",
                        "                      0.bias     [3]          3       2        3  zeros",
                        "    1  tanh   [3]",
                        "    2  dense  [2]     2.weight   [2, 3]       6       3        2  glorot_uniform",
                        "                      2.bias     [2]          2       3        2  zeros",
                        "total: 17 parameter values in 4 tensors, all trainable");
    }

    @Test
    void cnnCountsAndPlannedInitializersAsJson() {
        MainTest.Run r = MainTest.run("summary", "--model", "cnn(1,28,28,10)", "--init", "he_uniform", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().strip())
                .startsWith("{\"model\":\"cnn(1,28,28,10)\",\"init\":\"he_uniform\",\"input_shape\":[1,28,28]")
                .endsWith("\"parameter_tensors\":8,\"parameter_values\":52138}")
                .contains(
                        "{\"path\":\"7\",\"kind\":\"dense\",\"depth\":0,\"output_shape\":[64],\"parameter_values\":50240,"
                                + "\"parameters\":[{\"path\":\"7.weight\",\"role\":\"weight\",\"shape\":[64,784],\"values\":50176,"
                                + "\"fan_in\":784,\"fan_out\":64,\"init\":\"he_uniform\"}")
                .contains("{\"path\":\"5\",\"kind\":\"maxpool\",\"depth\":0,\"output_shape\":[16,7,7]");
        assertThat(r.out().lines().count()).isEqualTo(1);
    }

    @Test
    void everyFamilyAndAModelFile() throws IOException {
        for (String m : new String[] {
            "resmlp(4,8,2,2,scale=true)",
            "rnn(3,8,2)",
            "lstm(3,8,2,steps=all)",
            "gru(3,8,2)",
            "seq(conv2d(1,4,3,groups=1), batchnorm, relu, avgpool(2), flatten, dropout(0.5), dense(3), input=[1,8,8])"
        }) {
            MainTest.Run r = MainTest.run("summary", "--model", m);
            assertThat(r.status()).as(m + ": " + r.err()).isZero();
            assertThat(r.out()).contains("total: ");
        }
        Path file = dir.resolve("model.yaml");
        Files.writeString(
                file, "input: [4]\nlayers: [dense: 8, relu, residual: {branch: [dense: 8], scale: true}, dense: 2]\n");
        MainTest.Run r = MainTest.run("summary", "--model", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("2.0.weight")
                .contains("2.alpha")
                .contains("total: 131 parameter values in 7 tensors");
        MainTest.Run rnn = MainTest.run("summary", "--model", "lstm(3,8,2,steps=all)");
        assertThat(rnn.out()).contains("per_step(dense)  [?, 2]");
    }

    @Test
    void badModelIsOneLineAndStatus2() {
        MainTest.Run r = MainTest.run("summary", "--model", "seq(dense(4,4), rleu)");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("initlab: unknown layer 'rleu'; did you mean 'relu'? valid: "
                        + String.join(", ", org.initlab.nn.model.ModelLanguage.names()));
        MainTest.Run shape = MainTest.run("summary", "--model", "seq(conv2d(16,3), dense(10), input=[1,28,28])");
        assertThat(shape.status()).isEqualTo(2);
        assertThat(shape.err().strip())
                .isEqualTo(
                        "initlab: dense at 1 expects a flat input [features], got [16, 26, 26]; add flatten before it");
    }
}
