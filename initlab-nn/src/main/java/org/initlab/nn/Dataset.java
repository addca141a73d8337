package org.initlab.nn;

/**
 * A classification dataset: features {@code [n, ...]} (for example {@code [n, d]} vectors or
 * {@code [n, C, H, W]} images) and integer labels in {@code [0, classes)}.
 * The small interface the engine needs; readers for files live in the data module.
 */
public record Dataset(String name, Tensor features, int[] labels, int classes) {
    public Dataset {
        if (features.batch() != labels.length) {
            throw new IllegalArgumentException(name + ": " + features.batch() + " rows but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    /** Rows {@code order[from..to)} as a new dataset (copied), keeping the shape of each row. */
    public Dataset rows(int[] order, int from, int to) {
        int d = features.features();
        float[] x = new float[(to - from) * d];
        int[] y = new int[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(features.data(), order[i] * d, x, (i - from) * d, d);
            y[i - from] = labels[order[i]];
        }
        int[] shape = features.shape();
        shape[0] = to - from;
        return new Dataset(name, new Tensor(x, shape), y, classes);
    }
}
