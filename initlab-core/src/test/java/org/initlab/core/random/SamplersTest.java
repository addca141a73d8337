package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact, non-statistical properties of the fills; the laws are in SamplersDistributionTest. */
class SamplersTest {

    private static final RandomStream STREAM = RandomStream.of(2024L, "mlp.fc1.weight");

    /** A fill of {@code [from, to)} into {@code dst} at {@code off}. */
    private interface Fill {
        void into(long from, long to, float[] dst, int off);
    }

    private static final Fill UNIFORM = (f, t, d, o) -> Samplers.uniform(STREAM, f, t, -0.3f, 0.7f, d, o);
    private static final Fill NORMAL = (f, t, d, o) -> Samplers.normal(STREAM, f, t, 0.1, 0.02, d, o);
    private static final Fill TRUNCATED =
            (f, t, d, o) -> Samplers.truncatedNormal(STREAM, f, t, 0.0, 0.05, -1.0, 3.0, d, o);
    /** Every element in the quantile's tails: tail batches fill up and flush mid-chunk. */
    private static final Fill FAR = (f, t, d, o) -> Samplers.truncatedNormal(STREAM, f, t, 0.0, 0.05, 5.0, 6.0, d, o);

    private static float[] fill(Fill fill, long from, long to) {
        float[] out = new float[(int) (to - from)];
        fill.into(from, to, out, 0);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "normal", "truncated", "far"})
    void shardsAreBitIdenticalToOneWholeFill(String name) {
        Fill fill = switch (name) {
            case "uniform" -> UNIFORM;
            case "normal" -> NORMAL;
            case "far" -> FAR;
            default -> TRUNCATED;
        };
        int n = 3 * WordChunks.CHUNK + 77;
        float[] whole = fill(fill, 0, n);
        long[] cuts = {0, 3, 17, 18, 4093, 4096, 4099, 8195, n};
        float[] pieced = new float[n + 2];
        Arrays.fill(pieced, Float.NaN);
        for (int i = 0; i + 1 < cuts.length; i++) {
            fill.into(cuts[i], cuts[i + 1], pieced, 1 + (int) cuts[i]);
        }
        assertThat(pieced[0]).as("before off").isNaN();
        assertThat(pieced[n + 1]).as("after the range").isNaN();
        for (int i = 0; i < n; i++) {
            assertThat(Float.floatToRawIntBits(pieced[1 + i]))
                    .as("element %d", i)
                    .isEqualTo(Float.floatToRawIntBits(whole[i]));
        }
        long far = (1L << 40) + 3;
        float[] farSlice = fill(fill, far, far + 9);
        assertThat(farSlice).isEqualTo(Arrays.copyOfRange(fill(fill, far - 3, far + 9), 3, 12));
    }

    @Test
    void uniformIsTheDocumentedFunctionOfEachWord() {
        float[] values = fill(UNIFORM, 5, 200);
        for (int k = 0; k < values.length; k++) {
            float u = Uniforms.unitFloat(STREAM.word(5 + k));
            float expected = (float) ((double) -0.3f + ((double) 0.7f - (double) -0.3f) * u);
            assertThat(values[k]).isEqualTo(Math.min(expected, Math.nextDown(0.7f)));
        }
    }

    @Test
    void normalIsTheDocumentedFunctionOfEachWord() {
        // 60,000 words: about 600 in the tails, so more than one batch of them.
        float[] values = fill(NORMAL, 5, 60_005);
        for (int k = 0; k < values.length; k++) {
            double z = SamplingQuantile.quantile(Uniforms.openUnit(STREAM.word(5 + k)));
            assertThat(values[k]).isEqualTo((float) (0.1 + 0.02 * z));
        }
    }

    @Test
    void truncatedNormalIsTheDocumentedFunctionOfEachWord() {
        for (double[] ab : new double[][] {{-1, 3}, {-2, 2}, {5, 6}, {-9, -8}, {0.1, 0.2}}) {
            double a = ab[0];
            double b = ab[1];
            double mass = NormalDistribution.intervalProbability(a, b);
            float lowest = (float) (0.3 + 0.05 * a);
            float highest = (float) (0.3 + 0.05 * b);
            float[] values = new float[3000];
            Samplers.truncatedNormal(STREAM, 5, 5 + values.length, 0.3, 0.05, a, b, values, 0);
            for (int k = 0; k < values.length; k++) {
                int w = STREAM.word(5 + k);
                double t = NormalDistribution.cdf(a) + Uniforms.openUnit(w) * mass;
                double s = NormalDistribution.upperTail(b) + Uniforms.openUnit(~w) * mass;
                double z = Math.abs(t - 0.5) <= 0.495
                        ? SamplingQuantile.central(t - 0.5)
                        : t < 0.5 ? SamplingQuantile.quantile(t) : -SamplingQuantile.quantile(s);
                float v = (float) (0.3 + 0.05 * z);
                assertThat(values[k])
                        .as("[%s, %s] element %d", a, b, k)
                        .isEqualTo(Math.min(Math.max(v, lowest), highest));
            }
        }
    }

    @Test
    void truncatedNormalIsAnIncreasingFunctionOfTheWord() {
        // Inversion maps the unsigned word monotonically to the value, tail branch included.
        for (double[] ab : new double[][] {{-1, 3}, {-2, 2}, {5, 6}, {-9, -8}, {-0.1, 0.2}}) {
            float[] values = new float[5000];
            Samplers.truncatedNormal(STREAM, 0, values.length, 0.0, 1.0, ab[0], ab[1], values, 0);
            Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparing(i -> STREAM.word(i), Integer::compareUnsigned));
            for (int i = 1; i < order.length; i++) {
                assertThat(values[order[i]]).as("[%s, %s]", ab[0], ab[1]).isGreaterThanOrEqualTo(values[order[i - 1]]);
            }
        }
    }

    @Test
    void untruncatedNormalAgreesWithNormalToAFloatUlp() {
        float[] plain = new float[20_000];
        float[] unbounded = new float[plain.length];
        Samplers.normal(STREAM, 0, plain.length, 0.0, 1.0, plain, 0);
        Samplers.truncatedNormal(
                STREAM, 0, plain.length, 0.0, 1.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, unbounded, 0);
        for (int i = 0; i < plain.length; i++) {
            assertThat(Math.abs(unbounded[i] - plain[i])).isLessThanOrEqualTo(Math.ulp(plain[i]));
        }
    }

    @Test
    void uniformNeverReachesItsUpperBound() {
        // One float ulp wide: low + width * u rounds to high for u >= 1/2 without the clamp.
        float[] values = new float[10_000];
        Samplers.uniform(STREAM, 0, values.length, 1.0f, Math.nextUp(1.0f), values, 0);
        assertThat(values).containsOnly(1.0f);
        Samplers.uniform(STREAM, 0, values.length, -1e30f, 1e30f, values, 0);
        for (float v : values) {
            assertThat(v).isBetween(-1e30f, Math.nextDown(1e30f));
        }
    }

    @Test
    void normalStaysWithinTheRangeThatThirtyTwoBitsCanReach() {
        double reach = -NormalDistribution.quantile(0x1.0p-33); // 6.3379...
        float[] values = fill(NORMAL, 0, 100_000);
        for (float v : values) {
            assertThat(Math.abs(v - 0.1)).isLessThanOrEqualTo(0.02 * reach + 1e-7);
        }
    }

    @Test
    void emptyRangeWritesNothing() {
        float[] dst = {Float.NaN};
        UNIFORM.into(7, 7, dst, 1);
        NORMAL.into(7, 7, dst, 0);
        TRUNCATED.into(0, 0, dst, 0);
        assertThat(dst[0]).isNaN();
    }

    @Test
    void rejectsBadParametersSayingWhatWasWrong() {
        float[] dst = new float[8];
        assertThatThrownBy(() -> Samplers.uniform(STREAM, 0, 8, 1f, 1f, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("low < high")
                .hasMessageContaining("low=1.0, high=1.0");
        assertThatThrownBy(() -> Samplers.uniform(STREAM, 0, 8, 0f, Float.POSITIVE_INFINITY, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> Samplers.normal(STREAM, 0, 8, 0, 0, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std=0.0");
        assertThatThrownBy(() -> Samplers.normal(STREAM, 0, 8, Double.NaN, 1, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mean=NaN");
        assertThatThrownBy(() -> Samplers.truncatedNormal(STREAM, 0, 8, 0, -1, -2, 2, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std=-1.0");
        assertThatThrownBy(() -> Samplers.truncatedNormal(STREAM, 0, 8, 0, 1, 2, 2, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a < b")
                .hasMessageContaining("a=2.0, b=2.0");
        assertThatThrownBy(() -> Samplers.truncatedNormal(STREAM, 0, 8, 0, 1, Double.NaN, 2, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=NaN");
        assertThatThrownBy(() -> Samplers.truncatedNormal(STREAM, 0, 8, 0, 1, 40, 41, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[40.0, 41.0]")
                .hasMessageContaining("37 standard deviations");
        assertThatThrownBy(() -> Samplers.normal(STREAM, 4, 2, 0, 1, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from=4, to=2");
        assertThatThrownBy(() -> Samplers.normal(STREAM, -1, 2, 0, 1, dst, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from=-1");
        assertThatThrownBy(() -> Samplers.normal(STREAM, 0, 9, 0, 1, dst, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
