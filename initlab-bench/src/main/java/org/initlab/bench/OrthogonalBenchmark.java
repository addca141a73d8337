package org.initlab.bench;

import java.util.concurrent.TimeUnit;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Target;
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
 * Time to build an orthogonal {@code size × size} matrix (Gaussian draw, LAPACK sgeqrf + sorgqr,
 * sign correction, layout copy), as PyTorch's {@code orthogonal_}. Single-shot timing: one
 * operation takes seconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g", "--enable-native-access=ALL-UNNAMED"})
public class OrthogonalBenchmark {
    @Param({"1024", "4096"})
    public int size;

    private Target target;

    @Setup
    public void setUp() {
        target = Target.of(size, size).withSeed(1).withPath("bench.weight");
    }

    @Benchmark
    public float[] orthogonal() {
        return Fill.tensor(new Orthogonal(), target, 1);
    }
}
