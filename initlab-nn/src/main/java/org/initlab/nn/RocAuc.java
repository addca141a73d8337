package org.initlab.nn;

import java.util.Arrays;

/**
 * Area under the ROC curve of a binary scorer, computed exactly from ranks in {@code O(n log n)}.
 *
 * <p>Rank all {@code n} scores in ascending order from 1, giving each group of tied scores the
 * average of the ranks it spans. With {@code n₁} positives (label 1), {@code n₀} negatives
 * (label 0) and {@code R₁} the sum of the positives' ranks, the Mann–Whitney statistic is
 * {@code U = R₁ - n₁ (n₁ + 1) / 2} and
 * <pre>   AUC = U / (n₁ n₀)</pre>
 * which is the probability that a random positive scores above a random negative, a tie counting
 * one half. It equals the trapezoidal area under the ROC curve, and scikit-learn's
 * {@code roc_auc_score} on the same data. Perfect separation gives 1, reversed separation 0, and
 * scores that are all equal 0.5.
 *
 * <p>Only the order of the scores matters, so logits, probabilities or any increasing transform
 * of them give the same value. {@code -0.0} and {@code 0.0} are the same score.
 */
public final class RocAuc {
    private RocAuc() {}

    /** The AUC of float scores; see {@link #of(double[], int[])}. */
    public static double of(float[] scores, int[] labels) {
        double[] widened = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            widened[i] = scores[i];
        }
        return of(widened, labels);
    }

    /**
     * The AUC of {@code scores} against {@code labels}.
     *
     * @param scores one score per example, higher meaning more likely positive; not NaN
     * @param labels 0 (negative) or 1 (positive) per example, same length as {@code scores}
     * @throws IllegalArgumentException if the lengths differ, a score is NaN, a label is neither 0
     *     nor 1, or either class is absent (the AUC is then undefined)
     */
    public static double of(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    scores.length + " scores but " + labels.length + " labels; they must pair up one to one");
        }
        long positives = 0;
        double[] sorted = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score NaN at index " + i + "; scores must be ordered numbers");
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is not 0 or 1");
            }
            positives += labels[i];
            sorted[i] = scores[i];
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "ROC-AUC needs both classes, got " + positives + " positives and " + negatives + " negatives");
        }
        Arrays.sort(sorted);
        double positiveRankSum = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] == 1) {
                double s = scores[i];
                int below = firstNotBelow(sorted, s);
                int upToEqual = firstAbove(sorted, s);
                positiveRankSum += (below + 1 + upToEqual) / 2.0; // mean of ranks below+1 .. upToEqual
            }
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    // The searches compare with the primitive operators, under which -0.0 == 0.0, so the two are
    // one tied score even though Arrays.sort orders -0.0 first.

    /** Index of the first element {@code >= s}: the count of elements {@code < s}. */
    private static int firstNotBelow(double[] sorted, double s) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element {@code > s}: the count of elements {@code <= s}. */
    private static int firstAbove(double[] sorted, double s) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
