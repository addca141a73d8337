package org.initlab.nn;

import java.util.Arrays;
import org.initlab.core.shape.Allocation;

/**
 * What a model's output is compared with, one entry per example: the task of a {@link Dataset}.
 * Each kind owns its loss and its accuracy, so the {@link Trainer} trains every task alike.
 * "Labels" in the broad sense of supervised learning (a class, a class per step, or real values);
 * not to be confused with {@link org.initlab.core.init.Target}, the tensor an initializer fills.
 *
 * <ul>
 *   <li>{@link Classes}: one class label per example; output {@code [n, K]} logits; softmax
 *       cross-entropy; accuracy = fraction of rows whose largest logit is the label's. With two
 *       classes the output may also be one logit {@code [n, 1]}, the probability of class 1 being
 *       its sigmoid: binary cross-entropy, and class 1 predicted where the logit is positive (the
 *       single sigmoid output people write for binary tasks; the same model as the two logits
 *       {@code [0, z]}).</li>
 *   <li>{@link StepClasses}: one class label per time step of each example (sequence labelling,
 *       e.g. the copy-memory task); output {@code [n, T, K]} logits; softmax cross-entropy
 *       averaged over all {@code n·T} steps; accuracy per step.</li>
 *   <li>{@link Values}: real targets {@code [n, k]}; output {@code [n, k]}; mean squared error
 *       over all {@code n·k} values; no accuracy (NaN).</li>
 * </ul>
 */
public sealed interface Labels {
    /** Number of examples. */
    int size();

    /** Entries {@code order[from..to)} as new targets (copied). */
    Labels rows(int[] order, int from, int to);

    /**
     * The loss of {@code output} (the model's output for the same examples, in order) and its
     * gradient with respect to {@code output}, of {@code output}'s shape.
     *
     * @throws IllegalArgumentException if the output's shape does not fit these targets
     */
    LossValue loss(Tensor output);

    /** Number of correct predictions and number of predictions in {@code output}; {@code {0, 0}} for real targets. */
    long[] correct(Tensor output);

    /**
     * Class labels, one per example.
     *
     * @param labels labels in {@code [0, classes)}, not copied
     * @param classes number of classes, {@code >= 1}
     */
    record Classes(int[] labels, int classes) implements Labels {
        public Classes {
            requireLabels(labels, classes, 1);
        }

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public Classes rows(int[] order, int from, int to) {
            return new Classes(copyRows(labels, 1, order, from, to), classes);
        }

        @Override
        public LossValue loss(Tensor output) {
            if (isSingleLogit(output)) {
                float[] t = new float[labels.length];
                for (int i = 0; i < t.length; i++) {
                    t[i] = labels[i];
                }
                return Losses.binaryCrossEntropy(output, new Tensor(t, labels.length, 1));
            }
            requireLogits(output, 2, labels.length, 1, classes);
            return Losses.softmaxCrossEntropy(output, labels);
        }

        @Override
        public long[] correct(Tensor output) {
            if (isSingleLogit(output)) {
                float[] z = output.data();
                long right = 0;
                for (int i = 0; i < labels.length; i++) {
                    right += (z[i] > 0 ? 1 : 0) == labels[i] ? 1 : 0;
                }
                return new long[] {right, labels.length};
            }
            requireLogits(output, 2, labels.length, 1, classes);
            return countArgmax(output.data(), labels, classes);
        }

        /** Whether {@code output} is one logit per example of a two-class task ({@code [n, 1]}). */
        public boolean isSingleLogit(Tensor output) {
            int[] s = output.shape();
            return classes == 2 && s.length == 2 && s[0] == labels.length && s[1] == 1;
        }

        @Override
        public String toString() {
            return "Classes[" + labels.length + " labels, " + classes + " classes]";
        }
    }

    /**
     * Class labels for every time step: {@code labels[i·steps + t]} is the class of step {@code t}
     * of example {@code i} (row-major {@code [n, steps]}). The output must be
     * {@code [n, steps, classes]} logits, for example from a recurrent layer followed by a
     * {@link PerStep} {@link Dense} head.
     *
     * @param labels labels in {@code [0, classes)}, {@code n·steps} of them, not copied
     * @param steps time steps per example, {@code >= 1}
     * @param classes number of classes, {@code >= 1}
     */
    record StepClasses(int[] labels, int steps, int classes) implements Labels {
        public StepClasses {
            if (steps < 1 || labels.length % steps != 0) {
                throw new IllegalArgumentException("step labels: steps must be >= 1 and divide the " + labels.length
                        + " labels, got steps=" + steps);
            }
            requireLabels(labels, classes, steps);
        }

        @Override
        public int size() {
            return labels.length / steps;
        }

