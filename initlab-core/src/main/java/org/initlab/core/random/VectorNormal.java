package org.initlab.core.random;

import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2D;
import static jdk.incubator.vector.VectorOperators.XOR;
import static org.initlab.core.random.SamplingQuantile.P0;
import static org.initlab.core.random.SamplingQuantile.P1;
import static org.initlab.core.random.SamplingQuantile.P2;
import static org.initlab.core.random.SamplingQuantile.P3;
import static org.initlab.core.random.SamplingQuantile.P4;
import static org.initlab.core.random.SamplingQuantile.P5;
import static org.initlab.core.random.SamplingQuantile.P6;
import static org.initlab.core.random.SamplingQuantile.Q0;
import static org.initlab.core.random.SamplingQuantile.Q1;
import static org.initlab.core.random.SamplingQuantile.Q2;
import static org.initlab.core.random.SamplingQuantile.Q3;
import static org.initlab.core.random.SamplingQuantile.Q4;
import static org.initlab.core.random.SamplingQuantile.Q5;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The normal fill's first pass ({@link NormalFill}) with the Vector API: words to floats
 * through {@link SamplingQuantile#central} {@link #LANES} at a time, and the tail words
 * found in the same pass. Each lane performs exactly the IEEE operations of the scalar
 * code, in its order (the word's conversion, {@code square}, the two Horner chains with one
 * {@code fma} per step, the product by {@code q}, the quotient, {@code fma(z, std, mean)},
 * the rounding to float), so the results are bit-identical to it.
 *
 * <p>Used only when {@link VectorApi#USABLE}, and by the samplers once compiled
 * ({@link VectorApi#use}).
 */
final class VectorNormal {

    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** Elements converted side by side: 8 with AVX-512, 4 with AVX2. */
    static final int LANES = DOUBLES.length();
    /** Ints and floats of the same lane count, in half the bits. */
    private static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private VectorNormal() {}

    /** How many of {@code len} words {@link #normal} converts: the whole vectors' worth. */
    static int covered(int len) {
        return len - len % LANES;
    }

    /**
     * For every {@code k < covered(len)}: writes
     * {@code dst[off + k] = (float) fma(central(centredUnit(words[k])), std, mean)}, and lists
     * in {@code found[0 .. m - 1]}, increasing, the {@code k} whose word is a tail word
     * ({@link NormalFill#isTail}); returns {@code m}. The values written for tail words are
     * the central formula's, to be overwritten.
     */
    static int normal(int[] words, int len, double mean, double std, float[] dst, int off, int[] found) {
        int end = covered(len);
        DoubleVector scale = DoubleVector.broadcast(DOUBLES, std);
        DoubleVector shift = DoubleVector.broadcast(DOUBLES, mean);
        int m = 0;
        for (int k = 0; k < end; k += LANES) {
            IntVector w = IntVector.fromArray(INTS, words, k);
            // q = (c + 1/2) 2^-32 with c = word ^ 2^31 signed: exact, as Uniforms.centredUnit.
            DoubleVector q = ((DoubleVector) w.lanewise(XOR, Integer.MIN_VALUE).convertShape(I2D, DOUBLES, 0))
                    .fma(broadcast(0x1.0p-32), broadcast(0x1.0p-33));
            DoubleVector s = q.neg().fma(q, broadcast(SamplingQuantile.CENTRAL_SQUARE));
            DoubleVector p = broadcast(P6)
                    .fma(s, broadcast(P5))
                    .fma(s, broadcast(P4))
                    .fma(s, broadcast(P3))
                    .fma(s, broadcast(P2))
                    .fma(s, broadcast(P1))
                    .fma(s, broadcast(P0));
            DoubleVector d = s.add(broadcast(Q5))
                    .fma(s, broadcast(Q4))
                    .fma(s, broadcast(Q3))
                    .fma(s, broadcast(Q2))
                    .fma(s, broadcast(Q1))
                    .fma(s, broadcast(Q0));
            DoubleVector z = q.mul(p).div(d);
            ((FloatVector) z.fma(scale, shift).convertShape(D2F, FLOATS, 0)).intoArray(dst, off + k);
            VectorMask<Integer> tail = w.add(NormalFill.TAIL_BIAS).compare(GT, NormalFill.TAIL_LIMIT);
            if (tail.anyTrue()) {
                for (long bits = tail.toLong(); bits != 0; bits &= bits - 1) {
                    found[m++] = k + Long.numberOfTrailingZeros(bits);
                }
            }
        }
        return m;
    }

    private static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(DOUBLES, value);
    }
}
