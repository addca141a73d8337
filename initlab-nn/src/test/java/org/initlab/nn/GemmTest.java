package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Gemm} against a plain double-precision triple loop, for every transpose combination, with
 * {@code alpha} and {@code beta}, whole and split along {@code m} (the split that keeps netlib's
 * Java {@code sgemm} away from {@code int} overflow is forced here with a small threshold).
 */
class GemmTest {
    private static final int M = 7;
    private static final int N = 5;
    private static final int K = 6;

    /** {@code C = alpha·op(A)·op(B) + beta·C} in double, row-major, op(A) {@code m×k}, op(B) {@code k×n}. */
    private static double[] reference(
            boolean transA, boolean transB, float alpha, float[] a, float[] b, float beta, float[] c) {
        double[] out = new double[M * N];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int p = 0; p < K; p++) {
                    double av = transA ? a[p * M + i] : a[i * K + p];
                    double bv = transB ? b[j * K + p] : b[p * N + j];
                    s += av * bv;
                }
                out[i * N + j] = alpha * s + beta * c[i * N + j];
            }
        }
        return out;
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /**
     * @param split multiply-adds per call: {@code M·N·K} or more means one call; {@code N·K} one row per
     *     call; {@code 3·N·K} three rows (the last call takes the remaining one); 1 still one row
     */
    @ParameterizedTest(name = "transA={0} transB={1} split={2}")
    @CsvSource({
        "false, false, 1000000", "false, true, 1000000", "true, false, 1000000", "true, true, 1000000",
        "false, false, 30", "false, true, 30", "true, false, 30", "true, true, 30",
        "false, false, 90", "false, true, 90", "true, false, 90", "true, true, 90",
        "true, false, 1", "false, true, 1"
    })
    void matchesTheTripleLoopWholeAndSplitAlongM(boolean transA, boolean transB, long split) {
        Random r = new Random(split * 4 + (transA ? 2 : 0) + (transB ? 1 : 0));
        float[] a = random(r, M * K);
        float[] b = random(r, K * N);
        float[] c = random(r, M * N);
        double[] expected = reference(transA, transB, 0.75f, a, b, -0.5f, c);
        Gemm.multiply(transA, transB, M, N, K, 0.75f, a, b, -0.5f, c, split);
        for (int i = 0; i < M * N; i++) {
            assertThat((double) c[i])
                    .as("C[%d, %d]", i / N, i % N)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected[i]))));
        }
    }

    @ParameterizedTest(name = "transA={0} transB={1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void theInOrderLoopMatchesTheTripleLoopAndGivesIdenticalColumnsBitForBit(boolean transA, boolean transB) {
        Random r = new Random(11 + (transA ? 2 : 0) + (transB ? 1 : 0));
        float[] a = random(r, M * K);
        float[] c = random(r, M * N);
        // B's columns are all equal (B[p][j] = v[p]): every column of C must be bit-identical
        float[] v = random(r, K);
        float[] b = new float[K * N];
        for (int p = 0; p < K; p++) {
            for (int j = 0; j < N; j++) {
                b[transB ? j * K + p : p * N + j] = v[p];
            }
        }
        double[] expected = reference(transA, transB, 0.75f, a, b, 0f, c);
        float[] out = c.clone();
        String backend = Gemm.inOrder(() -> {
            Gemm.multiply(transA, transB, M, N, K, 0.75f, a, b, 0f, out);
            return Gemm.backend();
        });
        assertThat(backend).isEqualTo("in-order loop");
        assertThat(Gemm.backend()).isNotEqualTo("in-order loop");
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                assertThat(out[i * N + j]).isEqualTo(out[i * N]);
                assertThat((double) out[i * N + j])
                        .isCloseTo(
                                expected[i * N + j],
                                org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected[i * N + j]))));
            }
        }
        float[] withBeta = c.clone();
        Gemm.inOrder(() -> {
            Gemm.multiply(transA, transB, M, N, K, 0.75f, a, b, -0.5f, withBeta);
            return null;
        });
        double[] expectedBeta = reference(transA, transB, 0.75f, a, b, -0.5f, c);
        for (int i = 0; i < M * N; i++) {
            assertThat((double) withBeta[i])
                    .isCloseTo(
                            expectedBeta[i],
                            org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expectedBeta[i]))));
        }
    }

    @ParameterizedTest(name = "transA={0} transB={1} inOrder={2}")
    @CsvSource({
        "false, false, false",
        "false, true, false",
        "true, false, false",
        "true, true, false",
        "false, false, true",
        "true, true, true"
    })
    void matricesAtOffsetsAreReadAndWrittenThereAndNowhereElse(boolean transA, boolean transB, boolean inOrder) {
        Random r = new Random(21 + (transA ? 2 : 0) + (transB ? 1 : 0) + (inOrder ? 4 : 0));
        float[] a = random(r, M * K);
        float[] b = random(r, K * N);
        float[] c = random(r, M * N);
        double[] expected = reference(transA, transB, 0.75f, a, b, -0.5f, c);
        // each matrix inside a larger array, after 3, 5 and 7 sentinels, with 2 more after it
        float[] aa = embed(a, 3);
        float[] bb = embed(b, 5);
        float[] cc = embed(c, 7);
        Runnable product = () -> Gemm.multiply(transA, transB, M, N, K, 0.75f, aa, 3, bb, 5, -0.5f, cc, 7);
        if (inOrder) {
            Gemm.inOrder(() -> {
                product.run();
                return null;
            });
        } else {
            product.run();
        }
        for (int i = 0; i < M * N; i++) {
            assertThat((double) cc[7 + i])
                    .as("C[%d, %d]", i / N, i % N)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected[i]))));
        }
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 7 + M * N, 8 + M * N}) {
            assertThat(cc[i]).as("sentinel %d of C", i).isEqualTo(SENTINEL);
        }
    }

    private static final float SENTINEL = 12345f;

    /** {@code m} after {@code offset} sentinels, followed by two more. */
    private static float[] embed(float[] m, int offset) {
        float[] out = new float[offset + m.length + 2];
        java.util.Arrays.fill(out, SENTINEL);
        System.arraycopy(m, 0, out, offset, m.length);
        return out;
    }

    @Test
    void theJavaPropertyForcesNetlibsJavaBlas() {
        String before = System.getProperty(Gemm.JAVA_PROPERTY);
        try {
            System.setProperty(Gemm.JAVA_PROPERTY, "java");
            assertThat(Gemm.backend()).isNotEqualTo("JNIBLAS").endsWith("BLAS");
            float[] c = new float[1];
            Gemm.multiply(false, false, 1, 1, 2, 1f, new float[] {2, 3}, new float[] {5, 7}, 0f, c);
            assertThat(c[0]).isEqualTo(31f);
        } finally {
            if (before == null) {
                System.clearProperty(Gemm.JAVA_PROPERTY);
            } else {
                System.setProperty(Gemm.JAVA_PROPERTY, before);
            }
        }
    }

    @Test
    void anUnknownBlasChoiceIsRefusedWithTheValidOnes() {
        String before = System.getProperty(Gemm.JAVA_PROPERTY);
        try {
            System.setProperty(Gemm.JAVA_PROPERTY, "fast");
            org.assertj.core.api.Assertions.assertThatThrownBy(Gemm::backend)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("initlab.blas=fast")
                    .hasMessageContaining("auto, native, java");
            System.setProperty(Gemm.JAVA_PROPERTY, "native");
            // either the machine has a native BLAS and it is used, or the message says how to get one
            try {
                assertThat(Gemm.backend()).isEqualTo("JNIBLAS");
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageContaining("no native BLAS found").hasMessageContaining("libopenblas0-pthread");
            }
        } finally {
            if (before == null) {
                System.clearProperty(Gemm.JAVA_PROPERTY);
            } else {
                System.setProperty(Gemm.JAVA_PROPERTY, before);
            }
        }
    }
}
