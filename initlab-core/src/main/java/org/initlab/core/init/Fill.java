package org.initlab.core.init;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.initlab.core.shape.Allocation;

/**
 * Fills whole tensors or slices of them, on one or many threads, and holds the argument checks
 * every initializer shares.
 *
 * <p>Elementwise initializers are split into shards of {@value #SHARD} elements run on
 * {@code threads} threads; since element {@code i} depends only on (seed, path, i), the result is
 * bit-identical for every thread count. Other initializers (orthogonal, sparse, framework
 * defaults that resolve to them) are computed once.
 */
public final class Fill {
    /** Elements per shard of a parallel fill. */
    public static final int SHARD = 1 << 18;

    private Fill() {}

    /** The whole tensor on one thread. Allocates the result. */
    public static float[] tensor(Initializer init, Target target) {
        return tensor(init, target, 1);
    }

    /** The whole tensor on {@code threads} threads. Allocates the result. */
    public static float[] tensor(Initializer init, Target target, int threads) {
        float[] dst = Allocation.floats(target.shape());
        range(init, target, 0, dst.length, dst, 0, threads);
        return dst;
    }

    /**
     * Elements {@code [from, to)} into {@code dst[off..]} on {@code threads} threads: the same
     * values as the same slice of a whole-tensor fill.
     */
    public static void range(Initializer init, Target target, long from, long to, float[] dst, int off, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Initializer effective = init instanceof FrameworkDefault d ? d.resolve(target) : init;
        checkRange(target, from, to, dst, off);
        if (threads == 1 || !effective.elementwise() || to - from <= SHARD) {
            effective.fill(target, from, to, dst, off);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "initlab-fill");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (long start = from; start < to; start += SHARD) {
                long s = start;
                long e = Math.min(to, start + SHARD);
                parts.add(pool.submit(() -> effective.fill(target, s, e, dst, off + (int) (s - from))));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fill interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static void checkRange(Target target, long from, long to, float[] dst, int off) {
        if (from < 0 || to > target.size() || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is not inside the tensor of "
                    + target.size() + " elements (shape " + target.shape() + ")");
        }
        if (off < 0 || off + (to - from) > dst.length) {
            throw new IllegalArgumentException("destination of " + dst.length + " floats cannot hold " + (to - from)
                    + " elements at offset " + off);
        }
    }

    static void requireFinite(String method, String param, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(method + ": " + param + " must be a finite number, got " + value);
        }
    }

    /** Float32's largest finite value, 3.4028235e38: every value an initializer writes is a float32. */
    public static final double FLOAT32_MAX = Float.MAX_VALUE;

    /**
     * The largest |z| the normal sampler draws, {@code -quantile(2^-33)} &lt; 6.34 (see
     * {@link org.initlab.core.random.Samplers#normal}): a normal law's draws lie within
     * {@code mean ± NORMAL_Z_MAX·std}.
     */
    public static final double NORMAL_Z_MAX = -org.initlab.core.random.SamplingQuantile.quantile(0x1.0p-33);

    /**
     * Refuses a law whose draws can leave float32's finite range: {@code extreme}, the largest
     * magnitude the law can draw, must be at most {@link #FLOAT32_MAX}, else those draws would be
     * written as infinity.
     *
     * @param law how the extreme was computed, e.g. {@code "|mean| + 6.34·std"}
     * @param given the arguments as received, e.g. {@code "mean=1e308, std=1e308"}
     */
    static void requireFloat32(String method, String law, double extreme, String given) {
        if (!(extreme <= FLOAT32_MAX)) {
            throw new IllegalArgumentException(method + ": draws reach " + law + " = " + SpecSyntax.render(extreme)
                    + ", beyond float32's largest finite value 3.4028235e38, so they would be written as infinity;"
                    + " got " + given);
        }
    }

    /** A normal law's draws within float32: {@code |mean| + NORMAL_Z_MAX·std <= FLOAT32_MAX}. */
    static void requireNormalFloat32(String method, double mean, double std) {
        requireFloat32(
                method, "|mean| + 6.34·std", Math.abs(mean) + NORMAL_Z_MAX * std, "mean=" + mean + ", std=" + std);
    }

    static void requirePositive(String method, String param, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(method + ": " + param + " must be > 0, got " + value);
        }
    }
}
