package org.initlab.core.init;

import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Law: the identity convolution. For a kernel {@code [out, in, k...]} (PyTorch layout) with
 * {@code opg = out / groups}: {@code W[g·opg + d, d, center...] = 1} for every group {@code g}
 * and {@code d < min(opg, in)}, 0 elsewhere; {@code center} is {@code k // 2} on every kernel
 * axis. In the Keras layout {@code [k..., in, out]} the same entries are set.
 *
 * <p>With stride 1 and "same" padding the layer copies its input channels to its outputs.
 * Used to initialize very deep plain CNNs as identity maps (related: Zagoruyko and Komodakis
 * (2017), "DiracNets", a Dirac reparameterization). Equivalents: PyTorch
 * {@code dirac_(groups)} (same law), Keras/JAX none (JAX {@code delta_orthogonal} is the
 * orthogonal variant: {@link DeltaOrthogonal}). Rank 3, 4 or 5 only.
 *
 * <p>The groups are the convolution's: {@code dirac(groups=G)} names them, and so does a target
 * with {@link Target#groups()} {@code = G} (the {@code --groups} of a grouped kernel); with both
 * above 1 they must agree.
 *
 * @param groups number of groups, dividing the output channels (1: the target's groups)
 */
public record Dirac(int groups) implements Initializer {
    /** Validates groups &gt;= 1. */
    public Dirac {
        if (groups < 1) {
            throw new IllegalArgumentException("dirac: groups must be >= 1, got " + groups);
        }
    }

    /** One group. */
    public Dirac() {
        this(1);
    }

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Kernel k = Kernel.of("dirac", target);
        int groups = groups(target);
        if (k.out() % groups != 0) {
            throw new IllegalArgumentException("dirac: groups=" + groups + " does not divide the " + k.out()
                    + " output channels of shape " + target.shape());
        }
        int opg = k.out() / groups;
        for (long idx = from; idx < to; idx++) {
            boolean one = k.isCenter(idx) && k.inputOf(idx) == k.outputOf(idx) % opg;
            dst[off + (int) (idx - from)] = one ? 1f : 0f;
        }
    }

    @Override
    public Expectation expectation(Target target) {
        Kernel k = Kernel.of("dirac", target);
        int groups = groups(target);
        int opg = k.out() / groups;
        return Expectation.sparseConstant(target.size(), (long) groups * Math.min(opg, k.in()), 1);
    }

    /** The convolution's groups: this record's, or the target's when the record says 1. */
    private int groups(Target target) {
        if (groups > 1 && target.groups() > 1 && groups != target.groups()) {
            throw new IllegalArgumentException("dirac: groups=" + groups + " disagrees with the kernel's "
                    + target.groups() + " groups; give one of them, or the same number");
        }
        return Math.max(groups, target.groups());
    }

    /** Index arithmetic for a convolution kernel in either layout. */
    record Kernel(Layout layout, int out, int in, int taps, int center) {
        static Kernel of(String method, Target target) {
            Shape s = target.shape();
            if (s.rank() < 3 || s.rank() > 5) {
                throw new IllegalArgumentException(
                        method + " needs a 3-, 4- or 5-D convolution kernel, got shape " + s);
            }
            Layout layout = target.layout();
            int out = s.dim(layout.outerChannelAxis());
            int in = s.dim(layout.innerChannelAxis());
            int[] dims = s.dims();
            int first = layout == Layout.PYTORCH ? 2 : 0;
            int center = 0;
            int taps = 1;
            for (int a = first; a < first + s.rank() - 2; a++) {
                center = center * dims[a] + dims[a] / 2;
                taps *= dims[a];
            }
            return new Kernel(layout, out, in, taps, center);
        }

        int outputOf(long idx) {
            return (int) (layout == Layout.PYTORCH ? idx / ((long) in * taps) : idx % out);
        }

        int inputOf(long idx) {
            return (int) (layout == Layout.PYTORCH ? idx / taps % in : idx / out % in);
        }

        boolean isCenter(long idx) {
            long tap = layout == Layout.PYTORCH ? idx % taps : idx / ((long) in * out);
            return tap == center;
        }
    }
}
