package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.TorchDefault;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Verdict;

/**
 * Initialization and GAN stability on the classic toy problem of Metz et al. (2017, "Unrolled
 * Generative Adversarial Networks", §3.1): {@value #MODES} Gaussians of std {@value #MODE_STD} on a
 * ring of radius {@value #RADIUS}. The generator maps {@value #NOISE}-dimensional standard normal
 * noise through two ReLU layers of {@code width} units to a point; the discriminator maps a point
 * through two LeakyReLU(0.2) layers of {@code width} units to one logit. Both train with the
 * non-saturating binary cross-entropy loss and Adam(β1 = {@value #BETA1}, β2 = 0.999), one
 * discriminator and one generator step per iteration ({@link GanTraining}). Compared weight inits
 * (biases zero, the same for both nets): DCGAN's N(0, 0.02²) (Radford, Metz and Chintala 2016,
 * §4: "all weights were initialized from a zero-centered Normal distribution with standard
 * deviation 0.02"), He normal with the ReLU gain √2, orthogonal with gain √2, and the libraries'
 * defaults it replaced: Glorot uniform (Keras and TensorFlow) and PyTorch's {@code nn.Linear} weight
 * law U(±1/√fan_in) ({@link TorchDefault}; its uniform bias is not used, biases are zero for every
 * init so that only the weights differ).
 *
 * <p>Defaults: the unrolled-GAN toy set-up (Metz et al. 2017, appendix) uses 128 units, batch 512
 * and 25,000 steps; we halve the width, take batch 128 and run 2000 steps (about 2 ms a step on one
 * core, so 5 seeds × 5 inits take about 100 s), enough for the better inits to reach all 8 modes.
 * lr 1e-3 is the toy set-up's Adam rate; DCGAN's 2e-4 is the alternative the study also runs,
 * since the optimizer could decide GAN outcomes.
 *
 * @param steps training iterations (one discriminator and one generator update each)
 * @param width hidden units per layer of both networks
 * @param batch real and generated points per step
 * @param lr Adam's learning rate for both networks
 */
