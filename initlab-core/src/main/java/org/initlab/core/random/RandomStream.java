package org.initlab.core.random;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An addressable stream of 32-bit random words: word {@code i} is a pure function of
 * (seed, path, i), so any slice can be generated alone, on any thread, and is
 * bit-identical to the same slice of a whole-tensor fill.
 *
 * <p>Law: word {@code i} is output word {@code i mod 4} of the Philox-4x32-10 block
 * ({@link Philox4x32}) with
 * <pre>
 *   key     = (seed low 32 bits, seed high 32 bits)
 *   counter = (b low 32 bits, b high 32 bits, pathHash low 32 bits, pathHash high 32 bits),
 *             b = floor(i / 4)
 * </pre>
 * The path names the tensor (for example {@code "encoder.layer0.weight"}); its hash
 * selects a disjoint 2<sup>64</sup>-block region of the counter space, so different tensors
 * under one seed draw independent words. Element {@code i} of a tensor consumes exactly
 * word {@code i}.
 *
 * <p>Immutable and thread-safe. Construction hashes the path once; {@link #child(String)}
 * builds the child's path string and {@link #words(long, long, int[], int)} at most an 8 KiB
 * scratch array; nothing else allocates.
 */
public final class RandomStream {

    private static final long FNV_OFFSET_BASIS = 0xCBF2_9CE4_8422_2325L;
    private static final long FNV_PRIME = 0x0000_0100_0000_01B3L;

    private final long seed;
    private final String path;
    private final long pathHash;

    private RandomStream(long seed, String path) {
        this.seed = seed;
        this.path = path;
        this.pathHash = hashPath(path);
    }

    /**
     * The stream of the tensor named {@code path} under {@code seed}.
     *
     * @param path the tensor's name; any string, {@code ""} included
     * @throws NullPointerException if {@code path} is null
     */
    public static RandomStream of(long seed, String path) {
        Objects.requireNonNull(path, "path must not be null; use \"\" for an unnamed tensor");
        return new RandomStream(seed, path);
    }

    /** The 64-bit seed; its low and high halves are the Philox key. */
    public long seed() {
        return seed;
    }

    /** The tensor path this stream was made for. */
    public String path() {
        return path;
    }

    /**
     * The 64-bit hash of the path: 64-bit FNV-1a over the path's UTF-8 bytes, then the
     * SplitMix64 finalizer (Steele, Lea, Flood 2014, "Fast splittable pseudorandom number
     * generators") so that every input bit reaches every output bit.
     */
    public long pathHash() {
        return pathHash;
    }

    /**
     * A stream for auxiliary draws of this tensor (permutations, masks) that never overlaps
     * its element draws: the same seed and the path {@code path() + "#" + name}. Paths that
     * themselves contain {@code '#'} can therefore coincide with a child; tensor names
     * should not use it.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public RandomStream child(String name) {
        Objects.requireNonNull(name, "child name must not be null");
        return new RandomStream(seed, path + "#" + name);
    }

    /**
     * Word {@code index} of the stream. Computes one Philox block; for runs of words prefer
     * {@link #words(long, long, int[], int)}, which computes each block once.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public int word(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("word index must be >= 0, got " + index + " (path '" + path + "')");
        }
        return blockWord(index, (int) pathHash, (int) (pathHash >>> 32), (int) seed, (int) (seed >>> 32));
    }

    /**
     * Writes words {@code from .. to - 1} to {@code dst[off] .. dst[off + (to - from) - 1]}.
     * Equal, word for word, to calling {@link #word(long)} on each index, but computes
     * whole blocks side by side (see {@link Philox4x32}); allocates one 8 KiB scratch array
     * when the range holds a whole block that is not computed by vector lanes.
     *
     * @throws IllegalArgumentException if {@code from < 0} or {@code from > to}
     * @throws IndexOutOfBoundsException if {@code dst} has no room for {@code to - from}
     *     words at {@code off}
     */
    public void words(long from, long to, int[] dst, int off) {
        words(from, to, dst, off, null, VectorApi.use(to - from));
    }

    /**
     * {@link #words(long, long, int[], int)} with caller-owned scratch for the bulk block
     * generator ({@code 4 * Philox4x32.LANES} ints), or {@code null} to allocate it when
     * needed; {@code vector} as in {@link Philox4x32#blocks}.
     */
    void words(long from, long to, int[] dst, int off, int[] planes, boolean vector) {
        int n = checkRange(from, to, dst.length, off);
        int c2 = (int) pathHash;
        int c3 = (int) (pathHash >>> 32);
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        long index = from;
        int out = off;
        int end = off + n;
        // Head: words before the first block boundary.
        for (; (index & 3) != 0 && out < end; index++) {
            dst[out++] = blockWord(index, c2, c3, k0, k1);
        }
        int whole = (end - out) >>> 2;
        if (whole > 0) {
            Philox4x32.blocks(index >>> 2, whole, c2, c3, k0, k1, dst, out, planes, vector);
            out += 4 * whole;
            index += 4L * whole;
        }
        // Tail: words after the last block boundary.
        for (; out < end; index++) {
            dst[out++] = blockWord(index, c2, c3, k0, k1);
        }
    }

    private static int blockWord(long index, int c2, int c3, int k0, int k1) {
        long b = index >>> 2;
        return Philox4x32.blockWord((int) b, (int) (b >>> 32), c2, c3, k0, k1, (int) (index & 3));
    }

    /**
     * Checks a word range against a destination and returns its length. Shared by the
     * bulk samplers so every fill reports bad ranges the same way.
     */
    int checkRange(long from, long to, int dstLength, int off) {
        if (from < 0) {
            throw new IllegalArgumentException("range start must be >= 0, got from=" + from + " (path '" + path + "')");
        }
        if (from > to) {
            throw new IllegalArgumentException(
                    "range must have from <= to, got from=" + from + ", to=" + to + " (path '" + path + "')");
        }
        long n = to - from;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") has " + n
                    + " elements; one fill writes at most " + Integer.MAX_VALUE);
        }
        Objects.checkFromIndexSize(off, (int) n, dstLength);
        return (int) n;
    }

    private static long hashPath(String path) {
        long h = FNV_OFFSET_BASIS;
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        h = (h ^ (h >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return h ^ (h >>> 31);
    }

    /** Renders as {@code RandomStream[seed=..., path='...']}. */
    @Override
    public String toString() {
        return "RandomStream[seed=" + seed + ", path='" + path + "']";
    }

    /** Two streams are equal when seed and path are equal: then every word is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RandomStream other && seed == other.seed && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + path.hashCode();
    }
}
