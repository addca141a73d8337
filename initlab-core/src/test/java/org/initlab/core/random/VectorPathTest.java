package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API path ({@link VectorPhilox}, {@link VectorNormal}) against the scalar code:
 * the same bits, element by element, for every lane position, ragged ends, shard boundaries
 * and counter wraps. The build runs the tests with {@code --add-modules jdk.incubator.vector};
 * without it (or with {@code -Dinitlab.vector=false}) there is no vector path to compare.
 */
class VectorPathTest {

    private static final RandomStream STREAM = RandomStream.of(-7L, "decoder.2.weight");

    @BeforeAll
    static void vectorPathIsAvailable() {
        assumeTrue(VectorApi.USABLE, "the JVM runs without --add-modules jdk.incubator.vector");
        assumeTrue(VectorPhilox.LANES >= 2 && VectorNormal.LANES >= 2, "no SIMD registers");
    }

    @Test
    void philoxBlocksEqualTheReferenceBlockFunction() {
        SplittableRandom random = new SplittableRandom(17);
        long wrap = 1L << 32;
        long[] firsts = {
            0, 1, 5, wrap - 3, wrap - 8, wrap - 13, (5L << 32) - 1, (1L << 40) + 7, Long.MAX_VALUE / 4 - 100
        };
        int[] counts = {1, 3, 7, 8, 9, 15, 16, 17, 100, 513, 1031};
        int[] planes = new int[4 * Philox4x32.LANES];
        for (long first : firsts) {
            for (int count : counts) {
                int c2 = random.nextInt();
                int c3 = random.nextInt();
                int k0 = random.nextInt();
                int k1 = random.nextInt();
                int[] vector = new int[4 * count + 2];
                int[] scalar = new int[4 * count + 2];
                Philox4x32.blocks(first, count, c2, c3, k0, k1, vector, 1, planes, true);
                Philox4x32.blocks(first, count, c2, c3, k0, k1, scalar, 1, planes, false);
                assertThat(vector).as("first=%d count=%d", first, count).isEqualTo(scalar);
                assertThat(vector[0]).isZero();
                assertThat(vector[4 * count + 1]).isZero();
                int[] block = new int[4];
                for (int i = 0; i < count; i++) {
                    long b = first + i;
                    Philox4x32.block((int) b, (int) (b >>> 32), c2, c3, k0, k1, block, 0);
                    assertThat(Arrays.copyOfRange(vector, 1 + 4 * i, 5 + 4 * i))
                            .as("block %d", b)
                            .isEqualTo(block);
                }
            }
        }
    }

    @Test
    void normalChunksEqualTheScalarCodeOnEveryKindOfWord() {
        // Words at both central-tail boundaries, the extremes, zero, and random ones, in
        // every lane position: the chunk is shifted one word at a time.
        int boundary = (int) Math.floor(0.495 * 0x1.0p32 - 0.5);
        int[] pool = new int[1200];
        int n = 0;
        for (int d = -150; d < 150; d++) {
            pool[n++] = (boundary + d) ^ Integer.MIN_VALUE;
            pool[n++] = (-boundary - 1 + d) ^ Integer.MIN_VALUE;
        }
        for (int w : new int[] {
            0, -1, 1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1
        }) {
            pool[n++] = w;
        }
        SplittableRandom random = new SplittableRandom(5);
        while (n < pool.length) {
            pool[n++] = random.nextInt();
        }
        for (int shift = 0; shift < 2 * VectorNormal.LANES + 1; shift++) {
            int len = pool.length - shift;
            int[] words = Arrays.copyOfRange(pool, shift, pool.length);
            assertThat(bits(normalChunk(words, len, true)))
                    .as("shift %d", shift)
                    .isEqualTo(bits(normalChunk(words, len, false)));
        }
    }

