package org.initlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.io.data.Idx;
import org.initlab.nn.Adam;
import org.initlab.nn.Dataset;
import org.initlab.nn.Gemm;
import org.initlab.nn.InitPlan;
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
 * Time of one training epoch of {@value #MODEL} with Adam(lr = 1e-3) in batches of
 * {@value #BATCH} over the Fashion-MNIST training set: the workload of
 * {@code scripts/torch_mlp_epoch.py}, whose timed loop it mirrors. Per batch: the rows are copied
 * out in a shuffled order ({@link Dataset#rows}, as PyTorch's {@code x[idxs]}), then one
 * {@link Trainer#trainStep(Dataset, Trainer.Config)}: forward, softmax cross-entropy, backward,
 * Adam step (InitLab's step also checks every layer's output for NaN and infinity). No evaluation.
 * One invocation is one epoch; the model keeps training from one invocation to the next, as the
 * PyTorch script's consecutive epochs do.
 *
 * <p>Parameters (JMH {@code -p NAME=VALUE}):
 * <ul>
 *   <li>{@code blas}: {@code native} (the default; the setup fails if netlib finds no native BLAS)
 *       or {@code java}, which sets {@link Gemm#JAVA_PROPERTY}{@code =java} so every product runs
 *       in netlib's pure-Java BLAS: the "Java fallback" figure.</li>
 *   <li>{@code data}: the folder holding {@code train-images-idx3-ubyte.gz} and
 *       {@code train-labels-idx1-ubyte.gz}; empty (the default) means
 *       {@code $INITLAB_DATA/fashion-mnist}, else {@code ../shared/data/fashion-mnist} from the
 *       working directory. When the files are not there the benchmark says so on standard error
 *       and times synthetic data of the same shape ({@code [limit, 1, 28, 28]} uniform pixels,
 *       uniform labels among 10): the epoch's cost does not depend on the values.</li>
 *   <li>{@code limit}: training images used (default 60000, the whole set); smaller values only
 *       to check that the benchmark runs.</li>
 * </ul>
 *
 * <p>Threads: InitLab's training step is single-threaded apart from BLAS, so the thread count is
 * native BLAS's, set by the environment ({@code OPENBLAS_NUM_THREADS}) of the JVM that runs the
 * benchmark; {@code compare-torch.sh} sets it and PyTorch's {@code torch.set_num_threads} to the
 * same value. netlib's Java BLAS is single-threaded. The setup prints the backend, the thread
 * setting and the data on standard error.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED"})
public class EpochBenchmark {
    /** The model, as {@code initlab train --model} takes it. */
    public static final String MODEL = "mlp(784,[256,128],10,act=relu)";
    /** Examples per training step. */
    public static final int BATCH = 128;

    private static final int CLASSES = 10;
    private static final long SEED = 0;

    @Param({"native"})
    public String blas;

    @Param({""})
    public String data;

    @Param({"60000"})
    public int limit;

    private Dataset train;
    private Trainer trainer;
    private Trainer.Config config;
    private int epoch;

    @Setup(Level.Trial)
    public void setUp() {
        switch (blas) {
            case "java" -> System.setProperty(Gemm.JAVA_PROPERTY, "java");
            case "native" -> System.clearProperty(Gemm.JAVA_PROPERTY);
            default -> throw new IllegalArgumentException("blas must be native or java, got '" + blas + "'");
        }
        String backend = Gemm.backend();
        if (blas.equals("native") && !backend.equals("JNIBLAS")) {
            throw new IllegalStateException("blas=native, but netlib found no native BLAS (backend " + backend
                    + "); install one (apt-get install libopenblas0-pthread) or run with -p blas=java");
        }
        if (limit < BATCH) {
            throw new IllegalArgumentException("limit must be at least one batch (" + BATCH + "), got " + limit);
        }
        train = load(folder(), limit);
        Sequential model = ModelSpec.parse(MODEL);
        InitPlan.defaults().apply(model, SEED);
        trainer = new Trainer(model, new Adam(1e-3), List.of());
        config = new Trainer.Config(1, BATCH, SEED);
        System.err.println("epoch benchmark: " + MODEL + ", adam(lr=0.001), batch " + BATCH + ", " + train.size()
                + " images of " + train.name() + "; BLAS " + backend + ", OPENBLAS_NUM_THREADS="
                + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)"));
    }

    private Path folder() {
        if (!data.isEmpty()) {
            return Path.of(data);
        }
        String env = System.getenv("INITLAB_DATA");
        return env != null && !env.isEmpty()
                ? Path.of(env, "fashion-mnist")
                : Path.of("..", "shared", "data", "fashion-mnist");
    }

    /** Fashion-MNIST's first {@code limit} training images, or synthetic data of their shape when absent. */
    static Dataset load(Path dir, int limit) {
        if (Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(dir.resolve("train-labels-idx1-ubyte.gz"))) {
            return Idx.fashionMnist(dir, true, limit);
        }
        System.err.println("epoch benchmark: no Fashion-MNIST training files in " + dir.toAbsolutePath()
                + "; timing SYNTHETIC random data of the same shape [" + limit + ", 1, 28, 28], " + CLASSES
                + " classes (give the folder with -p data=DIR or $INITLAB_DATA)");
        float[] pixels = new float[limit * 28 * 28];
        Samplers.uniform(RandomStream.of(SEED, "bench/epoch/pixels"), 0, pixels.length, 0f, 1f, pixels, 0);
        int[] words = new int[limit];
        RandomStream.of(SEED, "bench/epoch/labels").words(0, limit, words, 0);
        int[] labels = new int[limit];
        for (int i = 0; i < limit; i++) {
            labels[i] = (int) ((Integer.toUnsignedLong(words[i]) * CLASSES) >>> 32);
        }
        return new Dataset("synthetic", new Tensor(pixels, limit, 1, 28, 28), labels, CLASSES);
    }

    @Benchmark
    public double epoch() {
        int n = train.size();
        int[] order = permutation(n, RandomStream.of(SEED, "bench/epoch/order/" + epoch++));
        double lossSum = 0;
        for (int from = 0; from < n; from += BATCH) {
            Dataset batch = train.rows(order, from, Math.min(n, from + BATCH));
            lossSum += trainer.trainStep(batch, config) * batch.size();
        }
        return lossSum / n;
    }

    /** A Fisher–Yates shuffle of {@code 0..n-1} drawn from {@code stream}, as the trainer draws its data order. */
    private static int[] permutation(int n, RandomStream stream) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] words = new int[n];
        stream.words(0, n, words, 0);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) ((Integer.toUnsignedLong(words[i]) * (i + 1)) >>> 32);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
