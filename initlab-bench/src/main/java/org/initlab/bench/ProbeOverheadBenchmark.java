package org.initlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.lab.probe.Probe;
import org.initlab.nn.Adam;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Observer;
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
 * The probe's cost during training (issue 5: under 10% of a training step when sampling every 10
 * steps). One invocation is {@value #STEPS} training steps of {@value #MODEL} with Adam on a batch of
 * {@value #BATCH} random examples, with {@code probe=none} (no observer) or {@code probe=every10}
 * (a {@link Probe} sampling every 10 steps: statistics, histograms, gradient norms and the update
 * ratio, which copies the parameters once per sampled step). The overhead is the ratio of the two
 * scores minus one. The probe's snapshots are dropped after each invocation so memory stays flat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class ProbeOverheadBenchmark {
    /** The model probed. */
    public static final String MODEL = "mlp(784,[256,128],10,act=relu)";
    /** Examples per step. */
    public static final int BATCH = 128;
    /** Steps per invocation: one sampled step and nine plain ones. */
    public static final int STEPS = 10;

    @Param({"none", "every10"})
    public String probe;

    private Dataset batch;
    private Sequential net;

    @Setup(Level.Trial)
    public void setUp() {
        float[] x = new float[BATCH * 784];
        Samplers.uniform(RandomStream.of(0, "bench/probe/x"), 0, x.length, 0f, 1f, x, 0);
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = i % 10;
        }
        batch = new Dataset("random", new Tensor(x, BATCH, 784), y, 10);
        net = ModelSpec.parse(MODEL);
        InitPlan.defaults().apply(net, 0);
    }

    @Benchmark
    public double tenSteps() {
        List<Observer> observers = probe.equals("none") ? List.of() : List.of(new Probe(10));
        Trainer trainer = new Trainer(net, new Adam(1e-4), observers);
        double loss = 0;
        for (int s = 0; s < STEPS; s++) {
            loss += trainer.trainStep(batch);
        }
        return loss;
    }
}
