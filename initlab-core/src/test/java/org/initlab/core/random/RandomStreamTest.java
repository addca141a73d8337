package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomStreamTest {

    private static final RandomStream STREAM = RandomStream.of(42L, "encoder.layer0.weight");

    private static int[] words(RandomStream s, long from, long to) {
        int[] out = new int[(int) (to - from)];
        s.words(from, to, out, 0);
        return out;
    }

    @Test
    void matchesAnIndependentImplementationOfTheLaw() {
        // Golden values from a separate Python implementation of the documented law
        // (Philox-4x32-10, FNV-1a + SplitMix64 path hash, key = seed halves).
        assertThat(RandomStream.of(0, "").pathHash()).isEqualTo(-780787492076525413L);
        assertThat(RandomStream.of(0, "a").pathHash()).isEqualTo(198367012849983736L);
        assertThat(RandomStream.of(0, "größe").pathHash()).isEqualTo(-4715134936935976984L);
        assertThat(STREAM.pathHash()).isEqualTo(-4317302837948368554L);
        assertThat(words(STREAM, 0, 8))
                .containsExactly(
                        127306304, -808899782, 1491764702, -1295676, 1035720411, 1284957487, -1093200914, -1007445165);
        long far = 1L << 40;
        assertThat(words(RandomStream.of(-1L, "w"), far, far + 6))
                .containsExactly(-1566021444, 1213061486, 1126071093, -1532271432, -529315333, -439326066);
    }

    @Test
    void wordIsTheDocumentedPhiloxOutput() {
        long h = STREAM.pathHash();
        int[] block = new int[4];
        for (long b : new long[] {0, 1, 77, (1L << 32) - 1, 1L << 32, (1L << 60) + 5, (1L << 61) - 1}) {
            Philox4x32.block((int) b, (int) (b >>> 32), (int) h, (int) (h >>> 32), 42, 0, block, 0);
            for (int r = 0; r < 4; r++) {
                assertThat(STREAM.word(4 * b + r)).as("word %d", 4 * b + r).isEqualTo(block[r]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "3, 17",
        "4093, 4100",
        "4093, 12301",
        "0, 1",
        "5, 6",
        "6, 8",
        "1, 3",
        "8, 8",
        "4294967293, 4294967301",
        "17179869163, 17179869207",
        "17179867000, 17179871000"
    })
    void sliceEqualsTheSameSliceOfAWholeFill(long from, long to) {
        long start = Math.max(0, from - 9); // a block-aligned or unaligned larger fill
        int[] whole = words(STREAM, start, to + 5);
        int[] slice = new int[(int) (to - from) + 2];
        STREAM.words(from, to, slice, 1);
        assertThat(slice[0]).isZero();
        assertThat(slice[slice.length - 1]).isZero();
        assertThat(Arrays.copyOfRange(slice, 1, slice.length - 1))
                .isEqualTo(Arrays.copyOfRange(whole, (int) (from - start), (int) (to - start)));
        for (long i = from; i < to; i++) {
            assertThat(STREAM.word(i)).isEqualTo(whole[(int) (i - start)]);
        }
    }

    @Test
    void seedsPathsAndChildrenGiveDifferentWords() {
        int[] base = words(STREAM, 0, 64);
        RandomStream[] others = {
            RandomStream.of(43L, STREAM.path()),
            RandomStream.of(42L + (1L << 32), STREAM.path()), // differs in the key's high half
            RandomStream.of(42L, "encoder.layer0.bias"),
            RandomStream.of(42L, ""),
            STREAM.child("perm"),
            STREAM.child("mask"),
        };
        for (RandomStream other : others) {
            // 64 independent 32-bit words agree in >= 4 places with probability ~ 1e-29.
            int[] w = words(other, 0, 64);
            int same = 0;
            for (int i = 0; i < 64; i++) {
                same += w[i] == base[i] ? 1 : 0;
            }
            assertThat(same).as(other.toString()).isLessThan(4);
        }
        assertThat(words(STREAM.child("perm"), 0, 8)).isNotEqualTo(words(STREAM.child("mask"), 0, 8));
    }

    @Test
    void childIsTheStreamOfTheSuffixedPath() {
        RandomStream child = STREAM.child("perm");
        assertThat(child.seed()).isEqualTo(42L);
        assertThat(child.path()).isEqualTo("encoder.layer0.weight#perm");
        assertThat(child).isEqualTo(RandomStream.of(42L, "encoder.layer0.weight#perm"));
        assertThat(words(child, 0, 16)).isEqualTo(words(RandomStream.of(42L, "encoder.layer0.weight#perm"), 0, 16));
    }

    @Test
    void equalStreamsAreInterchangeable() {
        assertThat(RandomStream.of(42L, "encoder.layer0.weight"))
                .isEqualTo(STREAM)
                .hasSameHashCodeAs(STREAM);
        assertThat(STREAM.toString()).contains("42").contains("encoder.layer0.weight");
    }

    @Test
    void rejectsBadArgumentsWithTheValueReceived() {
        assertThatThrownBy(() -> RandomStream.of(1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() -> STREAM.child(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("child name");
        assertThatThrownBy(() -> STREAM.word(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1")
                .hasMessageContaining("encoder.layer0.weight");
        assertThatThrownBy(() -> STREAM.words(-2, 3, new int[5], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from=-2");
        assertThatThrownBy(() -> STREAM.words(9, 3, new int[5], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from=9")
                .hasMessageContaining("to=3");
        assertThatThrownBy(() -> STREAM.words(0, 1L << 33, new int[5], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> STREAM.words(0, 5, new int[5], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
