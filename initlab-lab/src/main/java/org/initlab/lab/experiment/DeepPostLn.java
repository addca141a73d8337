package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.initlab.lab.experiment.DeepPostLnTraining.Arm;
import org.initlab.lab.experiment.DeepPostLnTraining.Run;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;

/**
 * Deep post-LN transformers and the remedies for them: Liu et al. (2020, "Understanding the
 * Difficulty of Training Transformers") and Xiong et al. (2020, "On Layer Normalization in the
 * Transformer Architecture") find that post-LN stacks (Vaswani et al. 2017) trained with Adam at a
 * fixed learning rate and no warm-up diverge or train slowly, more so the deeper they are, while
 * pre-LN stacks do not need the warm-up; DeepNorm (Wang et al. 2022) and T-Fixup (Huang et al.
 * 2020) change the initialization (and DeepNorm the residual's weight) so that post-LN, or no
 * LayerNorm at all, trains without warm-up.
 *
 * <p>Set-up: the {@link CopyTask} ({@value #SYMBOLS} symbols, strings of {@value #LENGTH}, so 8
 * steps), GPT-style causal transformers ({@link org.initlab.nn.Transformer}, GELU MLP of 4d, learned
 * position embeddings) of {@code layers} blocks of width {@code dim} with {@code heads} heads, Adam
 * at {@code lr} for {@code steps} steps of {@value DeepPostLnTraining#BATCH} fresh strings, no
 * clipping. Five arms ({@link Arm}): pre-LN with the default init (the library's default plan: Xavier
 * uniform weights except the MLP's first layer c_fc, which is followed by GELU and gets He normal with
 * GELU's gain; N(0, 1) embeddings, as PyTorch's; the fair baseline, same init and schedule), post-LN
 * with the default init with and
 * without a linear warm-up of {@code warm_up} steps, post-LN with DeepNorm (decoder constants
 * α = (2M)^(1/4) on the residual, β = (8M)^(-1/4) on v, o and the MLP), and no LayerNorm with
 * T-Fixup (decoder constants (9M)^(-1/4) on v, o, the MLP and the embeddings).
 *
 * <p>Defaults: 12 layers of width 16 (2 heads), 300 steps (half and double are read off one run of
 * 600), lr 0.003, warm-up 60 steps (a fifth of the budget); the alternative lr 0.001 checks a
 * smaller step, where post-LN is expected to suffer less. The whole study (3 seeds, five runs of 600
 * steps each and five of 300 at the alternative rate) took 118 s of CPU, one step of a 12-layer stack
 * about 1 ms per layer.
 *
 * @param layers transformer blocks M
 * @param dim model width d
 * @param heads attention heads, dividing d
 * @param steps Adam steps (the budget)
 * @param lr Adam's learning rate, fixed (after the warm-up for the warm-up arm)
 * @param warmUp steps of linear warm-up of the warm-up arm
 */
