package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    @Test
    void anMlpLearnsCirclesAndTheRunIsReproducible() {
        Dataset train = ToyData.circles(400, 0.05, 0.5, 1);
        Dataset test = ToyData.circles(200, 0.05, 0.5, 2);
        List<Trainer.Epoch> a = run(train, test);
        List<Trainer.Epoch> b = run(train, test);
        assertThat(a.get(a.size() - 1).testAccuracy()).isGreaterThan(0.95);
        assertThat(a.stream().map(Trainer.Epoch::loss).toList())
                .isEqualTo(b.stream().map(Trainer.Epoch::loss).toList());
    }

    private static List<Trainer.Epoch> run(Dataset train, Dataset test) {
        Sequential net = ModelSpec.parse("mlp(2,[16,16],2,act=relu)");
        InitPlan.defaults().apply(net, 3);
        return new Trainer(net, OptimizerSpec.parse("adam(lr=0.02)"), List.of())
                .fit(train, test, new Trainer.Config(30, 32, 4), new Trainer.Listener() {});
    }

    @Test
    void aNonFiniteValueStopsTheRunWithStepAndLayer() {
        Sequential net = ModelSpec.parse("mlp(2,[4],2,act=tanh)");
        InitPlan.defaults().apply(net, 3);
        Dense last = (Dense) net.layers().get(2);
        last.weight().value()[1] = Float.NaN;
        Trainer t = new Trainer(net, new Sgd(0.1), List.of());
        assertThatThrownBy(
                        () -> t.fit(ToyData.xor(16, 1), null, new Trainer.Config(1, 8, 1), new Trainer.Listener() {}))
                .isInstanceOf(DivergenceException.class)
                .hasMessage("diverged at step 1 of epoch 1 (step 1 of the run): layer 2 (dense 2.weight) output is NaN")
                .extracting(e -> ((DivergenceException) e).step())
                .isEqualTo(0L);
    }

    @Test
    void aDivergingRunKeepsItsFinishedEpochsAndNamesStepAndEpoch() {
        Sequential net = ModelSpec.parse("mlp(2,[4],2,act=tanh)");
        InitPlan.defaults().apply(net, 3);
        Dense last = (Dense) net.layers().get(2);
        List<Integer> heard = new java.util.ArrayList<>();
        // 16 examples in batches of 8: two steps per epoch; a NaN weight planted after epoch 2
        Trainer.Result r = new Trainer(net, new Sgd(0.1), List.of())
                .train(ToyData.xor(16, 1), ToyData.xor(8, 2), new Trainer.Config(5, 8, 1), new Trainer.Listener() {
                    @Override
                    public void epoch(Trainer.Epoch e) {
                        heard.add(e.epoch());
                        if (e.epoch() == 2) {
                            last.weight().value()[0] = Float.NaN;
                        }
                    }
                });
        assertThat(r.diverged()).isTrue();
        assertThat(r.epochs()).extracting(Trainer.Epoch::epoch).containsExactly(1, 2);
        assertThat(heard).containsExactly(1, 2);
        assertThat(r.divergence()).isEqualTo(new Trainer.Divergence(5, 3, 1, "layer 2 (dense 2.weight) output", "NaN"));
        assertThat(r.divergence().message())
                .isEqualTo("diverged at step 1 of epoch 3 (step 5 of the run): layer 2 (dense 2.weight) output is NaN");
    }

    @Test
    void aRunThatFinishesHasNoDivergence() {
        Sequential net = ModelSpec.parse("mlp(2,[4],2,act=tanh)");
        InitPlan.defaults().apply(net, 3);
        Trainer.Result r = new Trainer(net, new Sgd(0.1), List.of())
                .train(ToyData.xor(16, 1), null, new Trainer.Config(3, 8, 1), new Trainer.Listener() {});
        assertThat(r.diverged()).isFalse();
        assertThat(r.divergence()).isNull();
        assertThat(r.epochs()).hasSize(3);
    }

    @Test
    void specsAreParsedAndBadOnesExplained() {
        assertThat(ModelSpec.parse("mlp(784,[256,128],10,act=relu)").parameters())
                .hasSize(6);
        Sequential res = ModelSpec.parse("resmlp(2,8,3,2,act=relu,scale=true)");
        assertThat(res.parameters().stream().map(Parameter::path).toList())
                .contains("0.weight", "2.0.weight", "2.alpha", "8.weight")
                .hasSize(2 + 3 * 5 + 2);
        InitPlan.defaults().apply(res, 1);
        assertThat(new Trainer(res, new Adam(0.01), List.of())
                        .fit(
                                ToyData.circles(200, 0.05, 0.5, 1),
                                ToyData.circles(100, 0.05, 0.5, 2),
                                new Trainer.Config(10, 32, 1),
                                new Trainer.Listener() {})
                        .get(9)
                        .testAccuracy())
                .isGreaterThan(0.9);
        assertThatThrownBy(() -> ModelSpec.parse("mlp(784,256,10)"))
                .hasMessageContaining("expected mlp(IN,[H1,H2,...],OUT");
        assertThatThrownBy(() -> OptimizerSpec.parse("adam(lr=x)")).hasMessageContaining("lr must be a number");
        assertThatThrownBy(() -> OptimizerSpec.parse("lbfgs")).hasMessageContaining("valid: sgd, adam, adamw, rmsprop");
        assertThatThrownBy(() -> OptimizerSpec.parse("sgd(lr=0.1,lr=0.2)"))
                .hasMessage("bad spec 'sgd(lr=0.1,lr=0.2)': argument 'lr' given twice");
        assertThatThrownBy(() -> ModelSpec.parse("mlp(2,[4,,4],2)"))
                .hasMessageContaining("hidden must be a list such as [1, 2], got '[4,,4]'")
                .hasMessageContaining("empty element");
        assertThatThrownBy(() -> ModelSpec.parse("mlp(2,[4,],2)")).hasMessageContaining("empty element");
        assertThatThrownBy(() -> ModelSpec.parse("mlp(2,[99999999999],2)"))
                .hasMessageContaining("99999999999")
                .hasMessageContaining("2147483647");
        assertThat(ModelSpec.parse("mlp(2,[],2)").parameters()).hasSize(2);
        assertThat(org.initlab.nn.model.ModelBuilder.build("cnn(3, 32, 30, 10)").input())
                .containsExactly(3, 32, 30);
        assertThat(OptimizerSpec.parse("rmsprop(lr=0.001)")).isInstanceOf(RmsProp.class);
        assertThatThrownBy(() -> OptimizerSpec.parse("sgd(lr=0.1, momentun=0.9)"))
                .hasMessageContaining("momentun");
    }

    @Test
    void observersSeeEveryLayerBothWays() {
        Sequential net = ModelSpec.parse("mlp(2,[4],2,act=relu)");
        InitPlan.defaults().apply(net, 3);
        int[] counts = new int[2];
        Observer o = new Observer() {
            @Override
            public void forward(long step, int index, Layer layer, Tensor input, Tensor output) {
                counts[0]++;
            }

            @Override
            public void backward(long step, int index, Layer layer, Tensor gradOutput, Tensor gradInput) {
                counts[1]++;
            }
        };
        new Trainer(net, new Sgd(0.1), List.of(o)).trainStep(ToyData.xor(8, 1));
        assertThat(counts).containsExactly(3, 3);
    }

    @Test
    void observersSeeGradientsAndUpdatesOnlyWhenAsked() {
        Sequential net = ModelSpec.parse("mlp(2,[4],2,act=relu)");
        InitPlan.defaults().apply(net, 3);
        List<Long> gradientSteps = new java.util.ArrayList<>();
        List<Long> updateSteps = new java.util.ArrayList<>();
        double[] lastUpdate = new double[1];
        Observer o = new Observer() {
            @Override
            public void gradients(long step, List<Parameter> parameters) {
                gradientSteps.add(step);
                assertThat(parameters).hasSize(4);
            }

            @Override
            public boolean observesUpdates(long step) {
                return step % 2 == 1;
            }

            @Override
            public void updated(long step, List<Parameter> parameters, List<float[]> before) {
                updateSteps.add(step);
                // plain SGD: value - before == -lr * grad, element by element
                Parameter w = parameters.get(0);
                for (int i = 0; i < w.value().length; i++) {
                    assertThat(w.value()[i] - before.get(0)[i])
                            .isCloseTo(-0.1f * w.grad()[i], org.assertj.core.data.Offset.offset(1e-6f));
                }
                lastUpdate[0] = w.value()[0] - before.get(0)[0];
            }
        };
        Trainer t = new Trainer(net, new Sgd(0.1), List.of(o));
        for (int i = 0; i < 4; i++) {
            t.trainStep(ToyData.xor(8, 1));
        }
        assertThat(gradientSteps).containsExactly(0L, 1L, 2L, 3L);
        assertThat(updateSteps).containsExactly(1L, 3L);
        assertThat(lastUpdate[0]).isNotZero();
    }
}
