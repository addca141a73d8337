package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.DataProvenance;
import org.initlab.io.data.Datasets;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.DecisionBoundary;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * The classic three-initializer comparison on circles, as in the deeplearning.ai exercise
 * "Initialization" (Improving Deep Neural Networks, week 1): scikit-learn's
 * {@code make_circles(300, noise=0.05)} with its default {@code factor=0.8} for training and 100
 * more points for testing; the network {@value #MODEL}, a [2, 10, 5, 1] ReLU net with one sigmoid
 * output trained with binary cross-entropy; plain gradient descent on the full batch with learning
 * rate 0.01 for {@code steps} steps (15,000 in the exercise); weights from zeros, from
 * N(0, 1)×10 (std 10) and from He normal; biases zero. The exercise reports train/test accuracy
 * 0.50/0.50 for zeros, 0.83/0.86 for ×10 and 0.99/0.96 for He.
 *
 * @param steps full-batch gradient-descent steps
 */
public record CirclesInit(
        @Param(value = "full-batch gradient-descent steps", min = 10, max = 10_000_000)
        int steps) implements Experiment<CirclesInit.Result> {
    /** The model: one logit, so the two-class task trains with a sigmoid and binary cross-entropy. */
    public static final String MODEL = "mlp(2,[10,5],1,act=relu)";
    /** The data, as in the exercise. */
    public static final String DATA = "circles(n=300,test=100,noise=0.05,factor=0.8)";
    /** The initializers compared, by label. */
    public static final Map<String, String> INITS = inits();
    /** Points recorded along each run. */
    static final int POINTS = 200;
    /** Cells per side of the decision-boundary grid, and its range (the circles lie within radius 1.2). */
    static final int GRID = 48;

    static final double LOW = -1.5;
    static final double HIGH = 1.5;

    /**
     * Zeros leave every hidden unit identical (and with ReLU and zero weights no gradient reaches
     * them): the net predicts one class, 0.5 on balanced circles; 0.6 leaves room for a tie-break.
     */
    static final double ZEROS_AT_CHANCE = 0.6;
    /**
     * Weights of std 10 make the first logits huge: confidently wrong outputs give a binary
     * cross-entropy far above ln 2 = 0.69 at step 0 (the exercise's cost starts at infinity); 1 is a
     * conservative bar for "saturated".
     */
    static final double SATURATED_LOSS = 1.0;
    /**
     * He must beat the ×10 init by at least 5 points of test accuracy (the exercise: 0.96 − 0.86 =
     * 0.10; half of it is the smallest difference we call an effect).
     */
    static final double HE_MARGIN = 0.05;
    /** He learns the boundary: the exercise reaches 0.96 test accuracy; 0.9 is the bar. */
    static final double HE_LEARNS = 0.9;

    private static Map<String, String> inits() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zeros", "zeros");
        m.put("N(0,1)x10", "normal(std=10)");
        m.put("He", "he_normal");
        return m;
    }

    /** The exercise's 15,000 steps. */
    public CirclesInit() {
        this(15_000);
    }

    /**
     * One initializer's run, recorded at {@link #POINTS} evenly spaced steps and the last.
     *
     * @param label the init's label
     * @param at steps at which the figures were recorded (0 first)
     * @param loss training loss there
     * @param trainAccuracy training accuracy there
     * @param testAccuracy test accuracy there
     * @param reports the test set's classification report there (null where the output was not finite)
     * @param boundary the predicted probability of class 1 at the end, on a {@value #GRID}² grid over
     *     [{@value #LOW}, {@value #HIGH}]² (the first row at the top); null when not recorded
     */
    public record Run(
            String label,
            int[] at,
            double[] loss,
            double[] trainAccuracy,
            double[] testAccuracy,
            List<ClassificationReport> reports,
            double[] boundary) {
        /** A run without its decision boundary. */
        public Run(
                String label,
                int[] at,
                double[] loss,
                double[] trainAccuracy,
                double[] testAccuracy,
                List<ClassificationReport> reports) {
            this(label, at, loss, trainAccuracy, testAccuracy, reports, null);
        }

        /** Macro-F1 on the test set at the last recorded step (NaN without its report). */
        double macroF1() {
            return reports.size() < at.length
                    ? Double.NaN
                    : ClassificationReport.macroF1(ClassificationReport.last(reports));
        }

        /** This run up to and including step {@code budget} (the boundary is kept only when that is the run's end). */
        Run upTo(int budget) {
            int n = 0;
            while (n < at.length && at[n] <= budget) {
                n++;
            }
            return new Run(
                    label,
                    Arrays.copyOf(at, n),
                    Arrays.copyOf(loss, n),
                    Arrays.copyOf(trainAccuracy, n),
                    Arrays.copyOf(testAccuracy, n),
                    ClassificationReport.first(reports, n),
                    n == at.length ? boundary : null);
        }

        double last(double[] a) {
            return a[a.length - 1];
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the data and the random inits
     * @param runs zeros, ×10 and He, in that order
     * @param dataUsed the data
     * @param points the training points, {@code [x0, y0, x1, y1, ...]}, for the boundary chart (or null)
     * @param labels their classes
     */
    public record Result(long seed, List<Run> runs, DataProvenance dataUsed, float[] points, int[] labels)
            implements Experiment.Result {
        /** A result without the training points (no decision-boundary chart). */
        public Result(long seed, List<Run> runs, DataProvenance dataUsed) {
            this(seed, runs, dataUsed, null, null);
        }

        @Override
        public List<DataProvenance> data() {
            return dataUsed == null ? List.of() : List.of(dataUsed);
        }

        Run zeros() {
            return runs.get(0);
        }

        Run large() {
            return runs.get(1);
        }

        Run he() {
            return runs.get(2);
        }
    }

    @Override
    public String name() {
        return "circles";
    }

    @Override
    public String title() {
        return "zeros, too large, and He on a small ReLU net";
    }

    @Override
    public String claim() {
        return "On a small ReLU network, zero init learns nothing (symmetry), a very large init starts with saturated,"
                + " confidently wrong outputs and ends worse, and He init learns the non-linear boundary (deeplearning.ai,"
                + " Improving Deep Neural Networks, 'Initialization' exercise; He et al. 2015).";
    }

    @Override
    public String setup() {
        return MODEL + " (one sigmoid output, binary cross-entropy) on " + DATA
                + ", gradient descent lr 0.01 on the full" + " batch, " + steps
                + " steps, biases zero, as in the source exercise.";
    }

    @Override
    public String budget() {
        return "steps";
    }

    @Override
    public boolean trajectory() {
        return true;
    }

    @Override
    public Result atBudget(Result r, int budget) {
        return new Result(
                r.seed(),
                r.runs().stream().map(run -> run.upTo(budget)).toList(),
                r.dataUsed(),
                r.points(),
                r.labels());
    }

    /** Estimated from measured CPU time: circles(steps=12000), the demo's double budget: 1.8 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.00015 * steps;
    }

    @Override
    public int work() {
        return INITS.size();
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        Datasets.Traced data = Datasets.loadTraced(DATA, seed, Integer.MAX_VALUE, DataFolder.standard(null));
        // recorded every `every` steps: half and the whole budget of a run at double budget fall on recorded steps
        int every = Math.max(1, steps / POINTS);
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, String> init : INITS.entrySet()) {
            Sequential net = ModelSpec.parse(MODEL);
            InitPlan.allWeights(Registry.parse(init.getValue())).apply(net, seed);
            Trainer trainer = new Trainer(net, new Sgd(0.01), List.of());
            List<double[]> rows = new ArrayList<>();
            List<ClassificationReport> reports = new ArrayList<>();
            for (int s = 0; s <= steps; s++) {
                if (s % every == 0 || s == steps) {
                    Trainer.Evaluation train =
                            Trainer.evaluate(net, data.split().train());
                    rows.add(new double[] {
                        s,
                        train.loss(),
                        train.accuracy(),
                        Trainer.accuracy(net, data.split().test())
                    });
                    reports.add(ClassificationReport.evaluate(net, data.split().test()));
                }
                if (s < steps) {
                    trainer.trainStep(data.split().train());
                }
            }
            int n = rows.size();
            int[] at = new int[n];
            double[][] cols = new double[3][n];
            for (int i = 0; i < n; i++) {
                at[i] = (int) rows.get(i)[0];
                for (int c = 0; c < 3; c++) {
                    cols[c][i] = rows.get(i)[c + 1];
                }
            }
            runs.add(new Run(
                    init.getKey(),
                    at,
                    cols[0],
                    cols[1],
                    cols[2],
                    java.util.Collections.unmodifiableList(reports),
                    boundary(net)));
            progress.accept(runs.size());
        }
        return new Result(
                seed,
                runs,
                data.provenance(),
                data.split().train().features().data().clone(),
                data.split().train().labels());
    }

    /** The net's probability of class 1 (the sigmoid of its logit) on the boundary grid. */
    static double[] boundary(Sequential net) {
        float[] xy = new float[2 * GRID * GRID];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                xy[2 * (r * GRID + c)] = (float) (LOW + (c + 0.5) * (HIGH - LOW) / GRID);
                xy[2 * (r * GRID + c) + 1] = (float) (HIGH - (r + 0.5) * (HIGH - LOW) / GRID);
            }
        }
        float[] z = net.forward(new org.initlab.nn.Tensor(xy, GRID * GRID, 2), false)
                .data();
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = 1 / (1 + Math.exp(-z[i]));
        }
        return p;
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        return Verdict.of(
                Criterion.atMost(
                                "zeros: final training accuracy",
                                ZEROS_AT_CHANCE,
                                "identical units predict one class: 0.5" + " on balanced circles")
                        .check(values(seeds, r -> r.zeros().last(r.zeros().trainAccuracy()))),
                Criterion.atLeast(
                                "N(0,1)x10: training loss at step 0",
                                SATURATED_LOSS,
                                "saturated, confidently wrong" + " outputs cost far more than guessing (ln 2 = 0.69)")
                        .check(values(seeds, r -> r.large().loss()[0])),
                Criterion.atLeast(
                                "He minus N(0,1)x10: final test accuracy",
                                HE_MARGIN,
                                "the exercise finds 0.96 - 0.86 ="
                                        + " 0.10; half of it is the smallest effect we count")
                        .check(values(
                                seeds,
                                r -> r.he().last(r.he().testAccuracy())
                                        - r.large().last(r.large().testAccuracy()))),
                Criterion.atLeast("He: final test accuracy", HE_LEARNS, "the exercise reaches 0.96")
                        .check(values(seeds, r -> r.he().last(r.he().testAccuracy()))));
    }

    private static double[] values(List<Result> seeds, java.util.function.ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < INITS.size(); k++) {
            int i = k;
            rows.add(List.of(
                    seeds.get(0).runs().get(i).label(),
                    Cells.of(seeds, r -> r.runs().get(i).loss()[0]),
                    Cells.of(seeds, r -> r.runs().get(i).last(r.runs().get(i).loss())),
                    Cells.of(seeds, r -> r.runs().get(i).last(r.runs().get(i).trainAccuracy())),
                    Cells.of(seeds, r -> r.runs().get(i).last(r.runs().get(i).testAccuracy())),
                    Cells.of(seeds, r -> r.runs().get(i).macroF1())));
        }
        Result first = seeds.get(0);
        List<Svg.Series> loss = new ArrayList<>();
        List<Svg.Series> acc = new ArrayList<>();
        for (int k = 0; k < first.runs().size(); k++) {
            int i = k;
            double[] x =
                    Arrays.stream(first.runs().get(i).at()).asDoubleStream().toArray();
            loss.add(Bands.of(
                    first.runs().get(i).label(), x, seeds, r -> r.runs().get(i).loss()));
            acc.add(Bands.of(
                    first.runs().get(i).label(), x, seeds, r -> r.runs().get(i).testAccuracy()));
        }
        StringBuilder csv = new StringBuilder("seed,init,step,loss,train_accuracy,test_accuracy\n");
        for (Result r : seeds) {
            for (Run run : r.runs()) {
                for (int i = 0; i < run.at().length; i++) {
                    csv.append(r.seed())
                            .append(',')
                            .append(run.label())
                            .append(',')
                            .append(run.at()[i])
                            .append(',')
                            .append(run.loss()[i])
                            .append(',')
                            .append(run.trainAccuracy()[i])
                            .append(',')
                            .append(run.testAccuracy()[i])
                            .append('\n');
                }
            }
        }
        int budget = first.he().at()[first.he().at().length - 1];
        String conclusion = "After " + budget + " steps: zeros reached "
                + Cells.of(seeds, r -> r.zeros().last(r.zeros().trainAccuracy()))
                + " training accuracy; N(0,1)x10 started at loss "
                + Cells.of(seeds, r -> r.large().loss()[0])
                + " and reached "
                + Cells.of(seeds, r -> r.large().last(r.large().testAccuracy())) + " test accuracy; He reached "
                + Cells.of(seeds, r -> r.he().last(r.he().testAccuracy()))
                + " (the exercise: 0.50, 0.86 and 0.96). Macro-F1"
                + " beside them: " + Cells.of(seeds, r -> r.zeros().macroF1()) + ", "
                + Cells.of(seeds, r -> r.large().macroF1())
                + " and " + Cells.of(seeds, r -> r.he().macroF1()) + " (a net that puts every point in one class has"
                + " macro-F1 1/3 at accuracy 0.5).";
        List<String> charts = new ArrayList<>();
        String band = " (mean over " + seeds.size() + " seeds, band min to max)";
        charts.add(Svg.lineChart("training loss" + band, "step", "binary cross-entropy (log scale)", loss, true));
        charts.add(Svg.lineChart("test accuracy" + band, "step", "accuracy", acc, false));
        if (first.points() != null) {
            charts.add(DecisionBoundary.of(
                    "decision boundaries after " + budget + " steps (seed " + first.seed() + ")",
                    first.runs().stream().map(Run::label).toList(),
                    first.runs().stream().map(Run::boundary).toList(),
                    GRID,
                    LOW,
                    HIGH,
                    first.points(),
                    first.labels()));
        }
        HtmlReport.Table zeros = ClassificationReport.confusionTable(
                "zeros: test confusion matrix at the end (mean count" + " over seeds)",
                seeds.stream()
                        .map(r -> r.zeros().reports().size() < r.zeros().at().length
                                ? null
                                : ClassificationReport.last(r.zeros().reports()))
                        .toList());
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Per init (mean ± sd over seeds)",
                                List.of(
                                        "init",
                                        "loss at step 0",
                                        "final loss",
                                        "train accuracy",
                                        "test accuracy",
                                        "macro-F1"),
                                rows),
                        zeros),
                charts,
                csv.toString(),
                conclusion);
    }
}
