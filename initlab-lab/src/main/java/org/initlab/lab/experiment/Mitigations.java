package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.nn.Dataset;

/**
 * What rescues a network from a bad initialization, each remedy against the same network without
 * it, on {@value #DATA}, batches of 32, biases zero, a constant learning rate:
 * <ol>
 *   <li><b>clipping</b> (Pascanu, Mikolov and Bengio 2013): {@code mlp(64,[64,64,64],10,relu)} with
 *       {@code normal(std=1)} weights (activations grow about ×8 per layer) and SGD lr 0.1, without and
 *       with the gradient clipped to global norm 1;</li>
 *   <li><b>BatchNorm</b> (Ioffe and Szegedy 2015): 20 ReLU layers of width 64 with LeCun normal
 *       (1/fan_in: the signal halves its second moment per ReLU layer) and SGD with momentum 0.9,
 *       without and with BatchNorm before each ReLU;</li>
 *   <li><b>Adam</b> (Kingma and Ba 2015): the same plain 20-layer network trained by Adam lr 0.001,
 *       whose per-parameter step does not shrink with the gradient;</li>
 *   <li><b>residual init</b> (Zhang, Dauphin and Ma 2019, Fixup; Bachlechner et al. 2020, ReZero):
 *       {@code resmlp(64,64,16,10)} with He normal in every branch versus Fixup and ReZero, SGD with
 *       momentum 0.9. The He run also tests the articles' "residual networks are less sensitive to
 *       initialization": it is reported, with the stream's growth at initialization, not judged;</li>
 *   <li><b>attention scale</b> (Vaswani et al. 2017): {@link AttentionSaturation}, at initialization.</li>
 * </ol>
 *
 * <p>Defaults: 10 epochs (the healthy networks here reach their plateau on digits within 10 epochs
 * and the remedies' papers judge "trainable" by the same curves; half and double are also run), the
 * whole digits training part, SGD lr 0.01 with momentum 0.9 (Fixup's and ReZero's papers train with
 * SGD momentum 0.9; 0.01 is stable for the healthy networks here). The alternative lr 0.001 checks
 * that the step size is not what breaks the He residual network (it diverges at step 2 at either
 * rate: its logits start about 1000 times the input's scale) and how the slower vanishing nets fare.
 *
 * @param epochs training epochs of each run
 * @param train training examples used, at most
 * @param lr learning rate of the SGD-with-momentum runs (BatchNorm, plain 20-layer, residual)
 */
