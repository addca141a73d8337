package org.initlab.io.pretrained;

import java.util.Arrays;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;

/**
 * Rearranges a kernel stored in one {@link Layout} into another, by permuting its axes.
 *
 * <p><b>Which tensors.</b> Only parameters of role {@link Role#WEIGHT} and {@link Role#RECURRENT}
 * of rank 2 or more, and only when the file's layout differs from the parameter's. Everything else
 * is copied as it is: rank-1 tensors (biases, norm scales and shifts, whatever their role), and
 * {@link Role#EMBEDDING} tables, which are {@code [num_embeddings, features]} in every framework.
 *
 * <p><b>What, per rank</b> (file shape on the left, model shape on the right, Keras to PyTorch;
 * PyTorch to Keras is the inverse permutation):
 * <ul>
 *   <li>rank 2, dense and recurrent kernels: {@code [in, out] -> [out, in]} (a transpose; Keras's
 *       LSTM kernel {@code [in, 4·hidden]} becomes {@code weight_ih [4·hidden, in]}, its gates
 *       {@code i, f, c, o} in the same order);</li>
 *   <li>rank 3, 1-D convolutions: {@code [k, in, out] -> [out, in, k]};</li>
 *   <li>rank 4, 2-D convolutions: {@code [kH, kW, in/g, out] -> [out, in/g, kH, kW]};</li>
 *   <li>rank r in general: {@code [k1..k(r-2), in, out] -> [out, in, k1..k(r-2)]}, i.e. model
 *       axis order {@code (r-1, r-2, 0, 1, ..., r-3)} of the file's axes.</li>
 * </ul>
 * The permutation only moves axes; it does not reorder features within an axis. In particular a
 * dense layer after a {@code Flatten} of feature maps sees them flattened channels-last in Keras
 * ({@code H, W, C}) and channels-first here ({@code C, H, W}); its rows need a reordering this
 * transform does not do.
 */
public final class LayoutTransform {
    private LayoutTransform() {}

    /** Whether a tensor of this role and rank is rearranged from {@code file} to {@code model} layout. */
    public static boolean applies(Role role, int rank, Layout file, Layout model) {
        return file != model && rank >= 2 && (role == Role.WEIGHT || role == Role.RECURRENT);
    }

    /**
     * The axis order that takes a rank-{@code rank} kernel from {@code from} to {@code to}: axis
     * {@code i} of the result is axis {@code order[i]} of the source. The identity when the layouts
     * agree or {@code rank < 2}.
     */
    public static int[] axisOrder(int rank, Layout from, Layout to) {
        int[] order = new int[rank];
        if (from == to || rank < 2) {
            Arrays.setAll(order, i -> i);
        } else if (from == Layout.KERAS) {
            order[0] = rank - 1;
            order[1] = rank - 2;
            for (int i = 2; i < rank; i++) {
                order[i] = i - 2;
            }
        } else {
            for (int i = 0; i < rank - 2; i++) {
                order[i] = i + 2;
            }
            order[rank - 2] = 1;
            order[rank - 1] = 0;
        }
        return order;
    }

    /** The axis order for a tensor of this role and rank: {@link #axisOrder}, or the identity when {@link #applies} is false. */
    public static int[] axisOrder(Role role, int rank, Layout file, Layout model) {
        return applies(role, rank, file, model) ? axisOrder(rank, file, model) : axisOrder(rank, model, model);
    }

    /** The shape after permuting: {@code result[i] = shape[order[i]]}; allocates the result. */
    public static int[] permuteShape(int[] shape, int[] order) {
        checkOrder(shape, order);
        int[] out = new int[shape.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = shape[order[i]];
        }
        return out;
    }

    /**
     * The elements of a row-major tensor of {@code shape} rearranged to the row-major order of
     * {@link #permuteShape}{@code (shape, order)}: {@code result[j_0, ..., j_{r-1}] = values[i]} with
     * {@code i_{order[k]} = j_k}. Allocates the result (also for the identity order); {@code values}
     * is not modified.
     *
     * @throws IllegalArgumentException when {@code order} is not a permutation of the axes or the
     *     element count does not match the shape
     */
    public static float[] permute(float[] values, int[] shape, int[] order) {
        checkOrder(shape, order);
        int rank = shape.length;
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has " + size + " elements, got " + values.length + " values");
        }
        float[] out = new float[values.length];
        if (values.length == 0) {
            return out;
        }
        int[] sourceStride = new int[rank];
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            sourceStride[a] = stride;
            stride *= shape[a];
        }
        int[] outShape = permuteShape(shape, order);
        int[] step = new int[rank]; // source offset of one step along each result axis
        for (int k = 0; k < rank; k++) {
            step[k] = sourceStride[order[k]];
        }
        int[] index = new int[rank];
        int source = 0;
        for (int j = 0; j < out.length; j++) {
            out[j] = values[source];
            for (int k = rank - 1; k >= 0; k--) { // odometer over the result's indices, last axis fastest
                if (++index[k] < outShape[k]) {
                    source += step[k];
                    break;
                }
                source -= step[k] * (outShape[k] - 1);
                index[k] = 0;
            }
        }
        return out;
    }

    private static void checkOrder(int[] shape, int[] order) {
        boolean[] seen = new boolean[shape.length];
        boolean ok = order.length == shape.length;
        for (int i = 0; ok && i < order.length; i++) {
            ok = order[i] >= 0 && order[i] < shape.length && !seen[order[i]];
            if (ok) {
                seen[order[i]] = true;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("axis order " + Arrays.toString(order) + " is not a permutation of the "
                    + shape.length + " axes of shape " + Arrays.toString(shape));
        }
    }
}
