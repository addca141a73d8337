package org.initlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An n-dimensional array as files hold it: element type, shape, and the elements in C (row-major)
 * order as little-endian bytes. Keeping the bytes makes every supported type exact (int64 beyond
 * 2⁵³, float64, the two 16-bit floats); {@link #toFloats()} converts when a model needs values.
 *
 * <p>The record does not copy: {@code data} is owned by the array once constructed. Sizes are
 * limited to {@link #MAX_BYTES} bytes (one Java array). A shape of rank 0 ({@code []}) is a
 * scalar with one element; a shape with a zero dimension has no elements.
 */
public record NdArray(DType dtype, int[] shape, byte[] data) {
    /** The largest number of bytes (and so of elements) an array can hold: {@code Integer.MAX_VALUE - 8}. */
    public static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    public NdArray {
        long n = elements(shape);
        if (n * dtype.bytes() != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + n * dtype.bytes() + " bytes, got " + data.length);
        }
    }

    /** An F32 array holding a copy of {@code values}. */
    public static NdArray ofFloats(float[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NdArray(DType.F32, shape.clone(), b.array());
    }

    /**
     * Writes {@code values} to {@code out} as the bytes {@code ofFloats(values, ...).data()} holds
     * (little-endian float32), through a buffer of at most 1 MiB: no copy of the whole array is made,
     * so a tensor of up to {@code Integer.MAX_VALUE} floats (8 GiB) can be written.
     */
    public static void writeFloats(OutputStream out, float[] values) throws IOException {
        int chunk = Math.min(values.length, 1 << 18);
        ByteBuffer b = ByteBuffer.allocate(chunk * 4).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer f = b.asFloatBuffer();
        for (int at = 0; at < values.length; at += chunk) {
            int n = Math.min(chunk, values.length - at);
            f.clear();
            f.put(values, at, n);
            out.write(b.array(), 0, n * 4);
        }
    }

    /**
     * Runs {@code data} on {@code out} and checks that it wrote exactly {@code bytes} bytes.
     *
     * @throws IllegalStateException when it wrote another number (a header would then lie about the data)
     */
    public static void writeExactly(OutputStream out, long bytes, AtomicFiles.Body data) throws IOException {
        ChannelOutput.Counting counting = new ChannelOutput.Counting(out);
        data.writeTo(counting);
        if (counting.written() != bytes) {
            throw new IllegalStateException(
                    "the data of a tensor announced as " + bytes + " bytes was " + counting.written() + " bytes long");
        }
    }

    /** Checks that {@code shape} holds exactly {@code count} elements; the message names both. */
    public static void requireCount(int[] shape, long count) {
        long n = elements(shape);
        if (n != count) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " elements, got " + count + " values");
        }
    }

    /** An F64 array holding a copy of {@code values}. */
    public static NdArray ofDoubles(double[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new NdArray(DType.F64, shape.clone(), b.array());
    }

    /** An I32 array holding a copy of {@code values}. */
    public static NdArray ofInts(int[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new NdArray(DType.I32, shape.clone(), b.array());
    }

    /** An I64 array holding a copy of {@code values}. */
    public static NdArray ofLongs(long[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new NdArray(DType.I64, shape.clone(), b.array());
    }

    /**
     * Number of elements of a shape (1 for rank 0, 0 when a dimension is 0); throws
     * {@link IllegalArgumentException} for a negative dimension or a product above {@link #MAX_BYTES}.
     */
    public static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            if (d == 0) {
                n = 0;
            }
        }
        for (int d : shape) {
            n *= d;
            if (n > MAX_BYTES) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than " + MAX_BYTES
                        + " elements, the most one Java array holds");
            }
        }
        return n;
    }

    /** Number of elements. */
    public int size() {
        return (int) elements(shape);
    }

    /** The elements converted to float (rounded to nearest for F64, I32 and I64). */
    public float[] toFloats() {
        int n = size();
        float[] out = new float[n];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case F32 -> b.getFloat(4 * i);
                case F64 -> (float) b.getDouble(8 * i);
                case I32 -> b.getInt(4 * i);
                case I64 -> b.getLong(8 * i);
                case F16 -> Float.float16ToFloat(b.getShort(2 * i));
                case BF16 -> Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
            };
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a
                && a.dtype == dtype
                && Arrays.equals(a.shape, shape)
                && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
