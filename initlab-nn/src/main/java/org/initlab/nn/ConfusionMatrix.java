package org.initlab.nn;

import java.util.function.IntToDoubleFunction;

/**
 * Counts of single-label classification outcomes, {@code counts[actual][predicted]}, with the
 * metrics derived from them. Immutable; the arrays it is built from are read, not kept.
 *
 * <p>For class {@code c}, with {@code TP = counts[c][c]}, {@code FP} the rest of column
 * {@code c} (predicted {@code c}, actually another class) and {@code FN} the rest of row
 * {@code c} (actually {@code c}, predicted another class):
 * <ul>
 *   <li>{@code support(c) = TP + FN}, the examples whose actual class is {@code c};</li>
 *   <li>{@code precision(c) = TP / (TP + FP)};</li>
 *   <li>{@code recall(c) = TP / (TP + FN)};</li>
 *   <li>{@code f1(c) = 2 TP / (2 TP + FP + FN)}, which equals the harmonic mean
 *       {@code 2 P R / (P + R)} whenever that is defined, and is 0 whenever {@code TP = 0};</li>
 *   <li>{@code accuracy = Σ_c TP_c / N}.</li>
 * </ul>
 * A ratio whose denominator is 0 is defined as 0: precision of a class never predicted, recall of
 * a class that never occurs, F1 of a class in neither. This is scikit-learn's
 * {@code zero_division=0}, without its warning.
 *
 * <p>Averages over classes ({@link Average}):
 * <ul>
 *   <li>{@link Average#MACRO}: the unweighted mean of the per-class values over the classes that
 *       occur in {@code actual} or in {@code predicted}; a class in neither is left out, as
 *       scikit-learn does by default ({@code labels=None}). A class that occurs but is never
 *       predicted is included, with precision 0.</li>
 *   <li>{@link Average#MICRO}: the ratio computed from {@code TP}, {@code FP}, {@code FN} summed over
 *       classes. For single-label data every error is one FP and one FN, so micro precision,
 *       recall and F1 all equal the accuracy.</li>
 *   <li>{@link Average#WEIGHTED}: {@code Σ_c support(c) · m(c) / N}; classes with no support weigh
 *       nothing.</li>
 * </ul>
 *
 * <p>Example: {@code ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1, 2}, 3)} has
 * accuracy 2/3 and {@code precision(1) = 1/2}.
 */
public final class ConfusionMatrix {
    /** How per-class values are combined into one number; see the class documentation. */
    public enum Average {
        MACRO,
        MICRO,
        WEIGHTED
    }

    private final int[][] counts;
    private final long total;

    private ConfusionMatrix(int[][] counts, long total) {
        this.counts = counts;
        this.total = total;
    }

