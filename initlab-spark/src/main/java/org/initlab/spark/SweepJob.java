package org.initlab.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.initlab.lab.experiment.ExperimentData;
import org.initlab.lab.sweep.CellResult;
import org.initlab.lab.sweep.Sweep;
import org.initlab.lab.sweep.SweepRun;

/**
 * The {@code spark-submit} entry point: {@code SweepJob SPEC OUT [SEED]} runs the sweep on the
 * cluster and writes the same run directory as {@code initlab sweep SPEC --out OUT} on the driver.
 */
public final class SweepJob {
    private SweepJob() {}

    /** {@code SPEC OUT [SEED]}. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: SweepJob SPEC OUT [SEED]   e.g. SweepJob phase-diagram /data/phase 0");
            System.exit(2);
        }
        Sweep sweep = Sweep.parse(args[0]);
        long seed = args.length == 3 ? Long.parseLong(args[2]) : 0;
        try (JavaSparkContext spark =
                new JavaSparkContext(new SparkConf().setAppName("initlab sweep " + sweep.name()))) {
            List<CellResult> results = SparkSweep.run(spark, sweep, seed);
            SweepRun.write(Path.of(args[1]), sweep, seed, results, ExperimentData.load(sweep.data(), 0, sweep.train()));
        }
    }
}
