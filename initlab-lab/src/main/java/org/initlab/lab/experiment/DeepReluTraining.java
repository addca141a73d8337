package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.nn.Dataset;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * The measurement of {@link DeepRelu}: for LeCun normal (1/fan_in) and He normal, the weight-gradient
 * norms at step 0, then training with the probe every half epoch. A run that diverges (a non-finite
 * value, {@link DivergenceException}) keeps its finished epochs and NaN for the rest.
 */
final class DeepReluTraining {
    /** The initializers, 1/fan_in first. */
    static final List<String> INITS = List.of("lecun_normal", "he_normal");

    private DeepReluTraining() {}

    static DeepRelu.Result measure(DeepRelu e, long seed, IntConsumer progress) {
        ExperimentData loaded = ExperimentData.load(e.data(), seed, e.train());
        Dataset train = loaded.split().train();
        Dataset test = loaded.split().test();
        int stepsPerEpoch = (train.size() + DeepRelu.BATCH - 1) / DeepRelu.BATCH;
        int[] done = {0};
        List<DeepRelu.Run> runs = new ArrayList<>();
        for (String init : INITS) {
            runs.add(train(e, init, train, test, seed, stepsPerEpoch, () -> progress.accept(++done[0])));
        }
        return new DeepRelu.Result(seed, stepsPerEpoch, runs.get(0), runs.get(1), loaded.provenance());
    }

    private static DeepRelu.Run train(
            DeepRelu e, String init, Dataset train, Dataset test, long seed, int stepsPerEpoch, Runnable epochDone) {
        Sequential net = ModelSpec.parse(DeepRelu.model(train.features().features(), train.classes()));
        InitPlan.allWeights(Registry.parse(init)).apply(net, seed);
        Snapshot atInit = Probe.atInitialization(net, train.head(Math.min(DeepRelu.PROBE_BATCH, train.size())));
        double[] grads = perDense(atInit, true);
        Probe probe = new Probe(Math.max(1, stepsPerEpoch / 2));
        Trainer trainer = new Trainer(net, new Sgd(e.lr(), DeepRelu.MOMENTUM, false, 0), List.of(probe));
        double[] loss = nans(e.epochs());
        double[] testLoss = nans(e.epochs());
        double[] accuracy = nans(e.epochs());
        List<ClassificationReport> reports = new ArrayList<>();
        try {
            trainer.fit(train, test, new Trainer.Config(e.epochs(), DeepRelu.BATCH, seed), new Trainer.Listener() {
                @Override
                public void epoch(Trainer.Epoch h) {
                    loss[h.epoch() - 1] = h.loss();
                    testLoss[h.epoch() - 1] = h.testLoss();
                    accuracy[h.epoch() - 1] = h.testAccuracy();
                    reports.add(ClassificationReport.evaluate(net, test));
                    epochDone.run();
                }
            });
        } catch (DivergenceException diverged) {
            // the finished epochs stay; the rest are NaN, which the judge reads as not supported
        }
        List<Snapshot> snaps = probe.snapshots();
        long[] steps = new long[snaps.size()];
        double[][] g = new double[snaps.size()][];
        double[][] u = new double[snaps.size()][];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = snaps.get(k).step();
            g[k] = perDense(snaps.get(k), true);
            u[k] = perDense(snaps.get(k), false);
        }
        return new DeepRelu.Run(
                init,
                grads,
                loss,
                testLoss,
                accuracy,
                new DeepRelu.Probed(steps, g, u),
                java.util.Collections.unmodifiableList(reports));
    }

    /** Weight-gradient norm ({@code gradient}) or update ratio of each dense layer at a snapshot. */
    static double[] perDense(Snapshot s, boolean gradient) {
        return s.layers().stream()
                .filter(l -> l.kind().equals("dense"))
                .mapToDouble(gradient ? LayerStats::weightGradNorm : LayerStats::updateRatio)
                .toArray();
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
