package org.initlab.core.shape;

import java.util.Arrays;
import java.util.Locale;

/**
 * Allocation of tensors whose size comes from input (a shape on the command line, a file
 * header, a model spec): the element count is computed without overflow, checked against what
 * one Java array holds, and checked against the Java heap maximum before the array is asked for.
 * A request the heap cannot meet fails as an {@link AllocationError} naming the shape and the
 * bytes, never as a bare {@code OutOfMemoryError} or a negative array size.
 *
 * <p>Laws: {@code floats(d0, ..., dk)} has exactly {@code d0·...·dk} elements, all zero; it
 * throws {@link IllegalArgumentException} for a negative dimension or a product above
 * {@link #MAX_ARRAY}, and {@link AllocationError} when {@code 4·product} exceeds
 * {@link Runtime#maxMemory()} or the heap cannot provide it now.
 */
public final class Allocation {
    /** The most elements one Java array holds on common JVMs (a few header words below 2<sup>31</sup>). */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Allocation() {}

    /** A zero {@code float[]} of {@code shape.size()} elements. */
    public static float[] floats(Shape shape) {
        return floats(shape.dims());
    }

    /** A zero {@code float[]} of {@code d0·d1·...} elements (dimensions may be 0; the product is exact). */
    public static float[] floats(int... dims) {
        int n = elements(dims);
        String what = Arrays.toString(dims) + " float32";
        require(4L * n, what);
        try {
            return new float[n];
        } catch (OutOfMemoryError e) {
            throw new AllocationError(what, 4L * n, e);
        }
    }

    /** A zero {@code int[]} of {@code d0·d1·...} elements (labels, indices), checked as {@link #floats(int...)}. */
    public static int[] ints(int... dims) {
        int n = elements(dims);
        String what = Arrays.toString(dims) + " int32";
        require(4L * n, what);
        try {
            return new int[n];
        } catch (OutOfMemoryError e) {
            throw new AllocationError(what, 4L * n, e);
        }
    }

    /**
     * The product of {@code dims} as an {@code int}, for one Java array.
     *
     * @throws IllegalArgumentException for a negative dimension or a product above {@link #MAX_ARRAY}, naming both
     */
    public static int elements(int... dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor shape " + Arrays.toString(dims) + " has a negative dimension " + d);
            }
            // every factor is below 2^31, so the running product stays exact until it passes MAX_ARRAY
            n *= d;
            if (n > MAX_ARRAY) {
                java.math.BigInteger all = java.math.BigInteger.ONE;
                for (int e : dims) {
                    all = all.multiply(java.math.BigInteger.valueOf(e));
                }
                throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(dims) + " has " + all
                        + " elements, more than the " + MAX_ARRAY + " one Java array holds");
            }
        }
        return (int) n;
    }

    /**
     * Refuses, before anything is read or allocated, a request of {@code bytes} that the Java heap
     * can never hold: more than {@link Runtime#maxMemory()}.
     *
     * @param what names the request in the message, e.g. {@code "[40000, 40000] float32"}
     * @throws AllocationError if {@code bytes} exceeds the heap maximum
     */
    public static void require(long bytes, String what) {
        if (bytes > Runtime.getRuntime().maxMemory()) {
            throw new AllocationError(what, bytes, null);
        }
    }

    /** {@code 6.0 GiB}, {@code 512.0 MiB}, {@code 300 bytes}: a byte count in binary units with one decimal. */
    public static String binaryUnits(long n) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (n < 1024) {
            return n + " bytes";
        }
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * The heap could not hold a tensor (or a file's contents) of known size: an out-of-memory
     * error whose message names what was asked for and how many bytes.
     */
    public static final class AllocationError extends OutOfMemoryError {
        private static final long serialVersionUID = 1L;
        private final String what;
        private final long bytes;

        public AllocationError(String what, long bytes, Throwable cause) {
            super("out of memory allocating " + what + (bytes >= 0 ? " (" + binaryUnits(bytes) + ")" : ""));
            this.what = what;
            this.bytes = bytes;
            if (cause != null) {
                initCause(cause);
            }
        }

        /** What could not be allocated, e.g. {@code "[40000, 40000] float32"}. */
        public String what() {
            return what;
        }

        /** How many bytes it needed, or -1 when unknown. */
        public long bytes() {
            return bytes;
        }
    }
}
