package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.initlab.io.data.AddingProblem;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.DataProvenance;
import org.initlab.io.data.Datasets;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.nn.Dataset;

/**
 * Remedies of exploding gradients beyond those of {@link Mitigations}, each against the same
 * exploding network without it: {@code mlp(64,[64,64,64],10,relu)} on {@value #DATA} with every
 * weight N(0, 1) (each ReLU layer multiplies the signal's scale by about sqrt(64/2) = 5.7, so the
 * logits start some 1000 times the input's scale), batches of 32, biases zero. The remedies:
 * <ol>
 *   <li><b>L2 regularization / weight decay</b> (the articles: "penalizing large weights keeps
 *       gradients from exploding"): the same SGD with {@code weight_decay};</li>
 *   <li><b>RMSProp</b> (Tieleman and Hinton 2012) and <b>Adam</b> (Kingma and Ba 2015) instead of SGD:
 *       each parameter's step is divided by the root mean square of its gradients, so a huge gradient
 *       does not make a huge step;</li>
 *   <li><b>learning-rate warm-up and decay</b> (Goyal et al. 2017; Vaswani et al. 2017): the SGD rate
 *       rises linearly over the first {@code warm_up} epochs, then falls ×0.9 per epoch;</li>
 *   <li><b>LayerNorm</b> (Ba, Kiros and Hinton 2016) before each ReLU, which removes each example's
 *       scale whatever the weights' scale;</li>
 *   <li><b>the Transformer recipe</b> (Vaswani et al. 2017: residual connections, LayerNorm, scores
 *       scaled by 1/sqrt(d), learning-rate warm-up) on a stack of {@code blocks} attention blocks on the
 *       adding problem, against the same stack without the four ({@link TransformerRecipe}).</li>
 * </ol>
 *
 * <p>Defaults: 10 epochs (as {@link Mitigations}; half and double also run), every digits training
 * example, SGD lr 0.1 (the rate at which {@link Mitigations}' unclipped exploding net diverges, so the
 * network is broken without a remedy), weight decay 5e-4 (the common value for image classifiers,
 * e.g. Zagoruyko and Komodakis 2016), one warm-up epoch (Goyal et al. warm up over 5 of 90 epochs,
 * about the first 5%; one of 10 here), RMSProp lr 0.001 and Adam lr 0.001 (Adam's paper default; the
 * same for RMSProp so that the two differ in momentum and bias correction only), 12 attention blocks
 * (twice the base model's 6 per stack: at 6 the plain stack trains as well as the recipe on this task,
 * and 12 still trains in about 5 s per run). The alternative
 * {@code lr=0.01} checks whether a ten times smaller SGD rate already trains the exploding network,
 * which would make every SGD remedy's effect vanish.
 *
 * @param epochs training epochs of each run
 * @param train training examples used, at most, of each data set (digits has 1438, the adding set 1000)
 * @param lr learning rate of the SGD runs (the peak rate of the warm-up run)
 * @param weightDecay L2 coefficient of the weight-decay run
 * @param warmUp warm-up epochs of the warm-up run (and of the Transformer recipe)
 * @param blocks attention blocks of the Transformer part
 */
