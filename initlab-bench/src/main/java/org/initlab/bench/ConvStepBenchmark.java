package org.initlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.initlab.core.gain.Activation;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Adam;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.Flatten;
import org.initlab.nn.Gemm;
import org.initlab.nn.GlobalAvgPool2D;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.MaxPool2D;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one training step of a convolutional network: forward, softmax cross-entropy, backward
 * and an Adam(lr = 1e-3) update ({@link Trainer#trainStep(Dataset, Trainer.Config)}, which also
 * checks every layer's output for NaN and infinity), on a batch of {@value #BATCH} images out of a
 * fixed set of {@value #BATCHES} synthetic batches (uniform pixels in [0, 1), uniform labels among
 * 10; the cost of a step does not depend on the values). No data loading, no evaluation. The
 * workload of {@code scripts/torch_cnn_step.py}, which builds the same networks in PyTorch.
 *
 * <p>Networks ({@code -p model=NAME}), both on {@code [1, 28, 28]} inputs, 10 classes:
 * <ul>
 *   <li>{@code cnn}: {@value #CNN} (two 3×3 convolutions with 8 and 16 channels, ReLU, 2×2 max
 *       pooling, dense 784→64→10; 52,138 parameters).</li>
 *   <li>{@code deep_cnn}: four 3×3 convolutions with padding 1 and bias, each followed by a
 *       BatchNorm and ReLU: 1→32, 32→32, 2×2 max pooling, 32→64, 64→64, 2×2 max pooling, global
 *       average pooling, flatten, dense 64→10 ({@link #deepCnn()}).</li>
 * </ul>
 *
 * <p>{@link #convGemmFlop(Sequential, int[])} counts the convolutions' products the way the
 * GEMM-peak comparison needs: {@code 2·M·N·K} per product, for the forward product, the
 * weight-gradient product and the input-gradient product of every convolution. The setup prints it
 * on standard error; GFLOP/s = that count / the step time.
 *
 * <p>Threads: the step uses native BLAS's threads ({@code OPENBLAS_NUM_THREADS}, set by
 * {@code compare-torch.sh} to the same value as PyTorch's {@code torch.set_num_threads}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class ConvStepBenchmark {
    /** The small network, as {@code initlab train --model} takes it. */
    public static final String CNN = "cnn(1,28,28,10)";
    /** Examples per training step. */
    public static final int BATCH = 64;
    /** Distinct batches cycled through, so that no step sees the same input twice in a row. */
    public static final int BATCHES = 8;

    private static final int CLASSES = 10;
    private static final int[] IMAGE = {1, 28, 28};
    private static final long SEED = 0;

    @Param({"cnn", "deep_cnn"})
    public String model;

    private Dataset[] batches;
    private Trainer trainer;
    private Trainer.Config config;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Sequential net = build(model);
        InitPlan.defaults().apply(net, SEED);
        trainer = new Trainer(net, new Adam(1e-3), List.of());
        config = new Trainer.Config(1, BATCH, SEED);
        batches = new Dataset[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            batches[b] = syntheticBatch(b);
        }
        System.err.printf(
                "conv step benchmark: %s, batch %d, adam(lr=0.001); conv GEMM FLOP per step %d; BLAS %s,"
                        + " OPENBLAS_NUM_THREADS=%s%n",
                model,
                BATCH,
                convGemmFlop(net, batchShape()),
                Gemm.backend(),
                System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)"));
    }

    /** {@code cnn} or {@code deep_cnn}, uninitialized. */
    public static Sequential build(String name) {
        return switch (name) {
            case "cnn" -> ModelSpec.parse(CNN);
            case "deep_cnn" -> deepCnn();
            default -> throw new IllegalArgumentException("model must be cnn or deep_cnn, got '" + name + "'");
        };
    }

    /** The deeper plain CNN of the class comment (paths 0 .. 17, as the layer indices). */
    public static Sequential deepCnn() {
        List<Layer> layers = new ArrayList<>();
        int[][] convs = {{1, 32}, {32, 32}, {32, 64}, {64, 64}};
        for (int i = 0; i < convs.length; i++) {
            layers.add(new Conv2D(Integer.toString(layers.size()), convs[i][0], convs[i][1], 3, 1, 1, 1));
            layers.add(new BatchNorm(Integer.toString(layers.size()), convs[i][1], 1e-5));
            layers.add(new ActivationLayer(Activation.RELU, Double.NaN));
            if (i % 2 == 1) {
                layers.add(new MaxPool2D(2, 2));
            }
        }
        layers.add(new GlobalAvgPool2D());
        layers.add(new Flatten());
        layers.add(new Dense(Integer.toString(layers.size()), 64, CLASSES));
        return new Sequential(layers);
    }

    private static int[] batchShape() {
        return new int[] {BATCH, IMAGE[0], IMAGE[1], IMAGE[2]};
    }

    private static Dataset syntheticBatch(int b) {
        float[] pixels = new float[BATCH * IMAGE[0] * IMAGE[1] * IMAGE[2]];
        Samplers.uniform(RandomStream.of(SEED, "bench/conv/pixels/" + b), 0, pixels.length, 0f, 1f, pixels, 0);
        int[] words = new int[BATCH];
        RandomStream.of(SEED, "bench/conv/labels/" + b).words(0, BATCH, words, 0);
        int[] labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = (int) ((Integer.toUnsignedLong(words[i]) * CLASSES) >>> 32);
        }
        return new Dataset("synthetic", new Tensor(pixels, batchShape()), labels, CLASSES);
    }

    /**
     * Floating-point operations of the convolutions' matrix products in one training step on an
     * input of {@code shape}: per convolution with {@code M = C_out/g}, {@code N = N_batch·H_out·W_out},
     * {@code K = (C_in/g)·kH·kW} and {@code g} groups, {@code 3 · g · 2·M·N·K} (forward
     * {@code W·col}, weight gradient {@code G·colᵀ}, input gradient {@code Wᵀ·G}). Counts
     * products only, not im2col, bias, pooling or normalization. Runs one inference forward to
     * learn each convolution's input shape.
     */
    public static long convGemmFlop(Sequential net, int[] shape) {
        long flop = 0;
        Tensor t = Tensor.zeros(shape);
        for (Layer layer : net.layers()) {
            Tensor out = layer.forward(t, false);
            if (layer instanceof Conv2D conv) {
                int[] w = conv.weight().shape().dims();
                int[] o = out.shape();
                long m = w[0] / conv.groups();
                long n = (long) o[0] * o[2] * o[3];
                long k = (long) w[1] * w[2] * w[3];
                flop += 3L * conv.groups() * 2 * m * n * k;
            }
            t = out;
        }
        return flop;
    }

    @Benchmark
    public double step() {
        Dataset batch = batches[next];
        next = (next + 1) % BATCHES;
        return trainer.trainStep(batch, config);
    }
}
