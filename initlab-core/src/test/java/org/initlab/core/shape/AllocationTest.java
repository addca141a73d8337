package org.initlab.core.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.initlab.core.shape.Allocation.AllocationError;
import org.junit.jupiter.api.Test;

class AllocationTest {
    @Test
    void theElementCountIsExactAndTheArrayZero() {
        float[] a = Allocation.floats(3, 5, 7);
        assertThat(a).hasSize(105).containsOnly(0f);
        assertThat(Allocation.floats(Shape.of(4, 2))).hasSize(8);
        assertThat(Allocation.floats(0, 1_000_000)).isEmpty();
        assertThat(Allocation.elements(46_340, 46_340)).isEqualTo(46_340 * 46_340);
    }

    @Test
    void productsThatWouldOverflowAnIntAreRefusedNamingTheShape() {
        // 65536 · 65536 is 2^32, which wraps to 0 in int arithmetic; 2^31 + 2^30 wraps negative
        assertThatThrownBy(() -> Allocation.elements(65_536, 65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "a tensor of shape [65536, 65536] has 4294967296 elements, more than the 2147483639 one Java array holds");
        assertThatThrownBy(() -> Allocation.floats(3, 1 << 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 1073741824]");
        assertThatThrownBy(() -> Allocation.floats(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(" has 9903520300447984150353281023 elements");
        assertThatThrownBy(() -> Allocation.elements(4, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative dimension -1");
    }

    @Test
    void aRequestAboveTheHeapMaximumFailsBeforeAllocatingWithShapeAndBytes() {
        long max = Runtime.getRuntime().maxMemory();
        // [rows, 2] float32 is 8·rows bytes, just above the heap maximum (possible while that fits one array: a heap
        // below 16 GiB)
        long rows = max / 8 + 1;
        if (2 * rows <= Allocation.MAX_ARRAY) {
            assertThatThrownBy(() -> Allocation.floats((int) rows, 2))
                    .isInstanceOf(AllocationError.class)
                    .hasMessageStartingWith("out of memory allocating [" + rows + ", 2] float32 (");
        }
        assertThatThrownBy(() -> Allocation.require(max + 1, "the arrays of x.npz"))
                .isInstanceOf(AllocationError.class)
                .isInstanceOf(OutOfMemoryError.class)
                .hasMessage("out of memory allocating the arrays of x.npz (" + Allocation.binaryUnits(max + 1) + ")")
                .satisfies(e -> assertThat(((AllocationError) e).bytes()).isEqualTo(max + 1));
        Allocation.require(max, "exactly the maximum"); // refused only above it
    }

    @Test
    void bytesAreWrittenInBinaryUnitsWithOneDecimal() {
        assertThat(Allocation.binaryUnits(300)).isEqualTo("300 bytes");
        assertThat(Allocation.binaryUnits(1536)).isEqualTo("1.5 KiB");
        assertThat(Allocation.binaryUnits(40_000L * 40_000 * 4)).isEqualTo("6.0 GiB");
        assertThat(Allocation.binaryUnits(8L << 30)).isEqualTo("8.0 GiB");
        assertThat(Allocation.binaryUnits(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }
}
