package org.initlab.core.gain;

/**
 * The n-point Gauss–Legendre rule on [−1, 1]: {@code ∫ g ≈ Σ wᵢ g(xᵢ)}, exact when
 * {@code g} is a polynomial of degree at most {@code 2n − 1}.
 *
 * <p>The nodes are the roots of the Legendre polynomial {@code Pₙ}, found by Newton's method
 * from the estimates {@code cos(π(i + 3/4)/(n + 1/2))}, with {@code Pₙ} evaluated by the
 * three-term recurrence {@code (k+1)P_{k+1} = (2k+1)x P_k − k P_{k−1}}; the weights are
 * {@code wᵢ = 2/((1 − xᵢ²) Pₙ'(xᵢ)²)} (Abramowitz and Stegun 25.4.29). Nodes are ascending.
 *
 * @param nodes the abscissas in (−1, 1), ascending; shared, do not modify
 * @param weights the weights, positive, summing to 2; shared, do not modify
 */
record GaussLegendre(double[] nodes, double[] weights) {

    /**
     * Computes the rule.
     *
     * @param n the number of nodes, at least 1
     * @return the n-point rule
     */
    static GaussLegendre of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a Gauss–Legendre rule needs at least 1 node; got " + n);
        }
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] p = legendre(n, x);
                derivative = n * (x * p[0] - p[1]) / (x * x - 1);
                double step = p[0] / derivative;
                x -= step;
                if (Math.abs(step) < 1e-17) {
                    break;
                }
            }
            derivative = n * (x * legendre(n, x)[0] - legendre(n, x)[1]) / (x * x - 1);
            nodes[n - 1 - i] = x;
            weights[n - 1 - i] = 2 / ((1 - x * x) * derivative * derivative);
        }
        return new GaussLegendre(nodes, weights);
    }

    /** {Pₙ(x), Pₙ₋₁(x)} by the three-term recurrence. */
    private static double[] legendre(int n, double x) {
        double previous = 1.0;
        double current = x;
        if (n == 0) {
            return new double[] {1.0, 0.0};
        }
        for (int k = 1; k < n; k++) {
            double next = ((2 * k + 1) * x * current - k * previous) / (k + 1);
            previous = current;
            current = next;
        }
        return new double[] {current, previous};
    }
}
