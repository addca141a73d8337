package org.initlab.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.concurrent.TimeUnit;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.Gemm;
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
 * The machine's single-precision matrix-product peak as the engine reaches it: one row-major
 * {@code C = A·B} of square {@code size × size} matrices through the BLAS {@link Gemm} picks for
 * {@code blas} ({@code native}: the system BLAS, e.g. OpenBLAS, with {@code OPENBLAS_NUM_THREADS}
 * threads; {@code java}: netlib's pure-Java code, one thread). {@code 2·size³} floating-point
 * operations per call; {@code compare_gemm.py} turns the times into GFLOP/s next to
 * {@code torch.mm}'s. The per-family training benchmarks set their achieved GFLOP/s against this
 * peak.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class GemmBenchmark {
    @Param({"256", "512", "1024", "2048"})
    public int size;

    @Param({"native"})
    public String blas;

    private float[] a;
    private float[] b;
    private float[] c;
    private BLAS impl;

    @Setup
    public void setUp() {
        if (!blas.equals("native") && !blas.equals("java")) {
            throw new IllegalArgumentException("blas must be native or java, got '" + blas + "'");
        }
        System.setProperty(Gemm.JAVA_PROPERTY, blas);
        impl = blas.equals("java")
                ? dev.ludovic.netlib.blas.JavaBLAS.getInstance()
                : dev.ludovic.netlib.blas.NativeBLAS.getInstance();
        a = new float[size * size];
        b = new float[size * size];
        c = new float[size * size];
        Samplers.uniform(RandomStream.of(0, "bench/gemm/a"), 0, a.length, -1f, 1f, a, 0);
        Samplers.uniform(RandomStream.of(0, "bench/gemm/b"), 0, b.length, -1f, 1f, b, 0);
        System.err.println("gemm benchmark: " + size + "² with " + Gemm.backend() + ", OPENBLAS_NUM_THREADS="
                + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)"));
    }

    /** {@code C = A·B}, row-major, as {@link Gemm} calls it (column-major {@code B·A} on swapped operands). */
    @Benchmark
    public float[] product() {
        impl.sgemm("N", "N", size, size, size, 1f, b, 0, size, a, 0, size, 0f, c, 0, size);
        return c;
    }
}
