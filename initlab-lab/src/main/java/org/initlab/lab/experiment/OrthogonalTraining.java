package org.initlab.lab.experiment;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.DeltaOrthogonal;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.LecunNormal;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Role;
import org.initlab.core.init.Target;
import org.initlab.core.init.Zeros;
import org.initlab.core.linalg.Lapack;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Flatten;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Sequential;
import org.netlib.util.intW;

/**
 * The measurements of {@link OrthogonalInit}: fill times of the three ways to draw a square
 * matrix, and the deep plain networks with their two initializations.
 */
final class OrthogonalTraining {
    /** Smallest matrix side timed. */
    static final int SMALLEST = 64;
    /** Channels of the network's input (digits: one grey channel). */
    static final int IMAGE = 8;

    private OrthogonalTraining() {}

    /** Least total time of a method's timed repeats: cheap fills are repeated until they add up to this. */
    static final double MIN_TOTAL_MS = 20;
    /** Most repeats of one method at one size. */
    static final int MAX_REPEATS = 1000;
    /** Repeats also continue until they add up to 10 times the fastest, but stop adding at this total. */
    static final double MAX_TOTAL_MS = 200;

    /**
     * Fastest fill times in milliseconds for square sides {@value #SMALLEST}, 2·{@value #SMALLEST},
     * ... up to {@code largest}: a Gaussian fill (LeCun normal, the library's sampler), the
     * library's orthogonal (Gaussian fill, then QR by LAPACK {@code sgeqrf}/{@code sorgqr} with the
     * sign correction) and an SVD construction (Gaussian fill, then LAPACK {@code sgesdd} keeping
     * the left singular vectors, as DL4J's {@code OrthogonalDistribution} builds it). Each is run
     * once untimed (JIT and LAPACK workspaces warm), then at least {@code repeats} times, until the
     * repeats add up to {@value #MIN_TOTAL_MS} ms and (below {@value #MAX_TOTAL_MS} ms in all) to 10
     * times the fastest, so that one slow repeat is followed by others (at most {@value #MAX_REPEATS}
     * repeats); the fastest repeat is kept, the estimate of the method's own cost least disturbed by
     * other work on the machine (a median moved by a factor 30 between seeds on a loaded machine).
     */
    static OrthogonalInit.Timing time(int largest, int repeats, long seed) {
        List<Integer> sides = new ArrayList<>();
        for (int n = SMALLEST; n <= largest; n *= 2) {
            sides.add(n);
        }
        int k = sides.size();
        double[] gaussian = new double[k];
        double[] qr = new double[k];
        double[] svd = new double[k];
        Initializer normal = new LecunNormal();
        Initializer orthogonal = new Orthogonal();
        for (int i = 0; i < k; i++) {
            int n = sides.get(i);
            Target t = Target.of(n, n).withSeed(seed).withPath("timing");
            float[] w = new float[n * n];
            gaussian[i] = fastest(repeats, () -> normal.fill(t, 0, (long) n * n, w, 0));
            qr[i] = fastest(repeats, () -> orthogonal.fill(t, 0, (long) n * n, w, 0));
            svd[i] = fastest(repeats, () -> {
                normal.fill(t, 0, (long) n * n, w, 0);
                leftSingularVectors(w, n);
            });
        }
        return new OrthogonalInit.Timing(
                sides.stream().mapToInt(Integer::intValue).toArray(), gaussian, qr, svd, Lapack.backend());
    }

    private static double fastest(int repeats, Runnable task) {
        task.run();
        double best = Double.POSITIVE_INFINITY;
        double total = 0;
        for (int r = 0;
                r < MAX_REPEATS && (r < repeats || total < MIN_TOTAL_MS || (total < 10 * best && total < MAX_TOTAL_MS));
                r++) {
            long start = System.nanoTime();
            task.run();
            double ms = (System.nanoTime() - start) / 1e6;
            best = Math.min(best, ms);
            total += ms;
        }
        return best;
    }