public record Mitigations(
        @Param(value = "training epochs of each run", min = 1, max = 1000)
        int epochs,

        @Param(value = "training examples used, at most (digits has 1438)", min = 100, max = 1_000_000)
        int train,

        @Param(value = "learning rate of the SGD-with-momentum runs", min = 1e-5, max = 1)
        double lr)
        implements Experiment<Mitigations.Result> {
    /** The dataset. */
    public static final String DATA = "digits";
    /** Accuracy of guessing among the 10 classes; a diverged baseline is scored so in the effects. */
    static final double CHANCE = 0.1;
    /** Cross-entropy of guessing uniformly among 10 classes, ln 10: a rescued net's test loss lies below it. */
    static final double GUESSING_LOSS = Math.log(10);
    /**
     * Test accuracy of a rescued network: a healthy MLP of this size reaches 0.93 to 0.97 on digits
     * (scikit-learn's digits examples; Fixup and ReZero reach that here), so 0.9 means "trains about
     * as well as a healthy network", not merely above chance (0.1).
     */
    static final double RESCUED_ACCURACY = 0.9;
    /** Test accuracy a remedy must add to its broken network's (a diverged one counted as chance): 0.2, two classes' worth. */
    static final double MARGIN = 0.2;
    /**
     * Mean largest attention weight of a saturated softmax row: three quarters of the weight on one of
     * the 16 steps (uniform rows put 1/16 = 0.06 on each; Vaswani et al. describe "extremely small
     * gradients" once the dot products grow with d).
     */
    static final double SATURATED = 0.75;
    /** Softmax Jacobian norm the scale must restore: at least 1.5 times the unscaled one (a clear, not marginal, gain). */
    static final double JACOBIAN_GAIN = 1.5;

    /** The defaults: 10 epochs, all digits training examples, SGD lr 0.01 with momentum. */
    public Mitigations() {
        this(10, 1_000_000, 0.01);
    }

    /**
     * One training run: per-epoch figures of the epochs it completed.
     *
     * @param label what was trained
     * @param divergedEpoch the 1-based epoch in which a NaN or infinity appeared; 0 when none did
     * @param divergedStep the 0-based training step of that value; -1 when none
     * @param trainLoss mean training loss of each completed epoch
     * @param testLoss test cross-entropy after each completed epoch
     * @param testAccuracy test accuracy after each completed epoch
     * @param reports the test set's classification report after each completed epoch (empty for a
     *     regression task; null where the output was not finite)
     */
    public record Run(
            String label,
            int divergedEpoch,
            long divergedStep,
            double[] trainLoss,
            double[] testLoss,
            double[] testAccuracy,
            List<ClassificationReport> reports) {
        /** A run without classification reports (a regression task). */
        public Run(
                String label,
                int divergedEpoch,
                long divergedStep,
                double[] trainLoss,
                double[] testLoss,
                double[] testAccuracy) {
            this(label, divergedEpoch, divergedStep, trainLoss, testLoss, testAccuracy, List.of());
        }

        /** Whether the run diverged. */
        public boolean diverged() {
            return divergedEpoch > 0;
        }

        /** Final test accuracy; NaN when diverged. */
        public double accuracy() {
            return diverged() || testAccuracy.length == 0 ? Double.NaN : testAccuracy[testAccuracy.length - 1];
        }

        /** Final macro-F1 on the test set; NaN when diverged or without reports. */
        public double macroF1() {
            return diverged() || reports.size() < testAccuracy.length || reports.isEmpty()
                    ? Double.NaN
                    : ClassificationReport.macroF1(ClassificationReport.last(reports));
        }

        /** Final test loss; NaN when diverged. */
        public double loss() {
            return diverged() || testLoss.length == 0 ? Double.NaN : testLoss[testLoss.length - 1];
        }

        /** Final training loss (mean of the last epoch); NaN when diverged. */
        public double finalTrainLoss() {
            return diverged() || trainLoss.length == 0 ? Double.NaN : trainLoss[trainLoss.length - 1];
        }

        /** Accuracy for effects: a diverged network predicts nothing, so it is scored as guessing ({@value #CHANCE}). */
        public double score() {
            return diverged() ? CHANCE : accuracy();
        }

        /** The run as it stood after {@code epochs} epochs. */
        Run upTo(int epochs) {
            if (diverged() && divergedEpoch <= epochs) {
                return this;
            }
            int n = Math.min(epochs, trainLoss.length);
            return new Run(
                    label,
                    0,
                    -1,
                    Arrays.copyOf(trainLoss, n),
                    Arrays.copyOf(testLoss, n),
                    Arrays.copyOf(testAccuracy, n),
                    ClassificationReport.first(reports, n));
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the data split, the weights and the order
     * @param clipOff exploding net, no clipping
     * @param clipOn exploding net, clipped
     * @param plain 20-layer LeCun normal net, SGD
     * @param batchNorm the same with BatchNorm
     * @param adam the plain net trained by Adam
     * @param residualHe the residual net, He normal in every branch
     * @param fixup the residual net, Fixup
     * @param rezero the residual net, ReZero
     * @param heStream the He residual net's stream rms over the input's at initialization, after the stem and each block
     * @param attention the attention measurements at initialization
     * @param dataUsed the data
     */
    public record Result(
            long seed,
            Run clipOff,
            Run clipOn,
            Run plain,
            Run batchNorm,
            Run adam,
            Run residualHe,
            Run fixup,
            Run rezero,
            double[] heStream,
            AttentionSaturation.Result attention,
            DataProvenance dataUsed)
            implements Experiment.Result {
        @Override
        public List<DataProvenance> data() {
            return dataUsed == null ? List.of() : List.of(dataUsed);
        }

        /** The eight runs in order. */
        public List<Run> runs() {
            return List.of(clipOff, clipOn, plain, batchNorm, adam, residualHe, fixup, rezero);
        }

        /** Growth of the He stream's rms per block (geometric mean over the blocks). */
        public double heGrowthPerBlock() {
            return Math.pow(heStream[heStream.length - 1] / heStream[0], 1.0 / (heStream.length - 1));
        }

        Result upTo(int epochs) {
            return new Result(
                    seed,
                    clipOff.upTo(epochs),
                    clipOn.upTo(epochs),
                    plain.upTo(epochs),
                    batchNorm.upTo(epochs),
                    adam.upTo(epochs),
                    residualHe.upTo(epochs),
                    fixup.upTo(epochs),
                    rezero.upTo(epochs),
                    heStream,
                    attention,
                    dataUsed);
        }
    }

    @Override
    public String name() {
        return "mitigations";
    }

    @Override
    public String title() {
        return "what rescues a badly initialized network: clipping, BatchNorm, Adam, Fixup/ReZero, attention scale";
    }

    @Override
    public String claim() {
        return "A bad initialization can be survived: gradient clipping rescues an exploding network (Pascanu et al. 2013),"
                + " BatchNorm (Ioffe and Szegedy 2015) and Adam (Kingma and Ba 2015) a vanishing 20-layer one, residual-aware"
                + " init (Fixup, Zhang et al. 2019; ReZero, Bachlechner et al. 2020) a deep residual one, and scaling attention"
                + " scores by 1/sqrt(d) keeps the softmax from saturating (Vaswani et al. 2017).";
    }

    @Override
    public String setup() {
        return DATA + " (at most " + train + " training examples), batch " + MitigationsTraining.BATCH + ", " + epochs
                + " epoch(s), biases zero, constant learning rate. Clipping: " + MitigationsTraining.SHALLOW
                + " with normal(std=1), " + MitigationsTraining.CLIP_OPTIMIZER + ", clipped to global norm "
                + MitigationsTraining.CLIP_NORM + " or not. BatchNorm and Adam: 20 ReLU layers of width 64 with LeCun"
                + " normal (1/fan_in), SGD(lr=" + lr + ", momentum=0.9) plain or with BatchNorm before each ReLU, and "
                + MitigationsTraining.ADAM + ". Residual: " + MitigationsTraining.RESMLP
                + " with He normal or Fixup, and"
                + " with scale=true for ReZero, SGD(lr=" + lr
                + ", momentum=0.9). A remedy rescues when its test accuracy"
                + " reaches " + RESCUED_ACCURACY + " and beats the broken net's by " + MARGIN
                + " (a diverged net scored as"
                + " chance, " + CHANCE + "). Attention: " + AttentionSaturation.SETUP + ".";
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
    public Result atBudget(Result result, int budget) {
        return result.upTo(budget);
    }

    @Override
    public List<String> alternatives() {
        return List.of("lr=0.001");
    }

    /** Estimated from measured CPU time: mitigations(epochs=6, train=500): 0.8 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.00027 * epochs * Math.min(train, 1438);
    }

    @Override
    public int work() {
        return MitigationsTraining.variants(lr).size() + 1;
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        ExperimentData data = ExperimentData.load(DATA, seed, train);
        Dataset trainSet = data.split().train();
        Dataset test = data.split().test();
        List<Run> runs = new ArrayList<>();
        for (MitigationsTraining.Variant v : MitigationsTraining.variants(lr)) {
            runs.add(MitigationsTraining.train(v, trainSet, test, epochs, seed));
            progress.accept(runs.size());
        }
        double[] stream = MitigationsTraining.heStreamRms(trainSet.head(Math.min(256, trainSet.size())), seed);
        AttentionSaturation.Result attention = AttentionSaturation.measure(seed);
        progress.accept(runs.size() + 1);
        return new Result(
                seed,
                runs.get(0),
                runs.get(1),
                runs.get(2),
                runs.get(3),
                runs.get(4),
                runs.get(5),
                runs.get(6),
                runs.get(7),
                stream,
                attention,
                data.provenance());
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        List<Check> checks = new ArrayList<>();
        rescue(checks, seeds, "clipping", Result::clipOn, Result::clipOff);
        checks.add(Criterion.atMost(
                        "clipping: clipped net's test loss",
                        GUESSING_LOSS,
                        "below ln 10 = 2.303, the loss of" + " guessing; finite is not enough")
                .check(per(seeds, r -> r.clipOn().loss())));
        rescue(checks, seeds, "BatchNorm", Result::batchNorm, Result::plain);
        rescue(checks, seeds, "Adam", Result::adam, Result::plain);
        rescue(checks, seeds, "Fixup", Result::fixup, Result::residualHe);
        rescue(checks, seeds, "ReZero", Result::rezero, Result::residualHe);
        checks.add(Criterion.atLeast(
                        "attention: unscaled mean largest weight",
                        SATURATED,
                        "saturated rows: 3/4 of the" + " weight on one of 16 steps (uniform: 1/16)")
                .check(per(seeds, r -> r.attention().unscaled().meanMaxAttention())));
        checks.add(
                Criterion.atMost("attention: scaled mean largest weight", SATURATED, "the scale keeps rows unsaturated")
                        .check(per(seeds, r -> r.attention().scaled().meanMaxAttention())));
        checks.add(Criterion.atLeast(
                        "attention: softmax Jacobian norm, scaled ÷ unscaled",
                        JACOBIAN_GAIN,
                        "the scale lets"
                                + " at least 1.5 times more gradient through the softmax (Vaswani et al. 2017, §3.2.1)")
                .check(per(seeds, r -> r.attention().jacobianRatio())));
        return Verdict.of(checks);
    }

    private static void rescue(
            List<Check> checks,
            List<Result> seeds,
            String remedy,
            java.util.function.Function<Result, Run> with,
            java.util.function.Function<Result, Run> without) {
        checks.add(Criterion.atLeast(
                        remedy + ": test accuracy",
                        RESCUED_ACCURACY,
                        "a healthy net of this size reaches" + " 0.93-0.97 on digits; 0.9 is 'trains about as well'")
                .check(per(seeds, r -> with.apply(r).accuracy())));
        checks.add(Criterion.atLeast(
                        remedy + ": test accuracy minus without it (diverged = chance)",
                        MARGIN,
                        "the remedy" + " must add two classes' worth of accuracy to the broken net")
                .check(per(
                        seeds, r -> with.apply(r).accuracy() - without.apply(r).score())));
    }

    private static double[] per(List<Result> seeds, ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return MitigationsReport.render(this, seeds, verdict);
    }
}