        @Override
        public StepClasses rows(int[] order, int from, int to) {
            return new StepClasses(copyRows(labels, steps, order, from, to), steps, classes);
        }

        @Override
        public LossValue loss(Tensor output) {
            requireLogits(output, 3, size(), steps, classes);
            LossValue perStep = Losses.softmaxCrossEntropy(new Tensor(output.data(), labels.length, classes), labels);
            return new LossValue(perStep.value(), new Tensor(perStep.gradient().data(), output.shape()));
        }

        @Override
        public long[] correct(Tensor output) {
            requireLogits(output, 3, size(), steps, classes);
            return countArgmax(output.data(), labels, classes);
        }

        /** Fraction of examples whose every step is predicted right, from {@code [n, steps, classes]} logits. */
        public double sequenceAccuracy(Tensor output) {
            requireLogits(output, 3, size(), steps, classes);
            float[] z = output.data();
            int right = 0;
            for (int i = 0; i < size(); i++) {
                boolean all = true;
                for (int t = 0; t < steps && all; t++) {
                    all = argmax(z, (i * steps + t) * classes, classes) == labels[i * steps + t];
                }
                right += all ? 1 : 0;
            }
            return (double) right / size();
        }

        @Override
        public String toString() {
            return "StepClasses[" + size() + " × " + steps + " steps, " + classes + " classes]";
        }
    }

    /**
     * Real-valued targets for regression.
     *
     * @param values {@code [n, k]} (any shape {@code [n, ...]} is compared element by element
     *     with an output of the same shape), not copied
     */
    record Values(Tensor values) implements Labels {
        public Values {
            for (float v : values.data()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("regression targets must be finite, got " + v);
                }
            }
        }

        @Override
        public int size() {
            return values.batch();
        }

        @Override
        public Values rows(int[] order, int from, int to) {
            int k = values.features();
            float[] v = Allocation.floats((to - from), k);
            for (int i = from; i < to; i++) {
                System.arraycopy(values.data(), order[i] * k, v, (i - from) * k, k);
            }
            int[] shape = values.shape();
            shape[0] = to - from;
            return new Values(new Tensor(v, shape));
        }

        @Override
        public LossValue loss(Tensor output) {
            requireSameShape(output);
            return Losses.meanSquaredError(output, values);
        }

        @Override
        public long[] correct(Tensor output) {
            return new long[] {0, 0};
        }

        /** Error metrics of {@code output} against these values, element by element. */
        public RegressionMetrics metrics(Tensor output) {
            requireSameShape(output);
            return RegressionMetrics.of(output.data(), values.data());
        }

        private void requireSameShape(Tensor output) {
            if (!Arrays.equals(output.shape(), values.shape())) {
                throw new IllegalArgumentException("regression: output " + output + " does not match targets " + values
                        + "; the model's last layer must have " + values.features() + " output(s)");
            }
        }

        @Override
        public String toString() {
            return "Values" + values;
        }
    }

    private static void requireLabels(int[] labels, int classes, int perExample) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                String where =
                        perExample == 1 ? "example " + i : "example " + i / perExample + ", step " + i % perExample;
                throw new IllegalArgumentException(
                        "label " + labels[i] + " of " + where + " is outside [0, " + classes + ")");
            }
        }
    }

    private static int[] copyRows(int[] labels, int width, int[] order, int from, int to) {
        int[] y = new int[(to - from) * width];
        for (int i = from; i < to; i++) {
            System.arraycopy(labels, order[i] * width, y, (i - from) * width, width);
        }
        return y;
    }

    /** Checks logits {@code [n, classes]} (rank 2) or {@code [n, steps, classes]} (rank 3). */
    private static void requireLogits(Tensor output, int rank, int n, int steps, int classes) {
        int[] s = output.shape();
        boolean fits = s.length == rank && s[0] == n && (rank == 2 || s[1] == steps) && s[rank - 1] == classes;
        if (!fits) {
            String expected =
                    rank == 2 ? "[" + n + ", " + classes + "]" : "[" + n + ", " + steps + ", " + classes + "]";
            throw new IllegalArgumentException("the model's output " + output + " does not fit the labels: expected "
                    + expected + " logits" + (rank == 3 ? " (one row per time step, e.g. a per-step head)" : "")
                    + " for " + classes + " classes");
        }
    }

    private static long[] countArgmax(float[] z, int[] labels, int classes) {
        long right = 0;
        for (int r = 0; r < labels.length; r++) {
            right += argmax(z, r * classes, classes) == labels[r] ? 1 : 0;
        }
        return new long[] {right, labels.length};
    }

    private static int argmax(float[] z, int base, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (z[base + c] > z[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
