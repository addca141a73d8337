package org.initlab.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrTest {
    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /** Column-major m x n Q; returns max |QᵀQ - I|. */
    private static double columnError(float[] q, int m, int n) {
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int r = 0; r < m; r++) {
                    dot += (double) q[i * m + r] * q[j * m + r];
                }
                worst = Math.max(worst, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    @Test
    void thePureJavaFallbackWorksAndAgreesWithTheDefaultBackend() {
        int m = 300;
        int n = 120;
        float[] viaJava = gaussian(m * n, 1);
        float[] viaDefault = viaJava.clone();
        Qr.orthonormalColumns(JavaLAPACK.getInstance(), viaJava, m, n);
        Qr.orthonormalColumns(LAPACK.getInstance(), viaDefault, m, n);
        assertThat(columnError(viaJava, m, n)).isLessThan(1e-5);
        assertThat(columnError(viaDefault, m, n)).isLessThan(1e-5);
        for (int i = 0; i < viaJava.length; i++) {
            assertThat(viaJava[i]).isCloseTo(viaDefault[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void signCorrectionGivesQWithPositiveProjectionOnTheInput() {
        // Q = A R⁻¹ with diag(R) > 0 implies qⱼ·aⱼ = R[j][j] > 0 for every column.
        int m = 50;
        int n = 20;
        float[] a = gaussian(m * n, 2);
        float[] q = a.clone();
        Qr.orthonormalColumns(q, m, n);
        for (int j = 0; j < n; j++) {
            double dot = 0;
            for (int r = 0; r < m; r++) {
                dot += (double) q[j * m + r] * a[j * m + r];
            }
            assertThat(dot).isPositive();
        }
    }

    @Test
    void wideMatricesAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Qr.orthonormalColumns(new float[6], 2, 3))
                .hasMessageContaining("m >= n");
    }
}
