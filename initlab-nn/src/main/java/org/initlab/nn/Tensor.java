package org.initlab.nn;

import java.util.Arrays;
import org.initlab.core.shape.Allocation;
import org.initlab.core.shape.Shape;

/**
 * A dense row-major float tensor whose first axis is the batch. Mutable: layers write into
 * tensors they allocate and never modify their inputs.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    /** Wraps {@code data} (not copied) with the given shape. */
    public Tensor(float[] data, int... shape) {
        long size = Shape.of(shape).size();
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + size + " values, the array has " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** A zero tensor. */
    public static Tensor zeros(int... shape) {
        return new Tensor(Allocation.floats(shape), shape);
    }

    /** The values, row-major (not a copy). */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of the first axis. */
    public int batch() {
        return shape[0];
    }

    /** Elements per batch item: the product of the other axes. */
    public int features() {
        return data.length / shape[0];
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** A tensor of the same shape holding a copy of the values. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    /** The same values seen as {@code [batch, features]}. */
    public Tensor flat() {
        return new Tensor(data, batch(), features());
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
