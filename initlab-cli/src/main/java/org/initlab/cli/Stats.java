package org.initlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Mean, standard deviation (population), min and max of a float array, accumulated in double. */
record Stats(long count, double mean, double std, double min, double max) {
    static Stats of(float[] v) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / v.length;
        double ss = 0;
        for (float x : v) {
            double d = x - mean;
            ss += d * d;
        }
        return new Stats(v.length, mean, Math.sqrt(ss / v.length), min, max);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("mean", mean);
        m.put("std", std);
        m.put("min", min);
        m.put("max", max);
        return m;
    }
}
