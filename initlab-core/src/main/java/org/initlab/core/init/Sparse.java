package org.initlab.core.init;

import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.core.shape.Layout;

/**
 * Law: every output unit has exactly {@code z = ceil(sparsity · n)} of its {@code n} incoming
 * weights set to 0, chosen uniformly at random; the others are {@code N(0, std²)}. Element
 * variance {@code (1 - z/n) · std²}.
 *
 * <p>Paper: J. Martens (2010), "Deep learning via Hessian-free optimization" (sparse
 * initialization: each unit gets a fixed number k of nonzero incoming weights, so its input's
 * scale does not depend on the layer width; here the zeros are a fraction of each unit's inputs,
 * and {@code sparsity = 1 - k/n} gives exactly k nonzeros). The mask is drawn from the target's stream
 * ({@code child("sparse_mask")}: a partial Fisher–Yates shuffle per unit), so it is as
 * reproducible as the values. Differs from PyTorch's {@code sparse_(sparsity, std)}, which zeroes
 * a fraction of each column of {@code [out, in]} (a unit's outgoing weights), not of each
 * unit's incoming weights; Keras/JAX have none. Units are the output axis of the layout
 * ({@code out} in {@code [out, in, k...]} or {@code [k..., in, out]}).
 *
 * @param sparsity fraction of each unit's incoming weights set to zero, in [0, 1)
 * @param std standard deviation of the nonzero weights, {@code > 0}
 */
public record Sparse(double sparsity, double std) implements Initializer {
    /** Validates the parameters. */
    public Sparse {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparse: sparsity must be in [0, 1), got " + sparsity);
        }
        Fill.requirePositive("sparse", "std", std);
        Fill.requireNormalFloat32("sparse", 0, std);
    }

    /** Sparsity 0.9, std 0.01. */
    public Sparse() {
        this(0.9, 0.01);
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Orthogonal.requireMatrix("sparse", target);
        int size = (int) target.size();
        int units = target.shape().dim(target.layout().outerChannelAxis());
        int incoming = size / units;
        int zeros = zerosPerUnit(incoming);
        RandomStream stream = target.stream();
        float[] w = new float[size];
        Samplers.normal(stream, 0, size, 0, std, w, 0);
        RandomStream mask = stream.child("sparse_mask");
        int[] order = new int[incoming];
        int[] words = new int[Math.max(zeros, 1)];
        boolean pytorch = target.layout() == Layout.PYTORCH;
        for (int u = 0; u < units; u++) {
            for (int p = 0; p < incoming; p++) {
                order[p] = p;
            }
            mask.words((long) u * incoming, (long) u * incoming + zeros, words, 0);
            for (int k = 0; k < zeros; k++) {
                int pick = k + (int) ((Integer.toUnsignedLong(words[k]) * (incoming - k)) >>> 32);
                int p = order[pick];
                order[pick] = order[k];
                order[k] = p;
                w[pytorch ? u * incoming + p : p * units + u] = 0f;
            }
        }
        System.arraycopy(w, (int) from, dst, off, (int) (to - from));
    }

    @Override
    public Expectation expectation(Target target) {
        Orthogonal.requireMatrix("sparse", target);
        int incoming = (int) (target.size() / target.shape().dim(target.layout().outerChannelAxis()));
        double kept = 1 - (double) zerosPerUnit(incoming) / incoming;
        return Expectation.unbounded(0, std * Math.sqrt(kept));
    }

    private int zerosPerUnit(int incoming) {
        return (int) Math.ceil(sparsity * incoming);
    }
}