public record Remedies(
        @Param(value = "training epochs of each run", min = 1, max = 1000)
        int epochs,

        @Param(
                value = "training examples used, at most, of each set (digits has 1438, the adding set 1000)",
                min = 100,
                max = 1_000_000)
        int train,

        @Param(value = "learning rate of the SGD runs (peak rate of the warm-up run)", min = 1e-5, max = 10)
        double lr,

        @Param(value = "L2 coefficient (weight decay) of the weight-decay run", min = 0, max = 1)
        double weightDecay,

        @Param(value = "warm-up epochs of the warm-up run and the Transformer recipe", min = 1, max = 100)
        int warmUp,

        @Param(value = "attention blocks of the Transformer part", min = 1, max = 64)
        int blocks)
        implements Experiment<Remedies.Result> {
    /** The dataset. */
    public static final String DATA = "digits";
    /** The RMSProp run's optimizer. */
    static final String RMSPROP = "rmsprop(lr=0.001)";
    /** The Adam run's optimizer. */
    static final String ADAM = "adam(lr=0.001)";
    /**
     * Test accuracy of a rescued network, as in {@link Mitigations}: a healthy MLP of this size reaches
     * 0.93 to 0.97 on digits, so 0.9 means "trains about as well as a healthy network".
     */
    static final double RESCUED_ACCURACY = Mitigations.RESCUED_ACCURACY;
    /** Test accuracy a remedy must add to the unremedied run's (a diverged run counted as chance): two classes' worth. */
    static final double MARGIN = Mitigations.MARGIN;
    /**
     * Test mean squared error of a trained attention stack on the adding problem: a third of the
     * 1/6 = 0.167 of always predicting 1 (Le, Jaitly and Hinton 2015 count a model as solving the task
     * well below that baseline).
     */
    static final double SOLVED_MSE = 0.05;
    /** log10 of the plain stack's test error over the recipe's: the recipe must at least halve it. */
    static final double HALVES = Math.log10(2);
    /** The label of the Transformer part's checks. */
    static final String TRANSFORMER = "Transformer recipe";
    /** The remedies of the exploding net in result order (the runs after the unremedied one). */
    static final List<String> REMEDIES = List.of("L2", "RMSProp", "Adam", "warm-up and decay", "LayerNorm");

    /** The defaults; see the class documentation for the reasons. */
    public Remedies() {
        this(10, 1_000_000, 0.1, 5e-4, 1, 12);
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the data split, the weights and the order
     * @param plain SGD without a remedy
     * @param weightDecay SGD with L2
     * @param rmsProp RMSProp
     * @param adam Adam
     * @param warmUp SGD with warm-up and decay
     * @param layerNorm SGD with LayerNorm
     * @param plainStack the attention stack without the recipe (test loss: mean squared error)
     * @param recipeStack the attention stack with the recipe
     * @param dataUsed the data of the exploding net
     * @param sequences the data of the attention stacks
     */
    public record Result(
            long seed,
            Mitigations.Run plain,
            Mitigations.Run weightDecay,
            Mitigations.Run rmsProp,
            Mitigations.Run adam,
            Mitigations.Run warmUp,
            Mitigations.Run layerNorm,
            Mitigations.Run plainStack,
            Mitigations.Run recipeStack,
            DataProvenance dataUsed,
            DataProvenance sequences)
            implements Experiment.Result {
        @Override
        public List<DataProvenance> data() {
            return java.util.stream.Stream.of(dataUsed, sequences)
                    .filter(java.util.Objects::nonNull)
                    .toList();
        }

        /** The plain stack's test error for the effect: a diverged stack predicts nothing better than guessing (1/6). */
        public double plainStackScore() {
            return plainStack.diverged() ? AddingProblem.BASELINE_MSE : plainStack.loss();
        }

        /** log10 of the plain stack's test error (guessing when diverged) over the recipe's; NaN when the recipe diverged. */
        public double recipeGain() {
            return Math.log10(plainStackScore() / recipeStack.loss());
        }

        /** The six runs in order: plain, L2, RMSProp, Adam, warm-up, LayerNorm. */
        public List<Mitigations.Run> runs() {
            return List.of(plain, weightDecay, rmsProp, adam, warmUp, layerNorm);
        }

        Result upTo(int epochs) {
            return new Result(
                    seed,
                    plain.upTo(epochs),
                    weightDecay.upTo(epochs),
                    rmsProp.upTo(epochs),
                    adam.upTo(epochs),
                    warmUp.upTo(epochs),
                    layerNorm.upTo(epochs),
                    plainStack.upTo(epochs),
                    recipeStack.upTo(epochs),
                    dataUsed,
                    sequences);
        }
    }

    @Override
    public String name() {
        return "remedies";
    }

    @Override
    public String title() {
        return "remedies of exploding and deep networks: weight decay, RMSProp, Adam, warm-up and decay, LayerNorm, the"
                + " Transformer recipe";
    }

    @Override
    public String claim() {
        return "Exploding gradients can be remedied by L2 regularization (weight decay), by adaptive optimizers such as"
                + " RMSProp (Tieleman and Hinton 2012) and Adam (Kingma and Ba 2015) instead of SGD, by learning-rate warm-up"
                + " and decay (Goyal et al. 2017) and by LayerNorm (Ba et al. 2016); residual connections, LayerNorm, scaled"
                + " attention and warm-up together (the Transformer recipe, Vaswani et al. 2017) make deep attention stacks"
                + " trainable.";
    }

    @Override
    public String setup() {
        return DATA + " (at most " + train
                + " training examples, as for the adding set), mlp(64,[64,64,64],10,act=relu) with every weight "
                + RemediesTraining.EXPLODING + " (the exploding network), biases zero, batch "
                + MitigationsTraining.BATCH
                + ", " + epochs + " epoch(s). Without remedy: sgd(lr=" + lr + "). L2: the same with weight_decay="
                + weightDecay + ". " + RMSPROP + " and " + ADAM + ". Warm-up: the SGD rate rising linearly over "
                + warmUp
                + " epoch(s), then ×" + RemediesTraining.DECAY
                + " per epoch. LayerNorm: before each ReLU, the same SGD."
                + " A remedy rescues when its test accuracy reaches " + RESCUED_ACCURACY + " and beats the unremedied"
                + " run's by " + MARGIN + " (a diverged run scored as chance, " + Mitigations.CHANCE
                + "). Transformer: "
                + TransformerRecipe.DATA + ", " + blocks + " blocks of width " + TransformerRecipe.DIM + ", "
                + TransformerRecipe.ADAM + ", batch " + TransformerRecipe.BATCH + "; the recipe (residual + post-LN,"
                + " scaled scores, " + warmUp + " warm-up epoch(s)) against the plain stack; solved below test MSE "
                + SOLVED_MSE + ", and the recipe must halve the plain stack's error.";
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
        return List.of("lr=0.01");
    }

    /** Estimated from measured CPU time: remedies(epochs=10, train=500, blocks=2): 0.9 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 0.00012 * epochs * Math.min(train, 1438) * (1 + blocks / 4.0);
    }

    @Override
    public int work() {
        return REMEDIES.size() + 3;
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        ExperimentData data = ExperimentData.load(DATA, seed, train);
        Dataset trainSet = data.split().train();
        Dataset test = data.split().test();
        List<Mitigations.Run> runs = new ArrayList<>();
        for (RemediesTraining.Variant v : RemediesTraining.variants(this)) {
            runs.add(RemediesTraining.train(v, trainSet, test, epochs, seed));
            progress.accept(runs.size());
        }
        Datasets.Traced sequences = Datasets.loadTraced(TransformerRecipe.DATA, seed, train, DataFolder.standard(null));
        for (boolean recipe : new boolean[] {false, true}) {
            runs.add(TransformerRecipe.train(
                    recipe, blocks, sequences.split().train(), sequences.split().test(), epochs, warmUp, seed));
            progress.accept(runs.size());
        }
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
                data.provenance(),
                sequences.provenance());
    }

    /** The run of remedy {@code k} (0-based in {@link #REMEDIES}). */
    static Mitigations.Run remedy(Result r, int k) {
        return r.runs().get(k + 1);
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        List<Check> checks = new ArrayList<>();
        for (int k = 0; k < REMEDIES.size(); k++) {
            int i = k;
            String name = REMEDIES.get(k);
            checks.add(Criterion.atLeast(
                            name + ": test accuracy",
                            RESCUED_ACCURACY,
                            "a healthy net of this size reaches"
                                    + " 0.93-0.97 on digits; 0.9 is 'trains about as well'")
                    .check(per(seeds, r -> remedy(r, i).accuracy())));
            checks.add(Criterion.atLeast(
                            name + ": test accuracy minus without remedy (diverged = chance)",
                            MARGIN,
                            "the remedy must add two classes' worth of accuracy to the exploding net")
                    .check(per(seeds, r -> remedy(r, i).accuracy() - r.plain().score())));
        }
        checks.add(Criterion.atMost(
                        TRANSFORMER + ": test MSE of the attention stack",
                        SOLVED_MSE,
                        "a third of the 0.167" + " of always predicting 1 on the adding problem")
                .check(per(seeds, r -> r.recipeStack().loss())));
        checks.add(Criterion.atLeast(
                        TRANSFORMER + ": log10(plain stack's test MSE ÷ recipe's)",
                        HALVES,
                        "the recipe"
                                + " must at least halve the plain stack's error (a diverged plain stack counted as guessing, 1/6)")
                .check(per(seeds, Result::recipeGain)));
        return Verdict.of(checks);
    }

    static double[] per(List<Result> seeds, ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return RemediesReport.render(this, seeds, verdict);
    }
}
