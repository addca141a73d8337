package org.initlab.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.lab.experiment.Study;
import org.initlab.lab.report.HtmlReport;

/**
 * How long a lab run took: its wall time from start to end, the process's CPU time (every thread:
 * workers, native BLAS threads, garbage collector, compiler), the workers and native BLAS threads
 * used, and per experiment its wall span, CPU time and approximate peak heap
 * ({@link Study.Timing}). CPU seconds over wall seconds is how many cores the run kept busy.
 */
final class RunTiming {
    /** What the peak heap figures are, for the report and {@code run.json}. */
    static final String HEAP_NOTE = "peak heap after GC: the largest Java heap in use just after a garbage collection"
            + " while the experiment's measurements ran; the whole process's, so with experiments running side by side it"
            + " includes theirs (approximate; run one experiment alone for its own)";

    private final int threads;
    private final long startNanos = System.nanoTime();
    private final long startCpu = processCpuNanos();
    private int blasThreads = -1;
    private int experiments;
    private double experimentCpu;

    RunTiming(int threads) {
        this.threads = threads;
    }

    /** The native BLAS's threads per product during the run (-1: no native BLAS threads to set). */
    void blasThreads(int n) {
        blasThreads = n;
    }

    /** Counts a finished experiment. */
    void add(Study.Outcome<?> o) {
        experiments++;
        experimentCpu += o.timing().cpuSeconds();
    }

    /** Threads in words, for the report's footer. */
    String threadsLine() {
        return threads + " worker thread" + (threads == 1 ? "" : "s")
                + (blasThreads > 0 ? ", native BLAS threads " + blasThreads : "") + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs";
    }

    /** The whole run as JSON members, at its end. */
    Map<String, Object> json() {
        Map<String, Object> m = partial();
        m.put("seconds", round(elapsed()));
        long cpu = processCpuNanos();
        if (cpu >= 0 && startCpu >= 0) {
            m.put("process_cpu_seconds", round((cpu - startCpu) / 1e9));
        }
        return m;
    }

    /** The members known before the end: threads and the experiments' CPU time so far. */
    Map<String, Object> partial() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", threads);
        if (blasThreads > 0) {
            m.put("blas_threads", blasThreads);
        }
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("experiments_finished", experiments);
        m.put("experiments_cpu_seconds", round(experimentCpu));
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        m.put("peak_heap_note", HEAP_NOTE);
        return m;
    }

    /** The line on standard error at the end. */
    String line() {
        long cpu = processCpuNanos();
        return String.format(
                Locale.ROOT,
                "lab: %d experiment%s in %.1f s wall%s; %s",
                experiments,
                experiments == 1 ? "" : "s",
                elapsed(),
                cpu >= 0 && startCpu >= 0 ? String.format(Locale.ROOT, ", %.1f s CPU", (cpu - startCpu) / 1e9) : "",
                threadsLine());
    }

    /** The report's table: one row per finished experiment, then the whole run's row at the end. */
    HtmlReport.Table table(List<Study.Outcome<?>> finished, boolean last) {
        List<List<String>> rows = new ArrayList<>();
        for (Study.Outcome<?> o : finished) {
            Study.Timing t = o.timing();
            rows.add(List.of(
                    o.experiment().name(),
                    Integer.toString(t.measurements()),
                    fixed(t.wallSeconds()),
                    fixed(t.cpuSeconds()),
                    t.peakHeapBytes() < 0 ? "" : Long.toString(Math.round(t.peakHeapBytes() / 1048576.0))));
        }
        if (last) {
            Map<String, Object> whole = json();
            rows.add(List.of(
                    "whole run",
                    "",
                    fixed(elapsed()),
                    whole.containsKey("process_cpu_seconds") ? fixed((Double) whole.get("process_cpu_seconds")) : "",
                    ""));
        }
        return new HtmlReport.Table(
                "Run time: " + threadsLine() + ". Wall seconds of an experiment span its first"
                        + " measurement's start to its last one's end (others may run beside it); CPU seconds are its measurements'"
                        + " threads; the whole run's CPU is the process's. " + HEAP_NOTE + ".",
                List.of("experiment", "measurements", "wall s", "CPU s", "peak heap after GC, MiB"),
                rows);
    }

    private double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String fixed(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }

    /** The process's CPU time in nanoseconds, or -1 where the JVM does not report it. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
