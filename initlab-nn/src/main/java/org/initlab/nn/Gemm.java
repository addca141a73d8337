package org.initlab.nn;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.function.Supplier;

/**
 * Row-major single-precision matrix products through netlib BLAS {@code sgemm}. Which BLAS is an
 * explicit choice, the system property {@value #JAVA_PROPERTY} (the launcher sets it from the
 * environment variable {@code INITLAB_BLAS}):
 * <ul>
 *   <li>{@code auto} (the default): native when {@code dev.ludovic.netlib} finds a system BLAS
 *       ({@code libblas.so.3}, e.g. Debian's {@code libopenblas0-pthread}; netlib's property
 *       {@code dev.ludovic.netlib.blas.nativeLib} or {@code nativeLibPath} names another), netlib's
 *       pure-Java implementation otherwise;</li>
 *   <li>{@code native}: the system BLAS, and an {@link IllegalStateException} saying how to get one
 *       when there is none (for runs that must not silently fall back to the slower Java code);</li>
 *   <li>{@code java}: netlib's pure-Java implementation whatever is installed (as
 *       {@code initlab.lapack=java} does for LAPACK): the same bits on every machine with the same
 *       JVM options, which the tests rely on.</li>
 * </ul>
 * The property is read at every product, so it can be set at any time; {@link #backend()} says which
 * is in use and {@code run.json} records it. Different BLAS libraries sum in different orders, so
 * the last bits of a training run depend on the choice (and, for netlib's Java code, on whether the
 * JVM has {@code jdk.incubator.vector}: it then takes its Vector API kernels; the launcher does not
 * add that module).
 *
 * <p>{@code C = alpha · op(A) · op(B) + beta · C} with {@code C} of size {@code m × n} and
 * {@code k} the inner dimension; all matrices row-major and contiguous. A row-major matrix is the
 * column-major transpose, so this calls {@code sgemm(opB, opA, n, m, k, ...)} on swapped
 * operands. Products with {@code m·n·k >= 2³⁰} are split along {@code m} into calls of at
 * most {@code 2³⁰} multiply-adds (one row per call when a row alone is more): netlib's Java {@code sgemm} computes
 * {@code m·n·k} in an {@code int} to pick its code path, and that overflows at {@code 2³¹}.
 *
 * <p>{@link #inOrder} runs a computation with a plain loop instead of BLAS on the calling thread:
 * every element of {@code C} is summed in float in the order {@code p = 0, 1, ..., k-1}, the same
 * operations for every row and column. BLAS kernels treat columns differently (register tiles and
 * their edges, vector lanes and remainders), so two output columns fed identical inputs can differ
 * in the last bit; the loop guarantees they do not, which an experiment about exact symmetry needs.
 */
public final class Gemm {
    /** The system property choosing the BLAS: {@code auto} (default), {@code native} or {@code java}. */
    public static final String JAVA_PROPERTY = "initlab.blas";
    /** The values {@link #JAVA_PROPERTY} takes. */
    public static final java.util.List<String> CHOICES = java.util.List.of("auto", "native", "java");

    private static final long SPLIT = 1L << 30;
    private static final ThreadLocal<Boolean> IN_ORDER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Gemm() {}

    static void multiply(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            float[] b,
            float beta,
            float[] c) {
        multiply(transA, transB, m, n, k, alpha, a, 0, b, 0, beta, c, 0, SPLIT);
    }

    /**
     * As above, with each matrix starting at an offset into its array ({@code A} at {@code aOff},
     * {@code B} at {@code bOff}, {@code C} at {@code cOff}), still contiguous and row-major: the
     * recurrent layers multiply one time step's block of a larger buffer this way, without a copy.
     */
    static void multiply(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            float[] b,
            int bOff,
            float beta,
            float[] c,
            int cOff) {
        multiply(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff, SPLIT);
    }

    /**
     * As above, with products of {@code split} or more multiply-adds split along {@code m} into
     * calls of at most {@code split} (one row per call when a row alone is more); tests use small
     * splits.
     */
    static void multiply(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            float[] b,
            float beta,
            float[] c,
            long split) {
        multiply(transA, transB, m, n, k, alpha, a, 0, b, 0, beta, c, 0, split);
    }

    private static void multiply(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            float[] b,
            int bOff,
            float beta,
            float[] c,
            int cOff,
            long split) {
        if (IN_ORDER.get()) {
            inOrder(transA, transB, m, n, k, alpha, a, aOff, b, bOff, beta, c, cOff);
            return;
        }
        BLAS blas = blas();
        long work = (long) m * n * k;
        int rowsPerCall = work < split ? m : (int) Math.max(1, split / ((long) n * k));
        for (int row = 0; row < m; row += rowsPerCall) {
            int rows = Math.min(rowsPerCall, m - row);
            int lda = transA ? m : k;
            int aOffset = aOff + (transA ? row : row * k);
            blas.sgemm(
                    transB ? "T" : "N",
                    transA ? "T" : "N",
                    n,
                    rows,
                    k,
                    alpha,
                    b,
                    bOff,
                    transB ? k : n,
                    a,
                    aOffset,
                    lda,
                    beta,
                    c,
                    cOff + row * n,
                    n);
        }
    }

    /**
     * Runs {@code work} with the products of this thread computed by the in-order loop (see the
     * class comment) instead of BLAS, and returns its result; other threads are not affected.
     * Nests; the previous mode is restored afterwards, also when {@code work} throws.
     */
    public static <T> T inOrder(Supplier<T> work) {
        boolean was = IN_ORDER.get();
        IN_ORDER.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            IN_ORDER.set(was);
        }
    }

    private static void inOrder(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            float[] b,
            int bOff,
            float beta,
            float[] c,
            int cOff) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (transA ? a[aOff + p * m + i] : a[aOff + i * k + p])
                            * (transB ? b[bOff + j * k + p] : b[bOff + p * n + j]);
                }
                int at = cOff + i * n + j;
                c[at] = beta == 0 ? alpha * sum : alpha * sum + beta * c[at];
            }
        }
    }

    /**
     * The BLAS implementation the products use: {@code JNIBLAS} (native) or a Java one
     * ({@code Java11BLAS}; {@code VectorBLAS} when the JVM has {@code jdk.incubator.vector}), or
     * {@code in-order loop} inside {@link #inOrder}.
     */
    public static String backend() {
        return IN_ORDER.get() ? "in-order loop" : blas().getClass().getSimpleName();
    }

    private static BLAS blas() {
        String choice = System.getProperty(JAVA_PROPERTY, "auto");
        return switch (choice) {
            case "auto" -> BLAS.getInstance();
            case "java" -> JavaBLAS.getInstance();
            case "native" -> nativeBlas();
            default ->
                throw new IllegalArgumentException("unknown BLAS choice " + JAVA_PROPERTY + "=" + choice
                        + " (INITLAB_BLAS); valid: " + String.join(", ", CHOICES));
        };
    }

    private static BLAS nativeBlas() {
        try {
            return NativeBLAS.getInstance();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(
                    "no native BLAS found (" + JAVA_PROPERTY + "=native): install one, e.g."
                            + " Debian's libopenblas0-pthread, or choose auto or java",
                    e);
        }
    }
}
