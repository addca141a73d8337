package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Constant;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Role;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Probe;
import org.initlab.nn.Dataset;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * Does He initialization reduce dead ReLU units? A {@code depth}-layer ReLU MLP of width
 * {@code width} on {@value #DATA} from five weight initializers (He normal, LeCun normal
 * (1/fan_in; the articles' "Xavier" scale), Glorot uniform, N(0, 0.01²) and N(0, 1)), each with
 * biases 0 and with biases 0.01 (the small positive bias some recommend against dying units).
 * A unit is dead when its ReLU output is exactly zero on every training example
 * ({@link LayerStats#deadUnitFraction} over the whole training set, so a dead unit gets no gradient
 * from any example); the fraction is measured in every hidden layer at initialization and after
 * every epoch.
 *
 * <p>What to expect at initialization: with zero biases a ReLU network is positively homogeneous,
 * so multiplying all weights by a constant changes no sign; He, LeCun, N(0, 0.01²) and N(0, 1)
 * draw the same standard normal numbers for a seed (each a multiple of them), so their dead
 * fractions at initialization are identical, and none of them can be "reduced" by the scale. Units
 * die at initialization only where the representation has collapsed (deep layers whose inputs are
 * nearly parallel for all examples), and during training when a large step pushes a unit's
 * pre-activation below zero for every example.
 *
 * <p>Training: SGD with momentum 0.9 and learning rate {@code lr}, batches of 32, gradients clipped
 * to global norm {@value #CLIP_NORM} (without it the N(0, 1) net, whose logits start near 1e8,
 * diverges in its first step and has no "after training" to measure). The default 0.02 is the
 * largest of the three rates tried (0.005, 0.02, 0.05) at which the He net still learns well (0.88
 * test accuracy after 5 epochs, against 0.55 at 0.05); the alternatives check a large rate,
 * {@code lr=0.05}, where units are said to die, and a gentle one, {@code lr=0.005}.
 *
 * <p>Defaults: 10 hidden layers of width 64 (deep enough for depth effects; the digits have 64
 * pixels), 5 epochs (the He net is near its plateau).
 *
 * @param depth hidden ReLU layers
 * @param width units per hidden layer
 * @param epochs passes over the training data
 * @param lr SGD learning rate
 */
public record DeadRelu(
        @Param(value = "hidden ReLU layers", min = 1, max = 100)
        int depth,

        @Param(value = "units per hidden layer", min = 2, max = 4096)
        int width,

        @Param(value = "passes over the training data", min = 1, max = 1000)
        int epochs,

        @Param(value = "SGD learning rate (momentum 0.9)", min = 1e-6, max = 10)
        double lr)
        implements Experiment<DeadRelu.Result> {
    /** The data: 1,797 8×8 digits, 20% held out, pixels scaled to [0, 1]. */
    public static final String DATA = "digits";
    /** The weight initializers, label to spec; He first. */
    public static final Map<String, String> INITS = inits();
    /** The bias values compared. */
    public static final List<Double> BIASES = List.of(0.0, 0.01);
    /** Gradients are clipped to this global norm (see the class documentation). */
    static final double CLIP_NORM = 5;
    /** SGD momentum. */
    static final double MOMENTUM = 0.9;
    /** Examples per step. */
    static final int BATCH = 32;
    /**
     * "Reduces" means He leaves at least 1 point fewer of its hidden units dead (mean over layers)
     * than the alternative: about six of the 640 units of the default net. Equal fractions (both 0,
     * as at initialization) are no reduction, so the bound is below zero.
     */
    static final double FEWER_DEAD = 0.01;

    private static Map<String, String> inits() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("He normal", "he_normal");
        m.put("LeCun normal (1/fan_in)", "lecun_normal");
        m.put("Glorot uniform", "glorot_uniform");
        m.put("N(0, 0.01²)", "normal(std=0.01)");
        m.put("N(0, 1)", "normal(std=1)");
        return m;
    }

    /** The defaults: 10 layers of width 64, 5 epochs, lr 0.02 (see the class documentation). */
    public DeadRelu() {
        this(10, 64, 5, 0.02);
    }

    /**
     * One initializer's run.
     *
     * @param init the weight initializer's label
     * @param bias the biases' initial value
     * @param dead dead fraction of each hidden layer, {@code [epoch][layer]}, epoch 0 at
     *     initialization; rows after a divergence are NaN
     * @param testAccuracy test accuracy at each epoch (0 at initialization); NaN after a divergence
     */
    public record Run(String init, double bias, double[][] dead, double[] testAccuracy) {
        /** This run up to {@code epochs} epochs. */
        Run upTo(int epochs) {
            int n = Math.min(epochs + 1, dead.length);
            return new Run(init, bias, Arrays.copyOf(dead, n), Arrays.copyOf(testAccuracy, n));
        }

        /** Mean dead fraction over the hidden layers at {@code epoch}. */
        double meanDead(int epoch) {
            return Arrays.stream(dead[epoch]).average().orElse(Double.NaN);
        }

        /** Mean dead fraction at initialization. */
        double atInit() {
            return meanDead(0);
        }

        /** Mean dead fraction after the last epoch. */
        double afterTraining() {
            return meanDead(dead.length - 1);
        }

        /** Final test accuracy. */
        double accuracy() {
            return testAccuracy[testAccuracy.length - 1];
        }

        /** Epochs trained. */
        int epochs() {
            return dead.length - 1;
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the hold-out split, the weights and the data order
     * @param runs every (initializer, bias) run, initializer by initializer, bias 0 first
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

        /** The run of {@code init} with biases {@code bias}. */
        Run run(String init, double bias) {
            return runs.stream()
                    .filter(r -> r.init().equals(init) && r.bias() == bias)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no run " + init + ", bias " + bias));
        }
    }

    @Override
    public String name() {
        return "dead-relu";
    }

    @Override
    public String title() {
        return "dead ReLU units by initializer and bias";
    }

    @Override
    public String claim() {
        return "He initialization reduces dead neurons (the articles; after He, Zhang, Ren and Sun 2015, 'Delving Deep"
                + " into Rectifiers'); a small positive bias such as 0.01 is also said to keep ReLU units alive.";
    }

    @Override
    public String setup() {
        return "mlp(64, [" + width + " × " + depth + "], 10, act=relu) on " + DATA + "; weights He normal, LeCun normal"
                + " (1/fan_in; the articles' 'Xavier'), Glorot uniform, N(0, 0.01²), N(0, 1); biases 0 or 0.01. SGD lr "
                + lr
                + ", momentum 0.9, batches of 32, gradients clipped to norm " + (int) CLIP_NORM + ", " + epochs
                + " epochs."
                + " A unit is dead when its output is 0 on every training example; fractions per hidden layer at"
                + " initialization and after every epoch.";
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
                r.seed(), r.runs().stream().map(run -> run.upTo(budget)).toList(), r.dataUsed());
    }

    @Override
    public List<String> alternatives() {
        return List.of("lr=0.05", "lr=0.005");
    }

    /** Estimated from measured CPU time: dead-relu(depth=4, width=32, epochs=4): 0.5 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 3e-5 * epochs * depth * Math.max(256, width * width);
    }

    @Override
    public int work() {
        return INITS.size() * BIASES.size();
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        ExperimentData data = ExperimentData.load(DATA, seed, Integer.MAX_VALUE);
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, String> init : INITS.entrySet()) {
            for (double bias : BIASES) {
                runs.add(train(init.getKey(), init.getValue(), bias, data, seed));
                progress.accept(runs.size());
            }
        }
        return new Result(seed, runs, data.provenance());
    }

    private Run train(String label, String init, double bias, ExperimentData data, long seed) {
        Dataset train = data.split().train();
        Sequential net = ModelSpec.parse("mlp(" + train.features().features() + ",["
                + String.join(",", java.util.Collections.nCopies(depth, Integer.toString(width))) + "],"
                + train.classes() + ",act=relu)");
        List<InitPlan.Rule> rules = new ArrayList<>();
        rules.add(new InitPlan.Rule(null, Role.BIAS, null, null, new Constant(bias)));
        rules.addAll(InitPlan.allWeights(Registry.parse(init)).rules());
        new InitPlan(rules).apply(net, seed);
        double[][] dead = new double[epochs + 1][];
        double[] accuracy = new double[epochs + 1];
        Arrays.fill(accuracy, Double.NaN);
        dead[0] = deadFractions(net, train);
        accuracy[0] = Trainer.accuracy(net, data.split().test());
        Trainer trainer = new Trainer(net, new Sgd(lr, MOMENTUM, false, 0), List.of());
        try {
            trainer.fit(
                    train,
                    data.split().test(),
                    new Trainer.Config(epochs, BATCH, seed, new Schedule.Constant(), CLIP_NORM, Double.NaN),
                    new Trainer.Listener() {
                        @Override
                        public void epoch(Trainer.Epoch e) {
                            dead[e.epoch()] = deadFractions(net, train);
                            accuracy[e.epoch()] = e.testAccuracy();
                        }
                    });
        } catch (DivergenceException diverged) {
            // the rows from the divergence on stay NaN
        }
        for (int e = 0; e <= epochs; e++) {
            if (dead[e] == null) {
                dead[e] = new double[depth];
                Arrays.fill(dead[e], Double.NaN);
            }
        }
        return new Run(label, bias, dead, accuracy);
    }

    /** The dead fraction of each hidden ReLU layer over {@code data}. */
    private static double[] deadFractions(Sequential net, Dataset data) {
        return Probe.atInitialization(net, data).layers().stream()
                .filter(l -> l.kind().equals("activation"))
                .mapToDouble(LayerStats::deadUnitFraction)
                .toArray();
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        String he = INITS.keySet().iterator().next();
        List<Check> checks = new ArrayList<>();
        for (String other : INITS.keySet()) {
            if (other.equals(he)) {
                continue;
            }
            checks.add(Criterion.atMost(
                            "He minus " + other + ": dead fraction after training (biases 0)",
                            -FEWER_DEAD,
                            "'reduces' = at least 1 point fewer dead units than the alternative; equal fractions are no reduction")
                    .check(seeds.stream()
                            .mapToDouble(r -> r.run(he, 0).afterTraining()
                                    - r.run(other, 0).afterTraining())
                            .toArray()));
        }
        return Verdict.of(checks);
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return DeadReluRendering.render(this, seeds, verdict);
    }
}
