package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;
import org.initlab.nn.Dense;
import org.initlab.nn.Parameter;
import org.junit.jupiter.api.Test;

class StateDictTest {
    @Test
    void parametersBecomeCopiedF32ArraysKeyedByPathInOrder() {
        Dense d = new Dense("3", 2, 3);
        Parameter w = d.parameters().get(0);
        for (int i = 0; i < w.value().length; i++) {
            w.value()[i] = i + 0.5f;
        }
        StateDict s = StateDict.of(d.parameters());
        assertThat(s.arrays().keySet()).containsExactly("3.weight", "3.bias");
        NdArray weight = s.arrays().get("3.weight");
        assertThat(weight.shape()).containsExactly(3, 2);
        assertThat(weight.dtype()).isEqualTo(DType.F32);
        assertThat(s.metadata()).isEmpty();
        w.value()[0] = 99f; // the state dict holds a copy
        assertThat(weight).isEqualTo(NdArray.ofFloats(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f}, 3, 2));
    }

    @Test
    void twoParametersWithOnePathAreRefused() {
        Parameter a = new Parameter("x", Shape.of(2), Layout.PYTORCH, Role.BIAS, null);
        Parameter b = new Parameter("x", Shape.of(3), Layout.PYTORCH, Role.BIAS, null);
        assertThatThrownBy(() -> StateDict.of(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two parameters with the path 'x'");
    }
}
