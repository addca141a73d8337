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

    @Test
    void theTrainerAppliesClippingAndTheSchedule() {
        // Clipping to a global norm of 1e-9 makes each SGD step move every weight by at most 1e-9.
        Sequential net = ModelSpec.parse("mlp(2,[4],2,act=tanh)");
        InitPlan.defaults().apply(net, 1);
        float[] before = net.parameters().get(0).value().clone();
        new Trainer(net, new Sgd(1), List.of())
                .fit(
                        ToyData.xor(16, 1),
                        null,
                        new Trainer.Config(1, 8, 1, new Schedule.Constant(), 1e-9, Double.NaN),
                        new Trainer.Listener() {});
        float[] after = net.parameters().get(0).value();
        for (int i = 0; i < before.length; i++) {
            assertThat((double) Math.abs(after[i] - before[i])).isLessThanOrEqualTo(2e-9 + Math.ulp(before[i]));
        }
        // A warm-up changes the trajectory relative to a constant rate.
        assertThat(lossAfter(new Schedule.WarmUp(10, new Schedule.Constant())))
                .isNotEqualTo(lossAfter(new Schedule.Constant()));
    }

    private static double lossAfter(Schedule schedule) {
        Sequential net = ModelSpec.parse("mlp(2,[4],2,act=tanh)");
        InitPlan.defaults().apply(net, 1);
        List<Trainer.Epoch> h = new Trainer(net, new Sgd(0.5), List.of())
                .fit(
                        ToyData.xor(64, 1),
                        null,
                        new Trainer.Config(2, 16, 1, schedule, Double.NaN, Double.NaN),
                        new Trainer.Listener() {});
        return h.get(1).loss();
    }
}
