package org.initlab.core.random;

/**
 * One normal or truncated-normal fill in progress: its scratch and the passes that turn a
 * chunk of words ({@link WordChunks}) into floats, as {@link Samplers} documents them.
 *
 * <p>Each chunk goes through {@link SamplingQuantile}'s central formula for every element,
 * in one branch-free loop: {@link VectorNormal}'s with the Vector API, or a plain loop that
 * C2 compiles to SIMD instructions; then the elements in its tails are found and listed in a
 * {@link TailBatch}, which overwrites them. All passes of a chunk sit in one method, whose
 * compiled code is too large for C2 to inline into the fill's loop over chunks: inlined
 * there (as small per-pass methods were), the SIMD loops spilled their constants and ran
 * 10-15% slower.
 *
 * <p>Allocates, once per fill, a double array and an int array of a chunk's length (48 KiB
 * for a full chunk) and the tail batch.
 */
final class NormalFill {

    /**
     * With {@code c = word ^ 2^31} read as signed, {@code q = openUnit(word) - 1/2 =
     * (c + 1/2) 2^-32} lies in the central region {@code |q| <= 0.495} exactly when
     * {@code -CENTRAL_WORDS - 1 <= c <= CENTRAL_WORDS}.
     */
    private static final int CENTRAL_WORDS = (int) Math.floor(SamplingQuantile.CENTRAL_HALF_WIDTH * 0x1.0p32 - 0.5);

    static final int TAIL_BIAS = CENTRAL_WORDS + 1;
    static final int TAIL_LIMIT = 2 * CENTRAL_WORDS + 1 + Integer.MIN_VALUE;

    private final double mean;
    private final double std;
    private final float lowest;
    private final float highest;
    private final float[] dst;
    private final int off;
    /** {@code q = t - 1/2} of each element of a truncated-normal chunk. */
    private final double[] offsets;
    /** Chunk indices of the tail elements. */
    private final int[] found;

    private final TailBatch tails;
    /** Whether the normal chunks go through {@link VectorNormal}. */
    private final boolean vector;

    /**
     * A fill writing {@code min(max((float) fma(z, std, mean), lowest), highest)} to
     * {@code dst[off + position]}, in chunks of at most {@code chunk} words; {@code vector}
     * says whether to use {@link VectorNormal} (only if {@link VectorApi#USABLE}; the
     * samplers ask {@link VectorApi#use}).
     */
    NormalFill(int chunk, double mean, double std, float lowest, float highest, float[] dst, int off, boolean vector) {
        this.vector = vector;
        this.mean = mean;
        this.std = std;
        this.lowest = lowest;
        this.highest = highest;
        this.dst = dst;
        this.off = off;
        this.offsets = new double[chunk];
        this.found = new int[chunk];
        this.tails = new TailBatch(mean, std, lowest, highest, dst, off);
    }

    /**
     * {@link Samplers#normal}: converts {@code words[0 .. len - 1]}, the words of positions
     * {@code start ..} of the fill. The bounds are not applied (they are infinite).
     */
    void normalChunk(int[] words, int len, int start) {
        // Pass 1, branch-free: the central formula for every element. Pass 2: find the tail
        // words (about 1%); pass 3: list them. The vector path does passes 1 and 2 together
        // for the whole vectors' worth of words, the scalar code the rest.
        int o = off + start;
        int first = 0;
        int m = 0;
        if (vector) {
            m = VectorNormal.normal(words, len, mean, std, dst, o, found);
            first = VectorNormal.covered(len);
        }
        for (int k = first; k < len; k++) {
            double z = SamplingQuantile.central(Uniforms.centredUnit(words[k]));
            dst[o + k] = (float) Math.fma(z, std, mean);
        }
        for (int k = first; k < len; k++) {
            if (isTail(words[k])) {
                found[m++] = k;
            }
        }
        listTails(words, m, start);
    }

    /** Lists the tail elements {@code found[0 .. m - 1]} of a chunk of the normal fill. */
    private void listTails(int[] words, int m, int start) {
        for (int i = 0; i < m; i++) {
            int k = found[i];
            int centred = words[k] ^ Integer.MIN_VALUE;
            int sign = centred >> 31;
            // The smaller tail probability, min(p, 1 - p) = (j + 1/2) 2^-32, exact.
            int j = Integer.MAX_VALUE - (centred ^ sign);
            tails.add((start + k) | (sign & Integer.MIN_VALUE), (j + 0.5) * 0x1.0p-32);
        }
    }

    /**
     * {@link Samplers#truncatedNormal}: converts a chunk as {@link #normalChunk} does, with
     * {@code t = lowerMass + openUnit(word) * mass} and {@code s} from {@code upperMass}.
     * {@code centre} and {@code tailward} say whether any {@code q = t - 1/2} can lie in the
     * central region and in the tails; a pass that cannot matter is skipped.
     */
    void truncatedChunk(
            int[] words,
            int len,
            int start,
            double lowerMass,
            double upperMass,
            double mass,
            boolean centre,
            boolean tailward) {
        for (int k = 0; k < len; k++) {
            offsets[k] = lowerMass + Uniforms.openUnit(words[k]) * mass - 0.5;
        }
        int m = 0;
        if (tailward) {
            for (int k = 0; k < len; k++) {
                if (Math.abs(offsets[k]) > SamplingQuantile.CENTRAL_HALF_WIDTH) {
                    found[m++] = k;
                }
            }
        }
        if (centre) {
            int o = off + start;
            for (int k = 0; k < len; k++) {
                float v = (float) Math.fma(SamplingQuantile.central(offsets[k]), std, mean);
                dst[o + k] = Math.min(Math.max(v, lowest), highest);
            }
        }
        for (int i = 0; i < m; i++) {
            int k = found[i];
            int w = words[k];
            double t = lowerMass + Uniforms.openUnit(w) * mass;
            double s = upperMass + Uniforms.openUnit(~w) * mass;
            // The sign of q = t - 1/2, and the smaller tail probability, the one the law names.
            int sign = (int) (Double.doubleToRawLongBits(t - 0.5) >>> 32) & Integer.MIN_VALUE;
            tails.add((start + k) | sign, Math.min(t, s));
        }
    }

    /**
     * Whether {@code |openUnit(word) - 1/2| > 0.495}, in one signed comparison: adding
     * {@code TAIL_BIAS} (with wrapping) maps the central words onto
     * {@code [MIN_VALUE, TAIL_LIMIT]}.
     */
    static boolean isTail(int word) {
        return word + TAIL_BIAS > TAIL_LIMIT;
    }

    /** Writes the tail elements still listed; call once, after the last chunk. */
    void finish() {
        tails.flush();
    }
}
