package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.initlab.core.init.Distribution;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Target;
import org.initlab.core.init.VarianceScaling;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.core.shape.Allocation;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.lab.probe.Snapshot;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The articles' wrong formulas, each measured against the right law at initialization: {@code samples}
 * standard normal inputs of {@code wide} dimensions through {@code depth} hidden layers whose widths
 * alternate {@code narrow}, {@code wide}, {@code narrow}, ... (so every layer has fan_in ≠ fan_out, by a
 * factor {@code wide/narrow} one way or the other), then 10 outputs; biases zero. The probe measures each
 * hidden activation's std (the forward signal) and the gradient norm at each hidden activation (the
 * backward signal, for a softmax loss on label 0).
 *
 * <p>The four wrong formulas, each with the activation it was recommended for:
 * <ol>
 *   <li>LeCun's 1/fan_in called Xavier, and Xavier credited to LeCun: 1/fan_in (LeCun, Bottou, Orr and
 *       Müller 1998, "Efficient BackProp") is not Glorot and Bengio's (2010) normalized 2/(fan_in + fan_out);
 *       tanh.</li>
 *   <li>He given as 2/(n_in + n_out): He, Zhang, Ren and Sun (2015) derive 2/fan_in (or 2/fan_out), never
 *       the average; ReLU.</li>
 *   <li>LeCun's 1/fan_in called a ReLU method: it keeps a linear or tanh signal's variance, and halves a
 *       ReLU signal's variance at every layer (He et al. 2015, Eq. 10); ReLU.</li>
 *   <li>U(±1/√n) labelled Xavier: this is the "commonly used heuristic" of Glorot and Bengio's Eq. 1, with
 *       variance 1/(3·fan_in), which their normalized U(±√6/√(fan_in + fan_out)) replaced; tanh.</li>
 * </ol>
 *
 * <p>The claim judged, per formula: over the depth it changes the signal's scale by more than a factor
 * {@value #FACTOR} relative to the right law, in the direction the two laws' variances predict; and He's
 * right law keeps the ReLU signal within that factor. Glorot's law is not required to keep the forward
 * signal: it is a compromise between the forward and the backward pass, which with alternating widths
 * shrinks both (by fan_in/fan_avg per layer forward, fan_out/fan_avg backward; over a narrow-wide pair
 * 4·narrow·wide/(narrow + wide)² in variance); the report shows how far.
 *
 * <p>Defaults, and why: {@code depth = 24} hidden layers (deep enough that (b)'s factor 0.64 in variance per
 * pair of layers becomes 0.054 in std over the 23 layers after the first), widths 64 and 256 (a fan ratio of 4, as between a
 * convolutional stem and a classifier), 256 inputs (each layer's std is then measured over 16,000 values or
 * more), and 8 weight draws per seed: a single network of width 64 walks randomly around the law's
 * expectation (He's last/first ratio ranged from 0.26 to 2.4 over 30 single draws), so each layer's std is the
 * root mean square over the draws, and He's own ratio is judged over every draw. 3 seeds, since a seed
 * costs about 7 s on one core. Demo size: {@code wrong-formulas(depth=12, samples=64, draws=4)}.
 *
 * @param depth hidden layers
 * @param narrow width of the odd hidden layers (the first is narrow)
 * @param wide width of the input and the even hidden layers
 * @param samples standard normal inputs pushed through
 * @param draws weight draws per seed and law
 */
public record WrongFormulas(
        @Param(value = "hidden layers", min = 2, max = 200) int depth,

        @Param(value = "width of the odd hidden layers (the first is narrow)", min = 2, max = 4096)
        int narrow,

        @Param(value = "width of the input and of the even hidden layers", min = 2, max = 4096)
        int wide,

        @Param(value = "standard normal inputs pushed through", min = 2, max = 1_000_000)
        int samples,

        @Param(value = "weight draws per seed, per law", min = 1, max = 1000)
        int draws)
        implements Experiment<WrongFormulas.Result> {
    /** Outputs of the last layer (the gradient comes from a softmax loss over them). */
    static final int CLASSES = 10;
    /**
     * The factor that counts as "changed the scale": 2, the brief's band. He's own ratio, averaged over
     * 8 draws, varies by about 10% from seed to seed at the defaults, so a factor 2 is far outside a right law's
     * noise and far inside the predicted effects (18, 0.054, 3.5e-4 and 6e-5 at the defaults).
     */
    static final double FACTOR = 2;

    /** An initializer as run: its label in the report, its law and the activation. */
    record Law(String label, String law, Initializer init, String activation) {
        String spec() {
            return Registry.format(init);
        }
    }

    /** LeCun normal with tanh: the law the articles write as "Xavier". */
    static final Law LECUN_TANH =
            new Law("LeCun normal (1/fan_in)", "Var = 1/fan_in", Registry.parse("lecun_normal"), "tanh");
    /** Glorot's normalized law, normal, with tanh. */
    static final Law GLOROT_TANH =
            new Law("Glorot normal", "Var = 2/(fan_in + fan_out)", Registry.parse("glorot_normal"), "tanh");
    /** The heuristic of Glorot and Bengio's Eq. 1 labelled Xavier, with tanh. */
    static final Law HEURISTIC_TANH = new Law(
            "U(±1/√fan_in)",
            "Var = 1/(3·fan_in)",
            new VarianceScaling(1.0 / 3, Mode.FAN_IN, Distribution.UNIFORM),
            "tanh");
    /** Glorot's normalized law, uniform, with tanh. */
    static final Law GLOROT_UNIFORM_TANH =
            new Law("Glorot uniform", "U(±√6/√(fan_in + fan_out))", Registry.parse("glorot_uniform"), "tanh");
    /** He normal with ReLU. */
    static final Law HE_RELU = new Law("He normal", "Var = 2/fan_in", Registry.parse("he_normal"), "relu");
    /** He's law written with the average fan, with ReLU. */
    static final Law HE_AVG_RELU = new Law(
            "He as 2/(fan_in + fan_out)",
            "Var = 2/(fan_in + fan_out)",
            new VarianceScaling(2, Mode.FAN_AVG, Distribution.NORMAL),
            "relu");
    /** LeCun normal with ReLU. */
    static final Law LECUN_RELU =
            new Law("LeCun normal (1/fan_in)", "Var = 1/fan_in", Registry.parse("lecun_normal"), "relu");
    /** Every law run, in the order of a result's runs. */
    static final List<Law> LAWS =
            List.of(LECUN_TANH, GLOROT_TANH, HEURISTIC_TANH, GLOROT_UNIFORM_TANH, HE_RELU, HE_AVG_RELU, LECUN_RELU);

    /**
     * One wrong formula.
     *
     * @param id a short name, (a) to (d)
     * @param written what the articles write
     * @param wrong the wrong formula as run
     * @param right the right law it is compared with
     */
    record Case(String id, String written, Law wrong, Law right) {}

    /** The four cases. */
    static final List<Case> CASES = List.of(
            new Case("(a)", "LeCun's 1/fan_in called Xavier (Xavier credited to LeCun)", LECUN_TANH, GLOROT_TANH),
            new Case("(b)", "He given as 2/(n_in + n_out)", HE_AVG_RELU, HE_RELU),
            new Case("(c)", "LeCun's 1/fan_in called a ReLU method", LECUN_RELU, HE_RELU),
            new Case("(d)", "U(±1/√n) labelled Xavier", HEURISTIC_TANH, GLOROT_UNIFORM_TANH));

    /** Seeds of successive weight draws of one seed are {@code seed · DRAW_STRIDE + draw}. */
    static final long DRAW_STRIDE = 1_000_003L;

    /** The defaults: 24 hidden layers alternating 64 and 256 wide, 256 inputs, 8 weight draws (see the class documentation). */
    public WrongFormulas() {
        this(24, 64, 256, 256, 8);
    }

    /**
     * One law's measurement over {@code draws} weight draws.
     *
     * @param label the law's label
     * @param activation the activation
     * @param std std of each hidden activation, first hidden layer first: the root mean square over the draws
     *     (the laws speak of the variance's expectation)
     * @param gradNorm norm of the loss gradient at each hidden activation, root mean square over the draws
     * @param drawRatios last/first hidden std of each draw alone (a finite-width network's variance walks
     *     randomly around its expectation, log-normally; Hanin 2018)
     */
    public record Run(String label, String activation, double[] std, double[] gradNorm, double[] drawRatios) {
        /** Last hidden std over the first's: the forward signal's change over the depth. */
        public double stdRatio() {
            return std[std.length - 1] / std[0];
        }

        /** First hidden layer's gradient norm over the last's: the backward signal's change over the depth. */
        public double gradRatio() {
            return gradNorm[0] / gradNorm[gradNorm.length - 1];
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the inputs and the weights
     * @param runs one per law of {@link #LAWS}, in that order
     */
    public record Result(long seed, List<Run> runs) implements Experiment.Result {
        Run of(Law law) {
            return runs.get(LAWS.indexOf(law));
        }

        /** The wrong formula's last/first std ratio over the right law's. */
        double effect(Case c) {
            return of(c.wrong()).stdRatio() / of(c.right()).stdRatio();
        }
    }

    @Override
    public String name() {
        return "wrong-formulas";
    }

    @Override
    public String title() {
        return "the articles' wrong formulas against the right laws";
    }

    @Override
    public String claim() {
        return "Formulas found in the articles are wrong: LeCun's 1/fan_in is called Xavier (and Xavier credited to"
                + " LeCun), He is given as 2/(n_in + n_out), LeCun's 1/fan_in is presented as a ReLU method, and U(±1/√n)"
                + " is labelled Xavier. Each changes the signal's scale through a deep network with fan_in ≠ fan_out by"
                + " more than a factor 2 relative to the right law (LeCun et al. 1998; Glorot and Bengio 2010, Eq. 1 and"
                + " 16; He et al. 2015, Eq. 10).";
    }

    @Override
    public String setup() {
        return samples + " N(0, 1) inputs of " + wide + " dimensions through " + depth + " hidden layers of widths "
                + narrow
                + ", " + wide + ", " + narrow + ", ... and " + CLASSES
                + " outputs, biases zero; each law with the activation"
                + " it was recommended for (tanh or ReLU); std of each hidden activation and gradient norm there (softmax"
                + " loss on label 0) measured by the probe at initialization, root mean square over " + draws
                + " weight draws per seed.";
    }

    /** Estimated from measured CPU time: wrong-formulas(depth=12, samples=64, draws=4): 0.23 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.23 * ((double) depth * samples * draws * wide * wide) / (12.0 * 64 * 4 * 256 * 256);
    }

    @Override
    public int work() {
        return LAWS.size();
    }

    /** Hidden widths: narrow, wide, narrow, ... */
    int[] widths() {
        int[] w = new int[depth];
        for (int i = 0; i < depth; i++) {
            w[i] = i % 2 == 0 ? narrow : wide;
        }
        return w;
    }

    String model(String activation) {
        StringBuilder hidden = new StringBuilder();
        for (int w : widths()) {
            hidden.append(hidden.isEmpty() ? "" : ",").append(w);
        }
        return "mlp(" + wide + ",[" + hidden + "]," + CLASSES + ",act=" + activation + ")";
    }

    /**
     * The linear-regime prediction of a case's effect: the product over hidden layers 2 to {@code depth} of the
     * wrong law's weight std over the right law's (the activation's gain cancels; for tanh this holds while
     * the signal stays in tanh's linear range).
     */
    double predicted(Case c) {
        int[] w = widths();
        double p = 1;
        for (int l = 1; l < depth; l++) {
            Target t = Target.of(w[l], w[l - 1]);
            p *= c.wrong().init().expectation(t).std()
                    / c.right().init().expectation(t).std();
        }
        return p;
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        float[] x = Allocation.floats(samples, wide);
        Samplers.normal(RandomStream.of(seed, "experiment/wrong-formulas/inputs"), 0, x.length, 0, 1, x, 0);
        Dataset batch = new Dataset("N(0,1)^" + wide, new Tensor(x, samples, wide), new int[samples], CLASSES);
        List<Run> runs = new ArrayList<>();
        for (Law law : LAWS) {
            double[] variance = new double[depth];
            double[] gradSquare = new double[depth];
            double[] ratios = new double[draws];
            for (int d = 0; d < draws; d++) {
                Sequential net = ModelSpec.parse(model(law.activation()));
                InitPlan.allWeights(law.init()).apply(net, seed * DRAW_STRIDE + d);
                Snapshot s = Probe.atInitialization(net, batch);
                List<LayerStats> hidden = s.layers().stream()
                        .filter(l -> l.kind().equals("activation"))
                        .toList();
                for (int l = 0; l < depth; l++) {
                    double std = hidden.get(l).output().std();
                    double g = hidden.get(l).gradOutputNorm();
                    variance[l] += std * std / draws;
                    gradSquare[l] += g * g / draws;
                }
                ratios[d] = hidden.get(depth - 1).output().std()
                        / hidden.get(0).output().std();
            }
            runs.add(new Run(
                    law.label(),
                    law.activation(),
                    Arrays.stream(variance).map(Math::sqrt).toArray(),
                    Arrays.stream(gradSquare).map(Math::sqrt).toArray(),
                    ratios));
            progress.accept(runs.size());
        }
        return new Result(seed, runs);
    }

    /** The check of one case: beyond a factor {@value #FACTOR} in the predicted direction. */
    Check check(Case c, List<Result> seeds) {
        double[] v = seeds.stream().mapToDouble(r -> r.effect(c)).toArray();
        String figure = c.id() + " " + c.wrong().label() + " over " + c.right().label() + ", "
                + c.right().activation() + ": last/first hidden std";
        String reason = "the laws' weight variances predict " + Cells.number(predicted(c)) + " over " + depth
                + " layers; a factor " + Cells.number(FACTOR) + " is far outside a right law's seed noise";
        return predicted(c) >= 1
                ? Criterion.atLeast(figure, FACTOR, reason).check(v)
                : Criterion.atMost(figure, 1 / FACTOR, reason).check(v);
    }

    /**
     * Four criteria, one per wrong formula, on the seeds' wrong-over-right ratios of root-mean-square stds; and
     * two on He's own last/first ratio, judged over every weight draw of every seed: each draw is an independent
     * network, and the ratio of one network varies by about 30% from another at width 64 (the log-normal walk
     * of a finite-width network; Hanin 2018), too much for an interval over three seeds' means alone.
     */
    @Override
    public Verdict judge(List<Result> seeds) {
        List<Check> checks = new ArrayList<>();
        for (Case c : CASES) {
            checks.add(check(c, seeds));
        }
        double[] he = seeds.stream()
                .flatMapToDouble(r -> Arrays.stream(r.of(HE_RELU).drawRatios()))
                .toArray();
        checks.add(Criterion.atLeast(
                        "He normal, ReLU: last/first hidden std of each weight draw",
                        1 / FACTOR,
                        "He's 2/fan_in"
                                + " keeps a ReLU signal's variance at every layer (He et al. 2015, Eq. 10); judged over every draw of every"
                                + " seed, as one network varies by about 30% from another")
                .check(he));
        checks.add(Criterion.atMost(
                        "He normal, ReLU: last/first hidden std of each weight draw",
                        FACTOR,
                        "as above, from" + " above")
                .check(he));
        return Verdict.of(checks);
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return WrongFormulasRendering.render(this, seeds, verdict);
    }
}
