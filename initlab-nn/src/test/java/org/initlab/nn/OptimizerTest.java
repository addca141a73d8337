package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;
import org.junit.jupiter.api.Test;

/** Optimizer steps against values computed by hand from the stated update rules. */
class OptimizerTest {
    private static Parameter param(float w, float g) {
        Parameter p = new Parameter("p", Shape.of(1), Layout.PYTORCH, Role.BIAS, null);
        p.value()[0] = w;
        p.grad()[0] = g;
        return p;
    }

    @Test
    void sgdWithMomentumAndNesterov() {
        Parameter p = param(1f, 0.5f);
        Sgd sgd = new Sgd(0.1, 0.9, false, 0);
        sgd.step(List.of(p)); // v = 0.5, w = 1 - 0.05 = 0.95
        assertThat(p.value()[0]).isCloseTo(0.95f, within(1e-7f));
        sgd.step(List.of(p)); // v = 0.45 + 0.5 = 0.95, w = 0.95 - 0.095 = 0.855
        assertThat(p.value()[0]).isCloseTo(0.855f, within(1e-6f));
        Parameter q = param(1f, 0.5f);
        Sgd nesterov = new Sgd(0.1, 0.9, true, 0.1);
        nesterov.step(List.of(q)); // g = 0.5 + 0.1 = 0.6, v = 0.6, d = 0.6 + 0.54 = 1.14, w = 1 - 0.114
        assertThat(q.value()[0]).isCloseTo(0.886f, within(1e-6f));
    }

    @Test
    void adamFirstStepMovesByLearningRateTimesSignAndAdamWDecays() {
        Parameter p = param(1f, 0.3f);
        new Adam(0.01).step(List.of(p)); // m̂ = 0.3, v̂ = 0.09: step = 0.01 * 0.3 / (0.3 + 1e-8)
        assertThat(p.value()[0]).isCloseTo(1f - 0.01f, within(1e-6f));
        Parameter q = param(2f, 0f);
        new Adam(0.1, 0.9, 0.999, 1e-8, 0.5, true).step(List.of(q)); // w -= 0.1 * 0.5 * 2; zero gradient adds nothing
        assertThat(q.value()[0]).isCloseTo(1.9f, within(1e-6f));
        Parameter r = param(2f, 0f);
        new Adam(0.1, 0.9, 0.999, 1e-8, 0.5, false).step(List.of(r)); // L2: g = 1, first step moves by lr
        assertThat(r.value()[0]).isCloseTo(1.9f, within(1e-6f));
    }
}
