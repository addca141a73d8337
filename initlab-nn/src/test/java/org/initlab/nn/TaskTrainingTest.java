package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.junit.jupiter.api.Test;

/** The trainer on the tasks beyond per-example classification: regression and labels per step. */
class TaskTrainingTest {
    /** y = 2 x0 - x1 + 0.5 on uniform inputs in [-1, 1]². */
    private static Dataset linear(int n, long seed) {
        float[] x = new float[2 * n];
        Samplers.uniform(RandomStream.of(seed, "toy/linear"), 0, 2L * n, -1f, 1f, x, 0);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = 2 * x[2 * i] - x[2 * i + 1] + 0.5f;
        }
        return new Dataset("linear", new Tensor(x, n, 2), new Tensor(y, n, 1));
    }

    @Test
    void regressionMinimizesTheMeanSquaredErrorAndReportsNoAccuracy() {
        Sequential net = ModelSpec.parse("mlp(2,[],1)");
        InitPlan.defaults().apply(net, 1);
        Dataset test = linear(100, 2);
        double before = Trainer.evaluate(net, test).loss();
        List<Trainer.Epoch> h = new Trainer(net, new Adam(0.05), List.of())
                .fit(linear(200, 1), test, new Trainer.Config(30, 20, 3), new Trainer.Listener() {});
        Trainer.Epoch last = h.get(h.size() - 1);
        assertThat(last.trainAccuracy()).isNaN();
        assertThat(last.testAccuracy()).isNaN();
        assertThat(last.testLoss()).isLessThan(1e-3 * before);
        assertThat(last.testRootMeanSquaredError()).isCloseTo(Math.sqrt(last.testLoss()), within(1e-15));
        Dense d = (Dense) net.layers().get(0);
        assertThat(d.weight().value()).containsExactly(new float[] {2f, -1f}, within(0.02f));
        assertThat(d.bias().value()[0]).isCloseTo(0.5f, within(0.02f));
    }

    /**
     * One-hot symbols of 3 kinds; the label of step t is the symbol of step t-1 (of step 0 at
     * t = 0). A model without memory is right at step 0 and a third of the time elsewhere.
     */
    private static Dataset echo(int n, int steps, long seed) {
        int[] words = new int[n * steps];
        RandomStream.of(seed, "toy/echo").words(0, words.length, words, 0);
        float[] x = new float[n * steps * 3];
        int[] y = new int[n * steps];
        for (int i = 0; i < n * steps; i++) {
            int symbol = Integer.remainderUnsigned(words[i], 3);
            x[3 * i + symbol] = 1;
            int t = i % steps;
            y[i] = t == 0 ? symbol : Integer.remainderUnsigned(words[i - 1], 3);
        }
        return new Dataset("echo", new Tensor(x, n, steps, 3), new Labels.StepClasses(y, steps, 3));
    }

    @Test
    void aRecurrentNetLearnsLabelsPerStep() {
        Sequential net = ModelSpec.parse("rnn(3,16,3,steps=all)");
        InitPlan.defaults().apply(net, 4);
        Dataset test = echo(100, 6, 5);
        Trainer.Evaluation before = Trainer.evaluate(net, test);
        List<Trainer.Epoch> h = new Trainer(net, new Adam(0.02), List.of())
                .fit(echo(300, 6, 6), test, new Trainer.Config(5, 20, 7), new Trainer.Listener() {});
        double memoryless = 1.0 / 6 + 5.0 / 6 / 3;
        assertThat(before.accuracy()).isLessThan(0.6);
        assertThat(h.get(h.size() - 1).testAccuracy()).isGreaterThan(0.95).isGreaterThan(memoryless + 0.4);
        assertThat(h.get(h.size() - 1).testLoss()).isLessThan(before.loss() / 5);
    }

    @Test
    void chunkedEvaluationKeepsTheOutputShapeOfSequences() {
        Sequential net = ModelSpec.parse("rnn(3,4,3,steps=all)");
        InitPlan.defaults().apply(net, 8);
        Dataset data = echo(Trainer.EVAL_CHUNK + 7, 2, 9);
        Tensor all = Trainer.logits(net, data);
        assertThat(all.shape()).containsExactly(Trainer.EVAL_CHUNK + 7, 2, 3);
        assertThat(all.data())
                .containsExactly(net.forward(data.features(), false).data());
        Trainer.Evaluation e = Trainer.evaluate(net, data);
        assertThat(e.loss()).isEqualTo(data.targets().loss(all).value());
        long[] c = data.targets().correct(all);
        assertThat(e.accuracy()).isEqualTo((double) c[0] / c[1]).isEqualTo(Trainer.accuracy(net, data));
    }

    @Test
    void permutationsAreSeededAndComplete() {
        int[] a = Trainer.permutation(50, RandomStream.of(1, "p"));
        assertThat(a)
                .containsExactlyInAnyOrder(
                        java.util.stream.IntStream.range(0, 50).toArray());
        assertThat(Trainer.permutation(50, RandomStream.of(1, "p"))).containsExactly(a);
        assertThat(Trainer.permutation(50, RandomStream.of(2, "p"))).isNotEqualTo(a);
    }
}
