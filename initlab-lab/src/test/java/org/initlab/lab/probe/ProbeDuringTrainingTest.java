package org.initlab.lab.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.core.init.Registry;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;
import org.junit.jupiter.api.Test;

class ProbeDuringTrainingTest {
    @Test
    void samplesEveryNStepsWithUpdateRatiosThatMatchPlainSgd() {
        Sequential net = ModelSpec.parse("mlp(20,[32],10,act=relu)");
        InitPlan.allWeights(Registry.parse("he_normal")).apply(net, 1);
        Dataset data = VerdictsTest.gaussianBatch(64, 20, 10, 1);
        Probe probe = new Probe(3);
        Trainer trainer = new Trainer(net, new Sgd(0.05), List.of(probe));
        float[] w0 = null;
        double expectedRatio = Double.NaN;
        for (int step = 0; step < 7; step++) {
            if (step == 3) {
                w0 = net.parameters().get(0).value().clone();
            }
            trainer.trainStep(data);
            if (step == 3) {
                double delta = 0;
                double norm = 0;
                float[] w1 = net.parameters().get(0).value();
                for (int k = 0; k < w1.length; k++) {
                    delta += Math.pow((double) w1[k] - w0[k], 2);
                    norm += (double) w0[k] * w0[k];
                }
                expectedRatio = Math.sqrt(delta / norm);
            }
        }
        List<Snapshot> snaps = probe.snapshots();
        assertThat(snaps).extracting(Snapshot::step).containsExactly(0L, 3L, 6L);
        LayerStats dense = snaps.get(1).layers().get(0);
        assertThat(dense.updateRatio()).isCloseTo(expectedRatio, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(snaps.get(1).layers().get(1).updateRatio()).isNaN(); // the activation has no weights
        assertThat(dense.updateRatio()).isBetween(1e-5, 1e-1);
    }

    @Test
    void atInitializationChangesNoParameter() {
        Sequential net = ModelSpec.parse("mlp(20,[32],10,act=tanh)");
        InitPlan.defaults().apply(net, 2);
        List<float[]> before =
                net.parameters().stream().map(p -> p.value().clone()).toList();
        Probe.atInitialization(net, VerdictsTest.gaussianBatch(32, 20, 10, 2));
        for (int i = 0; i < before.size(); i++) {
            assertThat(net.parameters().get(i).value()).containsExactly(before.get(i));
            for (float g : net.parameters().get(i).grad()) {
                assertThat(g).isZero();
            }
        }
    }

    @Test
    void aBadIntervalIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Probe(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
