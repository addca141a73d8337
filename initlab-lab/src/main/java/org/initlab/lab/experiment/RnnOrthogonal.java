package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.initlab.core.init.Identity;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Orthogonal;
import org.initlab.io.data.AddingProblem;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.DataProvenance;
import org.initlab.io.data.Datasets;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;

/**
 * Orthogonal recurrent weights (Saxe, McClelland and Ganguli 2014; Arjovsky, Shah and Bengio 2016)
 * and identity ones (IRNN: Le, Jaitly and Hinton 2015) against the Gaussian of the same scale
 * {@code N(0, 1/n)} (LeCun normal with fan = hidden; some articles call a Gaussian recurrent
 * matrix "Xavier", it is this one) on the adding problem ({@link AddingProblem}) at lengths
 * {@code length} and {@code 2·length}, for each cell of {@code cells} (Elman tanh RNN, LSTM, GRU).
 * The claim: an orthogonal matrix keeps the norm of the gradient that flows back through it, so
 * the network learns dependencies across long sequences better than with a Gaussian matrix.
 *
 * <p>Set-up: {@code CELL(2, hidden, 1)} (its last state, a dense output); {@code train} training
 * and {@value #TEST} test sequences per length, generated from the seed; each {@code hidden × hidden}
 * gate block of the recurrent matrix drawn from the compared law ({@link RnnTraining#initialize});
 * input and output weights Glorot uniform, biases zero (the LSTM forget gate's 1); Adam with
 * {@code lr}, batch {@value #BATCH}, global gradient norm clipped to 1, {@code epochs} epochs,
 * the test MSE recorded after each. At initialization the probe measures the gradient reaching
 * step 1 relative to step T, {@code |∂L/∂x_1| / |∂L/∂x_T|}, for each init and also for
 * {@code N(0, 0.01²)} (the old experiment's baseline, probed only: it does not train here, to keep
 * the compute for the same-scale comparison).
 *
 * <p>The engine's simple RNN is tanh only, so identity is tested on tanh, not on the ReLU units of
 * the IRNN: a tanh unit saturates where a ReLU unit passes the sum on, so this tests "identity
 * recurrent weights", not the IRNN itself.
 *
 * <p>Verdict (the headline claim): on the first cell listed ({@code rnn} by default, the plain
 * recurrent network the three articles study), at both lengths, the test MSE of {@code N(0, 1/n)}
 * minus that of orthogonal, per seed, has its 95% interval at or above {@link #EFFECT}. Every other cell
 * and length is judged by the same criteria in the report's grid ({@link #grid}), not in the verdict.
 *
 * <p>Defaults ({@link #RnnOrthogonal()}): lengths 50 and 100 (Le et al. use 150 to 400, Arjovsky
 * et al. 100 to 750; 200 would double the cost again and does not fit), 32 hidden units (Le et al.
 * use 100), 1000 training sequences, Adam lr 0.001 (Adam's default; lr 0.01 is the alternative),
 * 5 epochs (315 steps): all three cells at three inits and two lengths, 3 seeds, read at 2, 5 and
 * 10 epochs, plus lr 0.01 at 5, take 8 CPU-minutes, about 4 to 5 minutes on 2 idle cores. That is
 * a few hundred steps where the articles train for 10⁴ to 10⁶, and at that budget no init learns
 * (every test MSE within 0.01 of 1/6): the default run says so rather than telling the inits apart.
 * {@code rnn-orthogonal(cells=rnn, epochs=30)} (about 6 CPU-minutes) reads the simple RNN at 15,
 * 30 and 60 epochs.
 *
 * @param length the shorter sequence length T; {@code 2·length} is run too
 * @param epochs training epochs (the budget)
 * @param hidden hidden units of the cell
 * @param lr Adam's learning rate
 * @param cells the cells compared, {@code +}-separated, of rnn, lstm and gru
 * @param train training sequences per length
 */
