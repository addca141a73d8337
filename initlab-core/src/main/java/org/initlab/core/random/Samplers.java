package org.initlab.core.random;

/**
 * Bulk fills of float tensors from a {@link RandomStream}: the hot path of every random
 * initializer.
 *
 * <p>Every fill writes {@code dst[off + k]} from word {@code from + k} of the stream alone,
 * for {@code k} in {@code [0, to - from)}. So a tensor can be filled in shards, on any
 * number of threads, and the result is bit-identical to one whole fill; and since only
 * IEEE-exact arithmetic ({@code + - * / sqrt}, {@link Math#fma}) and {@link StrictMath} are
 * used, bit-identical on every machine. Each fill runs on the calling thread; callers shard
 * across threads.
 *
 * <p>Speed: words are generated a chunk at a time, and each chunk is converted by
 * straight loops over arrays that the JIT compiles to SIMD instructions; the normal
 * samplers first apply {@link SamplingQuantile}'s central formula to every element, then
 * find the elements (about 1% for {@code normal}) that fall in its tails and overwrite
 * them in batches ({@code TailBatch}). When the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, the Philox blocks and the normal samplers'
 * central pass use the Vector API instead, with the same results, once the process has
 * filled enough to make its warm-up worth it ({@code VectorApi}). Each
 * fill allocates its scratch once, sized to the fill up to a chunk: 24 KiB for
 * {@code uniform}, 90 KiB for the normal samplers.
 *
 * @see Uniforms
 * @see SamplingQuantile
 */
public final class Samplers {

    private Samplers() {}

    /**
     * Uniform on {@code [low, high)}: {@code value = low + (high - low) * u},
     * {@code u = }{@link Uniforms#unitFloat}{@code (word)}, evaluated in double precision,
     * rounded once to float, then lowered to the largest float below {@code high} if
     * rounding reached {@code high}.
     *
     * @throws IllegalArgumentException if a bound is not finite or {@code low >= high}, or
     *     the range is bad (see {@link RandomStream#words})
     */
    public static void uniform(RandomStream stream, long from, long to, float low, float high, float[] dst, int off) {
        uniform(stream, from, to, low, high, dst, off, VectorApi.use(to - from));
    }

    /** {@link #uniform}, with or without the vector path ({@link VectorApi}): the same bits. */
    static void uniform(
            RandomStream stream, long from, long to, float low, float high, float[] dst, int off, boolean vector) {
        if (!(Float.isFinite(low) && Float.isFinite(high) && low < high)) {
            throw new IllegalArgumentException(
                    "uniform needs finite bounds with low < high, " + "got low=" + low + ", high=" + high);
        }
        int n = stream.checkRange(from, to, dst.length, off);
        double base = low;
        double width = (double) high - (double) low;
        float below = Math.nextDown(high);
        WordChunks chunks = new WordChunks(stream, from, n, vector);
        while (chunks.next()) {
            int[] words = chunks.words();
            int len = chunks.length();
            int o = off + chunks.start();
            for (int k = 0; k < len; k++) {
                float v = (float) (base + width * ((words[k] >>> 8) * 0x1.0p-24));
                dst[o + k] = Math.min(v, below);
            }
        }
    }

    /**
     * Normal {@code N(mean, std^2)} by inversion: {@code value = (float) fma(z, std, mean)}
     * (that is {@code mean + std * z} rounded once to double, then to float),
     * {@code z = }{@link SamplingQuantile#quantile}{@code (}{@link Uniforms#openUnit}
     * {@code (word))}. Since {@code openUnit} lies in {@code [2^-33, 1 - 2^-33]},
     * {@code |z| < 6.34}.
     *
     * @throws IllegalArgumentException if {@code mean} is not finite or {@code std} is not
     *     finite and positive, or the range is bad (see {@link RandomStream#words})
     */
    public static void normal(RandomStream stream, long from, long to, double mean, double std, float[] dst, int off) {
        normal(stream, from, to, mean, std, dst, off, VectorApi.use(to - from));
    }

    /** {@link #normal}, with or without the vector path ({@link VectorApi}): the same bits. */
    static void normal(
            RandomStream stream, long from, long to, double mean, double std, float[] dst, int off, boolean vector) {
        checkLocationScale("normal", mean, std);
        int n = stream.checkRange(from, to, dst.length, off);
        WordChunks chunks = new WordChunks(stream, from, n, vector);
        NormalFill fill = new NormalFill(
                Math.min(n, WordChunks.CHUNK),
                mean,
                std,
                Float.NEGATIVE_INFINITY,
                Float.POSITIVE_INFINITY,
                dst,
                off,
                vector);
        while (chunks.next()) {
            fill.normalChunk(chunks.words(), chunks.length(), chunks.start());
        }
        fill.finish();
    }

