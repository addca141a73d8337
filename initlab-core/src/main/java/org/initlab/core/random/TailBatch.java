package org.initlab.core.random;

/**
 * The elements of one chunk that fall in AS 241's tails, gathered so that their quantiles
 * are computed in stages over dense arrays: first every logarithm ({@link StrictMath#log},
 * independent calls the processor can overlap), then AS 241's near-tail rational function
 * in one branch-free loop small enough for the JIT to vectorize, then the rare far-tail
 * cases and the scattered stores. Results are bit-identical to
 * {@link NormalDistribution#quantileTail} element by element.
 *
 * <p>A sampler lists each tail element with {@link #slots} (its index in the chunk, with the
 * sign of its quantile in bit 31) and {@link #values} (its smaller tail probability), at
 * position {@code m}, and calls {@link #write}. Allocates its three arrays once.
 */
final class TailBatch {

    /** Chunk index of each listed element; bit 31 set when its quantile is negative. */
    final int[] slots;
    /** Tail probability of each listed element; overwritten with its root by {@link #write}. */
    final double[] values;
    private final double[] near;

    TailBatch(int capacity) {
        slots = new int[capacity];
        values = new double[capacity];
        near = new double[capacity];
    }

    /**
     * For the first {@code m} listed elements, computes {@code z} and writes
     * {@code min(max((float) (mean + std * z), lowest), highest)} to
     * {@code dst[off + slot]}. Infinite float bounds make the clamp the identity.
     */
    void write(int m, double mean, double std, float lowest, float highest, float[] dst,
            int off) {
        for (int i = 0; i < m; i++) {
            values[i] = NormalDistribution.tailRoot(values[i]);
        }
        for (int i = 0; i < m; i++) {
            near[i] = NormalDistribution.nearTail(values[i]);
        }
        for (int i = 0; i < m; i++) {
            double r = values[i];
            double size = r <= NormalDistribution.FAR_TAIL_ROOT
                    ? near[i] : NormalDistribution.farTail(r);
            int slot = slots[i];
            long sign = (long) (slot & Integer.MIN_VALUE) << 32;
            double z = Double.longBitsToDouble(Double.doubleToRawLongBits(size) ^ sign);
            dst[off + (slot & Integer.MAX_VALUE)] =
                    Math.min(Math.max((float) (mean + std * z), lowest), highest);
        }
    }
}
