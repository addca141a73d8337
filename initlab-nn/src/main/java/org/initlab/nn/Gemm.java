package org.initlab.nn;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major single-precision matrix products through netlib BLAS {@code sgemm} (native OpenBLAS
 * when the system has it, netlib's Java implementation otherwise).
 *
 * <p>{@code C = alpha · op(A) · op(B) + beta · C} with {@code C} of size {@code m × n} and
 * {@code k} the inner dimension; all matrices row-major and contiguous. A row-major matrix is the
 * column-major transpose, so this calls {@code sgemm(opB, opA, n, m, k, ...)} on swapped
 * operands. Products with {@code m·n·k >= 2³¹} are split along {@code m}: netlib's Java
 * {@code sgemm} computes that count in an {@code int}.
 */
final class Gemm {
    private static final long SPLIT = 1L << 30;

    private Gemm() {
    }

    static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
            float[] b, float beta, float[] c) {
        BLAS blas = BLAS.getInstance();
        long work = (long) m * n * k;
        int rowsPerCall = work < SPLIT ? m : (int) Math.max(1, SPLIT / ((long) n * k));
        for (int row = 0; row < m; row += rowsPerCall) {
            int rows = Math.min(rowsPerCall, m - row);
            int lda = transA ? m : k;
            int aOffset = transA ? row : row * k;
            blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, rows, k, alpha, b, 0, transB ? k : n,
                    a, aOffset, lda, beta, c, row * n, n);
        }
    }

    /** The BLAS implementation in use ({@code JNIBLAS} native or a Java one). */
    static String backend() {
        return BLAS.getInstance().getClass().getSimpleName();
    }
}
