package org.initlab.core.random;

/**
 * The elements of one fill that fall in the tails of {@link SamplingQuantile}, gathered
 * across chunks and converted in stages over dense arrays: the logarithms and square roots
 * in one branch-free loop, AS 241's near-tail function in another (both small enough for
 * the JIT to compile to SIMD instructions), then the rare far-tail cases and the scattered
 * stores. Results are bit-identical to {@link SamplingQuantile#quantile} element by element.
 *
 * <p>A sampler lists each tail element with {@link #add} (its position in the fill with the
 * sign of its quantile, and its smaller tail probability) once the central formula has
 * written the element's chunk, and calls {@link #flush} at the end; a full batch flushes
 * itself. Allocates its five arrays ({@value #CAPACITY} elements each, 18 KiB) once.
 */
final class TailBatch {

    /** Elements per batch: enough for the SIMD loops to run at full width. */
    static final int CAPACITY = 512;

    private final double mean;
    private final double std;
    private final float lowest;
    private final float highest;
    private final float[] dst;
    private final int off;
    /** Position in the fill of each listed element; bit 31 set when its quantile is negative. */
    private final int[] slots = new int[CAPACITY];

    private final double[] fractions = new double[CAPACITY];
    private final double[] exponents = new double[CAPACITY];
    private final double[] roots = new double[CAPACITY];
    private final double[] sizes = new double[CAPACITY];
    private int count;

    /**
     * A batch that writes {@code min(max((float) fma(z, std, mean), lowest), highest)} to
     * {@code dst[off + position]}; infinite float bounds make the clamp the identity.
     */
    TailBatch(double mean, double std, float lowest, float highest, float[] dst, int off) {
        this.mean = mean;
        this.std = std;
        this.lowest = lowest;
        this.highest = highest;
        this.dst = dst;
        this.off = off;
    }

    /**
     * Lists an element: {@code slot} is its position in the fill, with bit 31 set when its
     * quantile is negative; {@code 0 < tail <= 2^969} is its smaller tail probability, whose
     * quantile gives the magnitude.
     */
    void add(int slot, double tail) {
        if (count == CAPACITY) {
            flush();
        }
        slots[count] = slot;
        fractions[count] = SamplingQuantile.reducedFraction(tail);
        exponents[count] = SamplingQuantile.reducedExponent(tail);
        count++;
    }

    /** Computes and writes every listed element, and empties the batch. */
    void flush() {
        int m = count;
        for (int i = 0; i < m; i++) {
            roots[i] = SamplingQuantile.root(fractions[i], exponents[i]);
        }
        for (int i = 0; i < m; i++) {
            sizes[i] = NormalDistribution.nearTail(roots[i]);
        }
        for (int i = 0; i < m; i++) {
            double r = roots[i];
            double size = r <= NormalDistribution.FAR_TAIL_ROOT ? sizes[i] : NormalDistribution.farTail(r);
            int slot = slots[i];
            // The sign bit of the slot, moved onto the size: a branch here would be
            // mispredicted half the time.
            long sign = (long) (slot & Integer.MIN_VALUE) << 32;
            double z = Double.longBitsToDouble(Double.doubleToRawLongBits(size) ^ sign);
            dst[off + (slot & Integer.MAX_VALUE)] = Math.min(Math.max((float) Math.fma(z, std, mean), lowest), highest);
        }
        count = 0;
    }
}