    /**
     * Tallies {@code predicted[i]} against {@code actual[i]}.
     *
     * @param predicted predicted class of each example, in {@code [0, classes)}
     * @param actual true class of each example, in {@code [0, classes)}, same length as {@code predicted}
     * @param classes number of classes, at least 1
     * @throws IllegalArgumentException if the lengths differ, there are no examples, {@code classes < 1},
     *     or a label is outside {@code [0, classes)}
     */
    public static ConfusionMatrix of(int[] predicted, int[] actual, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predicted labels but " + actual.length
                    + " actual labels; they must pair up one to one");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no examples: predicted and actual are empty");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            requireLabel("predicted", predicted[i], i, classes);
            requireLabel("actual", actual[i], i, classes);
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts, actual.length);
    }

    /**
     * Tallies the argmax of each row of {@code logits} against {@code labels}. The number of
     * classes is {@code logits.features()}; ties go to the lowest class index, as in
     * {@link Trainer#accuracy}.
     *
     * @param logits scores {@code [batch, classes]} (higher means more likely); any monotone
     *     transform of them, such as probabilities, gives the same matrix
     * @param labels true class of each row
     * @throws IllegalArgumentException if a logit is NaN (the argmax is then undefined), the row count
     *     differs from {@code labels.length}, or a label is outside {@code [0, classes)}
     */
    public static ConfusionMatrix fromLogits(Tensor logits, int[] labels) {
        int rows = logits.batch();
        int classes = logits.features();
        if (rows != labels.length) {
            throw new IllegalArgumentException(
                    "logits " + logits + " have " + rows + " rows but there are " + labels.length + " labels");
        }
        float[] z = logits.data();
        int[] predicted = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int best = 0;
            for (int c = 0; c < classes; c++) {
                float v = z[base + c];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException(
                            "logit NaN at row " + r + ", class " + c + "; the argmax is undefined");
                }
                if (v > z[base + best]) {
                    best = c;
                }
            }
            predicted[r] = best;
        }
        return of(predicted, labels, classes);
    }

    /** Number of classes: the side of the matrix. */
    public int classes() {
        return counts.length;
    }

    /** Number of examples tallied. */
    public long total() {
        return total;
    }

    /** Examples of class {@code actual} that were predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        requireClass(actual);
        requireClass(predicted);
        return counts[actual][predicted];
    }

    /** A copy of the matrix, indexed {@code [actual][predicted]}. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            copy[a] = counts[a].clone();
        }
        return copy;
    }

    /** Examples whose actual class is {@code c}: {@code TP + FN}, the sum of row {@code c}. */
    public long support(int c) {
        requireClass(c);
        long sum = 0;
        for (int p = 0; p < counts.length; p++) {
            sum += counts[c][p];
        }
        return sum;
    }

    /** Examples predicted as class {@code c}: {@code TP + FP}, the sum of column {@code c}. */
    public long predictedCount(int c) {
        requireClass(c);
        long sum = 0;
        for (int[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** Fraction of examples predicted correctly: {@code Σ_c counts[c][c] / N}. */
    public double accuracy() {
        return (double) truePositives() / total;
    }

    /** {@code TP / (TP + FP)} for class {@code c}; 0 if {@code c} is never predicted. */
    public double precision(int c) {
        requireClass(c);
        return ratio(counts[c][c], predictedCount(c));
    }

    /** {@code TP / (TP + FN)} for class {@code c}; 0 if {@code c} never occurs. */
    public double recall(int c) {
        requireClass(c);
        return ratio(counts[c][c], support(c));
    }

    /** {@code 2 TP / (2 TP + FP + FN)} for class {@code c}; 0 if {@code c} is neither predicted nor occurs. */
    public double f1(int c) {
        requireClass(c);
        long tp = counts[c][c];
        return ratio(2 * tp, support(c) + predictedCount(c));
    }

    /** Precision averaged over classes as {@code average} says. */
    public double precision(Average average) {
        return switch (average) {
            case MICRO -> ratio(truePositives(), total);
            case MACRO, WEIGHTED -> combine(average, this::precision);
        };
    }

    /** Recall averaged over classes as {@code average} says. */
    public double recall(Average average) {
        return switch (average) {
            case MICRO -> ratio(truePositives(), total);
            case MACRO, WEIGHTED -> combine(average, this::recall);
        };
    }

    /** F1 averaged over classes as {@code average} says (macro: the mean of per-class F1, not F1 of macro P and R). */
    public double f1(Average average) {
        return switch (average) {
            case MICRO -> ratio(2 * truePositives(), 2 * total); // ΣFP = ΣFN = N - ΣTP
            case MACRO, WEIGHTED -> combine(average, this::f1);
        };
    }

    /** The matrix as rows of counts, one line per actual class. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ConfusionMatrix[actual x predicted, ")
                .append(total)
                .append(" examples]");
        for (int[] row : counts) {
            s.append('\n');
            for (int p = 0; p < row.length; p++) {
                s.append(p == 0 ? "" : " ").append(row[p]);
            }
        }
        return s.toString();
    }

    private double combine(Average average, IntToDoubleFunction perClass) {
        double sum = 0;
        long weight = 0;
        for (int c = 0; c < counts.length; c++) {
            long support = support(c);
            if (average == Average.WEIGHTED) {
                sum += support * perClass.applyAsDouble(c);
                weight += support;
            } else if (support > 0 || predictedCount(c) > 0) {
                sum += perClass.applyAsDouble(c);
                weight++;
            }
        }
        return sum / weight;
    }

    private long truePositives() {
        long sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private void requireClass(int c) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("class " + c + " is outside [0, " + counts.length + ")");
        }
    }

    private static void requireLabel(String which, int label, int index, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(
                    which + " label " + label + " at index " + index + " is outside [0, " + classes + ")");
        }
    }
}
