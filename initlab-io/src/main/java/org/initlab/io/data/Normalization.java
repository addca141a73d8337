package org.initlab.io.data;

import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * How features are rescaled before training. Statistics come from the training set only
 * ({@link #fit}) and the same affine map {@code x' = (x - offset_j) / divisor_j} is then applied
 * to every part ({@link Statistics#apply}), so no information leaks from the test set. Features
 * are indexed as {@link Tensor#features()} (every element of an example's row: pixel, step and
 * channel alike).
 */
public enum Normalization {
    /** Leave the features as they are. */
    NONE,
    /**
     * Divide every feature by the largest absolute value in the training set (one number for all
     * features, as images are scaled by their maximum): non-negative data lands in {@code [0, 1]}
     * (digits' 0..16 become {@code v / 16}). An all-zero training set is left as it is.
     */
    SCALE,
    /**
     * Per feature, subtract the training mean and divide by the training standard deviation (the
     * population one, {@code 1/n}, as scikit-learn's {@code StandardScaler}); a constant feature is
     * only centred.
     */
    STANDARDIZE;

    /**
     * The affine map of one feature at a time: {@code x' = (x - offset[j]) / divisor[j]}.
     *
     * @param kind the normalization these statistics come from
     * @param offset per feature, length {@code d}
     * @param divisor per feature, length {@code d}, all positive
     */
    public record Statistics(Normalization kind, double[] offset, double[] divisor) {
        /** The dataset with its features mapped (a new tensor), or {@code data} itself for NONE. */
        public Dataset apply(Dataset data) {
            if (kind == NONE) {
                return data;
            }
            int d = offset.length;
            if (data.features().features() != d) {
                throw new IllegalArgumentException(data.name() + " has "
                        + data.features().features() + " features per example, the normalization was fitted on " + d);
            }
            float[] x = data.features().data();
            float[] y = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                int j = i % d;
                y[i] = (float) ((x[i] - offset[j]) / divisor[j]);
            }
            return new Dataset(data.name(), new Tensor(y, data.features().shape()), data.targets());
        }
    }

    /** Statistics of {@code train}'s features, in double precision. */
    public Statistics fit(Dataset train) {
        int d = train.features().features();
        float[] x = train.features().data();
        int n = train.size();
        double[] offset = new double[d];
        double[] divisor = new double[d];
        java.util.Arrays.fill(divisor, 1);
        switch (this) {
            case NONE -> {}
            case SCALE -> {
                double max = 0;
                for (float v : x) {
                    max = Math.max(max, Math.abs(v));
                }
                java.util.Arrays.fill(divisor, max > 0 ? max : 1);
            }
            case STANDARDIZE -> {
                for (int i = 0; i < x.length; i++) {
                    offset[i % d] += x[i];
                }
                for (int j = 0; j < d; j++) {
                    offset[j] /= n;
                }
                double[] squares = new double[d];
                for (int i = 0; i < x.length; i++) {
                    double dev = x[i] - offset[i % d];
                    squares[i % d] += dev * dev;
                }
                for (int j = 0; j < d; j++) {
                    double std = Math.sqrt(squares[j] / n);
                    divisor[j] = std > 0 ? std : 1;
                }
            }
        }
        return new Statistics(this, offset, divisor);
    }
}
