package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.experiment.ResidualTraining.Family;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;

/**
 * Are residual networks less sensitive to the initializer than plain ones? Plain and residual
 * stacks of {@code blocks/4}, {@code blocks/2} and {@code blocks} blocks (two {@code width × width}
 * ReLU layers each; see {@link ResidualTraining} for the exact layers) are trained on {@value #DATA}
 * from three initializers of every weight: He normal (2/fan_in), LeCun normal (1/fan_in; the
 * articles call this scale "Xavier") and N(0, 0.01²); biases zero. Each stack is run without
 * normalization and with BatchNorm after every weight layer of a block; beside them, residual stacks
 * whose blocks carry a trainable branch scale α started at 0: ReZero (Bachlechner et al. 2020; no
 * normalization; the ReLU after each block is kept, where the paper's block has none) and the same with BatchNorm kept in the branch (De and Smith 2020 propose SkipInit,
 * the zero-initialized α, as a <em>replacement</em> for BatchNorm, which here would be ReZero again;
 * keeping BatchNorm shows what α = 0 adds to a normalized stack), each with the three initializers
 * on the weights; and Fixup (Zhang, Dauphin and Ma 2019; its own init, so one run per depth).
 *
 * <p>Training is SGD with momentum 0.9 and learning rate {@code lr} (0.01 by default: the setting
 * in which the lab's mitigations experiment saw a He-initialized 16-block residual stack diverge),
 * batches of 32, {@code epochs} epochs (5 by default). The outcome of a run is its test accuracy after training; a
 * run that diverged counts as chance (0.1: its outputs carry no information). The sensitivity of a
 * network is the spread (largest minus smallest) of that outcome across the three initializers, per
 * seed.
 *
 * <p>Defaults: 16 blocks (He et al. 2016 compare plain and residual nets of 18 and 34 layers; 16
 * blocks are 34 weight layers, and the lab saw the He-initialized 16-block stack diverge), width 32
 * and 5 epochs, so that the 57 runs of a seed, at double the budget and at the alternative learning
 * rate, take about a minute of one core (three seeds about two minutes on two cores). Five epochs
 * are short: configurations that start slowly (N(0, 0.01²) everywhere, ReZero, Fixup, whose
 * output layer starts at zero) are still learning, and that slowness is part of what the spread
 * measures; the double budget shows whether the verdict survives more training.
 *
 * @param blocks blocks of the deepest stack; the others have a quarter and half as many
 * @param width units per layer
 * @param epochs passes over the training data
 * @param lr SGD learning rate
 */
