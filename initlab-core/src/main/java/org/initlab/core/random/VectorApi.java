package org.initlab.core.random;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the bulk fills use the incubating Vector API ({@code jdk.incubator.vector}) for
 * Philox blocks ({@link VectorPhilox}) and the normal quantile ({@link VectorNormal}).
 *
 * <p>Both paths give the same bits: the vector code performs the scalar code's IEEE
 * operations in the same order, lane by lane (checked on every 32-bit word by
 * {@code VectorPathTest}). Only the speed differs, so the choice may depend on anything,
 * and it does:
 * <ul>
 *   <li>The vector path is {@link #USABLE} when the module is in the boot layer (the JVM was
 *       started with {@code --add-modules jdk.incubator.vector}, as initlab-core's tests and
 *       the fill benchmarks are) and the system property {@value #PROPERTY} is not
 *       {@code false}. Otherwise the fills run the scalar code, which C2 compiles to SIMD
 *       instructions where it can. {@code ./initlab} runs without the module: its fills are
 *       too short to repay the warm-up below, and the module would also switch netlib's
 *       pure-Java BLAS (initlab-nn's fallback) to its {@code VectorBLAS}, whose float sums
 *       run in another order.</li>
 *   <li>Vector API code is fast only once C2 has compiled it: interpreted or compiled by C1
 *       it is 100 to 10,000 times slower than the scalar code, and C2 takes over only after
 *       thousands of calls (1.7 s of warm-up on the project's machine). So the fills start on
 *       the scalar path; once they have written {@value #WARM_UP_AFTER} elements in this JVM
 *       (about a quarter of a second of work), a daemon thread runs the vector kernels on small
 *       arrays until a call takes the time of compiled code, and only then do new fills take
 *       the vector path ({@link #use}). Short runs never pay for the warm-up (nor load the
 *       Vector API's classes); long ones get the vector speed after a few seconds. If the
 *       kernels never get fast (no C2, or fewer than two 64-bit lanes, or no SIMD support for
 *       them), the warm-up gives up, after {@value #WARM_UP_LIMIT_SECONDS} s at most, and
 *       the fills stay scalar.</li>
 * </ul>
 */
final class VectorApi {

    /** System property that turns the vector path off when set to {@code false}. */
    static final String PROPERTY = "initlab.vector";

    /** Whether the vector path can be used in this JVM. */
    static final boolean USABLE = detect();

    /** Elements filled on the scalar path before the vector kernels are warmed up. */
    static final long WARM_UP_AFTER = 1L << 27;
    /** How long the warm-up may take before the vector path is given up. */
    static final int WARM_UP_LIMIT_SECONDS = 10;
    /** A warm-up call pair (a group of blocks, their quantiles) compiled takes less than this. */
    private static final long COMPILED_CALL_NANOS = 5_000;

    private static final AtomicLong FILLED = new AtomicLong();
    private static final AtomicBoolean WARM_UP_STARTED = new AtomicBoolean();
    private static volatile boolean warm;
    /** Set when a warm-up ran out of time: it is not tried again. */
    private static boolean gaveUp;

    private VectorApi() {}

    /**
     * Whether a fill of {@code elements} elements starting now takes the vector path: only
     * once the warm-up is done. Until then counts the elements and starts the warm-up when
     * {@value #WARM_UP_AFTER} have been filled.
     */
    @SuppressWarnings("ThreadPriorityCheck") // the warm-up thread's low priority, explained below
    static boolean use(long elements) {
        if (!USABLE) {
            return false;
        }
        if (warm) {
            return true;
        }
        if (FILLED.addAndGet(elements) >= WARM_UP_AFTER && WARM_UP_STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(VectorApi::warmUpNow, "initlab-vector-warm-up");
            thread.setDaemon(true);
            // deliberate: the warm-up must not slow the fills it runs beside, which take the scalar path meanwhile
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
        return false;
    }

    /** Whether the warm-up has finished and fills take the vector path. */
    static boolean warm() {
        return warm;
    }

    /**
     * Warms the kernels up on the calling thread (or waits for the warm-up already running)
     * and returns whether the fills now take the vector path.
     */
    static synchronized boolean warmUpNow() {
        WARM_UP_STARTED.set(true);
        if (USABLE && !warm && !gaveUp) {
            warmUp();
            gaveUp = !warm;
        }
        return warm;
    }

    /**
     * Runs both kernels on small arrays, in rounds of 100 calls, until a round's calls take
     * the time of compiled code (C2 compiles a kernel after some thousands of calls).
     */
    private static void warmUp() {
        int lanes = VectorPhilox.LANES;
        if (lanes < 2 || VectorNormal.LANES < 2) {
            return; // no SIMD registers: the scalar code is as good
        }
        int[] words = new int[4 * lanes];
        float[] values = new float[4 * lanes];
        int[] found = new int[4 * lanes];
        long deadline = System.nanoTime() + WARM_UP_LIMIT_SECONDS * 1_000_000_000L;
        for (long round = 0; System.nanoTime() < deadline; round++) {
            long start = System.nanoTime();
            for (int call = 0; call < 100; call++) {
                VectorPhilox.blocks(round * 100 + call, lanes, 1, 2, 3, 4, words, 0);
                VectorNormal.normal(words, words.length, 0.0, 1.0, values, 0, found);
            }
            if (System.nanoTime() - start < 100 * COMPILED_CALL_NANOS) {
                warm = true;
                return;
            }
        }
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
