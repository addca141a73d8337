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
    private static double[] reference(boolean transA, boolean transB, float alpha, float[] a, float[] b, float beta,
            float[] c) {
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
        "true, false, 1", "false, true, 1"})
    void matchesTheTripleLoopWholeAndSplitAlongM(boolean transA, boolean transB, long split) {
        Random r = new Random(split * 4 + (transA ? 2 : 0) + (transB ? 1 : 0));
        float[] a = random(r, M * K);
        float[] b = random(r, K * N);
        float[] c = random(r, M * N);
        double[] expected = reference(transA, transB, 0.75f, a, b, -0.5f, c);
        Gemm.multiply(transA, transB, M, N, K, 0.75f, a, b, -0.5f, c, split);
        for (int i = 0; i < M * N; i++) {
            assertThat((double) c[i]).as("C[%d, %d]", i / N, i % N)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(expected[i]))));
        }
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
}
