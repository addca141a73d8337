package org.initlab.io.data;

import org.initlab.core.random.RandomStream;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.Trainer;

/**
 * A training set and a held-out set (the test or validation set) of one task.
 *
 * @param train the examples to train on
 * @param test the held-out examples
 */
public record Split(Dataset train, Dataset test) {

    /**
     * Holds out a seeded random {@code fraction} of {@code data}. For class labels per example
     * the split is stratified: each class keeps {@code round(fraction · count)} of its examples
     * out, so both parts have the class proportions of the whole (the held-out size is the sum of
     * these, within one example per class of {@code fraction · n}). Otherwise (labels per step,
     * regression) {@code round(fraction · n)} examples are held out. Which examples go out is
     * decided by one permutation ({@link Trainer#permutation}) from stream
     * {@code (seed, "data/split/NAME")}, walked in order until each quota is full; both parts
     * keep the original order of their examples. The parts are named {@code NAME/train} and
     * {@code NAME/test}.
     *
     * @param fraction the held-out fraction, in {@code (0, 1)}
     * @throws IllegalArgumentException for a fraction outside {@code (0, 1)} or one that leaves a
     *     part empty
     */
    public static Split holdOut(Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got " + fraction);
        }
        int n = data.size();
        int[] quota;
        int[] group = new int[n];
        if (data.targets() instanceof Labels.Classes c) {
            quota = new int[c.classes()];
            for (int y : c.labels()) {
                quota[y]++;
            }
            for (int k = 0; k < quota.length; k++) {
                quota[k] = (int) Math.round(fraction * quota[k]);
            }
            group = c.labels();
        } else {
            quota = new int[] {(int) Math.round(fraction * n)};
        }
        int[] order = Trainer.permutation(n, RandomStream.of(seed, "data/split/" + data.name()));
        boolean[] out = new boolean[n];
        int held = 0;
        for (int i : order) {
            if (quota[group[i]] > 0) {
                quota[group[i]]--;
                out[i] = true;
                held++;
            }
        }
        if (held == 0 || held == n) {
            throw new IllegalArgumentException("holding out " + fraction + " of the " + n + " examples of "
                    + data.name() + " leaves " + (held == 0 ? "the held-out" : "the training") + " part empty");
        }
        int[] trainRows = new int[n - held];
        int[] testRows = new int[held];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (out[i]) {
                testRows[b++] = i;
            } else {
                trainRows[a++] = i;
            }
        }
        return new Split(
                data.rows(trainRows, 0, trainRows.length).named(data.name() + "/train"),
                data.rows(testRows, 0, testRows.length).named(data.name() + "/test"));
    }

    /** The same parts with each one's features mapped by {@code normalization} fitted on the training part. */
    public Split normalized(Normalization normalization) {
        Normalization.Statistics s = normalization.fit(train);
        return new Split(s.apply(train), s.apply(test));
    }

    /**
     * At most {@code n} training examples and {@code max(1, n / 6)} test examples, the first ones
     * of each part (the proportion of Fashion-MNIST's 60000 and 10000).
     */
    public Split limit(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + n);
        }
        return new Split(train.head(n), test.head(Math.max(1, n / 6)));
    }

    @Override
    public String toString() {
        return "Split[train " + train.size() + ", test " + test.size() + "]";
    }
}
