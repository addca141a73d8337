package org.initlab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.initlab.lab.sweep.CellResult;
import org.initlab.lab.sweep.Sweep;
import org.initlab.lab.sweep.SweepRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep on Spark in local mode gives the local runner's rows exactly. */
class SparkSweepTest {
    private static final Sweep TINY = Sweep.parse(
            "grid(sigma_w2=[0.5,2], depth=[1,3], width=8, steps=6, batch=16," + " train=200, seeds=2, data=digits)");

    @Test
    void sparkLocalModeGivesTheLocalRunnersResults(@TempDir Path dir) throws Exception {
        SweepRun local = new SweepRun(TINY, 5, dir.resolve("local"), line -> {});
        local.run(1);
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("initlab-test")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        List<CellResult> onSpark;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            onSpark = SparkSweep.run(spark, TINY, 5);
        }
        assertThat(onSpark).hasSize(8);
        assertThat(onSpark.stream().map(CellResult::json).toList())
                .isEqualTo(local.results().stream().map(CellResult::json).toList());
    }
}