    /** Replaces the column-major {@code n × n} matrix {@code a} by its left singular vectors (sgesdd, jobz 'O'). */
    private static void leftSingularVectors(float[] a, int n) {
        LAPACK lapack = Lapack.instance();
        float[] s = new float[n];
        float[] vt = new float[n * n];
        float[] unused = new float[1];
        int[] iwork = new int[8 * n];
        intW info = new intW(0);
        float[] query = new float[1];
        lapack.sgesdd("O", n, n, a, n, s, unused, 1, vt, n, query, -1, iwork, info);
        float[] work = new float[Math.max(1, (int) query[0])];
        lapack.sgesdd("O", n, n, a, n, s, unused, 1, vt, n, work, work.length, iwork, info);
        if (info.val != 0) {
            throw new ArithmeticException("sgesdd failed with info=" + info.val + " on a " + n + "x" + n + " matrix");
        }
    }

    /**
     * The deep plain CNN: {@code depth} convolutions 3×3, stride 1, padding 1 ("same"), the first
     * {@code 1 → channels}, the rest {@code channels → channels}, each followed by {@code act}; then
     * Flatten and {@code Dense(channels·8·8 → 10)}. Convolutions are named {@code c0 ... c(depth-1)},
     * the head {@code head}. No pooling, no normalization, no skip: Xiao et al.'s vanilla CNN.
     */
    static Sequential cnn(int depth, int channels, Activation act) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            layers.add(new Conv2D("c" + i, i == 0 ? 1 : channels, channels, 3, 1, 1, 1));
            layers.add(new ActivationLayer(act, Double.NaN));
        }
        layers.add(new Flatten());
        layers.add(new Dense("head", channels * IMAGE * IMAGE, 10));
        return new Sequential(layers);
    }

    /** The deep MLP of the same depth: {@code depth} hidden layers of {@code width} with {@code act}, then the logits. */
    static Sequential mlp(int depth, int width, Activation act) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            layers.add(new Dense("d" + i, i == 0 ? IMAGE * IMAGE : width, width));
            layers.add(new ActivationLayer(act, Double.NaN));
        }
        layers.add(new Dense("head", width, 10));
        return new Sequential(layers);
    }

    /** The Gaussian of the activation's critical variance: LeCun normal (1/fan_in) for tanh, He normal (2/fan_in) for ReLU. */
    static Initializer gaussian(Activation act) {
        return act == Activation.RELU ? new HeNormal() : new LecunNormal();
    }

    /** The name of {@link #gaussian} for reports. */
    static String gaussianName(Activation act) {
        return act == Activation.RELU ? "He normal (2/fan_in)" : "LeCun normal (1/fan_in)";
    }

    /** The orthogonal gain matching {@link #gaussian}: 1 for tanh, sqrt 2 for ReLU. */
    static double gain(Activation act) {
        return act == Activation.RELU ? Math.sqrt(2) : 1;
    }

    /**
     * The CNN's plan: every convolution delta-orthogonal (or the Gaussian), the head the Gaussian in
     * both, biases zero.
     */
    static InitPlan cnnPlan(boolean orthogonal, Activation act) {
        Initializer conv = orthogonal ? new DeltaOrthogonal(gain(act)) : gaussian(act);
        return new InitPlan(List.of(
                new InitPlan.Rule(null, Role.BIAS, null, null, new Zeros()),
                new InitPlan.Rule("c*", Role.WEIGHT, null, null, conv),
                new InitPlan.Rule(null, Role.WEIGHT, null, null, gaussian(act))));
    }

    /** The MLP's plan: every weight orthogonal (or the Gaussian), biases zero. */
    static InitPlan mlpPlan(boolean orthogonal, Activation act) {
        return InitPlan.allWeights(orthogonal ? new Orthogonal(gain(act)) : gaussian(act));
    }
}
