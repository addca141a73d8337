package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Registry;
import org.initlab.core.random.RandomStream;
import org.initlab.io.data.Split;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dataset;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;

/**
 * The measurement of {@link CnnInit}: per initializer, the block gains of {@code draws} independent
 * weight draws (forward passes in inference mode on the same images), then training of the first
 * draw. A run that diverges keeps its finished epochs and NaN for the rest.
 */
final class CnnInitMeasurement {
    private CnnInitMeasurement() {}

    static CnnInit.Result measure(CnnInit e, long seed, IntConsumer progress) {
        ExperimentData loaded = ExperimentData.load(e.data(), seed, e.train());
        Split images = loaded.shaped(1, 28, 28);
        Dataset gainBatch =
                images.train().head(Math.min(CnnInit.GAIN_IMAGES, images.train().size()));
        int[] done = {0};
        List<CnnInit.Run> runs = new ArrayList<>();
        for (String init : CnnInit.INITS) {
            Initializer weights = Registry.parse(init);
            double[][] gains = new double[e.draws()][];
            double[] layerRms = null;
            double[] predicted = null;
            Sequential trained = null;
            for (int k = 0; k < e.draws(); k++) {
                Sequential net = ModelSpec.parse(CnnInit.MODEL);
                long drawSeed = drawSeed(seed, k);
                InitPlan.allWeights(weights).apply(net, drawSeed);
                double[] rms = outputRms(net, gainBatch);
                gains[k] = gains(net, rms, rms(gainBatch.features()));
                if (k == 0) {
                    layerRms = rms;
                    predicted = predicted(net, weights, drawSeed);
                    trained = net;
                }
            }
            progress.accept(++done[0]);
            List<ClassificationReport> reports = new ArrayList<>();
            double[][] history = train(e, trained, images, seed, reports, () -> progress.accept(++done[0]));
            runs.add(new CnnInit.Run(
                    init,
                    predicted,
                    gains,
                    layerRms,
                    history[0],
                    history[1],
                    history[2],
                    java.util.Collections.unmodifiableList(reports)));
        }
        return new CnnInit.Result(seed, runs, loaded.provenance());
    }

    /** The seed of draw {@code k}: {@code seed} itself for the first (the one trained), derived ones after. */
    static long drawSeed(long seed, int k) {
        if (k == 0) {
            return seed;
        }
        RandomStream s = RandomStream.of(seed, "cnn/draw/" + k);
        return ((long) s.word(0) << 32) | (s.word(1) & 0xffffffffL);
    }

    /** RMS of every layer's output on {@code batch}, inference mode. */
    private static double[] outputRms(Sequential net, Dataset batch) {
        List<Layer> layers = net.layers();
        double[] out = new double[layers.size()];
        Tensor t = batch.features();
        for (int i = 0; i < layers.size(); i++) {
            t = layers.get(i).forward(t, false);
            out[i] = rms(t);
        }
        return out;
    }

    /** The gain of each block (a layer with weights followed by an activation): RMS out of the activation over RMS in. */
    private static double[] gains(Sequential net, double[] rms, double inputRms) {
        List<Layer> layers = net.layers();
        double[] g = new double[CnnInit.BLOCKS.size()];
        int b = 0;
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (!layers.get(i).parameters().isEmpty() && layers.get(i + 1) instanceof ActivationLayer) {
                g[b++] = rms[i + 1] / (i == 0 ? inputRms : rms[i - 1]);
            }
        }
        return g;
    }

    /** {@code √(fan_in σ²/2)} of each block, σ the initializer's exact standard deviation for that weight. */
    private static double[] predicted(Sequential net, Initializer weights, long seed) {
        List<Layer> layers = net.layers();
        double[] p = new double[CnnInit.BLOCKS.size()];
        int b = 0;
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (!layers.get(i).parameters().isEmpty() && layers.get(i + 1) instanceof ActivationLayer) {
                Parameter w = layers.get(i).parameters().get(0);
                double std = weights.expectation(w.target(seed)).std();
                p[b++] = Math.sqrt(w.target(seed).fans().fanIn() * std * std / 2);
            }
        }
        return p;
    }

    /** Train loss, test loss and test accuracy per epoch (NaN after a divergence); a report per epoch into {@code reports}. */
    private static double[][] train(
            CnnInit e,
            Sequential net,
            Split images,
            long seed,
            List<ClassificationReport> reports,
            Runnable epochDone) {
        double[][] h = new double[3][e.epochs()];
        for (double[] row : h) {
            Arrays.fill(row, Double.NaN);
        }
        Trainer trainer = new Trainer(net, new Sgd(e.lr(), CnnInit.MOMENTUM, false, 0), List.of());
        try {
            trainer.fit(
                    images.train(),
                    images.test(),
                    new Trainer.Config(e.epochs(), CnnInit.BATCH, seed),
                    new Trainer.Listener() {
                        @Override
                        public void epoch(Trainer.Epoch x) {
                            h[0][x.epoch() - 1] = x.loss();
                            h[1][x.epoch() - 1] = x.testLoss();
                            h[2][x.epoch() - 1] = x.testAccuracy();
                            reports.add(ClassificationReport.evaluate(net, images.test()));
                            epochDone.run();
                        }
                    });
        } catch (DivergenceException diverged) {
            // the finished epochs stay; the rest are NaN, which the judge reads as not supported
        }
        return h;
    }

    private static double rms(Tensor t) {
        float[] d = t.data();
        double s = 0;
        for (float v : d) {
            s += (double) v * v;
        }
        return Math.sqrt(s / d.length);
    }
}
