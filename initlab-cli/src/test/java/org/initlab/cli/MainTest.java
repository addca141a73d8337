package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initlab.core.init.Fill;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void listNamesEveryInitializerWithItsLaw() {
        Run r = run("list");
        assertThat(r.status()).isZero();
        for (Registry.Kind k : Registry.kinds()) {
            assertThat(r.out()).contains(k.name());
        }
        assertThat(r.out()).contains("aliases: kaiming_normal");
        Run json = run("list", "--json");
        assertThat(json.out().strip()).startsWith("{\"initializers\":[").endsWith("]}");
        assertThat(json.out().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnknownBlasChoiceIsABadArgument() {
        String before = System.getProperty(org.initlab.nn.Gemm.JAVA_PROPERTY);
        try {
            System.setProperty(org.initlab.nn.Gemm.JAVA_PROPERTY, "fastest");
            Run r = run("list");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip())
                    .contains("INITLAB_BLAS")
                    .contains("'fastest'")
                    .contains("auto, native, java")
                    .doesNotContain("\n");
        } finally {
            if (before == null) {
                System.clearProperty(org.initlab.nn.Gemm.JAVA_PROPERTY);
            } else {
                System.setProperty(org.initlab.nn.Gemm.JAVA_PROPERTY, before);
            }
        }
    }

    @Test
    void explainAcceptsAliasesAndShowsTheCard() {
        Run r = run("explain", "kaiming_normal");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("he_normal")
                .contains("law:")
                .contains("pytorch:")
                .contains("keras:")
                .contains("misconceptions:");
    }

    @Test
    void sampleReportsMeasuredNextToTheoreticalStatistics() {
        Run r = run("sample", "he_normal", "--shape", "256,128,3,3", "--json");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("\"spec\":\"he_normal\"")
                .contains("\"theoretical\"")
                .contains("\"measured\"");
        assertThat(r.err()).contains("filled 294912 values");
    }

    @Test
    void sampleWritesTheSameValuesAsTheLibraryToNpy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.npy");
        Run r = run(
                "sample",
                "he_normal",
                "--shape",
                "3,5",
                "--seed",
                "7",
                "--path",
                "fc.weight",
                "--threads",
                "2",
                "--out",
                file.toString());
        assertThat(r.status()).isZero();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0]).isEqualTo((byte) 0x93);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header)
                .contains("'descr': '<f4'")
                .contains("'shape': (3, 5)")
                .endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, 15 * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] expected =
                Fill.tensor(new HeNormal(), Target.of(3, 5).withSeed(7).withPath("fc.weight"));
        for (float e : expected) {
            assertThat(data.getFloat()).isEqualTo(e);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void badSpecExitsTwoWithOneReadableLine() {
        Run r = run("sample", "he_norml", "--shape", "3,3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err())
                .contains("did you mean 'he_normal'")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badShapeAndBadOptionsExitTwo() {
        assertThat(run("sample", "he_normal", "--shape", "3,x").status()).isEqualTo(2);
        assertThat(run("sample", "he_normal", "--shape", "10").err()).contains("rank 2 or more");
        assertThat(run("sample", "he_normal").status()).isEqualTo(2);
        assertThat(run("fans", "--shape", "3,3", "--layout", "nhwc").err()).contains("valid: pytorch");
        assertThat(run("gain", "rleu").err()).contains("did you mean 'relu'");
        assertThat(run("sample", "normal", "--shape", "3,3", "--out", "x.bin").err())
                .contains(".safetensors, .npz, .npy");
        assertThat(run("nonsense").status()).isEqualTo(2);
    }

    @Test
    void debugShowsTheStackTrace() {
        Run r = run("--debug", "sample", "he_norml", "--shape", "3,3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("IllegalArgumentException").contains("\tat ");
    }

    @Test
    void fansAndGainPrintJson() {
        Run fans = run("fans", "--shape", "64,8,3,3", "--groups", "4", "--json");
        assertThat(fans.out())
                .contains("\"fan_in\":72")
                .contains("\"fan_out\":144")
                .contains("\"pytorch_fan_out\":576");
        Run gain = run("gain", "leaky_relu", "--slope", "0.2", "--json");
        assertThat(gain.out())
                .contains("\"activation\":\"leaky_relu\"")
                .contains("\"pytorch_gain\":1.3867504905630728");
    }
}