public record ResidualSensitivity(
        @Param(value = "blocks of the deepest stack (the others: a quarter and half as many)", min = 4, max = 64)
        int blocks,

        @Param(value = "units per layer", min = 4, max = 1024)
        int width,

        @Param(value = "passes over the training data", min = 1, max = 1000)
        int epochs,

        @Param(value = "SGD learning rate (momentum 0.9)", min = 1e-6, max = 10)
        double lr)
        implements Experiment<ResidualSensitivity.Result> {
    /** The data: 1,797 8×8 digits, 20% held out, pixels scaled to [0, 1]. */
    public static final String DATA = "digits";
    /** The compared initializers, label to spec. */
    public static final Map<String, String> INITS = inits();
    /** Test accuracy a diverged run is counted at: chance on ten classes. */
    static final double CHANCE = 0.1;
    /**
     * Plain minus residual sensitivity must reach 0.05. The test set holds 360 digits, so one run's
     * accuracy near 0.9 has a binomial standard error of sqrt(0.9 · 0.1 / 360) = 0.016; a spread
     * difference below about three of those is within what re-drawing a single run can change.
     */
    static final double LESS_SENSITIVE = 0.05;

    private static Map<String, String> inits() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("He normal", "he_normal");
        m.put("LeCun normal (1/fan_in)", "lecun_normal");
        m.put("N(0, 0.01²)", "normal(std=0.01)");
        return m;
    }

    /** The defaults: 16 blocks of width 32, 5 epochs, lr 0.01 (see the class documentation). */
    public ResidualSensitivity() {
        this(16, 32, 5, 0.01);
    }

    /**
     * One training run.
     *
     * @param network the family's label ({@code plain}, {@code residual + BatchNorm}, ...)
     * @param init the initializer's label ({@code Fixup} for Fixup)
     * @param blocks blocks of the stack
     * @param trainLoss mean training loss of each epoch; NaN from a divergence on
     * @param testAccuracy test accuracy after each epoch; NaN from a divergence on
     * @param reports the test set's classification report after each finished epoch (fewer when it diverged;
     *     null where the output was not finite)
     */
    public record Run(
            String network,
            String init,
            int blocks,
            double[] trainLoss,
            double[] testAccuracy,
            List<ClassificationReport> reports) {
        /** This run as it stood after {@code epochs} epochs. */
        Run upTo(int epochs) {
            int n = Math.min(epochs, testAccuracy.length);
            return new Run(
                    network,
                    init,
                    blocks,
                    Arrays.copyOf(trainLoss, n),
                    Arrays.copyOf(testAccuracy, n),
                    ClassificationReport.first(reports, n));
        }

        /** Final macro-F1 on the test set (NaN when diverged). */
        double macroF1() {
            return diverged() || reports.size() < testAccuracy.length
                    ? Double.NaN
                    : ClassificationReport.macroF1(ClassificationReport.last(reports));
        }

        /** Whether the run diverged. */
        boolean diverged() {
            return Double.isNaN(testAccuracy[testAccuracy.length - 1]);
        }

        /** Final test accuracy, {@link #CHANCE} for a diverged run. */
        double outcome() {
            return diverged() ? CHANCE : testAccuracy[testAccuracy.length - 1];
        }

        /** Final training loss (NaN when diverged). */
        double finalLoss() {
            return trainLoss[trainLoss.length - 1];
        }
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the hold-out split, the weights and the data order
     * @param runs every run, depth by depth, family by family, initializer by initializer
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

        /** The run of {@code network} at {@code blocks} from {@code init}. */
        Run run(String network, int blocks, String init) {
            return runs.stream()
                    .filter(r -> r.network().equals(network)
                            && r.blocks() == blocks
                            && r.init().equals(init))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalArgumentException("no run " + network + ", " + blocks + " blocks, " + init));
        }

        /** Spread of the outcome across the compared initializers for {@code network} at {@code blocks}. */
        double sensitivity(Family network, int blocks) {
            double[] v = INITS.keySet().stream()
                    .mapToDouble(i -> run(network.label, blocks, i).outcome())
                    .toArray();
            return Arrays.stream(v).max().orElseThrow() - Arrays.stream(v).min().orElseThrow();
        }
    }

    /** The three depths: a quarter, half and all of {@code blocks}. */
    List<Integer> depths() {
        return List.of(blocks / 4, blocks / 2, blocks);
    }

    @Override
    public String name() {
        return "residual";
    }

    @Override
    public String title() {
        return "residual networks and the choice of initializer";
    }

    @Override
    public String claim() {
        return "Residual networks are less sensitive to the choice of initialization than plain networks of the same"
                + " depth (the articles, after He, Zhang, Ren and Sun 2016, 'Deep Residual Learning for Image Recognition').";
    }

    @Override
    public String setup() {
        return "Plain and residual ReLU stacks of " + depths().get(0) + ", " + depths().get(1) + " and " + blocks
                + " blocks (two " + width + "-wide dense layers per block), on " + DATA
                + ", without normalization and with"
                + " BatchNorm, from He normal, LeCun normal (1/fan_in; the articles' 'Xavier') and N(0, 0.01²) weights,"
                + " biases zero; beside them ReZero (α = 0), α = 0 with BatchNorm, and Fixup. SGD lr " + lr
                + ", momentum 0.9, batches of 32, " + epochs
                + " epochs. Sensitivity = largest minus smallest test accuracy"
                + " across the three initializers (a diverged run counts as 0.1).";
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
        return List.of("lr=0.001");
    }

    /** Estimated from measured CPU time: residual(blocks=8, width=16, epochs=4): 2.0 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.06 * epochs * blocks * width / 16.0;
    }

    @Override
    public int work() {
        int perDepth = 0;
        for (Family f : Family.values()) {
            perDepth += f.crossed() ? INITS.size() : 1;
        }
        return 3 * perDepth;
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        ExperimentData data = ExperimentData.load(DATA, seed, Integer.MAX_VALUE);
        List<Run> runs = new ArrayList<>();
        for (int depth : depths()) {
            for (Family f : Family.values()) {
                if (!f.crossed()) {
                    runs.add(ResidualTraining.train(f, "Fixup", null, depth, width, data.split(), epochs, lr, seed));
                    progress.accept(runs.size());
                    continue;
                }
                for (Map.Entry<String, String> init : INITS.entrySet()) {
                    runs.add(ResidualTraining.train(
                            f, init.getKey(), init.getValue(), depth, width, data.split(), epochs, lr, seed));
                    progress.accept(runs.size());
                }
            }
        }
        return new Result(seed, runs, data.provenance());
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        List<Check> checks = new ArrayList<>();
        for (Family[] pair : new Family[][] {{Family.PLAIN, Family.RESIDUAL}, {Family.PLAIN_BN, Family.RESIDUAL_BN}}) {
            for (int depth : depths()) {
                String where = depth + (depth == 1 ? " block: " : " blocks: ");
                checks.add(Criterion.atLeast(
                                where + pair[0].label + " minus " + pair[1].label
                                        + " spread of test accuracy across inits",
                                LESS_SENSITIVE,
                                "less sensitive = a smaller spread;"
                                        + " 0.05 is three binomial standard errors of one run's accuracy on 360 test digits")
                        .check(seeds.stream()
                                .mapToDouble(r -> r.sensitivity(pair[0], depth) - r.sensitivity(pair[1], depth))
                                .toArray()));
            }
        }
        return Verdict.of(checks);
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return ResidualRendering.render(this, seeds, verdict);
    }
}
