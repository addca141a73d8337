package org.initlab.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Known-answer tests from the Random123 distribution (D. E. Shaw Research), file
 * {@code tests/kat_vectors}, lines {@code philox4x32 10 <ctr x4> <key x2> <expected x4>}.
 */
class Philox4x32Test {

    private static int[] block(int c0, int c1, int c2, int c3, int k0, int k1) {
        int[] out = new int[6];
        Philox4x32.block(c0, c1, c2, c3, k0, k1, out, 1);
        assertThat(out[0]).as("word before off untouched").isZero();
        assertThat(out[5]).as("word after off + 3 untouched").isZero();
        return new int[] {out[1], out[2], out[3], out[4]};
    }

    @Test
    void zeroCounterZeroKey() {
        assertThat(block(0, 0, 0, 0, 0, 0)).containsExactly(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
    }

    @Test
    void allOnesCounterAllOnesKey() {
        assertThat(block(-1, -1, -1, -1, -1, -1)).containsExactly(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
    }

    @Test
    void piDigitsCounterAndKey() {
        assertThat(block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0))
                .containsExactly(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
    }

    @Test
    void singleWordAgreesWithBlock() {
        int[] full = block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0);
        for (int r = 0; r < 4; r++) {
            assertThat(Philox4x32.blockWord(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, r))
                    .isEqualTo(full[r]);
        }
    }

    @Test
    void rejectsAnOutputWithoutRoom() {
        assertThatThrownBy(() -> Philox4x32.block(0, 0, 0, 0, 0, 0, new int[5], 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
