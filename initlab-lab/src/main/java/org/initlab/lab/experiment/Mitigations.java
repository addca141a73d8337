package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Registry;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.lab.residual.Fixup;
import org.initlab.lab.residual.ReZero;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.Schedule;
import org.initlab.nn.Sequential;
import org.initlab.nn.Trainer;

/**
 * What rescues a network from a bad initialization, each remedy against the same network without
 * it, on {@code digits} (or {@value #FALLBACK} when its files are missing), {@code epochs} epochs
 * of batches of 32, biases zero:
 * <ol>
 *   <li><b>clipping</b> (Pascanu, Mikolov and Bengio 2013): {@code mlp(64,[64,64,64],10,relu)} with
 *       {@code normal(std=1)} weights (activations grow ×8 per layer) and SGD lr 0.1, without and
 *       with the gradient clipped to global norm 1. Criterion: the clipped run's test accuracy beats
 *       the unclipped one's by {@value #MARGIN} (a diverged run counts as 0).</li>
 *   <li><b>batch norm</b> (Ioffe and Szegedy 2015): 20 ReLU layers of width 64 with
 *       {@code lecun_normal} (1/fan_in: the signal halves its variance per layer) and SGD lr 0.01
 *       momentum 0.9, without and with BatchNorm before each ReLU. Criterion: BatchNorm beats
 *       plain by {@value #MARGIN}.</li>
 *   <li><b>residual init</b> (Zhang, Dauphin and Ma 2019, Fixup; Bachlechner et al. 2020, ReZero):
 *       {@code resmlp(64,64,16,10)} with He in every branch (the stream's variance doubles per
 *       block) versus Fixup and ReZero, SGD lr 0.01 momentum 0.9. Criterion: both beat plain He by
 *       {@value #MARGIN}.</li>
 *   <li><b>optimizer</b> (Kingma and Ba 2015): the plain 20-layer 1/fan_in network of part 2
 *       trained by Adam lr 0.001 instead of SGD; Adam's per-parameter step size does not shrink
 *       with the gradient. Criterion: Adam beats SGD by {@value #MARGIN}.</li>
 *   <li><b>attention scale</b> (Vaswani et al. 2017): see {@link AttentionSaturation}; criterion
 *       as stated there.</li>
 * </ol>
 *
 * @param epochs training epochs of each run
 * @param seed seed of the data, the weights and the order
 * @param data the dataset spec, {@value #DIGITS} by default; {@value #FALLBACK} is used instead when its
 *     files are not found
 */
public record Mitigations(int epochs, long seed, String data) implements LegacyExperiment {
    /** The default dataset. */
    public static final String DIGITS = "digits";
    /** Test-accuracy margin every remedy must win by. */
    public static final double MARGIN = 0.2;
    /** The dataset used when {@code digits} is missing. */
    public static final String FALLBACK = "blobs(centers=10,features=64,std=1,box=1)";
    /** Default epochs. */
    public static final int DEFAULT_EPOCHS = 10;
    private static final int DEEP = 20;
    private static final int BLOCKS = 16;

    /** On digits (or the fallback). */
    public Mitigations(int epochs, long seed) {
        this(epochs, seed, DIGITS);
    }

    public Mitigations {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }

    @Override
    public String name() {
        return "mitigations";
    }

    /** One training run: a part, a label, the model, how it is initialized and trained. */
    record Variant(String part, String label, Supplier<Sequential> model, Function<Sequential, InitPlan> plan,
            String optimizer, double clipNorm) {
    }

    private List<Variant> variants() {
        String momentum = "sgd(lr=0.01, momentum=0.9)";
        String plain = "sgd(lr=0.1)";
        InitPlan lecun = InitPlan.allWeights(Registry.parse("lecun_normal"));
        InitPlan he = InitPlan.allWeights(Registry.parse("he_normal"));
        InitPlan exploding = InitPlan.allWeights(Registry.parse("normal(std=1)"));
        String resmlp = "resmlp(64,64," + BLOCKS + ",10,act=relu,scale=false)";
        String rezero = "resmlp(64,64," + BLOCKS + ",10,act=relu,scale=true)";
        return List.of(
                new Variant("clipping", "normal(1), no clipping", () -> ModelSpec.parse("mlp(64,[64,64,64],10,act=relu)"),
                        m -> exploding, plain, Double.NaN),
                new Variant("clipping", "normal(1), clip norm 1", () -> ModelSpec.parse("mlp(64,[64,64,64],10,act=relu)"),
                        m -> exploding, plain, 1.0),
                new Variant("batch norm", "20 layers 1/fan_in, plain", () -> deep(false), m -> lecun, momentum, Double.NaN),
                new Variant("batch norm", "20 layers 1/fan_in, BatchNorm", () -> deep(true), m -> lecun, momentum,
                        Double.NaN),
                new Variant("residual init", "16 blocks, He", () -> ModelSpec.parse(resmlp), m -> he, momentum, Double.NaN),
                new Variant("residual init", "16 blocks, Fixup", () -> ModelSpec.parse(resmlp), Fixup::plan, momentum,
                        Double.NaN),
                new Variant("residual init", "16 blocks, ReZero", () -> ModelSpec.parse(rezero), ReZero::plan, momentum,
                        Double.NaN),
                new Variant("optimizer", "20 layers 1/fan_in, Adam", () -> deep(false), m -> lecun, "adam(lr=0.001)",
                        Double.NaN));
    }

