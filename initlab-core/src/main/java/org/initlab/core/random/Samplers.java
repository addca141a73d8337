package org.initlab.core.random;

/**
 * Bulk fills of float tensors from a {@link RandomStream}: the hot path of every random
 * initializer.
 *
 * <p>Every fill writes {@code dst[off + k]} from word {@code from + k} of the stream alone,
 * for {@code k} in {@code [0, to - from)}. So a tensor can be filled in shards, on any
 * number of threads, and the result is bit-identical to one whole fill; and since only
 * IEEE-exact arithmetic and {@link StrictMath} are used, bit-identical on every machine.
 * Each fill runs on the calling thread; callers shard across threads.
 *
 * <p>Each fill allocates one scratch {@code int[]} of at most {@value #CHUNK} words
 * (16 KiB), plus at most one 4-word array when the range does not start or end on a
 * multiple of 4.
 *
 * @see Uniforms
 * @see NormalDistribution
 */
public final class Samplers {

    /** Words generated per pass; small enough for L1, large enough to amortise the call. */
    static final int CHUNK = 4096;

    private Samplers() {
    }

    /**
     * Uniform on {@code [low, high)}: {@code value = low + (high - low) * u},
     * {@code u = }{@link Uniforms#unitFloat}{@code (word)}, evaluated in double precision,
     * rounded once to float, then lowered to the largest float below {@code high} if
     * rounding reached {@code high}.
     *
     * @throws IllegalArgumentException if a bound is not finite or {@code low >= high}, or
     *     the range is bad (see {@link RandomStream#words})
     */
    public static void uniform(RandomStream s, long from, long to, float low, float high,
            float[] dst, int off) {
        if (!(Float.isFinite(low) && Float.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("uniform needs finite bounds with low < high, "
                    + "got low=" + low + ", high=" + high);
        }
        int n = s.checkRange(from, to, dst.length, off);
        double base = low;
        double width = (double) high - (double) low;
        float below = Math.nextDown(high);
        int[] words = new int[Math.min(n, CHUNK)];
        for (int done = 0, len; done < n; done += len) {
            len = chunkLength(from, done, n);
            s.words(from + done, from + done + len, words, 0);
            int o = off + done;
            for (int k = 0; k < len; k++) {
                float v = (float) (base + width * ((words[k] >>> 8) * 0x1.0p-24));
                dst[o + k] = v < below ? v : below;
            }
        }
    }

    /**
     * Normal {@code N(mean, std^2)} by inversion: {@code value = (float) (mean + std * z)},
     * {@code z = }{@link NormalDistribution#quantile}{@code (}{@link Uniforms#openUnit}
     * {@code (word))}. Since {@code openUnit} lies in {@code [2^-33, 1 - 2^-33]},
     * {@code |z| < 6.34}.
     *
     * @throws IllegalArgumentException if {@code mean} is not finite or {@code std} is not
     *     finite and positive, or the range is bad (see {@link RandomStream#words})
     */
    public static void normal(RandomStream s, long from, long to, double mean, double std,
            float[] dst, int off) {
        checkLocationScale("normal", mean, std);
        int n = s.checkRange(from, to, dst.length, off);
        int[] words = new int[Math.min(n, CHUNK)];
        for (int done = 0, len; done < n; done += len) {
            len = chunkLength(from, done, n);
            s.words(from + done, from + done + len, words, 0);
            int o = off + done;
            for (int k = 0; k < len; k++) {
                double z = NormalDistribution.quantileOpen(Uniforms.openUnit(words[k]));
                dst[o + k] = (float) (mean + std * z);
            }
        }
    }

    /**
     * Truncated normal: {@code value = mean + std * z} with {@code z ~ N(0, 1)} conditioned
     * on {@code a <= z <= b} (bounds in standard deviations, as PyTorch's
     * {@code trunc_normal_} after dividing its absolute bounds by std; JAX and Keras use
     * {@code a = -2, b = 2}).
     *
     * <p>Method: inversion, {@code z = Phi^-1(Phi(a) + u (Phi(b) - Phi(a)))} with
     * {@code u = }{@link Uniforms#openUnit}{@code (word)}. When that probability exceeds
     * 1/2 the mirror image {@code z = -Phi^-1(Q(b) + (1 - u) (Phi(b) - Phi(a)))},
     * {@code Q = 1 - Phi}, is used instead, so the argument of {@code Phi^-1} is always at
     * most 1/2 and carries full relative precision: bounds far in a tail ({@code [5, 6]},
     * {@code [8, 9]}, up to about 37 standard deviations) sample correctly. {@code z} is
     * clamped to {@code [a, b]} and the float result to
     * {@code [(float) (mean + std * a), (float) (mean + std * b)]}, so no value escapes
     * through rounding; since the computation is in double, values do not pile up at the
     * bounds (unlike a float-only inversion, cf. PyTorch issues 145498 and 155588).
     *
     * @throws IllegalArgumentException if {@code mean} is not finite, {@code std} is not
     *     finite and positive, a bound is NaN, {@code a >= b}, the interval's probability
     *     underflows double precision, or the range is bad (see {@link RandomStream#words})
     */
    public static void truncatedNormal(RandomStream s, long from, long to, double mean,
            double std, double a, double b, float[] dst, int off) {
        double mass = checkTruncatedNormal(mean, std, a, b);
        int n = s.checkRange(from, to, dst.length, off);
        double lowerMass = NormalDistribution.cdf(a);
        double upperMass = NormalDistribution.upperTail(b);
        float lowest = (float) (mean + std * a);
        float highest = (float) (mean + std * b);
        int[] words = new int[Math.min(n, CHUNK)];
        for (int done = 0, len; done < n; done += len) {
            len = chunkLength(from, done, n);
            s.words(from + done, from + done + len, words, 0);
            int o = off + done;
            for (int k = 0; k < len; k++) {
                int w = words[k];
                double t = lowerMass + Uniforms.openUnit(w) * mass;
                double z = t <= 0.5
                        ? NormalDistribution.quantileOpen(t)
                        : -NormalDistribution.quantileOpen(upperMass + Uniforms.openUnit(~w) * mass);
                z = z >= a ? (z <= b ? z : b) : a;
                float v = (float) (mean + std * z);
                dst[o + k] = v >= lowest ? (v <= highest ? v : highest) : lowest;
            }
        }
    }

    /**
     * Validates truncated-normal parameters and returns {@code Phi(b) - Phi(a)}; shared with
     * {@link TruncatedNormalMoments} so both reject the same inputs with the same words.
     */
    static double checkTruncatedNormal(double mean, double std, double a, double b) {
        checkLocationScale("truncated normal", mean, std);
        if (Double.isNaN(a) || Double.isNaN(b) || !(a < b)) {
            throw new IllegalArgumentException("truncated normal needs bounds a < b (in "
                    + "standard deviations), got a=" + a + ", b=" + b);
        }
        double mass = NormalDistribution.intervalProbability(a, b);
        if (!(mass >= Double.MIN_NORMAL)) {
            throw new IllegalArgumentException("truncated normal interval [" + a + ", " + b
                    + "] has probability " + mass + ", below double precision; bounds "
                    + "must reach within about 37 standard deviations of the mean");
        }
        return mass;
    }

    private static void checkLocationScale(String law, double mean, double std) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException(law + " needs a finite mean, got mean=" + mean);
        }
        if (!(std > 0.0 && std < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    law + " needs a finite std > 0, got std=" + std);
        }
    }

    /**
     * Length of the next pass after {@code done} of {@code n} words starting at {@code from}:
     * the first pass is shortened so that every later one starts on a Philox block.
     */
    private static int chunkLength(long from, int done, int n) {
        int len = done == 0 ? CHUNK - (int) (from & 3) : CHUNK;
        return Math.min(len, n - done);
    }
}
