package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Normal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One tiny overfit per layer kind: a model holding the layer learns {@value #SAMPLES} examples with
 * random labels among {@value #CLASSES} classes (fixed seeds) until the softmax cross-entropy
 * stays below {@link #THRESHOLD} (5% of the chance-level loss {@code ln 3}, i.e. about 0.055)
 * for {@value #CONSECUTIVE} consecutive steps, within the row's step budget. Losses are those of
 * training-mode forward passes (dropout active, batch statistics in batch norm).
 *
 * <p>The readout, a {@link Dense} {@code "head"} from the layer's output to the logits, is frozen
 * (initialized, never updated), so the loss can fall only through the layer under test: through
 * its own parameters or, for a layer without parameters, through the gradient it passes back to
 * the trainable layer before it. A layer whose backward were wrong or zero would fail its row.
 * The head's weights are drawn from {@code N(0, (3/sqrt(width))²)}, large enough that bounded
 * outputs (sigmoid, tanh, recurrent states) can still reach the threshold.
 *
 * <p>{@link #everyLayerClassHasARow()} scans the compiled layer classes of {@code org.initlab.nn},
 * so a new layer without a row here fails the build.
 */
class OverfitTest {
    static final int SAMPLES = 8;
    static final int CLASSES = 3;
    static final double THRESHOLD = 0.05 * Math.log(CLASSES);
    static final int CONSECUTIVE = 5;
    private static final long SEED = 20;
    private static final double HEAD_GAIN = 3;

    /** Layers that only hold other layers; every row's model is one. */
    private static final Set<Class<?>> CONTAINERS = Set.of(Sequential.class);

    /**
     * One model to overfit.
     *
     * @param name the row's name in the test report
     * @param subject the layer class under test
     * @param activation the activation under test, for activation rows
     * @param body the layers before the head (the subject among them)
     * @param width features reaching the head
     * @param input the {@value #SAMPLES} examples, from a seeded generator
     * @param lr Adam's learning rate
     * @param maxSteps the step budget
     */
    record Row(
            String name,
            Class<? extends Layer> subject,
            Activation activation,
            Supplier<List<Layer>> body,
            int width,
            Function<Random, Tensor> input,
            double lr,
            int maxSteps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(row("dense", Dense.class, () -> List.of(new Dense("0", 8, 16)), 16, gaussian(SAMPLES, 8)));
        for (Activation a : Activation.values()) {
            rows.add(new Row(
                    "activation " + a.specName(),
                    ActivationLayer.class,
                    a,
                    () -> List.of(new Dense("0", 8, 16), new ActivationLayer(a, Double.NaN)),
                    16,
                    gaussian(SAMPLES, 8),
                    0.02,
                    400));
        }
        rows.add(row(
                "dropout p=0.2 (training mode)",
                Dropout.class,
                () -> List.of(
                        new Dense("0", 8, 32),
                        new ActivationLayer(Activation.RELU, Double.NaN),
                        new Dropout("2", 0.2, SEED)),
                32,
                gaussian(SAMPLES, 8)));
        rows.add(row(
                "batch_norm [batch, C]",
                BatchNorm.class,
                () -> List.of(new Dense("0", 8, 16), new BatchNorm("1", 16, 1e-5)),
                16,
                gaussian(SAMPLES, 8)));
        rows.add(row(
                "batch_norm [batch, C, H, W]",
                BatchNorm.class,
                () -> List.of(
                        new Conv2D("0", 1, 4, 3, 1, 1, 1),
                        new BatchNorm("1", 4, 1e-5),
                        new ActivationLayer(Activation.RELU, Double.NaN),
                        new Flatten()),
                64,
                gaussian(SAMPLES, 1, 4, 4)));
        rows.add(row(
                "layer_norm",
                LayerNorm.class,
                () -> List.of(new Dense("0", 8, 16), new LayerNorm("1", 16, 1e-5)),
                16,
                gaussian(SAMPLES, 8)));
        rows.add(row("residual", Residual.class, () -> List.of(residual(false)), 16, gaussian(SAMPLES, 16)));
        rows.add(row(
                "residual with branch scale",
                Residual.class,
                () -> List.of(residual(true)),
                16,
                gaussian(SAMPLES, 16)));
        rows.add(row(
                "conv2d",
                Conv2D.class,
                () -> List.of(new Conv2D("0", 1, 4, 3, 1, 1, 1), new Flatten()),
                100,
                gaussian(SAMPLES, 1, 5, 5)));
        rows.add(row(
                "conv2d groups=2 stride=2 padding=1",
                Conv2D.class,
                () -> List.of(new Conv2D("0", 2, 4, 3, 2, 1, 2), new Flatten()),
                36,
                gaussian(SAMPLES, 2, 6, 6)));
        rows.add(row(
                "max_pool2d 2x2 stride 2",
                MaxPool2D.class,
                () -> List.of(new Conv2D("0", 1, 4, 3, 1, 1, 1), new MaxPool2D(2, 2), new Flatten()),
                36,
                gaussian(SAMPLES, 1, 6, 6)));
        rows.add(row(
                "avg_pool2d 3x3 stride 2 (overlapping)",
                AvgPool2D.class,
                () -> List.of(new Conv2D("0", 1, 4, 3, 1, 1, 1), new AvgPool2D(3, 2), new Flatten()),
                16,
                gaussian(SAMPLES, 1, 6, 6)));
        rows.add(row(
                "global_avg_pool2d (after a bias-free conv2d)",
                GlobalAvgPool2D.class,
                () -> List.of(
                        new Conv2D("0", 1, 16, 3, 3, 1, 1, 1, false),
                        new ActivationLayer(Activation.RELU, Double.NaN),
                        new GlobalAvgPool2D(),
                        new Flatten()),
                16,
                gaussian(SAMPLES, 1, 6, 6)));
        rows.add(row(
                "flatten",
                Flatten.class,
                () -> List.of(new Conv2D("0", 1, 2, 3, 1, 0, 1), new Flatten()),
                8,
                gaussian(SAMPLES, 1, 4, 4)));
        rows.add(row(
                "embedding",
                Embedding.class,
                () -> List.of(new Embedding("0", 10, 4), new Flatten()),
                12,
                ids(10, 3, false)));
        rows.add(row(
                "last_step",
                LastStep.class,
                () -> List.of(new Embedding("0", 10, 8), new LastStep()),
                8,
                ids(10, 3, true)));
        rows.add(row(
                "rnn",
                SimpleRNN.class,
                () -> List.of(new SimpleRNN("0", 3, 16), new LastStep()),
                16,
                gaussian(SAMPLES, 4, 3)));
        rows.add(row(
                "lstm", Lstm.class, () -> List.of(new Lstm("0", 3, 16), new LastStep()), 16, gaussian(SAMPLES, 4, 3)));
        rows.add(
                row("gru", Gru.class, () -> List.of(new Gru("0", 3, 16), new LastStep()), 16, gaussian(SAMPLES, 4, 3)));
        rows.add(row(
                "per_step dense",
                PerStep.class,
                () -> List.of(new PerStep(new Dense("0", 3, 8)), new Flatten()),
                32,
                gaussian(SAMPLES, 4, 3)));
        rows.add(row(
                "self_attention scaled",
                SelfAttention.class,
                () -> List.of(new SelfAttention("0", 8, true), new LastStep()),
                8,
                gaussian(SAMPLES, 4, 8)));
        rows.add(row(
                "self_attention unscaled",
                SelfAttention.class,
                () -> List.of(new SelfAttention("0", 8, false), new LastStep()),
                8,
                gaussian(SAMPLES, 4, 8)));
        rows.add(row(
                "multi_head_attention 2 heads, causal",
                MultiHeadAttention.class,
                () -> List.of(new MultiHeadAttention("0", 8, 2, true), new LastStep()),
                8,
                gaussian(SAMPLES, 4, 8)));
        rows.add(row(
                "position_embedding",
                PositionEmbedding.class,
                () -> List.of(new Embedding("0", 10, 4), new PositionEmbedding("1", 3, 4), new Flatten()),
                12,
                ids(10, 3, false)));
        return rows.stream();
    }

    private static Row row(
            String name,
            Class<? extends Layer> subject,
            Supplier<List<Layer>> body,
            int width,
            Function<Random, Tensor> input) {
        return new Row(name, subject, null, body, width, input, 0.02, 400);
    }

    private static Residual residual(boolean scaled) {
        return new Residual(
                "0",
                new Sequential(List.of(
                        new Dense("0.0", 16, 16),
                        new ActivationLayer(Activation.TANH, Double.NaN),
                        new Dense("0.2", 16, 16))),
                scaled);
    }

    private static Function<Random, Tensor> gaussian(int... shape) {
        return rnd -> {
            Tensor t = Tensor.zeros(shape);
            for (int i = 0; i < t.size(); i++) {
                t.data()[i] = (float) rnd.nextGaussian();
            }
            return t;
        };
    }

    /** Integer ids in {@code [0, vocabulary)}; with {@code distinctLast} the last step of example b is b. */
    private static Function<Random, Tensor> ids(int vocabulary, int steps, boolean distinctLast) {
        return rnd -> {
            Tensor t = Tensor.zeros(SAMPLES, steps);
            for (int i = 0; i < t.size(); i++) {
                boolean last = i % steps == steps - 1;
                t.data()[i] = distinctLast && last ? i / steps : rnd.nextInt(vocabulary);
            }
            return t;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void overfitsRandomLabels(Row row) {
        List<Layer> layers = new ArrayList<>(row.body().get());
        Dense head = new Dense("head", row.width(), CLASSES);
        layers.add(head);
        Sequential model = new Sequential(layers);
        List<InitPlan.Rule> rules = new ArrayList<>();
        rules.add(
                new InitPlan.Rule("head.weight", null, null, null, new Normal(0, HEAD_GAIN / Math.sqrt(row.width()))));
        rules.addAll(InitPlan.defaults().rules());
        new InitPlan(rules).apply(model, SEED);
        assertThat(contains(model, row.subject()))
                .as("the row's model holds a " + row.subject().getSimpleName())
                .isTrue();

        Random rnd = new Random(SEED);
        Tensor x = row.input().apply(rnd);
        int[] labels = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = rnd.nextInt(CLASSES);
        }
        List<Parameter> trainable = new ArrayList<>(model.parameters());
        trainable.removeAll(head.parameters());
        assertThat(trainable).as("trainable parameters before the head").isNotEmpty();
        float[] headBefore = head.weight().value().clone();

        Adam adam = new Adam(row.lr());
        double first = Double.NaN;
        double loss = Double.NaN;
        int below = 0;
        for (int step = 1; step <= row.maxSteps(); step++) {
            model.zeroGrad();
            LossValue l = Losses.softmaxCrossEntropy(model.forward(x, true), labels);
            model.backward(l.gradient());
            adam.step(trainable);
            loss = l.value();
            first = step == 1 ? loss : first;
            below = loss < THRESHOLD ? below + 1 : 0;
            if (below == CONSECUTIVE) {
                assertThat(head.weight().value()).as("the head stays frozen").containsExactly(headBefore);
                return;
            }
        }
        fail(row.name() + ": loss " + loss + " (first step " + first + ") after " + row.maxSteps() + " steps; wanted "
                + CONSECUTIVE + " consecutive steps below " + THRESHOLD);
    }

    private static boolean contains(Layer layer, Class<? extends Layer> kind) {
        if (kind.isInstance(layer)) {
            return true;
        }
        if (layer instanceof Sequential s) {
            return s.layers().stream().anyMatch(l -> contains(l, kind));
        }
        return layer instanceof Residual r && contains(r.branch(), kind);
    }

    @Test
    void everyLayerClassHasARow() throws IOException, URISyntaxException {
        Set<Class<?>> found = concreteLayerClasses();
        assertThat(found).as("the scan sees the layer classes").contains(Dense.class, Conv2D.class, Gru.class);
        Set<Class<?>> covered = new java.util.HashSet<>(CONTAINERS);
        rows().forEach(r -> covered.add(r.subject()));
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : found) {
            if (!covered.contains(c)) {
                missing.add(c.getSimpleName());
            }
        }
        assertThat(missing)
                .as("layer classes without an overfit row in OverfitTest.rows()")
                .isEmpty();
    }

    @Test
    void everyActivationHasARow() {
        Set<Activation> covered = EnumSet.noneOf(Activation.class);
        rows().filter(r -> r.activation() != null).forEach(r -> covered.add(r.activation()));
        assertThat(covered).containsExactlyInAnyOrder(Activation.values());
    }

    /** The non-abstract classes implementing {@link Layer} compiled into the main output of this package. */
    private static Set<Class<?>> concreteLayerClasses() throws IOException, URISyntaxException {
        java.net.URI uri = Layer.class.getResource("Layer.class").toURI();
        if (!"file".equals(uri.getScheme())) {
            fail("layer classes are scanned from a class directory; Layer.class was loaded from " + uri);
        }
        Set<Class<?>> classes = new java.util.HashSet<>();
        try (Stream<Path> files = Files.list(Path.of(uri).getParent())) {
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class") || file.contains("$") || file.equals("package-info.class")) {
                    continue;
                }
                Class<?> c;
                try {
                    c = Class.forName(Layer.class.getPackageName() + "." + file.substring(0, file.length() - 6));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("cannot load " + f, e);
                }
                if (Layer.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                    classes.add(c);
                }
            }
        }
        return classes;
    }
}
