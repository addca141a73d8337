package org.initlab.core.init;

/**
 * Law: a convolution kernel that is zero except at the spatial center, where the
 * {@code out × in} matrix is {@code gain · Q}, {@code Q} a Haar-random orthogonal matrix
 * (orthonormal rows if out &lt; in, columns otherwise; drawn as {@link Orthogonal} does).
 *
 * <p>Paper: L. Xiao, Y. Bahri, J. Sohl-Dickstein, S. Schoenholz and J. Pennington (2018),
 * "Dynamical Isometry and a Mean Field Theory of CNNs: How to Train 10,000-Layer Vanilla
 * Convolutional Neural Networks". The convolutional analogue of orthogonal init: with stride 1
 * and "same" padding the layer is norm-preserving at initialization. The paper asks for
 * out &gt;= in; here out &lt; in is allowed (the rows are then orthonormal). Equivalents: JAX
 * {@code delta_orthogonal(scale)}, which rejects out &lt; in and puts the matrix at tap
 * {@code (k-1)//2} where this (like PyTorch's {@code dirac_}) uses {@code k//2}: the same for odd
 * kernels. Keras/PyTorch have none. Rank 3,
 * 4 or 5 only.
 *
 * @param gain multiplies Q, {@code > 0}
 */
public record DeltaOrthogonal(double gain) implements Initializer {
    /** Validates gain &gt; 0. */
    public DeltaOrthogonal {
        Fill.requirePositive("delta_orthogonal", "gain", gain);
        Fill.requireFloat32("delta_orthogonal", "gain", gain, "gain=" + gain);
    }

    /** Gain 1. */
    public DeltaOrthogonal() {
        this(1);
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Dirac.Kernel k = Dirac.Kernel.of("delta_orthogonal", target);
        float[] q = Orthogonal.matrix(target.stream(), k.out(), k.in(), gain);
        for (long idx = from; idx < to; idx++) {
            dst[off + (int) (idx - from)] = k.isCenter(idx) ? q[k.outputOf(idx) * k.in() + k.inputOf(idx)] : 0f;
        }
    }

    @Override
    public Expectation expectation(Target target) {
        Dirac.Kernel k = Dirac.Kernel.of("delta_orthogonal", target);
        double centerVariance = gain * gain / Math.max(k.out(), k.in());
        return Expectation.unbounded(0, Math.sqrt(centerVariance / k.taps()));
    }
}
