package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Initializer;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Adam;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.LossValue;
import org.initlab.nn.Losses;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The training loop of {@link Gan}: a generator and a discriminator trained in alternation with the
 * non-saturating loss (Goodfellow et al. 2014, §3), each step one discriminator update on a batch of
 * real and a batch of generated points, then one generator update through the discriminator
 * (its input gradient, {@link Layer#backward}). Deterministic for a seed: real points, noise and the
 * evaluation noise come from their own {@link RandomStream} paths, weights from {@link InitPlan}.
 */
final class GanTraining {
    /** Negative slope of the discriminator's LeakyReLU, as in DCGAN (Radford et al. 2016). */
    static final double LEAKY_SLOPE = 0.2;
    /** Generated points the evaluation draws (always from the same noise). */
    static final int EVAL_SAMPLES = 1000;

    private GanTraining() {}

    /** The generator: {@code noise → width → width → 2}, ReLU hidden units, linear output. */
    static Sequential generator(int noise, int width) {
        return new Sequential(List.of(
                new Dense("g0", noise, width),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Dense("g2", width, width),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Dense("g4", width, 2)));
    }

    /** The discriminator: {@code 2 → width → width → 1 logit}, LeakyReLU(0.2) hidden units. */
    static Sequential discriminator(int width) {
        return new Sequential(List.of(
                new Dense("d0", 2, width),
                new ActivationLayer(Activation.LEAKY_RELU, LEAKY_SLOPE),
                new Dense("d2", width, width),
                new ActivationLayer(Activation.LEAKY_RELU, LEAKY_SLOPE),
                new Dense("d4", width, 1)));
    }

    /**
     * Trains one pair for {@code g.steps()} steps from weights drawn by {@code init} (biases zero) and
     * records a checkpoint every {@code every} steps (and after the last).
     */
    static Gan.Run train(Gan g, String label, Initializer init, long seed, int every) {
        Sequential gen = generator(Gan.NOISE, g.width());
        Sequential disc = discriminator(g.width());
        InitPlan.allWeights(init).apply(gen, seed);
        InitPlan.allWeights(init).apply(disc, seed);
        Adam optG = new Adam(g.lr(), Gan.BETA1, 0.999, 1e-8, 0, false);
        Adam optD = new Adam(g.lr(), Gan.BETA1, 0.999, 1e-8, 0, false);
        RandomStream realStream = RandomStream.of(seed, "gan/real");
        RandomStream noiseStream = RandomStream.of(seed, "gan/noise");
        Tensor evalNoise = normal(RandomStream.of(seed, "gan/eval-noise"), 0, EVAL_SAMPLES, Gan.NOISE);
        int b = g.batch();
        float[] labels = new float[2 * b];
        java.util.Arrays.fill(labels, 0, b, 1f);
        Tensor discTargets = new Tensor(labels, 2 * b, 1);
        Tensor ones = new Tensor(filled(b, 1f), b, 1);
        List<Gan.Checkpoint> points = new ArrayList<>();
        points.add(checkpoint(0, gen, evalNoise, Double.NaN, Double.NaN, Double.NaN));
        double sumD = 0;
        double sumD2 = 0;
        double sumG = 0;
        int inWindow = 0;
        for (int s = 0; s < g.steps(); s++) {
            // discriminator: real points labelled 1, generated points labelled 0, one batch of 2b
            Tensor real = ring(realStream, s, b);
            Tensor fake = gen.forward(normal(noiseStream, 2L * s, b, Gan.NOISE), true);
            float[] both = new float[4 * b];
            System.arraycopy(real.data(), 0, both, 0, 2 * b);
            System.arraycopy(fake.data(), 0, both, 2 * b, 2 * b);
            disc.zeroGrad();
            LossValue dLoss = Losses.binaryCrossEntropy(disc.forward(new Tensor(both, 2 * b, 2), true), discTargets);
            // the mean over 2b is half the sum of the real and the fake means: report that sum, as GAN papers do
            double lossD = 2 * dLoss.value();
            disc.backward(dLoss.gradient());
            optD.step(disc.parameters(), 1);
            // generator: non-saturating loss -log D(G(z)), the gradient reaching G through D's input
            gen.zeroGrad();
            disc.zeroGrad();
            Tensor out = gen.forward(normal(noiseStream, 2L * s + 1, b, Gan.NOISE), true);
            LossValue gLoss = Losses.binaryCrossEntropy(disc.forward(out, true), ones);
            gen.backward(disc.backward(gLoss.gradient()));
            optG.step(gen.parameters(), 1);
            if (!Double.isFinite(lossD) || !Double.isFinite(gLoss.value()) || !finite(gen)) {
                points.add(new Gan.Checkpoint(s + 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                return new Gan.Run(label, points, s + 1);
            }
            sumD += lossD;
            sumD2 += lossD * lossD;
            sumG += gLoss.value();
            inWindow++;
            if ((s + 1) % every == 0 || s + 1 == g.steps()) {
                double mean = sumD / inWindow;
                double sd = Math.sqrt(Math.max(0, sumD2 / inWindow - mean * mean));
                points.add(checkpoint(s + 1, gen, evalNoise, mean, sd, sumG / inWindow));
                sumD = 0;
                sumD2 = 0;
                sumG = 0;
                inWindow = 0;
            }
        }
        return new Gan.Run(label, points, -1);
    }

    private static Gan.Checkpoint checkpoint(
            int step, Sequential gen, Tensor evalNoise, double dMean, double dSd, double gMean) {
        float[] x = gen.forward(evalNoise, false).data();
        int[] near = new int[Gan.MODES];
        int good = 0;
        double radius = Gan.QUALITY_STDS * Gan.MODE_STD;
        for (int i = 0; i < EVAL_SAMPLES; i++) {
            for (int m = 0; m < Gan.MODES; m++) {
                double dx = x[2 * i] - Gan.RADIUS * Math.cos(angle(m));
                double dy = x[2 * i + 1] - Gan.RADIUS * Math.sin(angle(m));
                if (dx * dx + dy * dy <= radius * radius) {
                    near[m]++;
                    good++;
                    break;
                }
            }
        }
        int covered = 0;
        for (int n : near) {
            covered += n >= Gan.COVERED_SHARE * EVAL_SAMPLES ? 1 : 0;
        }
        return new Gan.Checkpoint(step, covered, (double) good / EVAL_SAMPLES, dMean, dSd, gMean);
    }

    /** The angle of mode {@code m} on the ring. */
    static double angle(int m) {
        return 2 * Math.PI * m / Gan.MODES;
    }

    /** Batch {@code s} of real points: a mode drawn uniformly, plus N(0, MODE_STD²) in each coordinate. */
    static Tensor ring(RandomStream stream, long s, int b) {
        int[] words = new int[b];
        stream.child("mode").words(s * b, (s + 1) * b, words, 0);
        float[] xy = new float[2 * b];
        Samplers.normal(stream.child("offset"), s * 2 * b, (s + 1) * 2 * b, 0, Gan.MODE_STD, xy, 0);
        for (int i = 0; i < b; i++) {
            int m = (int) ((Integer.toUnsignedLong(words[i]) * Gan.MODES) >>> 32);
            xy[2 * i] += (float) (Gan.RADIUS * Math.cos(angle(m)));
            xy[2 * i + 1] += (float) (Gan.RADIUS * Math.sin(angle(m)));
        }
        return new Tensor(xy, b, 2);
    }

    /** Block {@code k} of {@code rows × dims} standard normal values. */
    private static Tensor normal(RandomStream stream, long k, int rows, int dims) {
        float[] z = new float[rows * dims];
        long n = (long) rows * dims;
        Samplers.normal(stream, k * n, (k + 1) * n, 0, 1, z, 0);
        return new Tensor(z, rows, dims);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static boolean finite(Sequential net) {
        for (var p : net.parameters()) {
            for (float v : p.value()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
