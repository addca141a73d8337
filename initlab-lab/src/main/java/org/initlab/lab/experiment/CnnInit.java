package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Verdict;

/**
 * He, Zhang, Ren and Sun (2015), Sec. 2.2, on a small convolutional network: a ReLU block (a weight
 * layer and the ReLU after it) whose weights have variance {@code σ²} multiplies the root mean square
 * of its input by {@code √(fan_in σ² / 2)} in expectation over the weights (the pre-activation
 * {@code y = W x} is symmetric, so the ReLU keeps half of {@code E[y²] = fan_in σ² E[x²]}). He's
 * {@code σ² = 2/fan_in} gives gain 1; LeCun normal's {@code 1/fan_in} gives {@code 1/√2}; Glorot's
 * {@code 2/(fan_in + fan_out)} gives {@code √(fan_in/(fan_in + fan_out))} ({@code √(1/3)} for the
 * second convolution, {@code 8·9 → 16·9}); PyTorch's default {@code U(±1/√fan_in)} (variance
 * {@code 1/(3 fan_in)}) gives {@code √(1/6)}, the smallest.
 *
 * <p>Set-up: {@value #MODEL} (two 3×3 convolutions with padding 1, ReLU and 2×2 max-pooling, a dense
 * ReLU layer of 64, the logits) on the first {@code train} images of {@code data} (test on a sixth as
 * many), every weight from the initializer compared, biases zero (PyTorch's default also draws
 * biases; here only the weights differ). The gain is measured on {@value #GAIN_IMAGES} training images
 * for {@code draws} independent weight draws; the draws, not the images, make it fluctuate (16
 * filters: each passes nearly all or nearly none of its outputs on rectified, positive inputs), so
 * the measured gain is the root of the mean squared gain over the draws and its standard error comes
 * from the draw-to-draw spread. The first draw is then trained with SGD (momentum 0.9, learning rate
 * {@code lr}, batches of 64) for {@code epochs} epochs.
 *
 * <p>Defaults, and why: 5,000 images and 3 epochs (by then He reaches 0.81 test accuracy on
 * Fashion-MNIST and the others 0.72 to 0.77, so "all four train" and "He at least as good" are both
 * decidable; the study of 3 seeds at double budget took 202 s of CPU time, under two minutes on two
 * free cores); lr 0.01 (no divergence at this depth; every test accuracy rises over the epochs, with dips of at
 * most 0.04);
 * 32 draws (the standard error of one seed's second-convolution gain is then 1.5% to 4%, 1% to 2.5%
 * pooled over 3 seeds, well inside the 10% tolerance). The draws of He and LeCun normal (and of Glorot
 * and PyTorch's default, both uniform) come from the same random streams, so within each pair the
 * gains differ by the exact ratio of the standard deviations and their deviations are equal: the
 * four gain checks are two independent measurements, each of two scales.
 *
 * @param train training images
 * @param epochs passes over them (the budget)
 * @param lr learning rate of SGD with momentum 0.9
 * @param draws independent weight draws per initializer for the gains at initialization
 * @param data dataset spec of 28×28 grey images
 */
