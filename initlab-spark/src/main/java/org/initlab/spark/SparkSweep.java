package org.initlab.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.initlab.io.FormatException;
import org.initlab.io.Json;
import org.initlab.io.JsonTree;
import org.initlab.lab.experiment.ExperimentData;
import org.initlab.lab.sweep.Cell;
import org.initlab.lab.sweep.CellResult;
import org.initlab.lab.sweep.CellTraining;
import org.initlab.lab.sweep.Sweep;

/**
 * Runs a sweep's cells as Spark tasks. The driver sends each task the sweep's spec string and a
 * run index; the task parses the spec, loads the data (once per executor JVM), trains its cell and
 * returns the result as run.json's JSON text, which the driver parses back: nothing InitLab-specific
 * needs to be serializable, and the rows are exactly those {@link org.initlab.lab.sweep.SweepRun}
 * computes locally.
 */
public final class SparkSweep {
    /** Data per (spec, train) in each executor JVM: loaded once, shared by that JVM's tasks. */
    private static final Map<String, ExperimentData> DATA = new ConcurrentHashMap<>();

    private SparkSweep() {}

    /**
     * Every cell of {@code sweep} for seeds {@code seed, seed + 1, ...}, in grid order (cell, then seed).
     *
     * @param spark the Spark context (local mode or a cluster)
     */
    public static List<CellResult> run(JavaSparkContext spark, Sweep sweep, long seed) {
        String spec = sweep.format();
        int runs = sweep.cells().size() * sweep.seeds();
        List<Integer> indices = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            indices.add(i);
        }
        List<String> rows = spark.parallelize(indices, Math.max(1, Math.min(runs, spark.defaultParallelism() * 4)))
                .map(i -> cell(spec, seed, i))
                .collect();
        List<CellResult> results = new ArrayList<>(rows.size());
        for (String row : rows) {
            results.add(parse(row));
        }
        return results;
    }

    /** Runs one cell in a task: run index {@code i} is cell {@code i / seeds} with seed {@code seed + i % seeds}. */
    static String cell(String spec, long seed, int i) {
        Sweep sweep = Sweep.parse(spec);
        Cell cell = sweep.cells().get(i / sweep.seeds());
        ExperimentData data = DATA.computeIfAbsent(
                sweep.data() + "|" + sweep.train(), k -> ExperimentData.load(sweep.data(), 0, sweep.train()));
        CellResult r = CellTraining.measure(sweep, cell, seed + i % sweep.seeds(), data.split());
        return Json.write(r.json());
    }

    private static CellResult parse(String row) {
        try {
            return CellResult.of((JsonTree.Obj)
                    JsonTree.parse(row.getBytes(java.nio.charset.StandardCharsets.UTF_8), "a Spark task's result", 0));
        } catch (FormatException e) {
            throw new IllegalStateException("a Spark task returned a malformed result: " + e.getMessage(), e);
        }
    }
}
