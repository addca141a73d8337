package org.initlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.initlab.nn.ConfusionMatrix;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.RegressionMetrics;
import org.initlab.nn.RocAuc;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;

/**
 * The test metrics {@code initlab train} reports, by task: accuracy, macro/weighted precision,
 * recall and F1 (ROC-AUC for two classes) for classification, the same over steps plus the
 * fraction of whole sequences right for labels per step, MSE, RMSE, MAE and R² for regression.
 *
 * <p>A metric the data cannot define (ROC-AUC on a test split holding one class, R² on constant
 * targets, anything on NaN outputs) is not available: its value is null (JSON {@code null}, "n/a"
 * in tables) and its reason is kept once in {@link #notes()}; it never fails the run.
 *
 * @param values metric name to value, null where not available
 * @param notes one line per unavailable metric: {@code "roc_auc: the test split holds only class 0"}
 */
record TestMetrics(Map<String, Double> values, List<String> notes) {
    static TestMetrics of(Sequential net, Dataset test) {
        Builder b = new Builder();
        if (test.size() == 0) {
            b.notes.add("no test examples: no test metric is available");
            return b.build();
        }
        Tensor logits = Trainer.logits(net, test);
        if (test.targets() instanceof Labels.Values v) {
            RegressionMetrics r = v.metrics(logits);
            b.put("mse", r::meanSquaredError);
            b.put("rmse", r::rootMeanSquaredError);
            b.put("mae", r::meanAbsoluteError);
            b.put("r_squared", () -> notNaN(r.rSquared(), "every test target has the same value, so R² is undefined"));
            return b.build();
        }
        int[] labels = test.labels();
        if (test.targets() instanceof Labels.Classes c && c.isSingleLogit(logits)) {
            logits = twoLogits(logits);
        }
        Tensor scores = logits;
        ConfusionMatrix cm;
        try {
            cm = ConfusionMatrix.fromLogits(new Tensor(scores.data(), labels.length, test.classes()), labels);
        } catch (IllegalArgumentException e) {
            b.notes.add("no classification metric: " + e.getMessage());
            return b.build();
        }
        b.put("accuracy", cm::accuracy);
        if (test.targets() instanceof Labels.StepClasses s) {
            b.put("sequence_accuracy", () -> s.sequenceAccuracy(scores));
        }
        b.put("macro_precision", () -> cm.precision(ConfusionMatrix.Average.MACRO));
        b.put("macro_recall", () -> cm.recall(ConfusionMatrix.Average.MACRO));
        b.put("macro_f1", () -> cm.f1(ConfusionMatrix.Average.MACRO));
        b.put("weighted_f1", () -> cm.f1(ConfusionMatrix.Average.WEIGHTED));
        if (test.classes() == 2 && test.targets() instanceof Labels.Classes) {
            b.put("roc_auc", () -> rocAuc(scores.data(), labels));
        }
        return b.build();
    }

    private static double rocAuc(float[] z, int[] labels) {
        long positives = java.util.Arrays.stream(labels).filter(l -> l == 1).count();
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException(
                    "the test split holds only class " + (positives == 0 ? 0 : 1) + " (" + labels.length
                            + (labels.length == 1 ? " example" : " examples") + "); ROC-AUC needs both classes");
        }
        double[] score = new double[labels.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = z[2 * i + 1] - z[2 * i];
        }
        return RocAuc.of(score, labels);
    }

    private static double notNaN(double v, String reason) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(reason);
        }
        return v;
    }

    /** One logit z per example as the equivalent two logits [0, z] (softmax([0, z]) = [1 − σ(z), σ(z)]). */
    private static Tensor twoLogits(Tensor single) {
        float[] z = single.data();
        float[] two = new float[2 * z.length];
        for (int i = 0; i < z.length; i++) {
            two[2 * i + 1] = z[i];
        }
        return new Tensor(two, z.length, 2);
    }

    /** The JSON form: values with null where not available. */
    Map<String, Object> document() {
        return new LinkedHashMap<>(values);
    }

    private static final class Builder {
        final Map<String, Double> values = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();

        void put(String name, DoubleSupplier metric) {
            try {
                values.put(name, metric.getAsDouble());
            } catch (IllegalArgumentException e) {
                values.put(name, null);
                notes.add(name + ": " + e.getMessage());
            }
        }

        TestMetrics build() {
            return new TestMetrics(java.util.Collections.unmodifiableMap(values), List.copyOf(notes));
        }
    }
}
