package org.initlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.Adam;
import org.initlab.nn.Dense;
import org.initlab.nn.Gemm;
import org.initlab.nn.Gru;
import org.initlab.nn.InitPlan;
import org.initlab.nn.LastStep;
import org.initlab.nn.Layer;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.LossValue;
import org.initlab.nn.Losses;
import org.initlab.nn.Lstm;
import org.initlab.nn.MultiHeadAttention;
import org.initlab.nn.PerStep;
import org.initlab.nn.SelfAttention;
import org.initlab.nn.Sequential;
import org.initlab.nn.SimpleRNN;
import org.initlab.nn.Tensor;
import org.initlab.nn.Transformer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one training step of the sequence layer families, the workloads of
 * {@code scripts/torch_recurrent_step.py} (which defines the same architectures in PyTorch and
 * counts their products' FLOPs). One step: zero the gradients, forward, mean squared error
 * against a fixed random target, backward, Adam(lr = 1e-3). Input and target are made once in
 * the setup (no data loading, no shuffling); the model keeps training from step to step.
 *
 * <p>{@code workload} (JMH {@code -p workload=...}) names the architecture; batch {@value #BATCH}:
 * <ul>
 *   <li>{@code rnn-hH-tT}, {@code lstm-hH-tT}, {@code gru-hH-tT}: the cell with input 2 and
 *       hidden {@code H} over {@code T} steps, {@code last_step}, {@code dense(H, 1)}: the lab's
 *       {@code lstm(2,H,1)} on {@code adding(length=T)}.</li>
 *   <li>{@code layernorm-dD-tT}: {@code per_step(layernorm(D))} over {@code [T, D]}.</li>
 *   <li>{@code attention-dD-tT}: {@link SelfAttention} (one head, scaled) over {@code [T, D]}.</li>
 *   <li>{@code mha4-dD-tT}: {@link MultiHeadAttention} with 4 heads, no mask.</li>
 *   <li>{@code block-dD-tT}: one pre-LN causal transformer block of {@link Transformer#blocks()}
 *       with 4 heads (LayerNorm, attention, residual, LayerNorm, MLP {@code D→4D→D} with GELU,
 *       residual).</li>
 * </ul>
 *
 * <p>Threads: the step is single-threaded apart from BLAS, whose threads are set by
 * {@code OPENBLAS_NUM_THREADS} in the environment of the JVM (as for {@link EpochBenchmark}).
 *
 * <p>{@link #main} runs one workload outside JMH and prints the calling thread's CPU time per step:
 * with {@code OPENBLAS_NUM_THREADS=1} all the step's work is on that thread, so the figure holds on
 * a loaded machine where wall time does not; it is also the program to profile (JFR).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class SequenceStepBenchmark {
    /** Examples per step. */
    public static final int BATCH = 32;

    private static final int INPUT = 2;
    private static final int HEADS = 4;
    private static final long SEED = 0;

    @Param({
        "rnn-h32-t20",
        "lstm-h32-t20",
        "gru-h32-t20",
        "rnn-h128-t50",
        "lstm-h128-t50",
        "gru-h128-t50",
        "layernorm-d64-t32",
        "attention-d64-t32",
        "mha4-d64-t32",
        "block-d64-t32"
    })
    public String workload;

    private Sequential model;
    private Adam adam;
    private Tensor input;
    private Tensor target;

    @Setup
    public void setUp() {
        String[] parts = workload.split("-");
        if (parts.length != 3 || parts[1].length() < 2 || !parts[2].startsWith("t")) {
            throw new IllegalArgumentException("workload must be FAMILY-hH-tT or FAMILY-dD-tT, got '" + workload + "'");
        }
        int width = Integer.parseInt(parts[1].substring(1));
        int steps = Integer.parseInt(parts[2].substring(1));
        List<Layer> layers = new ArrayList<>();
        int in = width;
        int out = width;
        switch (parts[0]) {
            case "rnn", "lstm", "gru" -> {
                in = INPUT;
                out = 1;
                layers.add(
                        switch (parts[0]) {
                            case "rnn" -> new SimpleRNN("0", INPUT, width);
                            case "lstm" -> new Lstm("0", INPUT, width);
                            default -> new Gru("0", INPUT, width);
                        });
                layers.add(new LastStep());
                layers.add(new Dense("2", width, 1));
            }
            case "layernorm" -> layers.add(new PerStep(new LayerNorm("0", width, 1e-5)));
            case "attention" -> layers.add(new SelfAttention("0", width, true));
            case "mha4" -> layers.add(new MultiHeadAttention("0", width, HEADS, false));
            case "block" -> layers.addAll(new Transformer(1, width, HEADS, 1, steps, true, true).blocks());
            default ->
                throw new IllegalArgumentException("unknown family '" + parts[0] + "' in workload '" + workload
                        + "'; valid: rnn, lstm, gru, layernorm, attention, mha4, block");
        }
        model = new Sequential(layers);
        InitPlan.defaults().apply(model, SEED);
        adam = new Adam(1e-3);
        input = random("input", BATCH, steps, in);
        target = out == 1 ? random("target", BATCH, 1) : random("target", BATCH, steps, out);
        System.err.println("sequence step benchmark: " + workload + ", batch " + BATCH + ", adam(lr=0.001); BLAS "
                + Gemm.backend() + ", OPENBLAS_NUM_THREADS="
                + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)"));
    }

    private static Tensor random(String what, int... shape) {
        Tensor t = Tensor.zeros(shape);
        Samplers.uniform(RandomStream.of(SEED, "bench/sequence/" + what), 0, t.size(), -1f, 1f, t.data(), 0);
        return t;
    }

    /**
     * {@code java -cp benchmarks.jar org.initlab.bench.SequenceStepBenchmark WORKLOAD [WARMUP [STEPS]]}
     * (defaults 50 and 200): runs the steps and prints CPU and wall milliseconds per measured step.
     */
    public static void main(String[] args) {
        SequenceStepBenchmark bench = new SequenceStepBenchmark();
        bench.workload = args[0];
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        bench.setUp();
        for (int i = 0; i < warmup; i++) {
            bench.step();
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        double loss = 0;
        for (int i = 0; i < steps; i++) {
            loss = bench.step();
        }
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / steps;
        double wallMs = (System.nanoTime() - wall) / 1e6 / steps;
        System.out.printf(
                java.util.Locale.ROOT,
                "%s cpu_ms_per_step %.3f wall_ms_per_step %.3f loss %.6g%n",
                bench.workload,
                cpuMs,
                wallMs,
                loss);
    }

    @Benchmark
    public double step() {
        model.zeroGrad();
        Tensor y = model.forward(input, true);
        LossValue loss = Losses.meanSquaredError(y, target);
        model.backward(loss.gradient());
        adam.step(model.parameters(), 1);
        return loss.value();
    }
}
