package org.initlab.lab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunTest {
    private static final Sweep TINY = Sweep.parse(
            "grid(sigma_w2=[0.5,2], depth=[1,3], width=8, steps=6, batch=16," + " train=200, seeds=2, data=digits)");

    @Test
    void resultsAreTheSameOnOneAndTwoThreadsAndAResumedRunRecomputesNothing(@TempDir Path dir) throws Exception {
        SweepRun one = new SweepRun(TINY, 3, dir.resolve("one"), line -> {});
        assertThat(one.run(1)).isZero();
        SweepRun two = new SweepRun(TINY, 3, dir.resolve("two"), line -> {});
        two.run(2);
        assertThat(json(two.results())).isEqualTo(json(one.results()));
        assertThat(one.results()).hasSize(8);
        assertThat(Files.readString(dir.resolve("one/report.html"))).contains("<svg");

        List<String> lines = new ArrayList<>();
        SweepRun again = new SweepRun(TINY, 3, dir.resolve("one"), lines::add);
        assertThat(again.run(2)).isEqualTo(8);
        assertThat(lines).isEmpty();
        assertThat(json(again.results())).isEqualTo(json(one.results()));
    }

    @Test
    void anotherSweepOrSeedCannotResumeIntoTheDirectory(@TempDir Path dir) throws Exception {
        Sweep small = Sweep.parse("grid(sigma_w2=1, depth=1, width=4, steps=2, train=50)");
        new SweepRun(small, 0, dir, line -> {}).run(1);
        assertThatThrownBy(() -> new SweepRun(small, 1, dir, line -> {}).run(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds another sweep");
        Sweep other = Sweep.parse("grid(sigma_w2=2, depth=1, width=4, steps=2, train=50)");
        assertThatThrownBy(() -> new SweepRun(other, 0, dir, line -> {}).run(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds another sweep");
    }

    private static List<Object> json(List<CellResult> results) {
        return results.stream().map(r -> (Object) r.json()).toList();
    }
}