public record Gan(
        @Param(value = "training iterations (one D and one G update each)", min = 4, max = 1_000_000)
        int steps,

        @Param(value = "hidden units per layer of G and D", min = 4, max = 1024)
        int width,

        @Param(value = "real and generated points per step", min = 8, max = 4096)
        int batch,

        @Param(value = "Adam learning rate of G and D", min = 1e-6, max = 1)
        double lr)
        implements Experiment<Gan.Result> {
    /** Modes of the mixture. */
    static final int MODES = 8;
    /** Radius of the ring the modes sit on. */
    static final double RADIUS = 2;
    /** Standard deviation of each mode (Metz et al. use 0.02; 0.05 gives a small net a fair target). */
    static final double MODE_STD = 0.05;
    /** Dimensions of the generator's noise. */
    static final int NOISE = 4;
    /** Adam's β1 for both networks, as in DCGAN. */
    static final double BETA1 = 0.5;
    /** A generated point of high quality lies within this many mode stds of a mode (Srivastava et al. 2017, VEEGAN). */
    static final double QUALITY_STDS = 3;
    /**
     * A mode is covered when at least this share of the generated points lie within 3 std of it: a
     * fifth of its fair share 1/8 (VEEGAN counts a mode with 20 or more of 2,500 samples; 2.5% is
     * stricter, so a mode hit by a few stray points is not counted).
     */
    static final double COVERED_SHARE = 0.025;
    /** Checkpoints along a run; half and the whole budget of a run at double budget fall on checkpoints. */
    static final int POINTS = 40;

    /**
     * The claim is "He or orthogonal at least as good as N(0, 0.02²)": each seed's difference in
     * modes covered must be at least 0, i.e. the 95% interval of the difference must not reach below
     * zero. Modes are whole numbers, so any real improvement shows as +1 or more in some seeds; a
     * difference whose interval straddles 0 is within the seed-to-seed noise (inconclusive).
     */
    static final double MODES_NOT_WORSE = 0;
    /**
     * "Improves stability": the spread (sd) of the discriminator loss over the last checkpoint window
     * should be no larger for He than for N(0, 0.02²); 0 is the claim's own line (no worse).
     */
    static final double SPREAD_NOT_LARGER = 0;

    /**
     * "N(0, 0.02²) is the field's default" read as a claim: DCGAN's init covers at least as many modes
     * as each library default it replaced (Glorot uniform, PyTorch's U(±1/√fan_in)). As for He: 0 is the
     * claim's own line, and an interval straddling 0 is seed noise.
     */
    static final double DEFAULT_NOT_WORSE = 0;

    /**
     * The comparison needs a set-up that learns the mixture: in each seed the best of the inits
     * must cover at least half the modes. Where none does (too few steps), equal counts of 0 would
     * "support" the claim while saying nothing about it.
     */
    static final double LEARNS_MIXTURE = MODES / 2.0;

    /** The inits compared, by label; the first is the reference. */
    public static final Map<String, Initializer> INITS = inits();

    private static Map<String, Initializer> inits() {
        Map<String, Initializer> m = new LinkedHashMap<>();
        m.put("N(0,0.02²) DCGAN", new Normal(0, 0.02));
        m.put("He normal (gain √2)", new HeNormal());
        m.put("orthogonal (gain √2)", new Orthogonal(Math.sqrt(2)));
        m.put("Glorot uniform", new GlorotUniform());
        m.put("PyTorch default U(±1/√fan_in)", new TorchDefault());
        return m;
    }

    /** The defaults: 2000 steps, width 64, batch 128, lr 1e-3 (see the class documentation). */
    public Gan() {
        this(2000, 64, 128, 1e-3);
    }

    /**
     * The state at one step.
     *
     * @param step iterations done
     * @param modes modes covered by {@link GanTraining#EVAL_SAMPLES} generated points (NaN once diverged)
     * @param quality fraction of generated points within 3 std of some mode
     * @param dLoss mean discriminator loss (real + fake BCE) over the window since the last checkpoint
     * @param dLossSd its standard deviation over that window
     * @param gLoss mean generator loss over the window
     */
    public record Checkpoint(int step, double modes, double quality, double dLoss, double dLossSd, double gLoss) {}

    /**
     * One init's run.
     *
     * @param label the init's label
     * @param points checkpoints, step 0 first
     * @param divergedAt the step at which a loss or weight became non-finite, or -1
     */
    public record Run(String label, List<Checkpoint> points, int divergedAt) {
        public Run {
            points = List.copyOf(points);
        }

        /** This run up to and including step {@code budget}. */
        Run upTo(int budget) {
            List<Checkpoint> kept =
                    points.stream().filter(p -> p.step() <= budget).toList();
            return new Run(label, kept, divergedAt >= 0 && divergedAt <= budget ? divergedAt : -1);
        }

        Checkpoint last() {
            return points.get(points.size() - 1);
        }

        /** Modes covered at the end; a diverged generator covers none. */
        double modes() {
            return divergedAt >= 0 ? 0 : last().modes();
        }

        /** Fraction of high-quality points at the end; 0 for a diverged generator. */
        double quality() {
            return divergedAt >= 0 ? 0 : last().quality();
        }

        /** The discriminator loss's sd over the last window (NaN for a diverged run). */
        double spread() {
            return divergedAt >= 0 ? Double.NaN : last().dLossSd();
        }
    }

    /**
     * One seed's result: the runs in the order of {@link #INITS}.
     *
     * @param seed seed of the weights, the data and the noise
     * @param runs one per init
     */
    public record Result(long seed, List<Run> runs) implements Experiment.Result {
        public Result {
            runs = List.copyOf(runs);
        }

        Run reference() {
            return runs.get(0);
        }

        Run he() {
            return runs.get(1);
        }

        Run orthogonal() {
            return runs.get(2);
        }

        /** Glorot uniform: Keras' and TensorFlow's default. */
        Run glorot() {
            return runs.get(3);
        }

        /** PyTorch's {@code nn.Linear} default weights. */
        Run torchDefault() {
            return runs.get(4);
        }

        /** The most modes any init covered. */
        double bestModes() {
            return runs.stream().mapToDouble(Run::modes).max().orElse(0);
        }
    }

    @Override
    public String name() {
        return "gan";
    }

    @Override
    public String title() {
        return "He or orthogonal init against DCGAN's N(0, 0.02²) on a ring of Gaussians";
    }

    @Override
    public String claim() {
        return "He or orthogonal initialization improves GAN stability (articles on initialization), while DCGAN's"
                + " N(0, 0.02²) is the field's default (Radford, Metz and Chintala 2016, §4). Tested: with He or orthogonal"
                + " weights a GAN covers at least as many modes of a mixture as with N(0, 0.02²), and its discriminator loss"
                + " fluctuates no more; and N(0, 0.02²), as a default, covers at least as many modes as the library defaults"
                + " it replaced (Glorot uniform in Keras, U(±1/√fan_in) in PyTorch).";
    }

    @Override
    public String setup() {
        return MODES + " Gaussians (std " + MODE_STD + ") on a ring of radius " + (int) RADIUS + "; generator " + NOISE
                + "→" + width + "→" + width + "→2 (ReLU), discriminator 2→" + width + "→" + width
                + "→1 (LeakyReLU 0.2);"
                + " non-saturating BCE, Adam(lr=" + lr + ", β1=" + BETA1 + "), batch " + batch + ", " + steps
                + " steps;"
                + " biases zero. A mode is covered when ≥ " + (int) (COVERED_SHARE * 1000) / 10.0 + "% of "
                + GanTraining.EVAL_SAMPLES + " generated points lie within " + (int) QUALITY_STDS + " std of it.";
    }

    @Override
    public int defaultSeeds() {
        return 5;
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
                r.seed(), r.runs().stream().map(run -> run.upTo(budget)).toList());
    }

    @Override
    public List<String> alternatives() {
        return List.of("lr=0.0002");
    }

    /** Estimated from measured CPU time: gan(steps=1200, width=32, batch=64): 1.4 s (on the project's 2-core machine). */
    @Override
    public double cost() {
        return 1.2e-3 * steps * Math.max(0.25, width * width / 1024.0) * batch / 64.0;
    }

    @Override
    public int work() {
        return INITS.size();
    }

    @Override
    public Result measure(long seed, IntConsumer progress) {
        int every = Math.max(1, steps / POINTS);
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, Initializer> e : INITS.entrySet()) {
            runs.add(GanTraining.train(this, e.getKey(), e.getValue(), seed, every));
            progress.accept(runs.size());
        }
        return new Result(seed, runs);
    }

    @Override
    public Verdict judge(List<Result> seeds) {
        return Verdict.of(
                Criterion.atLeast(
                                "best of the inits: modes covered",
                                LEARNS_MIXTURE,
                                "the set-up must learn the mixture" + " for a comparison of modes to mean anything")
                        .check(values(seeds, Result::bestModes)),
                Criterion.atLeast(
                                "He minus N(0,0.02²): modes covered",
                                MODES_NOT_WORSE,
                                "the claim: He at least as good as"
                                        + " DCGAN's init; modes are whole numbers, so an interval straddling 0 is seed noise")
                        .check(values(seeds, r -> r.he().modes() - r.reference().modes())),
                Criterion.atLeast("orthogonal minus N(0,0.02²): modes covered", MODES_NOT_WORSE, "as for He")
                        .check(values(
                                seeds,
                                r -> r.orthogonal().modes() - r.reference().modes())),
                Criterion.atMost(
                                "He minus N(0,0.02²): sd of the D loss over the last window",
                                SPREAD_NOT_LARGER,
                                "more stable training fluctuates less; a diverged run counts as unstable")
                        .check(values(
                                seeds, r -> r.he().spread() - r.reference().spread())),
                Criterion.atLeast(
                                "N(0,0.02²) minus Glorot uniform (Keras' default): modes covered",
                                DEFAULT_NOT_WORSE,
                                "a field's default should be no worse than the library default it replaced; an interval"
                                        + " straddling 0 is seed noise")
                        .check(values(
                                seeds, r -> r.reference().modes() - r.glorot().modes())),
                Criterion.atLeast(
                                "N(0,0.02²) minus PyTorch's default U(±1/√fan_in): modes covered",
                                DEFAULT_NOT_WORSE,
                                "as for Glorot uniform")
                        .check(values(
                                seeds,
                                r -> r.reference().modes() - r.torchDefault().modes())));
    }

    static double[] values(List<Result> seeds, ToDoubleFunction<Result> f) {
        return seeds.stream().mapToDouble(f).toArray();
    }

    @Override
    public Rendering render(List<Result> seeds, Verdict verdict) {
        return GanReport.render(this, seeds, verdict);
    }
}
