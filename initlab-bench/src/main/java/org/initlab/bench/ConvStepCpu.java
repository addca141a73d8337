package org.initlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of {@link ConvStepBenchmark}'s training step, for a loaded machine where wall time
 * means little: runs the benchmark's step and reports the process's CPU time per step (every
 * thread: the layers' loop threads, native BLAS threads, also the JIT and the garbage collector)
 * and the calling thread's ({@link ThreadMXBean#getCurrentThreadCpuTime()}). For one thread run
 * it with {@code OPENBLAS_NUM_THREADS=1} and {@code -Dinitlab.threads=1}.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar
 * org.initlab.bench.ConvStepCpu MODEL [STEPS] [RUNS]} (MODEL {@code cnn} or {@code deep_cnn}; 40
 * warm-up steps, then RUNS runs of STEPS steps, defaults 100 and 5). Prints one JSON line:
 * {@code {"model", "cpu_ms_per_step" (process, median over the runs), "min_cpu_ms_per_step",
 * "thread_cpu_ms_per_step" (calling thread, median), "wall_ms_per_step" (median), "conv_gemm_flop",
 * "blas_threads", "loop_threads"}}.
 */
public final class ConvStepCpu {
    private ConvStepCpu() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ConvStepCpu cnn|deep_cnn [STEPS] [RUNS]");
            System.exit(2);
        }
        ConvStepBenchmark bench = new ConvStepBenchmark();
        bench.model = args[0];
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        bench.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 40; i++) {
            bench.step();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> cpu = new ArrayList<>();
        List<Double> threadCpu = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long p0 = os.getProcessCpuTime();
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                bench.step();
            }
            cpu.add((os.getProcessCpuTime() - p0) / 1e6 / steps);
            threadCpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e6 / steps);
            wall.add((System.nanoTime() - w0) / 1e6 / steps);
        }
        String threads = System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)");
        System.out.printf(
                "{\"model\": \"%s\", \"cpu_ms_per_step\": %.3f, \"min_cpu_ms_per_step\": %.3f,"
                        + " \"thread_cpu_ms_per_step\": %.3f, \"wall_ms_per_step\": %.3f, \"conv_gemm_flop\": %d,"
                        + " \"blas_threads\": \"%s\", \"loop_threads\": \"%s\"}%n",
                args[0],
                median(cpu),
                cpu.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                median(threadCpu),
                median(wall),
                ConvStepBenchmark.convGemmFlop(
                        ConvStepBenchmark.build(args[0]), new int[] {ConvStepBenchmark.BATCH, 1, 28, 28}),
                threads,
                System.getProperty("initlab.threads", "(default)"));
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
