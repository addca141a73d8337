package org.initlab.core.random;

/**
 * The Philox-4x32-10 block function: a keyed bijection of 128-bit counters.
 *
 * <p>Law: {@code (x0, x1, x2, x3) = philox(c0, c1, c2, c3; k0, k1)}, ten rounds of
 * <pre>
 *   (hi0, lo0) = M0 * x0,  (hi1, lo1) = M1 * x2          (32 x 32 to 64-bit products)
 *   (x0, x1, x2, x3) = (hi1 ^ x1 ^ k0, lo1, hi0 ^ x3 ^ k1, lo0)
 * </pre>
 * with multipliers {@code M0 = 0xD2511F53}, {@code M1 = 0xCD9E8D57}, and the key bumped by
 * the Weyl constants {@code W0 = 0x9E3779B9}, {@code W1 = 0xBB67AE85} between rounds.
 * All words are unsigned 32-bit values carried in Java {@code int}s.
 *
 * <p>Paper: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw (2011), "Parallel random
 * numbers: as easy as 1, 2, 3", SC11. The output equals the Random123 reference
 * {@code philox4x32_R(10, ctr, key)} word for word (checked against its known-answer
 * vectors), so any stream can be reproduced outside Java from its documented counters.
 *
 * <p>Pure integer arithmetic: bit-identical on every machine. Allocates nothing.
 */
public final class Philox4x32 {

    /** Number of rounds of the standard variant. */
    public static final int ROUNDS = 10;

    static final long M0 = 0xD2511F53L;
    static final long M1 = 0xCD9E8D57L;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    private static final long LOW32 = 0xFFFF_FFFFL;

    private Philox4x32() {}

    /**
     * Computes one block: the four output words for counter {@code (c0, c1, c2, c3)} under
     * key {@code (k0, k1)}, written to {@code out[off] .. out[off + 3]} in the order
     * {@code x0, x1, x2, x3} of the reference implementation.
     *
     * @throws IndexOutOfBoundsException if {@code out} has no room for four words at
     *     {@code off}
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int off) {
        java.util.Objects.checkFromIndexSize(off, 4, out.length);
        for (int round = 0; round < ROUNDS; round++) {
            long p0 = (c0 & LOW32) * M0;
            long p1 = (c2 & LOW32) * M1;
            int x0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int x2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = x0;
            c2 = x2;
            k0 += W0;
            k1 += W1;
        }
        out[off] = c0;
        out[off + 1] = c1;
        out[off + 2] = c2;
        out[off + 3] = c3;
    }

    /** Blocks computed side by side in one pass of {@link #blocks}. */
    static final int LANES = 512;

    /**
     * Computes {@code count} consecutive blocks, counters {@code (b, c2, c3)} for
     * {@code b = first .. first + count - 1} (the 64-bit {@code b} split into
     * {@code c0 = low, c1 = high}), into {@code dst[off] .. dst[off + 4 count - 1]}, block
     * after block, exactly as {@link #block} would.
     *
     * <p>Fast path of {@link RandomStream#words}. With {@code vector} (only if
     * {@link VectorApi#USABLE}), whole groups of lanes go through {@link VectorPhilox}.
     * The other blocks are computed round by round over up to {@link #LANES} lanes held in
     * {@code planes} (one plane per word position, at fixed offsets so the JIT can prove the
     * planes disjoint and use SIMD instructions), then interleaved into {@code dst}.
     * {@code planes} is scratch of at least {@code 4 * LANES} ints, or {@code null} to
     * allocate it if those blocks need it (never when they are all done by vector lanes).
     */
    static void blocks(
            long first, int count, int c2, int c3, int k0, int k1, int[] dst, int off, int[] planes, boolean vector) {
        if (planes != null && planes.length < 4 * LANES) {
            throw new IllegalArgumentException("planes must hold " + 4 * LANES + " ints");
        }
        java.util.Objects.checkFromIndexSize(off, 4 * count, dst.length);
        for (int done = 0; done < count; ) {
            long b = first + done;
            // Within one pass the high counter word must not change: stop at a low-word wrap.
            long untilWrap = 0x1_0000_0000L - (b & LOW32);
            int n = (int) Math.min(count - done, untilWrap);
            if (vector) {
                int whole = VectorPhilox.blocks(b, n, c2, c3, k0, k1, dst, off + 4 * done);
                done += whole;
                if (whole > 0) {
                    continue;
                }
            }
            n = Math.min(n, LANES);
            if (planes == null) {
                planes = new int[4 * LANES];
            }
            firstRound(planes, (int) b, (int) (b >>> 32), c2, c3, k0, k1, n);
            int a = k0;
            int c = k1;
            for (int round = 1; round < ROUNDS; round++) {
                a += W0;
                c += W1;
                round(planes, a, c, n);
            }
            interleave(planes, dst, off + 4 * done, n);
            done += n;
        }
    }

    /** Round 1, where {@code c1, c2, c3} are the same in every lane and only c0 varies. */
    private static void firstRound(int[] x, int lowBlock, int c1, int c2, int c3, int k0, int k1, int n) {
        long p1 = (c2 & LOW32) * M1;
        int x0 = (int) (p1 >>> 32) ^ c1 ^ k0;
        int x1 = (int) p1;
        for (int j = 0; j < n; j++) {
            long p0 = ((lowBlock + j) & LOW32) * M0;
            x[j] = x0;
            x[LANES + j] = x1;
            x[2 * LANES + j] = (int) (p0 >>> 32) ^ c3 ^ k1;
            x[3 * LANES + j] = (int) p0;
        }
    }

    private static void round(int[] x, int k0, int k1, int n) {
        for (int j = 0; j < n; j++) {
            long p0 = (x[j] & LOW32) * M0;
            long p1 = (x[2 * LANES + j] & LOW32) * M1;
            int x0 = (int) (p1 >>> 32) ^ x[LANES + j] ^ k0;
            int x2 = (int) (p0 >>> 32) ^ x[3 * LANES + j] ^ k1;
            x[LANES + j] = (int) p1;
            x[3 * LANES + j] = (int) p0;
            x[j] = x0;
            x[2 * LANES + j] = x2;
        }
    }

    private static void interleave(int[] x, int[] dst, int off, int n) {
        for (int j = 0; j < n; j++) {
            int o = off + 4 * j;
            dst[o] = x[j];
            dst[o + 1] = x[LANES + j];
            dst[o + 2] = x[2 * LANES + j];
            dst[o + 3] = x[3 * LANES + j];
        }
    }

    /**
     * Output word {@code which} (0 to 3) of the block {@link #block} computes. Package-private: single words are rare and only {@link RandomStream} needs it.
     */
    static int blockWord(int c0, int c1, int c2, int c3, int k0, int k1, int which) {
        int[] out = new int[4]; // does not escape: C2 replaces it by registers
        block(c0, c1, c2, c3, k0, k1, out, 0);
        return out[which];
    }
}
