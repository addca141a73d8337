package org.initlab.core.init;

import org.initlab.core.linalg.Qr;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.core.shape.Layout;

/**
 * Law: {@code W = gain · Q}, {@code Q} a Haar-random matrix with orthonormal rows or columns
 * (whichever side is shorter): {@code Q Qᵀ = I} when rows &lt; cols, {@code Qᵀ Q = I} otherwise.
 *
 * <p>Method (Saxe, McClelland and Ganguli 2014, "Exact solutions to the nonlinear dynamics of
 * learning in deep linear neural networks"; Mezzadri 2007 for the sign correction): flatten the
 * tensor to {@code rows × cols}, draw a {@code max × min} standard normal matrix from the
 * target's stream, take {@code Q} of its QR factorization with columns multiplied by
 * {@code sign(diag R)}, transpose when rows &lt; cols, multiply by gain. Flattening follows the
 * layout: PyTorch {@code [out, ...]} gives rows = out, cols = the rest (as {@code orthogonal_});
 * Keras {@code [..., out]} gives cols = out, rows = the rest (as {@code Orthogonal}). Either way
 * each output unit's weight vector is a row or column of {@code Q}. Use for recurrent weights and
 * deep linear or tanh nets: all singular values are equal to gain (dynamical isometry).
 * Equivalents: PyTorch {@code orthogonal_(gain)}, Keras {@code Orthogonal(gain)}, JAX
 * {@code orthogonal(scale)}, DL4J {@code OrthogonalDistribution(gain)} (built by SVD),
 * DJL none. Each element's variance is
 * {@code gain² / max(rows, cols)}.
 *
 * @param gain multiplies Q, {@code > 0}
 */
public record Orthogonal(double gain) implements Initializer {
    /** Validates gain &gt; 0. */
    public Orthogonal {
        Fill.requirePositive("orthogonal", "gain", gain);
    }

    /** Gain 1. */
    public Orthogonal() {
        this(1);
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        float[] w = matrix(target.stream(), rows(target), cols(target), gain);
        System.arraycopy(w, (int) from, dst, off, (int) (to - from));
    }

    @Override
    public Expectation expectation(Target target) {
        int big = Math.max(rows(target), cols(target));
        return Expectation.unbounded(0, gain / Math.sqrt(big));
    }

    /** Rows of the flattened matrix (rank 2 or more required). */
    static int rows(Target target) {
        requireMatrix("orthogonal", target);
        return target.layout() == Layout.PYTORCH
                ? target.shape().dim(0)
                : (int) (target.size() / target.shape().dim(-1));
    }

    /** Columns of the flattened matrix. */
    static int cols(Target target) {
        return (int) (target.size() / rows(target));
    }

    static void requireMatrix(String method, Target target) {
        if (target.shape().rank() < 2) {
            throw new IllegalArgumentException(method + " needs a tensor of rank 2 or more, got shape "
                    + target.shape());
        }
        target.shape().intSize();
    }

    /**
     * A row-major {@code rows × cols} matrix {@code gain · Q} drawn from words
     * {@code [0, rows·cols)} of {@code stream}. Allocates the matrix and, when rows &gt;= cols, a
     * second one for the transpose.
     */
    static float[] matrix(RandomStream stream, int rows, int cols, double gain) {
        int big = Math.max(rows, cols);
        int small = Math.min(rows, cols);
        float[] q = new float[Math.multiplyExact(big, small)];
        Samplers.normal(stream, 0, q.length, 0, 1, q, 0);
        Qr.orthonormalColumns(q, big, small);
        float g = (float) gain;
        float[] w;
        if (rows < cols) {
            w = q; // column-major cols x rows Q is row-major rows x cols Qᵀ
            if (g != 1f) {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= g;
                }
            }
        } else {
            w = new float[q.length];
            for (int c = 0; c < cols; c++) {
                int base = c * rows;
                for (int r = 0; r < rows; r++) {
                    w[r * cols + c] = g * q[base + r];
                }
            }
        }
        return w;
    }
}
