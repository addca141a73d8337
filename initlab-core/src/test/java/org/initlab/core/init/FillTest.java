package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FillTest {
    @Test
    void rangesOutsideTheTensorOrTheDestinationAreRejected() {
        Target t = Target.of(4, 4);
        float[] dst = new float[16];
        assertThatThrownBy(() -> Fill.range(new Normal(), t, 10, 20, dst, 0, 1))
                .hasMessageContaining("not inside the tensor of 16 elements");
        assertThatThrownBy(() -> Fill.range(new Normal(), t, 5, 3, dst, 0, 1)).hasMessageContaining("[5, 3)");
        assertThatThrownBy(() -> Fill.range(new Normal(), t, 0, 16, new float[8], 0, 1))
                .hasMessageContaining("cannot hold 16");
        assertThatThrownBy(() -> Fill.range(new Normal(), t, 0, 16, dst, 0, 0))
                .hasMessageContaining("threads must be >= 1");
    }
}
