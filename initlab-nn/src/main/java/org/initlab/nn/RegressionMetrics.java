package org.initlab.nn;

/**
 * Error of real-valued predictions {@code p} against actual values {@code a} over {@code n}
 * examples, accumulated in double precision:
 * <ul>
 *   <li>{@code meanSquaredError = (1/n) Σ (p - a)²};</li>
 *   <li>{@code rootMeanSquaredError = sqrt(meanSquaredError)}, in the units of {@code a};</li>
 *   <li>{@code meanAbsoluteError = (1/n) Σ |p - a|};</li>
 *   <li>{@code rSquared = 1 - SS_res / SS_tot}, the coefficient of determination, with
 *       {@code SS_res = Σ (a - p)²} and {@code SS_tot = Σ (a - mean(a))²}. It is 1 for a perfect
 *       fit, 0 for always predicting {@code mean(a)}, and negative for worse than that.</li>
 * </ul>
 *
 * <p>When every actual value is the same, {@code SS_tot = 0} and R² is undefined: {@code rSquared}
 * is then NaN, whatever the predictions, and the other three metrics are still reported. (The
 * constant case is detected by comparing the values, not by testing a computed {@code SS_tot}
 * against 0, which rounding can miss.) scikit-learn's {@code r2_score} instead returns 1.0 for a
 * perfect fit and 0.0 otherwise by default ({@code force_finite=True}), and NaN or -inf with
 * {@code force_finite=False}.
 *
 * <p>Non-finite predictions are not rejected; they make the metrics non-finite.
 */
public record RegressionMetrics(
        double meanSquaredError, double rootMeanSquaredError, double meanAbsoluteError, double rSquared) {

    /** The metrics of float arrays; see {@link #of(double[], double[])}. */
    public static RegressionMetrics of(float[] predicted, float[] actual) {
        return of(widen(predicted), widen(actual));
    }

    /**
     * The metrics of {@code predicted} against {@code actual}.
     *
     * @throws IllegalArgumentException if the lengths differ or the arrays are empty
     */
    public static RegressionMetrics of(double[] predicted, double[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predicted values but " + actual.length
                    + " actual values; they must pair up one to one");
        }
        int n = actual.length;
        if (n == 0) {
            throw new IllegalArgumentException("no examples: predicted and actual are empty");
        }
        double actualSum = 0;
        boolean constant = true;
        for (int i = 0; i < n; i++) {
            actualSum += actual[i];
            constant &= actual[i] == actual[0];
        }
        double mean = actualSum / n;
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double error = predicted[i] - actual[i];
            squared += error * error;
            absolute += Math.abs(error);
            double deviation = actual[i] - mean;
            total += deviation * deviation;
        }
        double mse = squared / n;
        double rSquared = constant ? Double.NaN : 1 - squared / total;
        return new RegressionMetrics(mse, Math.sqrt(mse), absolute / n, rSquared);
    }

    private static double[] widen(float[] values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return widened;
    }
}
