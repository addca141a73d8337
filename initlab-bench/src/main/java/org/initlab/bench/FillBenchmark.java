package org.initlab.bench;

import java.util.concurrent.TimeUnit;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Target;
import org.initlab.core.random.Samplers;
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
 * Time to fill one square float32 tensor in place with an elementwise initializer. Samples per
 * second = size² / (seconds per operation). The destination array is allocated once, so the
 * measurement is the fill alone, as for PyTorch's in-place {@code tensor.uniform_()}.
 *
 * <p>The fork runs with {@code --add-modules jdk.incubator.vector} and the setup switches the
 * samplers to their Vector API path at once ({@link Samplers#warmUpVectorPath}); the setup prints
 * whether it is on. {@code -jvmArgsAppend -Dinitlab.vector=false} measures the scalar code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class FillBenchmark {
    @Param({"uniform(low=-1, high=1)", "he_normal", "glorot_uniform", "truncated_normal(std=0.02)"})
    public String spec;

    @Param({"4096", "16384"})
    public int size;

    @Param({"1", "2"})
    public int threads;

    private Initializer init;
    private Target target;
    private float[] dst;

    @Setup
    public void setUp() {
        init = Registry.parse(spec);
        target = Target.of(size, size).withSeed(1).withPath("bench.weight");
        dst = new float[size * size];
        // The Vector API path now rather than after 2^27 elements and a background warm-up, so
        // that the warm-up iterations are not split between two code paths.
        System.out.println("InitLab fills: vector path " + (Samplers.warmUpVectorPath() ? "on" : "off"));
    }

    @Benchmark
    public float[] fill() {
        Fill.range(init, target, 0, dst.length, dst, 0, threads);
        return dst;
    }
}
