package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every registered initializer must have, driven by the registry so that a new kind
 * is tested without writing anything: right size, finite values inside the law's bounds,
 * determinism in (seed, path), independence of thread count and shard layout, and moments that
 * match {@link Initializer#expectation}.
 */
class InitializerContractTest {

    /** 1024 x 600 = 614,400 elements: more than two shards of a parallel fill. */
    private static Target targetFor(Initializer init) {
        Target base = Target.of(1024, 600);
        if (init instanceof Dirac || init instanceof DeltaOrthogonal) {
            base = Target.of(128, 96, 5, 5);
        } else if (init instanceof LstmForgetBias) {
            base = Target.of(4 * 153_600); // an LSTM bias [4H]
        }
        return base.withSeed(42).withPath("layer.weight");
    }

    static Stream<Arguments> kinds() {
        return Registry.kinds().stream().map(k -> Arguments.of(k.name(), k.defaults()));
    }

    private static boolean deterministic(Initializer init) {
        return init instanceof Zeros
                || init instanceof Ones
                || init instanceof Constant
                || init instanceof Identity
                || init instanceof Dirac
                || init instanceof ZerO
                || init instanceof LstmForgetBias;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void fillsEveryElementWithFiniteValuesInsideTheBounds(String name, Initializer init) {
        Target t = targetFor(init);
        float[] v = Fill.tensor(init, t);
        Expectation e = init.expectation(t);
        assertThat(v).hasSize((int) t.size());
        for (float x : v) {
            assertThat(Float.isFinite(x)).isTrue();
            assertThat((double) x).isBetween(e.low(), e.high());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void sameSeedAndPathGiveTheSameBytesAndOthersDiffer(String name, Initializer init) {
        Target t = targetFor(init);
        float[] a = Fill.tensor(init, t);
        assertThat(Fill.tensor(init, t)).isEqualTo(a);
        if (!deterministic(init)) {
            assertThat(Arrays.equals(Fill.tensor(init, t.withSeed(43)), a))
                    .as("other seed")
                    .isFalse();
            assertThat(Arrays.equals(Fill.tensor(init, t.withPath("layer.bias")), a))
                    .as("other path")
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void threadsAndShardsDoNotChangeAnyBit(String name, Initializer init) {
        Target t = targetFor(init);
        float[] one = Fill.tensor(init, t, 1);
        assertThat(Fill.tensor(init, t, 2)).isEqualTo(one);
        assertThat(Fill.tensor(init, t, 3)).isEqualTo(one);
        int n = one.length;
        long[] cuts = java.util.stream.LongStream.of(0, 1, 3, 17, 4093, Fill.SHARD + 5, n / 2 + 1, n - 2, n)
                .filter(c -> c <= n)
                .sorted()
                .distinct()
                .toArray();
        float[] pieces = new float[n];
        for (int i = 0; i + 1 < cuts.length; i++) {
            Fill.range(init, t, cuts[i], cuts[i + 1], pieces, (int) cuts[i], 1 + i % 2);
        }
        assertThat(pieces).isEqualTo(one);
    }

    /**
     * Mean within 6 standard errors, std within 2%: for 614,400 elements the standard error of
     * the sample std of these laws is below 0.2% (kurtosis {@literal <=} 10), so 2% is over 10 standard
     * errors and the test fails only on a wrong law.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void momentsMatchTheExpectation(String name, Initializer init) {
        Target t = targetFor(init);
        float[] v = Fill.tensor(init, t);
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        double mean = sum / v.length;
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(ss / v.length);
        Expectation e = init.expectation(t);
        if (e.std() == 0) {
            assertThat(std).isZero();
            assertThat(mean).isEqualTo(e.mean());
            return;
        }
        if (deterministic(init)) {
            assertThat(mean).isCloseTo(e.mean(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(std).isCloseTo(e.std(), org.assertj.core.data.Offset.offset(1e-9));
            return;
        }
        assertThat(Math.abs(mean - e.mean())).as("mean").isLessThan(6 * e.std() / Math.sqrt(v.length) + 1e-12);
        assertThat(std / e.std()).as("std ratio").isBetween(0.98, 1.02);
    }
}