    @Test
    void everyWordGivesTheSameFloatOnBothPaths() {
        // All 2^32 words, a chunk at a time. A reordering of the double operations changes
        // the float of about one word in 10^8 (when the exact value lies that close to a
        // float rounding boundary), so only a test of every word can see one.
        int chunk = WordChunks.CHUNK;
        int[] words = new int[chunk];
        float[] vector = new float[chunk];
        float[] scalar = new float[chunk];
        NormalFill vectorFill =
                new NormalFill(chunk, 0.0, 1.0, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, vector, 0, true);
        NormalFill scalarFill =
                new NormalFill(chunk, 0.0, 1.0, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, scalar, 0, false);
        long differ = 0;
        long firstDiffering = -1;
        for (long base = 0; base < 1L << 32; base += chunk) {
            for (int k = 0; k < chunk; k++) {
                words[k] = (int) (base + k);
            }
            vectorFill.normalChunk(words, chunk, 0);
            vectorFill.finish();
            scalarFill.normalChunk(words, chunk, 0);
            scalarFill.finish();
            if (!Arrays.equals(vector, scalar)) {
                differ++;
                firstDiffering = firstDiffering < 0 ? base : firstDiffering;
            }
        }
        assertThat(differ)
                .as("chunks that differ, the first at word %d", firstDiffering)
                .isZero();
    }

    @Test
    void fillsSwitchToTheVectorPathOnceWarmAndGiveTheSameValues() throws InterruptedException {
        // Enough elements filled to start the warm-up (other tests may have started it), then
        // the fills take the vector path once its kernels run at compiled speed.
        float[] slice = new float[1 << 22];
        for (long from = 0; from < VectorApi.WARM_UP_AFTER; from += slice.length) {
            Samplers.normal(STREAM, from, from + slice.length, 0.0, 1.0, slice, 0);
        }
        long deadline = System.nanoTime() + 2L * VectorApi.WARM_UP_LIMIT_SECONDS * 1_000_000_000L;
        while (!VectorApi.warm() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(VectorApi.warm()).as("warm-up finished").isTrue();
        assertThat(VectorApi.use(1)).isTrue();
        assertThat(Samplers.warmUpVectorPath()).isTrue();
        float[] viaDefault = new float[100_003];
        float[] scalar = new float[viaDefault.length];
        Samplers.normal(STREAM, 77, 77 + viaDefault.length, 0.5, 2.0, viaDefault, 0);
        Samplers.normal(STREAM, 77, 77 + scalar.length, 0.5, 2.0, scalar, 0, false);
        assertThat(bits(viaDefault)).isEqualTo(bits(scalar));
    }

    private static float[] normalChunk(int[] words, int len, boolean vector) {
        float[] dst = new float[len + 3];
        NormalFill fill =
                new NormalFill(len, 0.25, 1.5, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, dst, 3, vector);
        fill.normalChunk(words, len, 0);
        fill.finish();
        return dst;
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "normal", "truncated", "far"})
    void vectorShardsEqualOneScalarFill(String law) {
        long[][] ranges = {
            {0, 3 * WordChunks.CHUNK + 77},
            {(1L << 40) + 3, (1L << 40) + 9000},
            // Element 2^34 is word 0 of block 2^32: the low counter word wraps there.
            {(1L << 34) - 4001, (1L << 34) + 3003}
        };
        for (long[] range : ranges) {
            long from = range[0];
            long to = range[1];
            float[] whole = new float[(int) (to - from)];
            fill(law, from, to, whole, 0, false);
            float[] pieced = new float[whole.length];
            long[] cuts = {0, 1, 3, 17, 18, 4093, 4099, 4100, 7001, to - from};
            for (int i = 0; i + 1 < cuts.length; i++) {
                fill(law, from + cuts[i], from + cuts[i + 1], pieced, (int) cuts[i], true);
            }
            assertThat(bits(pieced)).as("%s [%d, %d)", law, from, to).isEqualTo(bits(whole));
        }
    }

    private static void fill(String law, long from, long to, float[] dst, int off, boolean vector) {
        switch (law) {
            case "uniform" -> Samplers.uniform(STREAM, from, to, -2f, 3f, dst, off, vector);
            case "normal" -> Samplers.normal(STREAM, from, to, 0.0, 0.03, dst, off, vector);
            case "truncated" -> Samplers.truncatedNormal(STREAM, from, to, 0.1, 0.02, -2, 2, dst, off, vector);
            default -> Samplers.truncatedNormal(STREAM, from, to, 0.0, 1.0, 5, 6, dst, off, vector);
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
