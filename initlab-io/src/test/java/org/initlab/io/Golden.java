package org.initlab.io;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The golden files written by {@code src/test/resources/golden/make_golden.py} and the values they
 * hold, restated here as functions of the C-order index {@code k} (shape {@code [2, 3, 4]}).
 */
public final class Golden {
    /** The shape of the golden arrays unless a file says otherwise. */
    private static final int[] SHAPE = {2, 3, 4};

    private Golden() {}

    /** The golden file {@code name} (from the test classpath). */
    public static Path file(String name) {
        try {
            var url = Golden.class.getResource("/golden/" + name);
            if (url == null) {
                throw new IllegalStateException("no golden file " + name + "; run make_golden.py");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Value {@code k} of the float arrays: {@code k/2 - 3}, exact in every float type. */
    public static double floatValue(long k) {
        return k * 0.5 - 3;
    }

    /** Value {@code k} of the int32 array. */
    public static int int32Value(long k) {
        return (int) (k * 178956970L - (1L << 31));
    }

    /** Value {@code k} of the int64 array (not representable as a double). */
    public static long int64Value(long k) {
        return k * ((1L << 40) + 3) - (1L << 62);
    }

    /** The little-endian bytes of {@code n} elements of {@code dtype} with the golden values. */
    public static byte[] bytes(DType dtype, int n) {
        ByteBuffer b = ByteBuffer.allocate(n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            double v = floatValue(k);
            switch (dtype) {
                case F16 -> b.putShort(Float.floatToFloat16((float) v));
                case BF16 -> b.putShort((short) (Float.floatToRawIntBits((float) v) >>> 16));
                case F32 -> b.putFloat((float) v);
                case F64 -> b.putDouble(v);
                case I32 -> b.putInt(int32Value(k));
                case I64 -> b.putLong(int64Value(k));
            }
        }
        return b.array();
    }

    /** The golden array of {@code dtype}, shape {@link #SHAPE}. */
    public static NdArray array(DType dtype) {
        return new NdArray(dtype, SHAPE.clone(), bytes(dtype, 24));
    }
}
