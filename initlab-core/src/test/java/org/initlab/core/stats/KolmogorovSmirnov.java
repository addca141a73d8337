package org.initlab.core.stats;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * One-sample Kolmogorov-Smirnov test of a sample against a fully specified continuous
 * distribution.
 *
 * <p>Statistic: {@code D = sup_x |F_n(x) - F(x)|}, with {@code F_n} the empirical CDF;
 * over the sorted sample {@code x_(1) <= ... <= x_(n)},
 * {@code D = max_i max(F(x_(i)) - (i - 1) / n, i / n - F(x_(i)))}.
 *
 * <p>p-value: asymptotic, {@code P(D > d) ~ Q_KS(lambda)} with Kolmogorov's limit law
 * {@code Q_KS(lambda) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 lambda^2)} (A. N. Kolmogorov
 * (1933), "Sulla determinazione empirica di una legge di distribuzione", Giornale dell'
 * Istituto Italiano degli Attuari 4, 83-91) and Stephens' small-sample correction
 * {@code lambda = (sqrt(n) + 0.12 + 0.11 / sqrt(n)) d} (M. A. Stephens (1970), "Use of the
 * Kolmogorov-Smirnov, Cramer-von Mises and related statistics without extensive tables",
 * JRSS B 32, 115-122), good to about 1e-3 in p for n >= 35. Meant for the samples of
 * thousands to millions that the statistical tests draw.
 *
 * <p>{@link #test} sorts a copy of the sample (allocates {@code n} doubles).
 */
public final class KolmogorovSmirnov {

    /**
     * The outcome of one test.
     *
     * @param n         sample size
     * @param statistic the statistic {@code D}
     * @param pValue    asymptotic {@code P(D >= statistic)} under the hypothesis
     */
    public record Result(int n, double statistic, double pValue) {

        /** Whether the hypothesis is rejected at significance level {@code alpha}. */
        public boolean rejectsAt(double alpha) {
            return pValue < alpha;
        }
    }

    private KolmogorovSmirnov() {}

    /**
     * Tests {@code sample} against the CDF {@code cdf}.
     *
     * @throws IllegalArgumentException if the sample is empty or contains NaN, or the CDF
     *     returns a value outside {@code [0, 1]}
     */
    public static Result test(double[] sample, DoubleUnaryOperator cdf) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        return testSorted(sorted, cdf);
    }

    /** Tests a float sample, each value widened exactly to double. */
    public static Result test(float[] sample, DoubleUnaryOperator cdf) {
        double[] sorted = new double[sample.length];
        for (int i = 0; i < sample.length; i++) {
            sorted[i] = sample[i];
        }
        Arrays.sort(sorted);
        return testSorted(sorted, cdf);
    }

    private static Result testSorted(double[] sorted, DoubleUnaryOperator cdf) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("Kolmogorov-Smirnov test needs a non-empty sample");
        }
        if (Double.isNaN(sorted[n - 1])) {
            throw new IllegalArgumentException("Kolmogorov-Smirnov sample contains NaN");
        }
        double d = 0.0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(sorted[i]);
            if (!(f >= 0.0 && f <= 1.0)) {
                throw new IllegalArgumentException("CDF must lie in [0, 1], got F(" + sorted[i] + ")=" + f);
            }
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return new Result(n, d, pValue(d, n));
    }

    /** Asymptotic {@code P(D > d)} for a sample of size {@code n}, Stephens-corrected. */
    public static double pValue(double d, int n) {
        double root = Math.sqrt(n);
        return kolmogorovSurvival((root + 0.12 + 0.11 / root) * d);
    }

    /**
     * Kolmogorov's limit law {@code Q_KS(lambda) = P(K > lambda)}. For {@code lambda < 1}
     * it uses the equivalent theta-function series
     * {@code 1 - sqrt(2 pi) / lambda * sum_{k>=1} exp(-(2k - 1)^2 pi^2 / (8 lambda^2))},
     * which converges fast where the alternating one does not.
     */
    public static double kolmogorovSurvival(double lambda) {
        if (lambda <= 0.0) {
            return 1.0;
        }
        if (lambda < 1.0) {
            double sum = 0.0;
            double c = -Math.PI * Math.PI / (8.0 * lambda * lambda);
            for (int k = 1; k <= 20; k++) {
                int odd = 2 * k - 1;
                sum += Math.exp(c * odd * odd);
            }
            return 1.0 - Math.sqrt(2.0 * Math.PI) / lambda * sum;
        }
        double sum = 0.0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1) ? term : -term;
            if (term < 1e-17) {
                break;
            }
        }
        return Math.max(0.0, Math.min(1.0, 2.0 * sum));
    }
}
