package org.initlab.lab.judge;

import java.util.Arrays;

/**
 * A figure measured once per seed: the values, their mean, sample standard deviation (n − 1) and a
 * 95% interval for the mean, {@code mean ± t(0.975, n − 1) · sd / √n} (Student's t; the seeds are
 * independent draws of data order and weights). With one value the interval is the value itself
 * unless a sampling error is stated ({@link #withSamplingError}): a measurement at initialization
 * over many examples has a known standard error instead of a seed-to-seed spread.
 *
 * @param values the per-seed values, in seed order
 * @param mean their mean
 * @param sd their sample standard deviation (0 for one value)
 * @param low lower end of the 95% interval of the mean
 * @param high upper end
 */
public record Estimate(double[] values, double mean, double sd, double low, double high) {
    /** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom (SciPy's t.ppf(0.975, df)). */
    private static final double[] T975 = {
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985,
        2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873,
        2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272
    };
    /** The normal distribution's 97.5% quantile. */
    static final double Z975 = 1.959963984540054;

    public Estimate {
        values = values.clone();
    }

    /** The estimate of per-seed {@code values} (at least one; NaN and infinities are kept, and make the interval NaN). */
    public static Estimate of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("an estimate needs at least one value");
        }
        int n = values.length;
        double mean = Arrays.stream(values).sum() / n;
        if (n == 1) {
            return new Estimate(values, mean, 0, mean, mean);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = t975(n - 1) * sd / Math.sqrt(n);
        return new Estimate(values, mean, sd, mean - half, mean + half);
    }

    /**
     * One measured value with a stated standard error (a sampling error, not a seed spread): the
     * interval is {@code value ± 1.96 · standardError}.
     */
    public static Estimate withSamplingError(double value, double standardError) {
        if (!(standardError >= 0)) {
            throw new IllegalArgumentException("a standard error must be >= 0, got " + standardError);
        }
        double half = Z975 * standardError;
        return new Estimate(new double[] {value}, value, 0, value - half, value + half);
    }

    /** Number of seeds. */
    public int n() {
        return values.length;
    }

    /** Smallest value. */
    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** Largest value. */
    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (Cornish–Fisher beyond 30). */
    static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = Z975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Estimate e
                && Arrays.equals(values, e.values)
                && Double.compare(low, e.low) == 0
                && Double.compare(high, e.high) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Double.hashCode(low);
    }

    @Override
    public String toString() {
        return "Estimate[mean=" + mean + ", 95% [" + low + ", " + high + "], n=" + n() + "]";
    }
}
