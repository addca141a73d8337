package org.initlab.io.data;

import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.core.shape.Allocation;

/**
 * The random draws the generators share, each from words {@code 0..n-1} of one stream. Callers
 * compute {@code n} from several sizes with {@link Allocation#elements}, which refuses products
 * that do not fit one array instead of wrapping around.
 */
final class Draws {
    private Draws() {}

    /** Checks a requested example count. */
    static void requireSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a synthetic dataset needs n >= 1 examples, got " + n);
        }
    }

    /** {@code n} uniform floats in {@code [low, high)} ({@link Samplers#uniform}). */
    static float[] uniforms(RandomStream stream, int n, float low, float high) {
        float[] u = Allocation.floats(n);
        Samplers.uniform(stream, 0, n, low, high, u, 0);
        return u;
    }

    /** {@code n} draws of {@code N(0, std²)} ({@link Samplers#normal}); zeros when {@code std = 0}. */
    static float[] normals(RandomStream stream, int n, double std) {
        float[] e = Allocation.floats(n);
        if (std > 0) {
            Samplers.normal(stream, 0, n, 0, std, e, 0);
        }
        return e;
    }

    /**
     * {@code n} integers uniform in {@code [0, bound)}: word {@code i} scaled by
     * {@code (word · bound) >>> 32} (bias below {@code bound / 2³²}).
     */
    static int[] integers(RandomStream stream, int n, int bound) {
        int[] w = Allocation.ints(n);
        stream.words(0, n, w, 0);
        for (int i = 0; i < n; i++) {
            w[i] = (int) ((Integer.toUnsignedLong(w[i]) * bound) >>> 32);
        }
        return w;
    }
}