public record DeepPostLn(
        @Param(value = "transformer blocks", min = 1, max = 64)
        int layers,

        @Param(value = "model width", min = 2, max = 256) int dim,

        @Param(value = "attention heads, dividing the width", min = 1, max = 64)
        int heads,

        @Param(value = "Adam steps of 16 fresh strings", min = 1, max = 100_000)
        int steps,

        @Param(value = "Adam's learning rate", min = 1e-6, max = 1)
        double lr,

        @Param(value = "steps of linear warm-up (warm-up arm only)", min = 1, max = 100_000)
        int warmUp)
        implements Experiment<DeepPostLn.Result> {
    /** Alphabet of the copy task. */
    static final int SYMBOLS = 8;
    /** Length of the strings copied. */
    static final int LENGTH = 4;
    /**
     * A run "trains" when the mean loss of its last tenth of steps is at most half the memoryless
     * loss ln(K)/2: halfway from not copying to copying perfectly, where the model puts on the right
     * symbol a geometric-mean probability of at least 1/√K (0.35 for K = 8, against the guess's
     * 0.125). The score is capped at 1 (the memoryless loss): a run that diverged or ended above it
     * scores 1.
     */
    static final double TRAINED = 0.5;

    /** The defaults; see the class documentation for the reasons. */
    public DeepPostLn() {
        this(12, 16, 2, 300, 0.003, 60);
    }

    public DeepPostLn {
        if (dim % heads != 0) {
            throw new IllegalArgumentException(
                    "deep-post-ln: heads must divide dim, got dim " + dim + ", heads " + heads);
        }
    }

    /**
     * One seed's runs.
     *
     * @param seed seed of the weights and of the strings
     * @param runs one run per {@link Arm}, in the enum's order
     */
    public record Result(long seed, List<Run> runs) implements Experiment.Result {
        public Result {
            runs = List.copyOf(runs);
        }

        /** The run of {@code arm}. */
        Run run(Arm arm) {
            return runs.stream()
                    .filter(r -> r.arm() == arm)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no run of arm " + arm));
        }

        /** {@code arm}'s score: last-tenth loss over the memoryless loss (1 when diverged). */
        double score(Arm arm) {
            return run(arm).score(task().memorylessLoss());
        }

        Result upTo(int steps) {
            return new Result(seed, runs.stream().map(r -> r.upTo(steps)).toList());
        }
    }

    /** The task. */
    static CopyTask task() {
        return new CopyTask(SYMBOLS, LENGTH);
    }

    @Override
    public String name() {
        return "deep-post-ln";
    }

    @Override
    public String title() {
        return "deep post-LN transformers: no warm-up, warm-up, DeepNorm, T-Fixup and pre-LN";
    }

    @Override
    public String claim() {
        return "Deep post-LN transformers trained with Adam at a fixed learning rate and no warm-up diverge or train"
                + " slowly (Liu et al. 2020; Xiong et al. 2020), while the same stack trains with a learning-rate warm-up,"
                + " with DeepNorm's residual scaling and init (Wang et al. 2022), or without LayerNorm under T-Fixup's init"
                + " (Huang et al. 2020); pre-LN trains without warm-up.";
    }

    @Override
    public String setup() {
        List<String> labels = new ArrayList<>();
        for (Arm a : Arm.values()) {
            labels.add(a.label());
        }
        return "Copy task: " + SYMBOLS + " symbols, strings of " + LENGTH + " copied after a separator (" + 2 * LENGTH
                + " steps, fresh strings every step; memoryless loss ln(" + SYMBOLS + ")/2 = "
                + Cells.number(task().memorylessLoss()) + "). Causal GPT-style transformers of " + layers
                + " blocks, width "
                + dim + ", " + heads + " heads, GELU MLP of " + 4 * dim + "; Adam(lr=" + lr + "), batch "
                + DeepPostLnTraining.BATCH + ", " + steps + " steps, no clipping. Arms: " + String.join("; ", labels)
                + ". Score: last-tenth loss ÷ memoryless loss, capped at 1 (a diverged run scores 1). Default init (the"
                + " default plan): Xavier uniform weights but He normal (GELU gain) on c_fc, N(0, 1) embeddings, LayerNorm"
                + " 1 and 0; warm-up: linear"
                + " over " + warmUp + " steps; DeepNorm (decoder): α = (2M)^(1/4) = "
                + Cells.number(DeepPostLnTraining.deepNorm(layers).alpha()) + " (branch scale 1/α), β = (8M)^(-1/4) = "
                + Cells.number(DeepPostLnTraining.deepNorm(layers).beta()) + "; T-Fixup (decoder): (9M)^(-1/4) = "
                + Cells.number(DeepPostLnTraining.tFixup(layers).weightScale()) + ", no LayerNorm at all.";
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
    public Result atBudget(Result result, int budget) {
        return result.upTo(budget);
    }

    @Override
    public List<String> alternatives() {
        return List.of("lr=0.001");
    }

    @Override
    public int work() {
        return Arm.values().length;
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        CopyTask task = task();
        List<Run> runs = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            runs.add(DeepPostLnTraining.train(arm, task, dim, heads, layers, steps, lr, warmUp, seed));
            progress.accept(runs.size());
        }
        return new Result(seed, runs);
    }

    /**
     * Five criteria, one per arm, on the score (the last tenth's loss over the memoryless loss):
     * pre-LN at most {@link #TRAINED} (the task is learnable at this budget, so a failure elsewhere
     * is the arm's), post-LN without warm-up at least {@link #TRAINED} (it diverges or is slow), and
     * post-LN with warm-up, DeepNorm and T-Fixup at most {@link #TRAINED}.
     */
    @Override
    public Verdict judge(List<Result> seeds) {
        String reason =
                "half the memoryless loss ln(K)/2: the model puts a geometric-mean probability of at least 1/√K on"
                        + " the right symbol; a diverged run scores 1";
        List<Check> checks = new ArrayList<>();
        for (Arm arm : Arm.values()) {
            double[] scores = seeds.stream().mapToDouble(r -> r.score(arm)).toArray();
            String figure = arm.label() + ": last-tenth loss ÷ memoryless loss";
            checks.add(
                    arm == Arm.POST_LN
                            ? Criterion.atLeast(figure, TRAINED, "does not train: " + reason)
                                    .check(scores)
                            : Criterion.atMost(figure, TRAINED, "trains: " + reason)
                                    .check(scores));
        }
        return Verdict.of(checks);
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return DeepPostLnReport.render(this, seeds, verdict);
    }
}
