package org.initlab.core.shape;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The dimensions of a dense row-major tensor, e.g. {@code [256, 128, 3, 3]}.
 *
 * <p>Immutable; the array given to {@link #of(int...)} is copied. Every dimension must be
 * positive and the element count must fit in a {@code long}; a tensor filled into one Java
 * array must also have fewer than 2<sup>31</sup> elements ({@link #intSize()}).
 */
public final class Shape {
    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a dimension " + d
                        + "; every dimension must be a positive integer");
            }
            n = Math.multiplyExact(n, d);
        }
        this.size = n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /**
     * Parses {@code "256,128,3,3"} (also accepts {@code x} or spaces as separators and
     * surrounding brackets).
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static Shape parse(String text) {
        String body = text.strip().replaceAll("^[\\[(]|[\\])]$", "");
        String[] parts = body.strip().split("\\s*[,x]\\s*|\\s+", -1);
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw new IllegalArgumentException("bad shape '" + text + "': dimension " + (i + 1)
                        + " is empty; expected dimensions like 256,128,3,3");
            }
            try {
                dims[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad shape '" + text + "': '" + parts[i]
                        + "' is not a positive integer; expected dimensions like 256,128,3,3");
            }
        }
        return new Shape(dims);
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}; negative axes count from the end ({@code -1} is the last). */
    public int dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** Number of elements as an {@code int}; fails clearly when the tensor cannot fit one array. */
    public int intSize() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + this + " has " + size
                    + " elements; one array holds at most " + (Integer.MAX_VALUE - 8)
                    + " (fill it shard by shard instead)");
        }
        return (int) size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [256, 128, 3, 3]}. */
    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