    /** {@code DEEP} Dense(64) layers with ReLU (and BatchNorm before each ReLU), then Dense(64, 10). */
    static Sequential deep(boolean batchNorm) {
        List<Layer> layers = new ArrayList<>();
        int in = 64;
        for (int i = 0; i < DEEP - 1; i++) {
            layers.add(new Dense(Integer.toString(layers.size()), in, 64));
            if (batchNorm) {
                layers.add(new BatchNorm(Integer.toString(layers.size()), 64, 1e-5));
            }
            layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
            in = 64;
        }
        layers.add(new Dense(Integer.toString(layers.size()), in, 10));
        return new Sequential(layers);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data + ", " + FALLBACK + " if its files are missing");
        m.put("epochs", epochs);
        m.put("batch", 32);
        m.put("seed", seed);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Variant v : variants()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("part", v.part());
            r.put("run", v.label());
            r.put("optimizer", v.optimizer());
            r.put("clip_norm", Double.isNaN(v.clipNorm()) ? "none" : v.clipNorm());
            runs.add(r);
        }
        m.put("runs", runs);
        m.put("attention", new AttentionSaturation(seed).config());
        return m;
    }

    @Override
    public int work() {
        return variants().size() + 1;
    }

    /** A finished run: its loss per epoch (shorter when it diverged) and its last test accuracy. */
    record Run(Variant variant, double[] loss, double testAccuracy, String diverged) {
        double score() {
            return diverged == null ? testAccuracy : 0;
        }
    }

    @Override
    public Outcome run(IntConsumer progress) {
        ExperimentData loaded = ExperimentData.load(data, FALLBACK, seed, Integer.MAX_VALUE, 1400, 400);
        List<Run> runs = new ArrayList<>();
        for (Variant v : variants()) {
            runs.add(train(v, loaded.split().train(), loaded.split().test()));
            progress.accept(runs.size());
        }
        AttentionSaturation.Result attention = new AttentionSaturation(seed).measure();
        progress.accept(runs.size() + 1);
        return MitigationsReport.judge(this, runs, attention, loaded.source());
    }

    private Run train(Variant v, Dataset train, Dataset test) {
        Sequential net = v.model().get();
        v.plan().apply(net).apply(net, seed);
        Trainer trainer = new Trainer(net, OptimizerSpec.parse(v.optimizer()), List.of());
        List<Double> losses = new ArrayList<>();
        Trainer.Config config = new Trainer.Config(epochs, 32, seed, new Schedule.Constant(), v.clipNorm(), Double.NaN);
        try {
            List<Trainer.Epoch> h = trainer.fit(train, test, config, new Trainer.Listener() {
                @Override
                public void epoch(Trainer.Epoch e) {
                    losses.add(e.loss());
                }
            });
            return new Run(v, losses.stream().mapToDouble(Double::doubleValue).toArray(), h.get(h.size() - 1).testAccuracy(),
                    null);
        } catch (DivergenceException e) {
            return new Run(v, losses.stream().mapToDouble(Double::doubleValue).toArray(), Double.NaN, e.getMessage());
        }
    }

    /** Parts in report order, each with its runs. */
    static Map<String, List<Run>> byPart(List<Run> runs) {
        Map<String, List<Run>> parts = new LinkedHashMap<>();
        for (Run r : runs) {
            parts.computeIfAbsent(r.variant().part(), k -> new ArrayList<>()).add(r);
        }
        return parts;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static Svg.Series lossSeries(Run r) {
        double[] x = new double[r.loss().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return new Svg.Series(r.variant().label(), x, r.loss());
    }

    static HtmlReport.Section section(Mitigations m, String source, String verdict, List<String> header,
            List<List<String>> rows, List<String> charts, String conclusion) {
        return new HtmlReport.Section("mitigations: clipping, normalization, residual init, optimizer, attention scale",
                "A bad initialization can be survived: gradient clipping stops an exploding network from diverging,"
                        + " BatchNorm and residual-aware init (Fixup, ReZero) make deep networks trainable, Adam's"
                        + " per-parameter steps move weights whose gradients vanished, and scaling attention scores by"
                        + " 1/sqrt(d) keeps the softmax from saturating.",
                source + ", batch 32, " + m.epochs() + " epoch(s), seed " + m.seed() + "; each remedy"
                        + " against the same network without it; a remedy must win by " + MARGIN + " test accuracy (a"
                        + " diverged run counts as 0). Attention: " + AttentionSaturation.SETUP + ".",
                verdict, header, rows, charts, conclusion);
    }
}
