package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.initlab.core.gain.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Layer#backwardParameters} adds exactly what {@link Layer#backward} adds to the
 * parameters' gradients (compared bit for bit), for the layers that skip their input gradient
 * (convolutions on both input-gradient paths, dense, sequential) and for those that inherit the
 * default (batch norm, flatten); the trainer leaves the model's input gradient out unless an observer needs it, and the
 * trained weights are the same bits either way.
 */
class BackwardParametersTest {

    /** A fresh, initialized layer of the named case (two calls give equal layers). */
    private static Layer layer(String name) {
        Layer l = switch (name) {
            case "conv_same" -> new Conv2D("0", 3, 4, 3, 1, 1, 1);
            case "conv_strided" -> new Conv2D("0", 3, 4, 3, 2, 1, 1);
            case "conv_grouped" -> new Conv2D("0", 4, 6, 3, 1, 2, 2);
            case "conv_rectangular" -> new Conv2D("0", 3, 4, 2, 3, 1, 1, 1);
            case "dense" -> new Dense("0", 3 * 6 * 6, 5);
            case "flatten_dense" -> new Sequential(List.of(new Flatten(), new Dense("1", 3 * 6 * 6, 5)));
            case "batch_norm" -> new BatchNorm("0", 3, 1e-5);
            case "network" ->
                new Sequential(List.of(
                        new Conv2D("0", 3, 4, 3, 1, 1, 1),
                        new BatchNorm("1", 4, 1e-5),
                        new ActivationLayer(Activation.RELU, Double.NaN),
                        new MaxPool2D(2, 2),
                        new Flatten(),
                        new Dense("5", 4 * 3 * 3, 2)));
            default -> throw new IllegalArgumentException(name);
        };
        if (!l.parameters().isEmpty()) {
            InitPlan.defaults().apply(new Sequential(List.of(l)), 7);
        }
        return l;
    }

    private static List<float[]> gradients(Layer l, boolean inputGradient) {
        int channels = l instanceof Conv2D c && c.groups() == 2 ? 4 : 3;
        Tensor x = l instanceof Dense
                ? GradientCheck.randomInput(8, 2, channels * 6 * 6)
                : GradientCheck.randomInput(8, 2, channels, 6, 6);
        Tensor y = l.forward(x, true);
        Tensor g = GradientCheck.randomInput(9, y.shape());
        for (int step = 0; step < 2; step++) { // twice: gradients accumulate the same way
            if (inputGradient) {
                assertThat(l.backward(g).shape()).containsExactly(x.shape());
            } else {
                l.backwardParameters(g);
            }
        }
        List<float[]> out = new ArrayList<>();
        for (Parameter p : l.parameters()) {
            out.add(p.grad().clone());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "conv_same",
                "conv_strided",
                "conv_grouped",
                "conv_rectangular",
                "dense",
                "flatten_dense",
                "batch_norm",
                "network"
            })
    void backwardParametersAddsTheBitsOfBackward(String name) {
        List<float[]> full = gradients(layer(name), true);
        List<float[]> parametersOnly = gradients(layer(name), false);
        assertThat(full).isNotEmpty().hasSameSizeAs(parametersOnly);
        for (int k = 0; k < full.size(); k++) {
            assertSameBits("parameter " + k, full.get(k), parametersOnly.get(k));
            float[] grad = full.get(k);
            assertThat(java.util.stream.IntStream.range(0, grad.length).anyMatch(i -> grad[i] != 0))
                    .as("parameter %d has a gradient", k)
                    .isTrue();
        }
    }

    private static void assertSameBits(String what, float[] a, float[] b) {
        assertThat(a).as(what).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                throw new AssertionError(what + " differs at " + i + ": " + a[i] + " vs " + b[i]);
            }
        }
    }

    /** Records whether the first layer's input gradient arrived. */
    private static final class Recorder implements Observer {
        private final boolean needs;
        final List<Boolean> firstLayerGradient = new ArrayList<>();

        Recorder(boolean needs) {
            this.needs = needs;
        }

        @Override
        public void backward(long step, int index, Layer layer, Tensor gradOutput, Tensor gradInput) {
            if (index == 0) {
                firstLayerGradient.add(gradInput != null);
            }
        }

        @Override
        public boolean needsInputGradient() {
            return needs;
        }
    }

    private static Sequential trained(Supplier<List<Observer>> observers) {
        Sequential net = (Sequential) layer("network");
        Trainer trainer = new Trainer(net, new Adam(1e-2), observers.get());
        Tensor x = GradientCheck.randomInput(10, 8, 3, 6, 6);
        int[] labels = {0, 1, 1, 0, 1, 0, 0, 1};
        for (int step = 0; step < 3; step++) {
            trainer.trainStep(new Dataset("toy", x, labels, 2));
        }
        return net;
    }

    @Test
    void theTrainerComputesTheInputGradientOnlyForAnObserverThatNeedsIt() {
        Recorder needs = new Recorder(true);
        Recorder doesNot = new Recorder(false);
        trained(() -> List.of(needs));
        trained(() -> List.of(doesNot));
        assertThat(needs.firstLayerGradient).containsExactly(true, true, true);
        assertThat(doesNot.firstLayerGradient).containsExactly(false, false, false);
        assertThat(new Observer() {}.needsInputGradient()).isTrue();
    }

    @Test
    void leavingTheInputGradientOutChangesNoTrainedWeight() {
        Sequential with = trained(() -> List.of(new Recorder(true)));
        Sequential without = trained(List::of);
        for (int k = 0; k < with.parameters().size(); k++) {
            assertSameBits(
                    with.parameters().get(k).path(),
                    with.parameters().get(k).value(),
                    without.parameters().get(k).value());
        }
    }
}
