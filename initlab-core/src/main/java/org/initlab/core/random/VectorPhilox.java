package org.initlab.core.random;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Philox4x32} blocks computed {@link #LANES} at a time with the Vector API: lane
 * {@code j} of each of four {@code long} vectors holds word {@code x0 .. x3} of block
 * {@code first + j}, in its low 32 bits. A round is two full 64-bit lane products
 * ({@code M0 x0}, {@code M1 x2}, each factor below 2<sup>32</sup>, so the product is exact),
 * their high halves by a shift and their low halves kept as they are (the bits above 32 are
 * masked off before the next product and at the end). Rounds 1 and 2, where the counter
 * words {@code c1 .. c3} are still the same in every lane, are partly computed once in
 * scalar code. The four words are then interleaved into block order with two lane
 * permutations. Bit-identical to {@link Philox4x32#block}: integer arithmetic only.
 *
 * <p>Used only when {@link VectorApi#USABLE}, and by the samplers once compiled
 * ({@link VectorApi#use}). Kept small, since C2 must compile it whole to keep vectors in
 * registers: a fully unrolled version was not compiled and ran 20 times slower, boxed.
 */
final class VectorPhilox {

    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    /** Blocks computed side by side: 8 with AVX-512, 4 with AVX2. */
    static final int LANES = SPECIES.length();

    private static final long LOW = 0xFFFF_FFFFL;
    private static final LongVector LANE_INDEX = LongVector.zero(SPECIES).addIndex(1);
    /** Lane {@code j} of the low (high) output half takes pair {@code j / 2} (+ LANES / 2). */
    private static final VectorShuffle<Long> LOW_HALF = halfShuffle(0);

    private static final VectorShuffle<Long> HIGH_HALF = halfShuffle(LANES / 2);
    private static final VectorMask<Long> ODD = VectorMask.fromLong(SPECIES, 0xAAAA_AAAA_AAAA_AAAAL);

    private VectorPhilox() {}

    private static VectorShuffle<Long> halfShuffle(int first) {
        int[] lanes = new int[LANES];
        for (int j = 0; j < LANES; j++) {
            lanes[j] = first + j / 2;
        }
        return VectorShuffle.fromArray(SPECIES, lanes, 0);
    }

    /**
     * Computes the first {@code count - count % LANES} of the blocks {@code first ..
     * first + count - 1} into {@code dst[off ..]}, four words per block, as
     * {@link Philox4x32#blocks} does, and returns how many it computed. The low 32 bits of
     * the block counter must not wrap within the range ({@code first mod 2^32 + count <=
     * 2^32}); the caller splits there.
     */
    static int blocks(long first, int count, int c2, int c3, int k0, int k1, int[] dst, int off) {
        int whole = count - count % LANES;
        java.util.Objects.checkFromIndexSize(off, 4 * whole, dst.length);
        LongVector m0 = LongVector.broadcast(SPECIES, Philox4x32.M0);
        LongVector m1 = LongVector.broadcast(SPECIES, Philox4x32.M1);
        int counterHigh = (int) (first >>> 32);
        // Round 1 on the words common to every lane: x0' = hi(M1 c2) ^ c1 ^ k0, x1' = lo(M1 c2).
        long common = (c2 & LOW) * Philox4x32.M1;
        long x0Common = ((common >>> 32) ^ counterHigh ^ k0) & LOW;
        long x1Common = common & LOW;
        // Round 2 on x0', x3'' = lo(M0 x0'), and the x2'' term hi(M0 x0') ^ k1 (after one bump).
        long product0 = x0Common * Philox4x32.M0;
        int key0 = k0 + Philox4x32.W0;
        int key1 = k1 + Philox4x32.W1;
        long x2Term = ((product0 >>> 32) ^ key1) & LOW;
        long x3Common = product0 & LOW;
        for (int done = 0; done < whole; done += LANES) {
            // Round 1 in the lanes: only c0 = low word of the block counter varies.
            LongVector p0 = LANE_INDEX.add((first + done) & LOW).mul(m0);
            LongVector x2 = p0.lanewise(LSHR, 32).lanewise(XOR, (c3 ^ k1) & LOW);
            LongVector x3 = p0;
            // Round 2: x0 and x1 from the lanes' x2; x2 from the lanes' x3; x3 is common.
            LongVector p1 = x2.mul(m1);
            LongVector x0 = p1.lanewise(LSHR, 32).lanewise(XOR, (x1Common ^ key0) & LOW);
            LongVector x1 = p1;
            x2 = x3.lanewise(XOR, x2Term);
            // Round 3: x3 is still common.
            int a = key0 + Philox4x32.W0;
            int c = key1 + Philox4x32.W1;
            p0 = x0.mul(m0);
            p1 = x2.and(LOW).mul(m1);
            x0 = p1.lanewise(LSHR, 32).lanewise(XOR, x1).lanewise(XOR, a & LOW);
            x1 = p1;
            x2 = p0.lanewise(LSHR, 32).lanewise(XOR, (x3Common ^ c) & LOW);
            x3 = p0;
            for (int round = 3; round < Philox4x32.ROUNDS; round++) {
                a += Philox4x32.W0;
                c += Philox4x32.W1;
                p0 = x0.and(LOW).mul(m0);
                p1 = x2.and(LOW).mul(m1);
                x0 = p1.lanewise(LSHR, 32).lanewise(XOR, x1).lanewise(XOR, a & LOW);
                x2 = p0.lanewise(LSHR, 32).lanewise(XOR, x3).lanewise(XOR, c & LOW);
                x1 = p1;
                x3 = p0;
            }
            // Pairs (x0, x1) and (x2, x3) as 64-bit lanes, little-endian, then interleaved:
            // as ints, x0 x1 x2 x3 of block 0, then of block 1, ...
            LongVector words01 = x0.and(LOW).or(x1.lanewise(LSHL, 32));
            LongVector words23 = x2.and(LOW).or(x3.lanewise(LSHL, 32));
            int o = off + 4 * done;
            words01.rearrange(LOW_HALF)
                    .blend(words23.rearrange(LOW_HALF), ODD)
                    .reinterpretAsInts()
                    .intoArray(dst, o);
            words01.rearrange(HIGH_HALF)
                    .blend(words23.rearrange(HIGH_HALF), ODD)
                    .reinterpretAsInts()
                    .intoArray(dst, o + 2 * LANES);
        }
        return whole;
    }
}
