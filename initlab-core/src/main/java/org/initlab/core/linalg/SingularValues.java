package org.initlab.core.linalg;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Singular values of a dense matrix by LAPACK {@code dgesdd} (divide and conquer, values only:
 * {@code jobz = 'N'}), native when {@code dev.ludovic.netlib} finds a LAPACK library and its Java
 * translation otherwise ({@link Lapack}).
 */
public final class SingularValues {
    private SingularValues() {}

    /**
     * The singular values of a row-major {@code rows × cols} matrix, descending. A row-major matrix
     * is the column-major storage of its transpose, which has the same singular values, so the
     * array goes to LAPACK as it is. Allocates LAPACK's workspace; overwrites {@code matrix}.
     *
     * @param matrix the entries, row-major; destroyed
     * @param rows the number of rows, {@code ≥ 1}
     * @param cols the number of columns, {@code ≥ 1}
     * @return a fresh array of {@code min(rows, cols)} singular values, descending
     * @throws ArithmeticException when LAPACK reports a failure (non-finite entries, no convergence)
     */
    public static double[] of(double[] matrix, int rows, int cols) {
        return of(Lapack.instance(), matrix, rows, cols);
    }

    /** As {@link #of(double[], int, int)} with a given LAPACK implementation. */
    public static double[] of(LAPACK lapack, double[] matrix, int rows, int cols) {
        if (rows < 1 || cols < 1 || matrix.length < (long) rows * cols) {
            throw new IllegalArgumentException(
                    "need a " + rows + "x" + cols + " matrix; got " + matrix.length + " entries");
        }
        int m = cols; // the transpose, column-major
        int n = rows;
        double[] values = new double[Math.min(m, n)];
        double[] unused = new double[1];
        int[] iwork = new int[8 * Math.min(m, n)];
        intW info = new intW(0);
        double[] query = new double[1];
        lapack.dgesdd("N", m, n, matrix, m, values, unused, 1, unused, 1, query, -1, iwork, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack.dgesdd("N", m, n, matrix, m, values, unused, 1, unused, 1, work, work.length, iwork, info);
        if (info.val != 0) {
            throw new ArithmeticException("dgesdd failed with info=" + info.val + " on a " + rows + "x" + cols
                    + " matrix" + (info.val < 0 ? " (bad argument)" : " (no convergence or non-finite entries)"));
        }
        return values;
    }
}
