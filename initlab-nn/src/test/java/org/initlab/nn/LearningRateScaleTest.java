package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.DoubleFunction;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;
import org.junit.jupiter.api.Test;

/**
 * A parameter's learning-rate scale is exactly a learning rate of its own: three steps of an
 * optimizer at rate {@code lr} on a parameter with scale {@code s} give the same bits as three
 * steps at rate {@code s·lr} with scale 1 ({@code s} a power of two, so both products are exact),
 * while a neighbour with scale 1 in the same step is unaffected.
 */
class LearningRateScaleTest {
    private static final float[] START = {0.7f, -1.3f, 0.2f};
    private static final float[][] GRADS = {{0.5f, -0.25f, 2f}, {-0.3f, 0.1f, 0.4f}, {0.05f, 0.9f, -1.1f}};

    private static Parameter param(String path) {
        Parameter p = new Parameter(path, Shape.of(3), Layout.PYTORCH, Role.WEIGHT, null);
        System.arraycopy(START, 0, p.value(), 0, 3);
        return p;
    }

    private static void run(Optimizer opt, List<Parameter> ps) {
        for (float[] g : GRADS) {
            for (Parameter p : ps) {
                System.arraycopy(g, 0, p.grad(), 0, 3);
            }
            opt.step(ps, 1);
        }
    }

    private static void scaleActsAsOwnRate(DoubleFunction<Optimizer> at) {
        double lr = 0.1;
        double s = 0.25;
        Parameter scaled = param("scaled");
        scaled.setLrScale(s);
        Parameter plain = param("plain");
        run(at.apply(lr), List.of(scaled, plain));
        Parameter reference = param("reference");
        run(at.apply(lr * s), List.of(reference));
        Parameter unscaled = param("unscaled");
        run(at.apply(lr), List.of(unscaled));
        assertThat(scaled.value()).containsExactly(reference.value());
        assertThat(plain.value()).containsExactly(unscaled.value());
        assertThat(scaled.value()).isNotEqualTo(plain.value());
    }

    @Test
    void sgdWithMomentumAndDecay() {
        scaleActsAsOwnRate(lr -> new Sgd(lr, 0.9, true, 0.01));
    }

    @Test
    void adamAndAdamW() {
        scaleActsAsOwnRate(lr -> new Adam(lr, 0.9, 0.999, 1e-8, 0.01, false));
        scaleActsAsOwnRate(lr -> new Adam(lr, 0.9, 0.999, 1e-8, 0.01, true));
    }

    @Test
    void rmsProp() {
        scaleActsAsOwnRate(lr -> new RmsProp(lr, 0.99, 1e-8, 0.01));
    }

    @Test
    void zeroFreezesAndBadScalesAreRejected() {
        Parameter frozen = param("frozen");
        frozen.setLrScale(0);
        run(new Adam(0.1), List.of(frozen));
        assertThat(frozen.value()).containsExactly(START);
        assertThatThrownBy(() -> frozen.setLrScale(-1))
                .hasMessageContaining("frozen")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> frozen.setLrScale(Double.NaN)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> frozen.setLrScale(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
    }
}
