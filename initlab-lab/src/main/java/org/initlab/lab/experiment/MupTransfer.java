package org.initlab.lab.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;
import org.initlab.nn.Dataset;

/**
 * The headline of μP (G. Yang, E. J. Hu et al. 2022, "Tensor Programs V", Figure 1) at small
 * scale: under the standard parametrization the learning rate that trains best moves as the
 * network widens, under μP it stays where it was tuned on the narrow base model.
 *
 * <p>Set-up: an MLP with two hidden ReLU layers of width {@code w} for each of {@code widths}
 * (the first is μP's base width), on {@code data}, trained with {@code optimizer} for
 * {@code steps} steps of batches of {@code batch} at each rate of the grid
 * {@code 2^log2_lr_min, 2^(log2_lr_min+1), ..., 2^log2_lr_max} (constant rate, no warm-up, no
 * decay), once under SP and once under μP. SP is the fair baseline the paper uses: He normal with
 * the following activation's gain (the output layer 1/fan_in), every rate multiplier 1, so SP and
 * μP are the same network at the base width (same draws: their curves coincide there). μP is
 * {@code mup(base_width=W)} ({@link org.initlab.lab.plan.Mup}: Table 3 over its base values; for
 * Adam the hidden and output weights' rates × base/width, the output init variance × base/width).
 * The figure read per width is the training loss (cross-entropy on {@value MupTransferTraining#EVAL}
 * training examples) after the budget, per rate; the best rate is its argmin.
 *
 * <p><b>Judge, stated before the run.</b> Per seed, the spread of log2(best rate) across widths,
 * in grid steps (the grid's factor is 2): under μP at most {@value #MUP_SPREAD} step, under SP at
 * least {@value #SP_SPREAD}. A run that produced a non-finite value scores an infinite loss; exact
 * ties go to the smaller rate; a width where every rate diverged has no best rate (the spread is
 * then NaN: not supported). Defaults: widths 64 to 512, rates 2^-13 to 2^-4, 300 steps of 32 digits
 * (about 7 epochs) with Adam (the paper's Figure 1 optimizer); half and double the budget are read
 * off one run at double the budget, and SGD (rates 2^-8 to 2^1) is the alternative setting.
 *
 * @param widths hidden widths, '+'-separated, ascending; the first is μP's base width
 * @param log2LrMin log2 of the smallest learning rate of the grid
 * @param log2LrMax log2 of the largest learning rate of the grid
 * @param steps training steps (the budget)
 * @param batch examples per step
 * @param optimizer adam or sgd (plain SGD, no momentum)
 * @param data the data set
 */
