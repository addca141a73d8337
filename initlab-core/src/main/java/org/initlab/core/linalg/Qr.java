package org.initlab.core.linalg;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Orthonormalizes the columns of a tall matrix by Householder QR, with the sign convention that
 * makes the result a Haar-distributed orthogonal matrix when the input is Gaussian.
 *
 * <p>Method: {@code A = QR} by LAPACK {@code sgeqrf}, {@code Q} formed by {@code sorgqr}, then
 * column {@code j} of {@code Q} multiplied by {@code sign(R[j][j])} (Mezzadri 2007, "How to
 * generate random matrices from the classical compact groups"), the same correction PyTorch's
 * {@code orthogonal_} and Keras's {@code Orthogonal} apply. Uses native LAPACK when
 * {@code dev.ludovic.netlib} finds one (Debian's {@code libopenblas0-pthread} provides it) and
 * its pure-Java fallback otherwise; {@link #backend()} says which. The system property
 * {@code initlab.lapack=java} forces the pure-Java implementation.
 *
 * <p>Reproducibility: for one backend the result is a pure function of the input. Native LAPACK
 * and the Java fallback (and OpenBLAS builds for different processors) may differ in the last
 * bits, since their blocked algorithms round differently; they agree to about 1e-6.
 */
public final class Qr {
    private Qr() {}

    /**
     * Replaces the column-major {@code m × n} matrix {@code a} ({@code m >= n}, leading dimension
     * {@code m}) by the first {@code n} columns of {@code Q}, sign-corrected. Allocates the
     * Householder scalars and LAPACK's workspace (about {@code n · 64} floats).
     *
     * @throws IllegalArgumentException when {@code m < n} or the array is too small
     * @throws ArithmeticException when LAPACK reports an error
     */
    public static void orthonormalColumns(float[] a, int m, int n) {
        orthonormalColumns(Lapack.instance(), a, m, n);
    }

    /** As {@link #orthonormalColumns(float[], int, int)} with a given LAPACK implementation. */
    static void orthonormalColumns(LAPACK lapack, float[] a, int m, int n) {
        if (m < n || n < 1) {
            throw new IllegalArgumentException("QR needs m >= n >= 1, got m=" + m + ", n=" + n);
        }
        if (a.length < (long) m * n) {
            throw new IllegalArgumentException("array of " + a.length + " floats is smaller than " + m + "x" + n);
        }
        float[] tau = new float[n];
        intW info = new intW(0);
        float[] query = new float[1];
        lapack.sgeqrf(m, n, a, m, tau, query, -1, info);
        float[] work = new float[Math.max(1, (int) query[0])];
        lapack.sgeqrf(m, n, a, m, tau, work, work.length, info);
        check("sgeqrf", info);
        boolean[] flip = new boolean[n];
        for (int j = 0; j < n; j++) {
            flip[j] = a[j * m + j] < 0;
        }
        lapack.sorgqr(m, n, n, a, m, tau, query, -1, info);
        if ((int) query[0] > work.length) {
            work = new float[(int) query[0]];
        }
        lapack.sorgqr(m, n, n, a, m, tau, work, work.length, info);
        check("sorgqr", info);
        for (int j = 0; j < n; j++) {
            if (flip[j]) {
                int base = j * m;
                for (int i = 0; i < m; i++) {
                    a[base + i] = -a[base + i];
                }
            }
        }
    }

    /** The LAPACK implementation in use: {@code JNILAPACK} (native) or {@code F2jLAPACK} (Java). */
    public static String backend() {
        return Lapack.backend();
    }

    private static void check(String routine, intW info) {
        if (info.val != 0) {
            throw new ArithmeticException(routine + " failed with info=" + info.val);
        }
    }
}
