package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Fill;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Role;
import org.initlab.core.init.Target;
import org.initlab.core.init.Zeros;
import org.initlab.nn.Adam;
import org.initlab.nn.Dataset;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.LossValue;
import org.initlab.nn.Lstm;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.RecurrentLayer;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;

/**
 * One network of {@link RnnOrthogonal}: built from {@code CELL(2, hidden, 1)}, initialized with the
 * compared law on every gate block of its recurrent matrix, probed for the gradient reaching each
 * step at initialization, and trained with Adam on the adding problem.
 */
final class RnnTraining {
    /** Global gradient norm clip (as in Le et al. 2015 and Arjovsky et al. 2016, who clip at 1 or similar). */
    static final double CLIP_NORM = 1.0;
    /** The LSTM forget gate's initial bias. */
    static final float FORGET_BIAS = 1f;
    /** Training sequences the gradient probe averages over. */
    static final int PROBE_EXAMPLES = 256;

    private RnnTraining() {}

    /**
     * One trained network.
     *
     * @param stepGradients norm over the probe batch of {@code ∂L/∂x_t} at initialization, {@code t = 1..T}
     * @param testMse test mean squared error after each epoch (NaN from the epoch a run diverged)
     */
    record Trained(double[] stepGradients, double[] testMse) {}

    /** {@code cell(2, hidden, 1)}: the cell over {@code [n, T, 2]} sequences, its last state, a dense output. */
    static Sequential model(String cell, int hidden) {
        return ModelSpec.parse(cell + "(2," + hidden + ",1)");
    }

    /**
     * Input and output weights Glorot uniform, biases zero except the LSTM's forget gate at
     * {@value #FORGET_BIAS} (Keras's {@code unit_forget_bias}; Jozefowicz, Zaremba and Sutskever 2015:
     * with 0 the cell halves its memory each step, which no recurrent matrix can undo), then each {@code hidden × hidden} gate block of {@code weight_hh} filled by {@code recurrent}
     * on its own stream ({@code PATH[gate k]}): every gate's recurrent matrix follows the compared
     * law, so "same scale" holds per gate (one orthogonal {@code [4h, h]} matrix would give each
     * LSTM gate singular values near 1/2).
     */
    static void initialize(Sequential net, Initializer recurrent, long seed) {
        new InitPlan(List.of(
                        new InitPlan.Rule(null, Role.BIAS, null, null, new Zeros()),
                        new InitPlan.Rule(null, null, null, null, new GlorotUniform())))
                .apply(net, seed);
        RecurrentLayer layer = (RecurrentLayer) net.layers().get(0);
        Parameter hh = layer.weightHh();
        int h = layer.hiddenSize();
        float[] w = hh.value();
        for (int k = 0; k < w.length / (h * h); k++) {
            float[] block = Fill.tensor(
                    recurrent,
                    Target.of(h, h).withRole(Role.RECURRENT).withSeed(seed).withPath(hh.path() + "[gate " + k + "]"));
            System.arraycopy(block, 0, w, k * h * h, h * h);
        }
        if (layer instanceof Lstm lstm) {
            lstm.setForgetGateBias(FORGET_BIAS);
        }
    }

    /** Builds, initializes, probes and trains one network; a diverged run gives NaN from that epoch on. */
    static Trained run(
            String cell,
            int hidden,
            Initializer recurrent,
            Dataset train,
            Dataset test,
            int epochs,
            int batch,
            double lr,
            long seed) {
        Sequential net = model(cell, hidden);
        initialize(net, recurrent, seed);
        double[] reach = stepGradients(net, probeBatch(train));
        List<Double> mse = new ArrayList<>();
        Trainer trainer = new Trainer(net, new Adam(lr), List.of());
        try {
            trainer.fit(
                    train,
                    test,
                    new Trainer.Config(epochs, batch, seed, new Schedule.Constant(), CLIP_NORM, Double.NaN),
                    new Trainer.Listener() {
                        @Override
                        public void epoch(Trainer.Epoch e) {
                            mse.add(e.testLoss());
                        }
                    });
        } catch (DivergenceException diverged) {
            // the epochs from this one on stay NaN
        }
        double[] curve = new double[epochs];
        Arrays.fill(curve, Double.NaN);
        for (int e = 0; e < mse.size(); e++) {
            curve[e] = mse.get(e);
        }
        return new Trained(reach, curve);
    }

    /** The step gradients of a freshly initialized network, without training it. */
    static double[] probe(String cell, int hidden, Initializer recurrent, Dataset train, long seed) {
        Sequential net = model(cell, hidden);
        initialize(net, recurrent, seed);
        return stepGradients(net, probeBatch(train));
    }

    private static Dataset probeBatch(Dataset train) {
        return train.head(Math.min(PROBE_EXAMPLES, train.size()));
    }

    /** Norm over the batch of {@code ∂L/∂x_t} for each step {@code t}, at the current weights. */
    static double[] stepGradients(Sequential net, Dataset batch) {
        net.zeroGrad();
        Tensor out = net.forward(batch.features(), true);
        LossValue loss = batch.targets().loss(out);
        Tensor g = net.backward(loss.gradient());
        net.zeroGrad();
        int n = g.shape()[0];
        int steps = g.shape()[1];
        int features = g.shape()[2];
        double[] norms = new double[steps];
        float[] v = g.data();
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    double x = v[(i * steps + t) * features + f];
                    norms[t] += x * x;
                }
            }
        }
        for (int t = 0; t < steps; t++) {
            norms[t] = Math.sqrt(norms[t]);
        }
        return norms;
    }
}
