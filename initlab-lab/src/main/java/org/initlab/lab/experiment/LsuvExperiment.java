package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.datadriven.Lsuv;
import org.initlab.lab.datadriven.LsuvReport;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * LSUV, layer-sequential unit-variance init (Mishkin and Matas 2016, "All you need is a good init",
 * ICLR), against the fair analytic baselines for a ReLU network: He normal ({@code N(0, 2/fan_in)})
 * and orthogonal with the ReLU gain √2 ({@code orthogonal(gain=1.4142135623730951)}). The network
 * is {@value #DEPTH} ReLU layers of width 64 ({@link #MODEL}) on scikit-learn's 8×8 {@code digits}
 * (1,437 training and 360 test examples); SGD momentum 0.9, batch 32. LSUV pre-initializes
 * orthogonally (gain 1), then divides each dense layer's weight by the standard deviation of its
 * output on the first {@value #LSUV_BATCH} training examples until the variance is 1 within the
 * paper's tolerance 0.1, at most 10 times (the paper's {@code T_max}).
 *
 * <p>Orthogonal at gain 1 is also trained and reported, not judged: a ReLU halves the second moment
 * at every layer, so its signal shrinks by about 2^16 over the 16 layers; it is the baseline the
 * articles often compare with, but not a fair one (the gain for ReLU is √2, as He's variance is 2/fan_in).
 *
 * <p>Defaults: 20 epochs, lr 0.01 (the old experiment's optimizer). The claim is about trained
 * networks, and at 10 epochs these 16-layer nets are still mid-training: the test accuracy of one
 * run still moves by up to 0.09 from one epoch to the next (SGD with momentum 0.9 oscillates), so a
 * comparison there measures the oscillation (with 3 seeds: LSUV minus the better baseline
 * 0.002 ± 0.021, inconclusive at the 0.03 margin); by 20 epochs the fair inits are near their plateau
 * (about 0.93-0.95 on 360 test digits). Half the budget (10 epochs) is still reported.
 * {@code lr=0.003} is checked as an alternative, since a smaller step gives the init longer to matter.
 *
 * @param epochs training epochs (the budget)
 * @param lr SGD learning rate (momentum 0.9)
 */
public record LsuvExperiment(
        @Param(value = "training epochs", min = 1, max = 10_000)
        int epochs,

        @Param(value = "SGD learning rate (momentum 0.9)", min = 1e-6, max = 1)
        double lr)
        implements Experiment<LsuvExperiment.Result> {
    /** Hidden layers. */
    public static final int DEPTH = 16;
    /** The network. */
    public static final String MODEL =
            "mlp(64," + Collections.nCopies(DEPTH, "64").toString().replace(" ", "") + ",10,act=relu)";
    /** The data. */
    public static final String DATA = "digits";
    /** Examples LSUV measures variances on (the first training examples). */
    static final int LSUV_BATCH = 256;
    /** The ReLU gain √2. */
    static final double RELU_GAIN = Math.sqrt(2);
    /** He normal. */
    static final String HE = "he_normal";
    /** Orthogonal with the ReLU gain. */
    static final String ORTHOGONAL_RELU = "orthogonal(gain=" + RELU_GAIN + ")";
    /** Orthogonal with gain 1: reported, not judged. */
    static final String ORTHOGONAL_1 = "orthogonal";
    /** LSUV's label. */
    static final String LSUV = "lsuv";
    /** Every init trained, the judged ones first. */
    static final List<String> INITS = List.of(HE, ORTHOGONAL_RELU, LSUV, ORTHOGONAL_1);

    /**
     * The paper's tolerance on {@code |Var − 1|} (Mishkin and Matas 2016, algorithm 1, {@code Tol_var = 0.1}): the
     * largest deviation over layers, measured afresh by the probe on the batch LSUV normalized, must be within it.
     */
    static final double TOLERANCE = 0.1;
    /**
     * "A few" iterations: at most 5 rescalings of any layer, half the paper's {@code T_max = 10}; with zero biases
     * the output is linear in the weight, so one rescaling should do.
     */
    static final int FEW_ITERATIONS = 5;
    /**
     * Equivalence margin: LSUV's final test accuracy may fall at most 0.03 below the better of He and orthogonal·√2
     * (same seed). The paper reports LSUV matching or beating the other inits by fractions of a percent (tables 2
     * and 3); 0.03 is about twice the sampling error of a difference of two accuracies near 0.95 on 360 test digits
     * (√(2·0.95·0.05/360) ≈ 0.016), and the better of two baselines is itself biased upwards, so the margin is not tight.
     */
    static final double MARGIN = 0.03;

    /** The defaults: 20 epochs, lr 0.01 (see the class documentation). */
    public LsuvExperiment() {
        this(20, 0.01);
    }

    /**
     * One init's run.
     *
     * @param init its spec ({@value #LSUV} for LSUV)
     * @param variances output variance of each dense layer at init, on the LSUV batch (measured by the probe)
     * @param testAccuracy test accuracy after each epoch (index 0: before training)
     * @param trainLoss mean training loss of each epoch (index 0: NaN, no epoch yet)
     * @param reports the test set's classification report after each epoch (index 0: epoch 1; null where the
     *     output was not finite)
     */
    public record Run(
            String init,
            double[] variances,
            double[] testAccuracy,
            double[] trainLoss,
            List<ClassificationReport> reports) {
        int epochs() {
            return testAccuracy.length - 1;
        }

        double accuracy() {
            return testAccuracy[epochs()];
        }

        double finalLoss() {
            return trainLoss[epochs()];
        }

        /** Macro-F1 on the test set after the last epoch (NaN without its report). */
        double macroF1() {
            return reports.size() < epochs()
                    ? Double.NaN
                    : ClassificationReport.macroF1(ClassificationReport.last(reports));
        }

        /** Largest {@code |Var − 1|} over the dense layers. */
        double largestDeviation() {
            return Arrays.stream(variances).map(v -> Math.abs(v - 1)).max().orElse(Double.NaN);
        }

        Run upTo(int epochs) {
            return new Run(
                    init,
                    variances,
                    Arrays.copyOf(testAccuracy, epochs + 1),
                    Arrays.copyOf(trainLoss, epochs + 1),
                    ClassificationReport.first(reports, epochs));
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the weights, data split and order
     * @param runs one run per init, in the order of {@link #INITS}
     * @param lsuvIterations rescalings LSUV made per dense layer
     * @param dataUsed the data
     */
    public record Result(long seed, List<Run> runs, int[] lsuvIterations, DataProvenance dataUsed)
            implements Experiment.Result {
        public Result {
            runs = List.copyOf(runs);
        }

        @Override
        public List<DataProvenance> data() {
            return dataUsed == null ? List.of() : List.of(dataUsed);
        }

        Run run(String init) {
            return runs.stream().filter(r -> r.init().equals(init)).findFirst().orElseThrow();
        }

        int maxIterations() {
            return Arrays.stream(lsuvIterations).max().orElse(0);
        }

        /** LSUV's final test accuracy minus the better of the fair baselines'. */
        double lsuvMinusBest() {
            return run(LSUV).accuracy()
                    - Math.max(run(HE).accuracy(), run(ORTHOGONAL_RELU).accuracy());
        }
    }

    @Override
    public String name() {
        return "lsuv";
    }

    @Override
    public String title() {
        return "LSUV against He and orthogonal·√2 on a 16-layer ReLU net";
    }

    @Override
    public String claim() {
        return "LSUV brings every layer's output variance to 1 within the tolerance in a few iterations, and a deep"
                + " network so initialized trains as well as with the best analytic init (Mishkin and Matas 2016).";
    }

    @Override
    public String setup() {
        return MODEL + " on " + DATA + ", SGD lr " + lr + " momentum 0.9, batch 32, " + epochs + " epochs. Inits: He"
                + " normal, orthogonal with the ReLU gain √2, LSUV (orthogonal pre-init, tolerance " + TOLERANCE
                + ", at most"
                + " 10 rescalings, first " + LSUV_BATCH
                + " training examples); orthogonal with gain 1 trained and reported,"
                + " not judged (no ReLU gain: the signal halves in second moment at every layer). Biases zero. The default"
                + " budget was raised from 10 to 20 epochs after a 10-epoch run was inconclusive (the nets were still"
                + " mid-training, accuracy moving by up to 0.09 between epochs); the 10-epoch verdict is the half budget"
                + " shown below.";
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
                r.seed(), r.runs().stream().map(x -> x.upTo(budget)).toList(), r.lsuvIterations(), r.dataUsed());
    }

    @Override
    public List<String> alternatives() {
        return List.of("lr=0.003");
    }

    /** Estimated from measured CPU time: lsuv(epochs=6): 0.9 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.15 * epochs;
    }

    @Override
    public int work() {
        return INITS.size();
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        ExperimentData data = ExperimentData.load(DATA, seed, Integer.MAX_VALUE);
        Dataset train = data.split().train();
        Dataset test = data.split().test();
        Dataset batch = train.head(LSUV_BATCH);
        List<Run> runs = new ArrayList<>();
        int[] iterations = null;
        for (String init : INITS) {
            Sequential net = ModelSpec.parse(MODEL);
            if (init.equals(LSUV)) {
                LsuvReport report = Lsuv.defaults().run(net, batch.features(), seed);
                iterations = report.layers().stream()
                        .mapToInt(LsuvReport.LayerResult::iterations)
                        .toArray();
            } else {
                InitPlan.allWeights(Registry.parse(init)).apply(net, seed);
            }
            Snapshot s = Probe.atInitialization(net, batch);
            double[] variances = s.layers().stream()
                    .filter(l -> l.kind().equals("dense"))
                    .mapToDouble(l -> l.output().std() * l.output().std())
                    .toArray();
            double[] accuracy = new double[epochs + 1];
            double[] loss = new double[epochs + 1];
            accuracy[0] = Trainer.accuracy(net, test);
            loss[0] = Double.NaN;
            List<ClassificationReport> reports = new ArrayList<>();
            List<Trainer.Epoch> h = new Trainer(net, new Sgd(lr, 0.9, false, 0), List.of())
                    .fit(train, test, new Trainer.Config(epochs, 32, seed), new Trainer.Listener() {
                        @Override
                        public void epoch(Trainer.Epoch x) {
                            reports.add(ClassificationReport.evaluate(net, test));
                        }
                    });
            for (int e = 0; e < epochs; e++) {
                accuracy[e + 1] = h.get(e).testAccuracy();
                loss[e + 1] = h.get(e).loss();
            }
            runs.add(new Run(init, variances, accuracy, loss, java.util.Collections.unmodifiableList(reports)));
            progress.accept(runs.size());
        }
        return new Result(seed, runs, iterations, data.provenance());
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        return Verdict.of(
                Criterion.atMost(
                                "LSUV: largest |Var − 1| over the dense layers at init (probe, LSUV batch)",
                                TOLERANCE,
                                "the paper's tolerance Tol_var = 0.1")
                        .check(seeds.stream()
                                .mapToDouble(r -> r.run(LSUV).largestDeviation())
                                .toArray()),
                Criterion.atMost(
                                "LSUV: most rescalings of a layer",
                                FEW_ITERATIONS,
                                "'a few': half the paper's T_max = 10")
                        .check(seeds.stream().mapToDouble(Result::maxIterations).toArray()),
                Criterion.atLeast(
                                "LSUV test accuracy minus the better of He and orthogonal·√2",
                                -MARGIN,
                                "trains as well as"
                                        + " the fair baselines: within 0.03, about twice the sampling error of the difference on 360 test"
                                        + " digits")
                        .check(seeds.stream().mapToDouble(Result::lsuvMinusBest).toArray()));
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return LsuvRendering.render(this, seeds, verdict);
    }
}
