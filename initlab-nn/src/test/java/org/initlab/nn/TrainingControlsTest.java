package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;
import org.junit.jupiter.api.Test;

class TrainingControlsTest {
    private static Parameter param(float... grads) {
        Parameter p = new Parameter("p", Shape.of(grads.length), Layout.PYTORCH, Role.BIAS, null);
        System.arraycopy(grads, 0, p.grad(), 0, grads.length);
        return p;
    }

    @Test
    void globalNormClippingRescalesOnlyAboveTheLimit() {
        Parameter a = param(3f);
        Parameter b = param(4f);
        assertThat(Clipping.byGlobalNorm(List.of(a, b), 1)).isEqualTo(5.0);
        assertThat(a.grad()[0]).isCloseTo(0.6f, within(1e-7f));
        assertThat(b.grad()[0]).isCloseTo(0.8f, within(1e-7f));
        Parameter c = param(0.3f);
        Clipping.byGlobalNorm(List.of(c), 1);
        assertThat(c.grad()[0]).isEqualTo(0.3f);
    }

    @Test
    void valueClippingClamps() {
        Parameter p = param(-3f, 0.5f, 2f);
        Clipping.byValue(List.of(p), 1);
        assertThat(p.grad()).containsExactly(-1f, 0.5f, 1f);
    }

    @Test
    void rmsPropFirstStepByHand() {
        Parameter p = param(0.5f);
        p.value()[0] = 1f;
        new RmsProp(0.01, 0.99, 1e-8, 0).step(List.of(p)); // s = 0.01 * 0.25; step = 0.01 * 0.5 / 0.05 = 0.1
        assertThat(p.value()[0]).isCloseTo(0.9f, within(1e-6f));
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertThat(new Schedule.Step(10, 0.5).factor(25)).isEqualTo(0.25);
        assertThat(new Schedule.Cosine(100, 0).factor(50)).isCloseTo(0.5, within(1e-12));
        assertThat(new Schedule.Cosine(100, 0.1).factor(100)).isEqualTo(0.1);
        Schedule warm = new Schedule.WarmUp(4, new Schedule.Constant());
        assertThat(warm.factor(0)).isEqualTo(0.25);
        assertThat(warm.factor(3)).isEqualTo(1.0);
        assertThat(warm.factor(10)).isEqualTo(1.0);
    }
}
