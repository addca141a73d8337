package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Zeros;
import org.junit.jupiter.api.Test;

class TrainingTest {
    private static Sequential mlp() {
        return new Sequential(List.of(
                new Dense("0", 2, 16),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Dense("2", 16, 16),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Dense("4", 16, 2)));
    }

    /** XOR: 4 points, 2 classes. */
    private static final Tensor X = new Tensor(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);

    private static final int[] Y = {0, 1, 1, 0};

    private static double train(Sequential net, int steps) {
        Adam adam = new Adam(0.05);
        double loss = Double.NaN;
        for (int s = 0; s < steps; s++) {
            net.zeroGrad();
            LossValue l = Losses.softmaxCrossEntropy(net.forward(X, true), Y);
            net.backward(l.gradient());
            adam.step(net.parameters());
            loss = l.value();
        }
        return loss;
    }

    @Test
    void aSmallMlpOverfitsXor() {
        Sequential net = mlp();
        InitPlan.defaults().apply(net, 1);
        assertThat(train(net, 300)).isLessThan(0.01);
    }

    @Test
    void zeroInitNeverBreaksSymmetry() {
        Sequential net = mlp();
        InitPlan.allWeights(new Zeros()).apply(net, 1);
        double loss = train(net, 300);
        assertThat(loss).isGreaterThan(0.6); // stays at log 2 = 0.693
        Dense hidden = (Dense) net.layers().get(2);
        float[] w = hidden.weight().value();
        for (float v : w) {
            assertThat(v).isEqualTo(w[0]);
        }
    }

    @Test
    void trainingIsDeterministicForASeed() {
        Sequential a = mlp();
        Sequential b = mlp();
        InitPlan.defaults().apply(a, 42);
        InitPlan.defaults().apply(b, 42);
        train(a, 50);
        train(b, 50);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).value())
                    .isEqualTo(b.parameters().get(i).value());
        }
    }

    @Test
    void theDefaultPlanPicksByActivationAndRole() {
        Sequential net = mlp();
        InitPlan plan = InitPlan.defaults();
        Dense first = (Dense) net.layers().get(0);
        assertThat(plan.resolve(first.weight(), "dense", Activation.RELU, Double.NaN))
                .isEqualTo(new HeNormal());
        assertThat(plan.resolve(first.bias(), "dense", Activation.RELU, Double.NaN))
                .isEqualTo(new Zeros());
        assertThat(plan.resolve(first.weight(), "dense", Activation.TANH, Double.NaN))
                .isEqualTo(new org.initlab.core.init.GlorotUniform());
    }

    @Test
    void plansReachIntoResidualBranchesAndRuleOnAlphaGivesReZero() {
        Sequential branch = new Sequential(List.of(
                new Dense("0.0", 4, 4), new ActivationLayer(Activation.RELU, Double.NaN), new Dense("0.2", 4, 4)));
        Sequential net = new Sequential(List.of(new Residual("0", branch, true)));
        List<InitPlan.Rule> rules = new java.util.ArrayList<>();
        rules.add(new InitPlan.Rule("*.alpha", null, null, null, new Zeros()));
        rules.addAll(InitPlan.defaults().rules());
        new InitPlan(rules).apply(net, 5);
        Parameter alpha = net.parameters().get(net.parameters().size() - 1);
        assertThat(alpha.path()).isEqualTo("0.alpha");
        assertThat(alpha.value()[0]).isZero();
        Tensor x = new Tensor(new float[] {1, 2, 3, 4}, 1, 4);
        assertThat(net.forward(x, false).data()).containsExactly(1, 2, 3, 4); // ReZero starts as identity
        assertThat(branch.parameters().get(0).value()).isNotEqualTo(new float[16]); // He-initialized, not zero
    }
}
