package org.initlab.nn;

import java.util.Objects;
import org.initlab.core.shape.Allocation;

/**
 * A dataset: features {@code [n, ...]} (for example {@code [n, d]} vectors, {@code [n, C, H, W]}
 * images or {@code [n, T, d]} sequences) and the {@link Labels} the model's output is compared
 * with, which also fix the task: class labels ({@link Labels.Classes}), a class per time step
 * ({@link Labels.StepClasses}) or real values ({@link Labels.Values}).
 * The small interface the engine needs; readers for files live in the data module.
 */
public record Dataset(String name, Tensor features, Labels targets) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(targets, "targets");
        if (features.batch() != targets.size()) {
            throw new IllegalArgumentException(
                    name + ": " + features.batch() + " rows but " + targets.size() + " targets");
        }
    }

    /** A classification dataset: integer labels in {@code [0, classes)}, one per row (not copied). */
    public Dataset(String name, Tensor features, int[] labels, int classes) {
        this(name, features, new Labels.Classes(labels, classes));
    }

    /** A regression dataset: real targets {@code [n, k]} (not copied). */
    public Dataset(String name, Tensor features, Tensor values) {
        this(name, features, new Labels.Values(values));
    }

    public int size() {
        return features.batch();
    }

    /** True for class labels, per example or per step; false for regression. */
    public boolean isClassification() {
        return !(targets instanceof Labels.Values);
    }

    /**
     * The class labels: one per example, or for {@link Labels.StepClasses} one per step
     * (row-major {@code [n, steps]}).
     *
     * @throws IllegalStateException for a regression dataset
     */
    public int[] labels() {
        return switch (targets) {
            case Labels.Classes c -> c.labels();
            case Labels.StepClasses s -> s.labels();
            case Labels.Values v ->
                throw new IllegalStateException(name + " is a regression dataset; it has no labels");
        };
    }

    /**
     * The number of classes.
     *
     * @throws IllegalStateException for a regression dataset
     */
    public int classes() {
        return switch (targets) {
            case Labels.Classes c -> c.classes();
            case Labels.StepClasses s -> s.classes();
            case Labels.Values v ->
                throw new IllegalStateException(name + " is a regression dataset; it has no classes");
        };
    }

    /** Rows {@code order[from..to)} as a new dataset (copied), keeping the shape of each row. */
    public Dataset rows(int[] order, int from, int to) {
        int d = features.features();
        float[] x = Allocation.floats((to - from), d);
        for (int i = from; i < to; i++) {
            System.arraycopy(features.data(), order[i] * d, x, (i - from) * d, d);
        }
        int[] shape = features.shape();
        shape[0] = to - from;
        return new Dataset(name, new Tensor(x, shape), targets.rows(order, from, to));
    }

    /** The first {@code min(n, size())} rows (copied), or this dataset when it has no more. */
    public Dataset head(int n) {
        if (n >= size()) {
            return this;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return rows(order, 0, n);
    }

    /** The same rows and targets under another name. */
    public Dataset named(String newName) {
        return new Dataset(newName, features, targets);
    }
}