    /**
     * Truncated normal: {@code value = mean + std * z} with {@code z ~ N(0, 1)} conditioned
     * on {@code a <= z <= b}. The bounds are in standard deviations from the mean, as in
     * JAX's {@code truncated_normal} and Keras's {@code TruncatedNormal} (both
     * {@code a = -2, b = 2}); PyTorch's {@code trunc_normal_} takes absolute bounds, which
     * correspond to {@code (bound - mean) / std} here. Infinite bounds are allowed.
     *
     * <p>Method: inversion, {@code z = Phi^-1(t)} with {@code t = Phi(a) + u M},
     * {@code u = }{@link Uniforms#openUnit}{@code (word)}, {@code M = Phi(b) - Phi(a)}, and
     * {@code Phi^-1} as in {@link SamplingQuantile}. In its central region
     * ({@code |t - 1/2| <= 0.495}) {@code t} is used as is. In its tails the smaller tail
     * probability is passed instead: {@code t} itself if {@code t < 1/2}, else
     * {@code s = Q(b) + (1 - u) M} ({@code Q = 1 - Phi}; {@code s = 1 - t} in exact
     * arithmetic, computed without cancellation) and {@code z = -Phi^-1(s)}. So the argument
     * keeps full relative precision and bounds far in a tail ({@code [5, 6]}, {@code [8, 9]},
     * up to about 37 standard deviations) sample correctly. The float result,
     * {@code (float) fma(z, std, mean)} as in {@link #normal}, is clamped to
     * {@code [(float) (mean + std * a), (float) (mean + std * b)]}, so no value escapes
     * through rounding; computed in double, values do not pile up at the bounds (unlike a
     * float-only inversion, cf. PyTorch issues 145498 and 155588).
     *
     * @throws IllegalArgumentException if {@code mean} is not finite, {@code std} is not
     *     finite and positive, a bound is NaN, {@code a >= b}, the interval's probability
     *     underflows double precision, or the range is bad (see {@link RandomStream#words})
     */
    public static void truncatedNormal(
            RandomStream stream,
            long from,
            long to,
            double mean,
            double std,
            double a,
            double b,
            float[] dst,
            int off) {
        truncatedNormal(stream, from, to, mean, std, a, b, dst, off, VectorApi.use(to - from));
    }

    /**
     * {@link #truncatedNormal}, with or without the vector path ({@link VectorApi}): the same
     * bits.
     */
    static void truncatedNormal(
            RandomStream stream,
            long from,
            long to,
            double mean,
            double std,
            double a,
            double b,
            float[] dst,
            int off,
            boolean vector) {
        double mass = checkTruncatedNormal(mean, std, a, b);
        int n = stream.checkRange(from, to, dst.length, off);
        double lowerMass = NormalDistribution.cdf(a);
        double upperMass = NormalDistribution.upperTail(b);
        // q = t - 1/2 is computed monotonically in u, so the extreme words bound every q:
        // [-2, 2], say, never reaches the tails, and [5, 6] never the centre.
        double lowestOffset = lowerMass + Uniforms.openUnit(0) * mass - 0.5;
        double highestOffset = lowerMass + Uniforms.openUnit(-1) * mass - 0.5;
        double width = SamplingQuantile.CENTRAL_HALF_WIDTH;
        boolean centre = lowestOffset <= width && highestOffset >= -width;
        boolean tailward = lowestOffset < -width || highestOffset > width;
        WordChunks chunks = new WordChunks(stream, from, n, vector);
        NormalFill fill = new NormalFill(
                Math.min(n, WordChunks.CHUNK),
                mean,
                std,
                (float) (mean + std * a),
                (float) (mean + std * b),
                dst,
                off,
                vector);
        while (chunks.next()) {
            fill.truncatedChunk(
                    chunks.words(), chunks.length(), chunks.start(), lowerMass, upperMass, mass, centre, tailward);
        }
        fill.finish();
    }

    /**
     * Switches the fills to their Vector API path now, if this JVM has the module
     * ({@code --add-modules jdk.incubator.vector}), rather than after the first 2<sup>27</sup>
     * elements and a background warm-up: runs the warm-up on the calling thread (about two
     * seconds the first time; at most ten) and returns whether the fills now take the vector
     * path. For processes that know they will fill a lot, and for benchmarks. The values are
     * the same either way; only the speed differs.
     */
    public static boolean warmUpVectorPath() {
        return VectorApi.warmUpNow();
    }

    /**
     * Validates truncated-normal parameters and returns {@code Phi(b) - Phi(a)}; shared with
     * {@link TruncatedNormalMoments} so both reject the same inputs with the same words.
     */
    static double checkTruncatedNormal(double mean, double std, double a, double b) {
        checkLocationScale("truncated normal", mean, std);
        if (Double.isNaN(a) || Double.isNaN(b) || !(a < b)) {
            throw new IllegalArgumentException(
                    "truncated normal needs bounds a < b (in " + "standard deviations), got a=" + a + ", b=" + b);
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
            throw new IllegalArgumentException(law + " needs a finite std > 0, got std=" + std);
        }
    }
}
