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

    private Uniforms() {
    }

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
        return (Integer.toUnsignedLong(word) + 0.5) * TWO_POW_MINUS_32;
    }
}
