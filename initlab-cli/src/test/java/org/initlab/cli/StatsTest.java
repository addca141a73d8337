package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsTest {
    /** Three full blocks and a ragged tail shorter than the lanes. */
    private static float[] values() {
        float[] v = new float[3 * Stats.BLOCK + 7];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.5 + 2 * r.nextGaussian());
        }
        return v;
    }

    @Test
    void theSameBitsForEveryThreadCount() {
        float[] v = values();
        Stats one = Stats.of(v, 1);
        for (int threads : new int[] {2, 3, 8}) {
            assertThat(Stats.of(v, threads)).isEqualTo(one);
        }
    }

    @Test
    void agreesWithExactArithmetic() {
        float[] v = values();
        // reference: Neumaier-compensated double sums, accurate to a few ulps whatever the order
        double[] sum = new double[2];
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            add(sum, x);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = (sum[0] + sum[1]) / v.length;
        double[] ss = new double[2];
        for (float x : v) {
            double d = x - mean;
            add(ss, d * d);
        }
        double std = Math.sqrt((ss[0] + ss[1]) / v.length);
        Stats s = Stats.of(v, 2);
        assertThat(s.count()).isEqualTo(v.length);
        // double accumulation over 200,000 terms of size ~2: relative error far below 1e-12
        assertThat(s.mean()).isCloseTo(mean, within(1e-12));
        assertThat(s.std()).isCloseTo(std, within(1e-12 * std));
        assertThat(s.min()).isEqualTo(min);
        assertThat(s.max()).isEqualTo(max);
    }

    private static void add(double[] acc, double x) {
        double t = acc[0] + x;
        acc[1] += Math.abs(acc[0]) >= Math.abs(x) ? (acc[0] - t) + x : (x - t) + acc[0];
        acc[0] = t;
    }

    @Test
    void aNaNPropagatesAndSmallArraysWork() {
        Stats nan = Stats.of(new float[] {1, Float.NaN, 3}, 2);
        assertThat(nan.mean()).isNaN();
        assertThat(nan.min()).isNaN();
        assertThat(nan.max()).isNaN();
        Stats s = Stats.of(new float[] {1, 2, 3}, 4);
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.std()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(3.0);
        assertThat(Stats.of(new float[0], 2)).isEqualTo(Stats.EMPTY);
    }

    @Test
    void extremesSitAnywhereInABlock() {
        // a minimum and a maximum in a lane other than the first, in a block other than the first, and in the ragged
        // tail
        float[] v = values();
        for (int at : new int[] {Stats.BLOCK + 5, 2 * Stats.BLOCK + Stats.LANES - 1, v.length - 1}) {
            float[] w = v.clone();
            w[at] = -100;
            w[at - 1] = 100;
            Stats s = Stats.of(w, 3);
            assertThat(s.min()).as("at %d", at).isEqualTo(-100.0);
            assertThat(s.max()).as("at %d", at).isEqualTo(100.0);
        }
    }
}
