package org.initlab.core.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FansTest {

    @ParameterizedTest(name = "{0} {1} groups={2} transposed={3}")
    @CsvSource(delimiter = ';', textBlock = """
            # shape          ; layout  ; groups ; transposed ; fan_in ; fan_out ; rf ; torch_in ; torch_out
            256,784          ; pytorch ; 1 ; false ; 784  ; 256  ; 1  ; 784 ; 256
            784,256          ; keras   ; 1 ; false ; 784  ; 256  ; 1  ; 784 ; 256
            64,32,3,3        ; pytorch ; 1 ; false ; 288  ; 576  ; 9  ; 288 ; 576
            3,3,32,64        ; keras   ; 1 ; false ; 288  ; 576  ; 9  ; 288 ; 576
            64,8,3,3         ; pytorch ; 4 ; false ; 72   ; 144  ; 9  ; 72  ; 576
            3,3,8,64         ; keras   ; 4 ; false ; 72   ; 144  ; 9  ; 72  ; 576
            32,1,3,3         ; pytorch ; 32; false ; 9    ; 9    ; 9  ; 9   ; 288
            32,64,4,4        ; pytorch ; 1 ; true  ; 512  ; 1024 ; 16 ; 1024; 512
            4,4,64,32        ; keras   ; 1 ; true  ; 512  ; 1024 ; 16 ; 1024; 512
            32,16,4,4        ; pytorch ; 2 ; true  ; 256  ; 256  ; 16 ; 256 ; 512
            16,8,5           ; pytorch ; 1 ; false ; 40   ; 80   ; 5  ; 40  ; 80
            16,8,3,3,3       ; pytorch ; 1 ; false ; 216  ; 432  ; 27 ; 216 ; 432
            """)
    void fansOfDenseAndConvolutionKernels(
            String shape,
            String layout,
            int groups,
            boolean transposed,
            long fanIn,
            long fanOut,
            long rf,
            long torchIn,
            long torchOut) {
        Fans f = Fans.of(Shape.parse(shape), Layout.parse(layout), groups, transposed);
        assertThat(f.fanIn()).as("fan_in").isEqualTo(fanIn);
        assertThat(f.fanOut()).as("fan_out").isEqualTo(fanOut);
        assertThat(f.receptiveField()).as("receptive field").isEqualTo(rf);
        assertThat(f.pytorchFanIn()).as("PyTorch's fan_in").isEqualTo(torchIn);
        assertThat(f.pytorchFanOut()).as("PyTorch's fan_out").isEqualTo(torchOut);
    }

    @Test
    void depthwiseConvolutionHasFanOutOfOneChannelTimesKernel() {
        // PyTorch issue 23854: for [C, 1, k, k] with groups=C, each input channel feeds one output channel.
        Fans f = Fans.of(Shape.of(128, 1, 3, 3), Layout.PYTORCH, 128, false);
        assertThat(f.fanOut()).isEqualTo(9);
        assertThat(f.pytorchFanOut()).isEqualTo(128 * 9);
    }

    @Test
    void rankBelowTwoIsRejectedWithAHint() {
        assertThatThrownBy(() -> Fans.of(Shape.of(10), Layout.PYTORCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2 or more")
                .hasMessageContaining("[10]")
                .hasMessageContaining("bias");
    }

    @Test
    void groupsMustDivideTheChannels() {
        assertThatThrownBy(() -> Fans.of(Shape.of(10, 4, 3, 3), Layout.PYTORCH, 3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups=3");
        assertThatThrownBy(() -> Fans.of(Shape.of(10, 4), Layout.PYTORCH, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups must be >= 1");
    }

    @Test
    void shapesAreParsedAndBadOnesRejected() {
        assertThat(Shape.parse("[64, 3, 3, 3]")).isEqualTo(Shape.of(64, 3, 3, 3));
        assertThat(Shape.parse("4096x4096").size()).isEqualTo(4096L * 4096);
        assertThatThrownBy(() -> Shape.parse("64,abc")).hasMessageContaining("'abc'");
        assertThat(Shape.parse("3, 3 x 4")).isEqualTo(Shape.of(3, 3, 4));
        for (String empty : new String[] {"3,,3", "3,3,", ",3", "3x,3"}) {
            assertThatThrownBy(() -> Shape.parse(empty))
                    .as(empty)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad shape '" + empty + "'")
                    .hasMessageContaining("is empty");
        }
        assertThatThrownBy(() -> Shape.of(3, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Shape.of(65536, 65536).intSize()).hasMessageContaining("shard");
    }
}
