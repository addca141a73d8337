package org.initlab.core.random;

/**
 * Exact conversions of one 32-bit random word to a uniform number.
 *
 * <p>Both maps are exact (no rounding) and monotone in the word read as unsigned, so they
 * are bit-identical on every machine. Allocate nothing.
 */
public final class Uniforms {

    private static final float TWO_POW_MINUS_24 = 0x1.0p-24f;
    private static final double TWO_POW_MINUS_32 = 0x1.0p-32;

    private Uniforms() {}

    /**
     * A float uniform on {@code [0, 1)}: {@code (word >>> 8) * 2^-24}, the 24 high bits of
     * the word as a fraction. Takes each of the 2<sup>24</sup> values {@code k * 2^-24} with
     * probability 2<sup>-24</sup>; never returns 1.
     */
    public static float unitFloat(int word) {
        return (word >>> 8) * TWO_POW_MINUS_24;
    }

    /**
     * A double uniform on the open interval {@code (0, 1)}: {@code (w + 0.5) * 2^-32} with
     * {@code w} the word read as unsigned, i.e. the midpoints of the 2<sup>32</sup> equal cells
     * of {@code [0, 1)}. Never 0 nor 1, so inverse-CDF transforms stay finite, and symmetric:
     * {@code openUnit(~word) == 1 - openUnit(word)} exactly.
     */
    public static double openUnit(int word) {
        return centredUnit(word) + 0.5;
    }

    /**
     * {@code openUnit(word) - 1/2}, exactly: the word with its top bit flipped, read as a
     * signed int, is the unsigned word minus 2<sup>31</sup>, so this is
     * {@code ((word ^ 2^31) + 0.5) * 2^-32}, and adding 1/2 back is exact too. The signed
     * int-to-double conversion has a SIMD instruction on every x86-64 processor, which lets
     * the JIT vectorize the samplers' loops; the unsigned one does not.
     */
    static double centredUnit(int word) {
        return ((word ^ Integer.MIN_VALUE) + 0.5) * TWO_POW_MINUS_32;
    }
}