public record MupTransfer(
        @Param("hidden widths, '+'-separated, ascending; the first is muP's base width")
        String widths,

        @Param(value = "log2 of the smallest learning rate of the grid", min = -30, max = 10)
        int log2LrMin,

        @Param(value = "log2 of the largest learning rate of the grid", min = -30, max = 10)
        int log2LrMax,

        @Param(value = "training steps (the budget)", min = 2, max = 1_000_000)
        int steps,

        @Param(value = "examples per step", min = 1, max = 100_000)
        int batch,

        @Param("optimizer: adam or sgd (plain, no momentum)")
        String optimizer,

        @Param("data set (digits, fashion-mnist, ...)") String data)
        implements Experiment<MupTransfer.Result> {
    /**
     * Most grid steps μP's best rate may move across the widths: the paper's Figure 1 shows the
     * optimum in place; one step (a factor 2) allows the argmin to pick either of two neighbouring
     * rates whose losses are nearly equal.
     */
    static final double MUP_SPREAD = 1;
    /**
     * Fewest grid steps SP's best rate must move for "drifts": a factor 4. Under SP one Adam step
     * moves a hidden unit by about width × lr, so the best rate should fall like 1/width once the
     * width dominates (3 steps over the defaults' ratio of 8); 2 leaves room for the narrow widths where it does not yet.
     */
    static final double SP_SPREAD = 2;

    /** The defaults; see the class documentation. */
    public MupTransfer() {
        this("64+128+256+512", -13, -4, 300, 32, "adam", "digits");
    }

    public MupTransfer {
        int[] w = parseWidths(widths);
        if (w.length < 2) {
            throw new IllegalArgumentException("mup-transfer: widths needs at least two widths, got '" + widths + "'");
        }
        if (log2LrMax <= log2LrMin) {
            throw new IllegalArgumentException(
                    "mup-transfer: log2_lr_max must exceed log2_lr_min, got " + log2LrMin + " and " + log2LrMax);
        }
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("mup-transfer: optimizer must be adam or sgd, got '" + optimizer + "'");
        }
    }

    /** The widths of a '+'-separated list, checked to be positive and strictly ascending. */
    static int[] parseWidths(String text) {
        String[] parts = text.strip().split("\\+");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mup-transfer: widths must be '+'-separated integers such as"
                        + " 64+128+256, got '" + text + "'");
            }
            if (w[i] < 1 || w[i] > 16384 || (i > 0 && w[i] <= w[i - 1])) {
                throw new IllegalArgumentException(
                        "mup-transfer: widths must be ascending and in [1, 16384], got '" + text + "'");
            }
        }
        return w;
    }

    /**
     * One seed's result.
     *
     * @param seed seed of the weights, the data split and the order
     * @param widths the widths, ascending (the first is the base)
     * @param log2Lr log2 of each learning rate of the grid, ascending
     * @param checkpoints the steps at which the loss was read, ascending (the last is the budget)
     * @param sp training loss under SP, {@code [width][rate][checkpoint]}; NaN once diverged
     * @param mup the same under μP
     * @param dataUsed the data
     */
    public record Result(
            long seed,
            int[] widths,
            double[] log2Lr,
            int[] checkpoints,
            double[][][] sp,
            double[][][] mup,
            DataProvenance dataUsed)
            implements Experiment.Result {
        @Override
        public List<DataProvenance> data() {
            return dataUsed == null ? List.of() : List.of(dataUsed);
        }

        /** Losses at the budget, {@code [width][rate]}, under μP or SP. */
        public double[][] atEnd(boolean underMup) {
            double[][][] l = underMup ? mup : sp;
            return Arrays.stream(l)
                    .map(w -> Arrays.stream(w).mapToDouble(r -> r[r.length - 1]).toArray())
                    .toArray(double[][]::new);
        }

        /** log2 of the best rate at each width; NaN where every rate diverged. */
        public double[] bestLog2Lr(boolean underMup) {
            double[][] end = atEnd(underMup);
            double[] best = new double[end.length];
            for (int w = 0; w < end.length; w++) {
                int i = best(end[w]);
                best[w] = i < 0 ? Double.NaN : log2Lr[i];
            }
            return best;
        }

        /** The spread of log2(best rate) across the widths, in grid steps; NaN when a width has none. */
        public double spread(boolean underMup) {
            double[] b = bestLog2Lr(underMup);
            return Arrays.stream(b).max().orElseThrow() - Arrays.stream(b).min().orElseThrow();
        }

        /** log2(best rate at the widest) − log2(best rate at the base): negative when the optimum moves to smaller rates. */
        public double drift(boolean underMup) {
            double[] b = bestLog2Lr(underMup);
            return b[b.length - 1] - b[0];
        }

        /** The lowest loss at the widest minus the lowest at the base ("wider is better" under μP when negative). */
        public double widerGain(boolean underMup) {
            double[][] end = atEnd(underMup);
            return bestLoss(end[end.length - 1]) - bestLoss(end[0]);
        }

        /** The result as it stood after {@code steps} steps, which must be one of the checkpoints. */
        Result upTo(int steps) {
            int k = Arrays.binarySearch(checkpoints, steps);
            if (k < 0) {
                throw new IllegalArgumentException("mup-transfer: no checkpoint at step " + steps + "; checkpoints "
                        + Arrays.toString(checkpoints));
            }
            return new Result(
                    seed, widths, log2Lr, Arrays.copyOf(checkpoints, k + 1), cut(sp, k + 1), cut(mup, k + 1), dataUsed);
        }

        private static double[][][] cut(double[][][] l, int n) {
            return Arrays.stream(l)
                    .map(w -> Arrays.stream(w).map(r -> Arrays.copyOf(r, n)).toArray(double[][]::new))
                    .toArray(double[][][]::new);
        }
    }

    /**
     * The index of the lowest loss: a non-finite loss (a diverged run) counts as infinite, an exact
     * tie goes to the smaller index (the smaller rate); -1 when no loss is finite.
     */
    static int best(double[] losses) {
        int best = -1;
        for (int i = 0; i < losses.length; i++) {
            if (Double.isFinite(losses[i]) && (best < 0 || losses[i] < losses[best])) {
                best = i;
            }
        }
        return best;
    }

    private static double bestLoss(double[] losses) {
        int i = best(losses);
        return i < 0 ? Double.NaN : losses[i];
    }

    @Override
    public String name() {
        return "mup-transfer";
    }

    @Override
    public String title() {
        return "μP: the best learning rate stays put as the network widens; under SP it drifts";
    }

    @Override
    public String claim() {
        return "Under the maximal update parametrization the learning rate tuned on a narrow model stays optimal as the"
                + " width grows, while under the standard parametrization the optimal learning rate shifts with width"
                + " (Yang, Hu et al. 2022, 'Tensor Programs V', Figure 1).";
    }

    @Override
    public String setup() {
        int[] w = parseWidths(widths);
        return "MLP mlp(IN,[w,w],CLASSES,act=relu) at widths " + widths.replace("+", ", ") + " on " + data + "; "
                + optimizer + " at learning rates 2^"
                + log2LrMin + " to 2^" + log2LrMax + " (factor 2), constant, " + steps + " steps of " + batch
                + " examples;"
                + " SP (He normal, output 1/fan_in, every rate multiplier 1) against μP relative to width " + w[0]
                + " (Table 3: "
                + (optimizer.equals("adam")
                        ? "hidden and output rates × " + w[0] + "/width"
                        : "input and" + " bias rates × width/" + w[0] + ", output rate × " + w[0] + "/width")
                + ", output init variance × "
                + w[0] + "/width); training loss on " + MupTransferTraining.EVAL + " training examples at the budget.";
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
        return optimizer.equals("adam") ? List.of("optimizer=sgd, log2_lr_min=-8, log2_lr_max=1") : List.of();
    }

    /** The learning rates' log2, ascending. */
    double[] log2Lrs() {
        double[] x = new double[log2LrMax - log2LrMin + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = log2LrMin + i;
        }
        return x;
    }

    @Override
    public int work() {
        return 2 * parseWidths(widths).length;
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        ExperimentData d = ExperimentData.load(data, seed, 1_000_000);
        Dataset train = d.split().train();
        Dataset eval = MupTransferTraining.evalSet(train);
        int[] w = parseWidths(widths);
        double[] lrs = log2Lrs();
        int[] checkpoints = MupTransferTraining.checkpoints(steps);
        double[][][][] loss = new double[2][w.length][lrs.length][];
        int done = 0;
        for (int p = 0; p < 2; p++) {
            for (int k = 0; k < w.length; k++) {
                for (int i = 0; i < lrs.length; i++) {
                    loss[p][k][i] = MupTransferTraining.run(
                            train, eval, w[k], w[0], p == 1, optimizer, Math.pow(2, lrs[i]), batch, checkpoints, seed);
                }
                progress.accept(++done);
            }
        }
        return new Result(seed, w, lrs, checkpoints, loss[0], loss[1], d.provenance());
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        return Verdict.of(
                Criterion.atMost(
                                "μP: spread of log2(best learning rate) across widths, grid steps",
                                MUP_SPREAD,
                                "Figure 1"
                                        + " of Tensor Programs V shows μP's optimum in place; one step (×2) lets the argmin pick either of"
                                        + " two nearly equal neighbours")
                        .check(per(seeds, r -> r.spread(true))),
                Criterion.atLeast(
                                "SP: spread of log2(best learning rate) across widths, grid steps",
                                SP_SPREAD,
                                "under SP"
                                        + " an Adam step moves a hidden unit by about width × lr, so the optimum falls like 1/width once"
                                        + " width dominates (3 steps over a width ratio of 8); 2 (×4) allows the narrow widths")
                        .check(per(seeds, r -> r.spread(false))));
    }

    static double[] per(List<Result> seeds, ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return MupTransferReport.render(this, seeds, verdict);
    }
}