public record CnnInit(
        @Param(value = "training images (the first of the set; test on a sixth as many)", min = 64, max = 60_000)
        int train,

        @Param(value = "epochs of SGD (the training budget)", min = 1, max = 1000)
        int epochs,

        @Param(value = "learning rate of SGD with momentum 0.9", min = 1e-6, max = 1)
        double lr,

        @Param(
                value = "independent weight draws per initializer for the gains at initialization",
                min = 2,
                max = 10_000)
        int draws,

        @Param("dataset spec of 28×28 grey images, e.g. fashion-mnist")
        String data)
        implements Experiment<CnnInit.Result> {
    /** The network. */
    public static final String MODEL = "cnn(1,28,28,10)";
    /** The initializers compared, in report order: registry specs. */
    public static final List<String> INITS = List.of("he_normal", "lecun_normal", "glorot_uniform", "torch_default");
    /** Report labels of {@link #INITS}. */
    public static final List<String> LABELS = List.of(
            "He normal (2/fan_in)", "LeCun normal (1/fan_in)", "Glorot uniform", "PyTorch default U(±1/√fan_in)");
    /** Blocks (a weight layer and its ReLU) of the model, by name. */
    public static final List<String> BLOCKS = List.of("conv 1", "conv 2", "dense 1");
    /** The judged block: the second convolution, the first fed by a rectified layer. */
    static final int JUDGED = 1;
    /** Training images the gains are measured on. */
    static final int GAIN_IMAGES = 128;
    /** Momentum of SGD. */
    static final double MOMENTUM = 0.9;
    /** Examples per step. */
    static final int BATCH = 64;

    /**
     * Largest relative deviation of the second convolution's measured RMS gain from
     * {@code √(fan_in σ²/2)}. The formula ignores the zero padding: on 14×14 maps a 3×3 window at the
     * border reaches one row or column of zeros (40 of 42 window positions per axis are inside), which
     * lowers the expected squared gain by up to 1 − (40/42)² = 9%, the gain by up to 5%; 10% covers that
     * and nothing else. The measurement's own noise is not in this band: the criterion's interval is
     * the measured deviation ± 1.96 standard errors from the draw-to-draw spread, so the check is
     * inconclusive, not failed, when the draws are too few to tell.
     */
    static final double GAIN_TOLERANCE = 0.10;
    /** Test accuracy every initializer must reach after training: five times chance on ten classes. */
    static final double TRAINS = 0.5;
    /**
     * How far He's test accuracy may fall below another's and still count as "at least as good": at
     * the default size the test set has 833 images, and one binomial standard error of an accuracy
     * near 0.8 there is 0.014; a deficit under 0.02 cannot be told from test-set noise.
     */
    static final double MARGIN = 0.02;

    /** The defaults: 5,000 Fashion-MNIST images, 3 epochs, lr 0.01, 32 draws (see the class documentation). */
    public CnnInit() {
        this(5000, 3, 0.01, 32, "fashion-mnist");
    }

    /**
     * One initializer's measurements.
     *
     * @param init the registry spec
     * @param predicted {@code √(fan_in σ²/2)} per block, from the initializer's exact standard deviation
     * @param gains measured RMS gain per draw and block
     * @param layerRms RMS of every layer's output at initialization, first draw
     * @param trainLoss mean training loss per epoch (NaN from a diverged epoch on)
     * @param testLoss test loss after each epoch
     * @param testAccuracy test accuracy after each epoch
     * @param reports the test set's classification report after each epoch (fewer when it diverged; null
     *     where the output was not finite)
     */
    public record Run(
            String init,
            double[] predicted,
            double[][] gains,
            double[] layerRms,
            double[] trainLoss,
            double[] testLoss,
            double[] testAccuracy,
            List<ClassificationReport> reports) {
        /** Root of the mean squared gain of {@code block} over the draws. */
        public double gain(int block) {
            return Math.sqrt(Arrays.stream(gains)
                    .mapToDouble(g -> g[block] * g[block])
                    .average()
                    .orElseThrow());
        }

        /**
         * Standard error of {@link #gain}: the squared gains' standard deviation over the draws
         * divided by √draws, carried to the root by the delta method ({@code se(√m) = se(m) / (2√m)}).
         */
        public double gainStandardError(int block) {
            double[] sq =
                    Arrays.stream(gains).mapToDouble(g -> g[block] * g[block]).toArray();
            Estimate e = Estimate.of(sq);
            return e.sd() / Math.sqrt(sq.length) / (2 * Math.sqrt(e.mean()));
        }

        /** Measured over predicted gain, minus 1. */
        public double deviation(int block) {
            return gain(block) / predicted[block] - 1;
        }

        /** Test accuracy after the last epoch. */
        public double finalAccuracy() {
            return testAccuracy[testAccuracy.length - 1];
        }

        /** Macro-F1 on the test set after the last epoch (NaN when it diverged before). */
        public double finalMacroF1() {
            return reports.size() < testAccuracy.length
                    ? Double.NaN
                    : ClassificationReport.macroF1(ClassificationReport.last(reports));
        }

        Run truncated(int epochs) {
            return new Run(
                    init,
                    predicted,
                    gains,
                    layerRms,
                    Arrays.copyOf(trainLoss, epochs),
                    Arrays.copyOf(testLoss, epochs),
                    Arrays.copyOf(testAccuracy, epochs),
                    ClassificationReport.first(reports, epochs));
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the first weight draw (the one trained), the other draws and the data order
     * @param runs one per initializer, in the order of {@link #INITS}
     * @param dataUsed the data
     */
    public record Result(long seed, List<Run> runs, DataProvenance dataUsed) implements Experiment.Result {
        public Result {
            runs = List.copyOf(runs);
        }

        @Override
        public List<DataProvenance> data() {
            return dataUsed == null ? List.of() : List.of(dataUsed);
        }

        Run he() {
            return runs.get(0);
        }
    }

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String title() {
        return "He, LeCun, Glorot and PyTorch's default on a small CNN";
    }

    @Override
    public String claim() {
        return "In a ReLU CNN a block multiplies the signal's RMS by √(fan_in σ²/2): He's 2/fan_in keeps it from one"
                + " convolution to the next, LeCun normal's 1/fan_in and Glorot's 2/(fan_in+fan_out) shrink it, PyTorch's"
                + " default U(±1/√fan_in) most (He, Zhang, Ren and Sun 2015, Sec. 2.2; articles that call 1/fan_in"
                + " \"Xavier\" mean LeCun's variance). A network this shallow trains from all four, He at least as well.";
    }

    @Override
    public String setup() {
        return MODEL + " on the first " + train + " images of " + data + " (test on " + Math.max(1, train / 6)
                + "), biases"
                + " zero; gains (RMS of a ReLU's output over RMS of its block's input) on " + GAIN_IMAGES
                + " training images"
                + " over " + draws + " weight draws per initializer; the first draw trained with SGD(lr=" + lr
                + ", momentum="
                + MOMENTUM + "), batch " + BATCH + ", " + epochs + " epoch(s).";
    }

    @Override
    public String budget() {
        return "epochs";
    }

    @Override
    public boolean trajectory() {
        return true;
    }

    @Override
    public Result atBudget(Result r, int budget) {
        return new Result(
                r.seed(), r.runs().stream().map(run -> run.truncated(budget)).toList(), r.dataUsed());
    }

    /** Estimated from measured CPU time: cnn(train=1000, epochs=4, draws=8): 5.7 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.0014 * train * epochs + 0.01 * draws;
    }

    @Override
    public int work() {
        return INITS.size() * (epochs + 1);
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        return CnnInitMeasurement.measure(this, seed, progress);
    }

    /**
     * At initialization, for each initializer, {@code |measured/predicted − 1|} of the second
     * convolution's gain within {@link #GAIN_TOLERANCE}, its interval from the sampling error over all
     * seeds' draws (independent, so the standard errors add in quadrature). After training, the lowest
     * test accuracy at least {@link #TRAINS}, and He minus each other initializer at least
     * {@code −}{@link #MARGIN}, the interval across seeds.
     */
    @Override
    public Verdict judge(List<Result> seeds) {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < INITS.size(); i++) {
            int k = i;
            double mean = seeds.stream()
                    .mapToDouble(r -> r.runs().get(k).deviation(JUDGED))
                    .average()
                    .orElseThrow();
            double se = Math.sqrt(seeds.stream()
                            .mapToDouble(r -> {
                                Run run = r.runs().get(k);
                                double s = run.gainStandardError(JUDGED) / run.predicted()[JUDGED];
                                return s * s;
                            })
                            .sum())
                    / seeds.size();
            checks.add(Criterion.atMost(
                            LABELS.get(k) + ": conv 2 gain, |measured / √(fan_in σ²/2) − 1|",
                            GAIN_TOLERANCE,
                            "zero padding lowers the gain by up to 5% on 14×14 maps; interval ± 1.96 standard errors over "
                                    + draws + " draws per seed (He et al. 2015, Eq. 10)")
                    .check(Estimate.withSamplingError(Math.abs(mean), se)));
        }
        checks.add(Criterion.atLeast(
                        "lowest test accuracy of the four",
                        TRAINS,
                        "five times chance: a 4-layer net trains" + " from any of these scales")
                .check(seeds.stream()
                        .mapToDouble(r -> r.runs().stream()
                                .mapToDouble(Run::finalAccuracy)
                                .min()
                                .orElseThrow())
                        .toArray()));
        for (int i = 1; i < INITS.size(); i++) {
            int k = i;
            checks.add(Criterion.atLeast(
                            "test accuracy, He minus " + LABELS.get(k),
                            -MARGIN,
                            "He at least as good; 0.02"
                                    + " is about one binomial standard error of a test accuracy on 833 images")
                    .check(seeds.stream()
                            .mapToDouble(r ->
                                    r.he().finalAccuracy() - r.runs().get(k).finalAccuracy())
                            .toArray()));
        }
        return Verdict.of(checks);
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return CnnInitRendering.render(this, seeds, verdict);
    }
}
