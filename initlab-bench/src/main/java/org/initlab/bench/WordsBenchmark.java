package org.initlab.bench;

import java.util.concurrent.TimeUnit;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to generate 2<sup>24</sup> Philox words, a chunk of 4096 at a time into one reused array,
 * as the fills do: the random part of every fill, so that the normal fills' conversion of words to
 * floats is {@link FillBenchmark}'s time less this one's. Nanoseconds per word = score / 2^24 * 10^6.
 *
 * <p>Like {@link FillBenchmark}, the fork runs with {@code --add-modules jdk.incubator.vector} and
 * the setup switches to the Vector API path at once; {@code -jvmArgsAppend -Dinitlab.vector=false}
 * measures the scalar code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class WordsBenchmark {
    private static final int CHUNK = 4096;
    private static final int WORDS = 1 << 24;

    private final RandomStream stream = RandomStream.of(1, "bench.weight");
    private final int[] chunk = new int[CHUNK];

    @Setup
    public void setUp() {
        System.out.println("InitLab words: vector path " + (Samplers.warmUpVectorPath() ? "on" : "off"));
    }

    @Benchmark
    public int words() {
        int sum = 0;
        for (long from = 0; from < WORDS; from += CHUNK) {
            stream.words(from, from + CHUNK, chunk, 0);
            sum += chunk[CHUNK - 1];
        }
        return sum;
    }
}
