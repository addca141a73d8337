package org.initlab.core.init;

/**
 * The exact population statistics of what an initializer puts in a tensor: the mean and
 * standard deviation of its law (or of its deterministic values), and the bounds every value
 * lies within (infinite where the law is unbounded).
 *
 * @param mean expected value of an element
 * @param std standard deviation of an element
 * @param low every value is {@code >= low}
 * @param high every value is {@code <= high}
 */
public record Expectation(double mean, double std, double low, double high) {

    /** A law with unbounded support. */
    public static Expectation unbounded(double mean, double std) {
        return new Expectation(mean, std, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Every element equal to {@code value}. */
    public static Expectation constant(double value) {
        return new Expectation(value, 0, value, value);
    }

    /** The uniform law on [low, high): mean (low+high)/2, std (high-low)/sqrt(12). */
    public static Expectation uniform(double low, double high) {
        return new Expectation((low + high) / 2, (high - low) / Math.sqrt(12), low, high);
    }

    /**
     * Statistics of a deterministic tensor of {@code size} elements in which {@code count}
     * elements equal {@code value} and the rest are zero.
     */
    public static Expectation sparseConstant(long size, long count, double value) {
        double p = (double) count / size;
        double mean = p * value;
        double var = p * value * value - mean * mean;
        return new Expectation(mean, Math.sqrt(Math.max(var, 0)), Math.min(0, value), Math.max(0, value));
    }
}
