package org.initlab.core.init;

import org.initlab.core.shape.Layout;

/**
 * Law (for a weight {@code W [out, in]}, PyTorch indexing, with {@code m = out}, {@code n = in}):
 * <pre>
 *   m &lt;= n:  W = I_{m×n}                          (rectangular identity: W[i][j] = 1 if i == j)
 *   m &gt; n:   W = I_{m×p} · (H_p / sqrt(p)) · I_{p×n},  p = 2^ceil(log2 m)
 *            i.e. W[i][j] = (-1)^popcount(i AND j) / sqrt(p)
 * </pre>
 * {@code H_p} is Sylvester's Hadamard matrix ({@code H_1 = [1]}, {@code H_2k = [[H_k, H_k],
 * [H_k, -H_k]]}, so {@code H_p[i][j] = (-1)^popcount(i & j)}, SciPy's {@code hadamard(p)}). A
 * convolution kernel {@code [out, in, k...]} gets this matrix on its center tap ({@code k // 2} on
 * every kernel axis) and zeros elsewhere; in the Keras layout {@code [k..., in, out]} the same
 * entries are set. Deterministic: the seed and path are not used.
 *
 * <p>Paper: J. Zhao, F. Schäfer, A. Anandkumar (2022), "ZerO Initialization: Initializing
 * Neural Networks with only Zeros and Ones", TMLR (arXiv:2110.12661), Algorithm 1. Why Hadamard:
 * a widening layer fed by an identity would leave {@code m - n} units at zero forever in a ReLU
 * net (they stay symmetric); the Hadamard rows spread the {@code n} inputs over all outputs while
 * keeping the columns orthonormal when {@code m = p} ({@code Wᵀ W = I_n}). The normalization {@code 1/sqrt(p)} is the one of the authors' released example
 * and the {@code ZerO-Initialization-PyTorch} package; Algorithm 1 in the paper prints
 * {@code c = 2^(-(k-1)/2)} with {@code k = ceil(log2 m)}, which is {@code sqrt 2} times larger:
 * InitLab follows the code, whose columns are unit vectors when {@code m} is a power of two.
 * Equivalents: none in PyTorch, Keras, JAX, DL4J or DJL.
 */
public record ZerO() implements Initializer {

    @Override
    public void fill(Target target, long from, long to, float[] dst, int off) {
        Fill.checkRange(target, from, to, dst, off);
        Geometry g = Geometry.of(target);
        for (long idx = from; idx < to; idx++) {
            dst[off + (int) (idx - from)] = g.value(idx);
        }
    }

    @Override
    public Expectation expectation(Target target) {
        Geometry g = Geometry.of(target);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < g.out; i++) {
            for (int j = 0; j < g.in; j++) {
                double v = g.entry(i, j);
                sum += v;
                squares += v * v;
            }
        }
        double size = target.size();
        double mean = sum / size;
        double std = Math.sqrt(Math.max(squares / size - mean * mean, 0));
        return g.hadamard ? new Expectation(mean, std, -g.magnitude, g.magnitude) : new Expectation(mean, std, 0, 1);
    }

    /**
     * The side {@code p} of the Hadamard matrix ZerO uses for {@code out} outputs:
     * {@code 2^ceil(log2 out)}.
     */
    public static int hadamardSize(int out) {
        if (out < 1 || out > 1 << 30) {
            throw new IllegalArgumentException("zero_hadamard: output size must be in [1, 2^30], got " + out);
        }
        return out == 1 ? 1 : Integer.highestOneBit(out - 1) << 1;
    }

    /** Where each element sits: output, input, whether it is on the center tap. */
    private record Geometry(Layout layout, int out, int in, int taps, int center, boolean hadamard, float magnitude) {
        static Geometry of(Target target) {
            var s = target.shape();
            if (s.rank() < 2 || s.rank() > 5) {
                throw new IllegalArgumentException(
                        "zero_hadamard needs a weight of rank 2 (dense) or 3 to 5" + " (convolution), got shape " + s);
            }
            s.intSize();
            Layout layout = target.layout();
            int out = s.dim(layout.outerChannelAxis());
            int in = s.dim(layout.innerChannelAxis());
            int taps = 1;
            int center = 0;
            if (s.rank() > 2) {
                Dirac.Kernel k = Dirac.Kernel.of("zero_hadamard", target);
                taps = k.taps();
                center = k.center();
            }
            boolean hadamard = out > in;
            float magnitude = hadamard ? (float) (1 / Math.sqrt(hadamardSize(out))) : 1f;
            return new Geometry(layout, out, in, taps, center, hadamard, magnitude);
        }

        float value(long idx) {
            int o;
            int i;
            long tap;
            if (layout == Layout.PYTORCH) {
                o = (int) (idx / ((long) in * taps));
                i = (int) (idx / taps % in);
                tap = idx % taps;
            } else {
                o = (int) (idx % out);
                i = (int) (idx / out % in);
                tap = idx / ((long) in * out);
            }
            return tap == center ? entry(o, i) : 0f;
        }

        float entry(int o, int i) {
            if (!hadamard) {
                return o == i ? 1f : 0f;
            }
            return (Integer.bitCount(o & i) & 1) == 0 ? magnitude : -magnitude;
        }
    }
}
