package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.nn.ConfusionMatrix;

/** Hand-made classification reports for experiments' tests. */
final class Reports {
    /** Examples per class of a made report. */
    static final int PER_CLASS = 100;

    private Reports() {}

    /**
     * A report on {@code classes} balanced classes of {@value #PER_CLASS} examples each with the
     * given accuracy in every class (rounded to whole examples), each wrong one predicted as the next
     * class: so every class's precision, recall and F1, and the macro-F1, equal the accuracy. NaN
     * gives null, the report of a diverged net.
     */
    static ClassificationReport of(double accuracy, int classes) {
        if (Double.isNaN(accuracy)) {
            return null;
        }
        int n = classes * PER_CLASS;
        long right = Math.round(accuracy * PER_CLASS);
        int[] actual = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            actual[i] = i % classes;
            predicted[i] = i / classes < right ? actual[i] : (actual[i] + 1) % classes;
        }
        return ClassificationReport.of(ConfusionMatrix.of(predicted, actual, classes));
    }

    /** One ten-class report per accuracy, in order (nulls for NaN). */
    static List<ClassificationReport> perEpoch(double... accuracy) {
        return perEpoch(10, accuracy);
    }

    /** One report on {@code classes} classes per accuracy, in order (nulls for NaN). */
    static List<ClassificationReport> perEpoch(int classes, double... accuracy) {
        List<ClassificationReport> out = new ArrayList<>();
        Arrays.stream(accuracy).forEach(a -> out.add(of(a, classes)));
        return java.util.Collections.unmodifiableList(out);
    }
}
