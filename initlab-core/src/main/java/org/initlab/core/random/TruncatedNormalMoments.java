package org.initlab.core.random;

/**
 * Mean and variance of a truncated normal distribution: {@code X = mean + std * Z} with
 * {@code Z ~ N(0, 1)} conditioned on {@code a <= Z <= b} (bounds in standard units, as in
 * {@link Samplers#truncatedNormal}).
 *
 * <p>Law (e.g. N. L. Johnson, S. Kotz, N. Balakrishnan (1994), "Continuous Univariate
 * Distributions", vol. 1, 2nd ed., section 10.1), with {@code phi} the density,
 * {@code M = Phi(b) - Phi(a)} and {@code m = (phi(a) - phi(b)) / M}:
 * <pre>
 *   E[Z]   = m
 *   Var[Z] = 1 + ((a - m) phi(a) - (b - m) phi(b)) / M
 *   E[X]   = mean + std * E[Z],   Var[X] = std^2 * Var[Z]
 * </pre>
 * The variance is written in this centred form (algebraically equal to the textbook
 * {@code 1 + (a phi(a) - b phi(b)) / M - m^2}) because it cancels less far in a tail: for
 * {@code [8, 9]} it loses about two digits instead of four. {@code M} comes from
 * {@link NormalDistribution#intervalProbability}, exact to a few ulps even there.
 * An infinite bound contributes {@code 0} to the {@code phi} terms.
 *
 * <p>For example {@code of(0, 1, -2, 2).std() = 0.8796256610342398}, the factor by which
 * truncating at two standard deviations shrinks the spread.
 *
 * @param mean     E[X]
 * @param variance Var[X]
 */
public record TruncatedNormalMoments(double mean, double variance) {

    /**
     * The moments of {@code mean + std * Z}, {@code Z ~ N(0, 1)} truncated to {@code [a, b]}.
     * Allocates the returned record only.
     *
     * @throws IllegalArgumentException on the inputs {@link Samplers#truncatedNormal}
     *     rejects: NaN or infinite mean or std, {@code std <= 0}, NaN bounds, {@code a >= b},
     *     or an interval whose probability underflows
     */
    public static TruncatedNormalMoments of(double mean, double std, double a, double b) {
        double mass = Samplers.checkTruncatedNormal(mean, std, a, b);
        double phiA = Double.isInfinite(a) ? 0.0 : NormalDistribution.density(a);
        double phiB = Double.isInfinite(b) ? 0.0 : NormalDistribution.density(b);
        double m = (phiA - phiB) / mass;
        double aTerm = phiA == 0.0 ? 0.0 : (a - m) * phiA;
        double bTerm = phiB == 0.0 ? 0.0 : (b - m) * phiB;
        double v = 1.0 + (aTerm - bTerm) / mass;
        return new TruncatedNormalMoments(mean + std * m, std * std * v);
    }

    /** The standard deviation, {@code sqrt(variance)}. */
    public double std() {
        return Math.sqrt(variance);
    }
}