public record RnnOrthogonal(
        @Param(value = "shorter sequence length T of the adding problem (2T is run too)", min = 4, max = 1000)
        int length,

        @Param(value = "training epochs", min = 1, max = 10_000)
        int epochs,

        @Param(value = "hidden units of each cell", min = 2, max = 512)
        int hidden,

        @Param(value = "Adam learning rate", min = 1e-6, max = 1)
        double lr,

        @Param("cells compared, + separated: rnn+lstm+gru") String cells,

        @Param(value = "training sequences per length", min = 64, max = 100_000)
        int train)
        implements Experiment<RnnOrthogonal.Result> {
    /** Test sequences per length: the test MSE's sampling error is then about 0.01 near the baseline. */
    public static final int TEST = 500;
    /** Examples per step: small, so that the few epochs that fit give a few hundred steps. */
    public static final int BATCH = 16;
    /** The cells the engine has. */
    public static final List<String> KNOWN_CELLS = List.of("rnn", "lstm", "gru");
    /** Orthogonal recurrent weights (Saxe et al. 2014). */
    public static final String ORTHOGONAL = "orthogonal";
    /** The Gaussian of the same scale: {@code N(0, 1/n)}, n = hidden. */
    public static final String GAUSSIAN = "N(0, 1/n)";
    /** Identity recurrent weights (Le et al. 2015, on tanh here). */
    public static final String IDENTITY = "identity";
    /** The old baseline, probed at initialization only. */
    public static final String SMALL = "N(0, 0.01²)";
    /** The recurrent inits trained. */
    public static final List<String> TRAINED = List.of(ORTHOGONAL, GAUSSIAN, IDENTITY);
    /** The recurrent inits probed at initialization. */
    public static final List<String> PROBED = List.of(ORTHOGONAL, GAUSSIAN, IDENTITY, SMALL);

    /** Test MSE of always answering 1 (the mean of the target): 1/6. */
    static final double BASELINE = AddingProblem.BASELINE_MSE;
    /**
     * Smallest test-MSE advantage that counts as "trains better": a tenth of the baseline 1/6, i.e.
     * 0.0167. Two runs that have not learned both sit within about 0.005 of 1/6 on the same test
     * set, so a smaller difference says nothing about learning the dependency.
     */
    static final double EFFECT = 0.1 * BASELINE;
    /**
     * A network "learns" the task when its test MSE is at most half the baseline (0.083): it then
     * explains half the variance of the target, which needs both marked values; answering from one
     * of them alone leaves 1/12 = 0.083 (Le et al. 2015 count success as beating 1/6 clearly).
     */
    static final double LEARNED = 0.5 * BASELINE;
    /**
     * Smallest factor by which orthogonal should carry the gradient to step 1 better than the
     * same-scale Gaussian. For linear recurrences the Gaussian product loses {@code exp(-T/(2n))}
     * in norm (the top Lyapunov exponent of Ginibre matrices, −1/(2n) per step) where the
     * orthogonal one loses nothing: 2.2 at T = 50 and 4.8 at T = 100 with n = 32; 2 is the clear
     * part of that.
     */
    static final double REACH_FACTOR = 2;
    /**
     * Smallest factor over {@code N(0, 0.01²)}: its matrices shrink the gradient by about
     * {@code 0.01·2√n ≈ 0.11} per step (the old experiment's 100-fold criterion; it is exceeded by
     * tens of orders of magnitude at T = 50).
     */
    static final double SMALL_REACH_FACTOR = 100;
    /** Float32's smallest positive value: step gradients are float32, so a smaller reach reads as this. */
    static final double TINY = Float.MIN_VALUE;

    /** The defaults: lengths 50 and 100, 5 epochs, 32 hidden units, lr 0.001, all three cells, 1000 sequences. */
    public RnnOrthogonal() {
        this(50, 5, 32, 0.001, "rnn+lstm+gru", 1000);
    }

    /** Checks that {@code cells} names known cells only. */
    public RnnOrthogonal {
        for (String c : cellList(cells)) {
            if (!KNOWN_CELLS.contains(c)) {
                throw new IllegalArgumentException("rnn-orthogonal: unknown cell '" + c + "' in cells=" + cells
                        + "; valid: rnn, lstm, gru, joined by + (e.g. rnn+gru)");
            }
        }
    }

    private static List<String> cellList(String cells) {
        List<String> out = Arrays.stream(cells.split("\\+"))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    "rnn-orthogonal: cells must name at least one of rnn, lstm, gru; got '" + cells + "'");
        }
        return out;
    }

    /** The cells compared, in order; the first is judged in the verdict. */
    public List<String> cellNames() {
        return cellList(cells);
    }

    /** The two sequence lengths. */
    public List<Integer> lengths() {
        return List.of(length, 2 * length);
    }

    /**
     * One network, or one init probed only.
     *
     * @param cell rnn, lstm or gru
     * @param length sequence length
     * @param init label of the recurrent init ({@link #PROBED})
     * @param stepGradients norm of {@code ∂L/∂x_t} over the probe batch at initialization, t = 1..T
     * @param testMse test MSE after each epoch (NaN once diverged); empty for an init probed only
     */
    public record Run(String cell, int length, String init, double[] stepGradients, double[] testMse) {
        /** {@code |∂L/∂x_1| / |∂L/∂x_T|} at initialization, at least {@link #TINY}. */
        public double reach() {
            return Math.max(TINY, stepGradients[0] / stepGradients[stepGradients.length - 1]);
        }

        /** The last epoch's test MSE (NaN when not trained or diverged). */
        public double finalMse() {
            return testMse.length == 0 ? Double.NaN : testMse[testMse.length - 1];
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of data, weights and order
     * @param runs every cell, length and init ({@link #PROBED}), in that nesting order
     * @param data the adding-problem data of each length
     */
    public record Result(long seed, List<Run> runs, List<DataProvenance> data) implements Experiment.Result {
        public Result {
            runs = List.copyOf(runs);
            data = List.copyOf(data);
        }

        /** The run of {@code cell} at {@code length} with {@code init}. */
        public Run run(String cell, int length, String init) {
            return runs.stream()
                    .filter(r -> r.cell().equals(cell)
                            && r.length() == length
                            && r.init().equals(init))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no run " + cell + " T=" + length + " " + init));
        }
    }

    @Override
    public String name() {
        return "rnn-orthogonal";
    }

    @Override
    public String title() {
        return "orthogonal and identity versus same-scale Gaussian recurrent weights";
    }

    @Override
    public String claim() {
        return "Orthogonal recurrent weights keep the norm of the back-propagated gradient, so a recurrent network learns"
                + " long dependencies (the adding problem) better than with Gaussian weights of the same scale N(0, 1/n)"
                + " (Saxe, McClelland and Ganguli 2014; Arjovsky, Shah and Bengio 2016); identity recurrent weights do the"
                + " same for ReLU RNNs (Le, Jaitly and Hinton 2015).";
    }

    @Override
    public String setup() {
        return String.join(", ", cellNames()) + " cells, " + hidden + " hidden units, on adding(length=T) for T = "
                + length
                + " and " + 2 * length + ", " + train + " training and " + TEST
                + " test sequences per length; recurrent"
                + " weights orthogonal, N(0, 1/" + hidden
                + ") or identity per gate block (N(0, 0.01²) probed at init only);"
                + " input and output weights Glorot uniform, biases zero, LSTM forget-gate bias 1; Adam(lr=" + lr
                + "), batch "
                + BATCH + ", gradient norm clipped to 1, " + epochs
                + " epochs. The simple RNN is tanh (the engine has no ReLU"
                + " RNN), so identity is tested on tanh units, not as the IRNN's ReLU.";
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
        List<Run> runs = result.runs().stream()
                .map(r -> new Run(
                        r.cell(),
                        r.length(),
                        r.init(),
                        r.stepGradients(),
                        Arrays.copyOf(r.testMse(), Math.min(budget, r.testMse().length))))
                .toList();
        return new Result(result.seed(), runs, result.data());
    }

    @Override
    public List<String> alternatives() {
        return List.of("lr=0.01");
    }

    /** Estimated from measured CPU time: rnn-orthogonal(length=10, epochs=4, train=200): 3.5 s for 3 cells (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 1.5e-4 * cellNames().size() * length * epochs * train * Math.max(0.25, hidden * hidden / 1024.0);
    }

    @Override
    public int work() {
        return cellNames().size() * 2 * TRAINED.size();
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        List<Run> runs = new ArrayList<>();
        List<DataProvenance> data = new ArrayList<>();
        int done = 0;
        for (int t : lengths()) {
            Datasets.Traced d = Datasets.loadTraced(
                    "adding(length=" + t + ",n=" + train + ",test=" + TEST + ")",
                    seed,
                    Integer.MAX_VALUE,
                    DataFolder.standard(null));
            data.add(d.provenance());
            for (String cell : cellNames()) {
                for (String init : PROBED) {
                    if (TRAINED.contains(init)) {
                        RnnTraining.Trained r = RnnTraining.run(
                                cell,
                                hidden,
                                initializer(init),
                                d.split().train(),
                                d.split().test(),
                                epochs,
                                BATCH,
                                lr,
                                seed);
                        runs.add(new Run(cell, t, init, r.stepGradients(), r.testMse()));
                        progress.accept(++done);
                    } else {
                        runs.add(new Run(
                                cell,
                                t,
                                init,
                                RnnTraining.probe(
                                        cell,
                                        hidden,
                                        initializer(init),
                                        d.split().train(),
                                        seed),
                                new double[0]));
                    }
                }
            }
        }
        return new Result(seed, runs, data);
    }

    /** The recurrent initializer of an init label. */
    Initializer initializer(String init) {
        return switch (init) {
            case ORTHOGONAL -> new Orthogonal();
            case GAUSSIAN -> new Normal(0, 1 / Math.sqrt(hidden));
            case IDENTITY -> new Identity();
            case SMALL -> new Normal(0, 0.01);
            default -> throw new IllegalArgumentException("unknown recurrent init '" + init + "'; valid: " + PROBED);
        };
    }

    /**
     * The verdict on the headline claim: for the first cell, at both lengths, test MSE of
     * {@code N(0, 1/n)} minus orthogonal's at least {@link #EFFECT}.
     */
    @Override
    public Verdict judge(List<Result> seeds) {
        String cell = cellNames().get(0);
        return Verdict.of(lengths().stream()
                .map(t -> orthogonalBeatsGaussian(seeds, cell, t))
                .toList());
    }

    /** Orthogonal's test-MSE advantage over the same-scale Gaussian, judged per seed. */
    static Check orthogonalBeatsGaussian(List<Result> seeds, String cell, int t) {
        return Criterion.atLeast(
                        cell + " T=" + t + ": test MSE of N(0, 1/n) minus orthogonal",
                        EFFECT,
                        "a tenth of the"
                                + " baseline 1/6; two runs that have not learned differ by less (claim: Saxe et al. 2014, Arjovsky et al. 2016)")
                .check(perSeed(
                        seeds,
                        r -> r.run(cell, t, GAUSSIAN).finalMse()
                                - r.run(cell, t, ORTHOGONAL).finalMse()));
    }

    /**
     * The same criteria on one cell and length, for the report's grid: orthogonal and identity
     * against {@code N(0, 1/n)} after training, whether orthogonal and identity learn, and the
     * gradient reaching step 1 at initialization against {@code N(0, 1/n)} and {@code N(0, 0.01²)}.
     */
    static List<Check> grid(List<Result> seeds, String cell, int t) {
        return List.of(
                orthogonalBeatsGaussian(seeds, cell, t),
                Criterion.atLeast(
                                cell + " T=" + t + ": test MSE of N(0, 1/n) minus identity",
                                EFFECT,
                                "as for orthogonal" + " (claim: Le et al. 2015, for ReLU units)")
                        .check(perSeed(
                                seeds,
                                r -> r.run(cell, t, GAUSSIAN).finalMse()
                                        - r.run(cell, t, IDENTITY).finalMse())),
                learns(seeds, cell, t, ORTHOGONAL),
                learns(seeds, cell, t, IDENTITY),
                Criterion.atLeast(
                                cell + " T=" + t + ": log10 of orthogonal's over N(0, 1/n)'s gradient reach at init",
                                Math.log10(REACH_FACTOR),
                                "linear recurrences: a Gaussian product loses exp(-T/2n) in norm, orthogonal" + " none")
                        .check(perSeed(seeds, r -> logRatio(r, cell, t, ORTHOGONAL, GAUSSIAN))),
                Criterion.atLeast(
                                cell + " T=" + t + ": log10 of orthogonal's over N(0, 0.01²)'s gradient reach at init",
                                Math.log10(SMALL_REACH_FACTOR),
                                "N(0, 0.01²) shrinks the gradient about 0.11-fold per step")
                        .check(perSeed(seeds, r -> logRatio(r, cell, t, ORTHOGONAL, SMALL))));
    }

    private static Check learns(List<Result> seeds, String cell, int t, String init) {
        return Criterion.atMost(
                        cell + " T=" + t + ": " + init + " test MSE",
                        LEARNED,
                        "half the baseline 1/6: both marked" + " values used")
                .check(perSeed(seeds, r -> r.run(cell, t, init).finalMse()));
    }

    static double logRatio(Result r, String cell, int t, String a, String b) {
        return Math.log10(r.run(cell, t, a).reach())
                - Math.log10(r.run(cell, t, b).reach());
    }

    private static double[] perSeed(List<Result> seeds, ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return RnnRendering.render(this, seeds, verdict);
    }
}
