package org.initlab.io.data;

import org.initlab.core.shape.Allocation;
import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997, "Long short-term memory", experiment 4;
 * in the form of Le, Jaitly and Hinton 2015, "A simple way to initialize recurrent networks of
 * rectified linear units"): a regression over sequences that needs memory across the whole
 * sequence. Each example is {@code [length, 2]}: channel 0 holds values uniform in
 * {@code [0, 1)}, channel 1 is 1 at exactly two steps, one uniform in {@code [0, length/2)} and
 * one uniform in {@code [length/2, length)} ({@code length/2} rounded down), and 0 elsewhere.
 * The target is the sum of the two marked values, {@code [n, 1]}.
 *
 * <p>Always predicting 1 (the mean of the sum) gives the mean squared error
 * {@code Var(u₁ + u₂) = 2/12 = 1/6 ≈ 0.167} ({@link #BASELINE_MSE}); a model that has learned
 * the task does much better. Values from stream {@code "values"}, the two marker positions from
 * {@code "marks/first"} and {@code "marks/second"}.
 *
 * @param length number of time steps, {@code >= 2}
 */
public record AddingProblem(int length) implements Synthetic {
    /** Mean squared error of always predicting 1: the variance of the sum of two U(0, 1) values. */
    public static final double BASELINE_MSE = 1.0 / 6;

    public AddingProblem {
        if (length < 2) {
            throw new IllegalArgumentException("adding: length must be >= 2 (one marker in each half), got " + length);
        }
    }

    @Override
    public String name() {
        return "adding";
    }

    @Override
    public Dataset generate(int n, long seed, String part) {
        Draws.requireSize(n);
        float[] u = Draws.uniforms(stream(seed, part, "values"), Allocation.elements(n, length), 0f, 1f);
        int half = length / 2;
        int[] firstHalf = Draws.integers(stream(seed, part, "marks/first"), n, half);
        int[] secondHalf = Draws.integers(stream(seed, part, "marks/second"), n, length - half);
        float[] x = Allocation.floats(n, length, 2);
        float[] y = Allocation.floats(n);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < length; t++) {
                x[(i * length + t) * 2] = u[i * length + t];
            }
            int a = firstHalf[i];
            int b = half + secondHalf[i];
            x[(i * length + a) * 2 + 1] = 1;
            x[(i * length + b) * 2 + 1] = 1;
            y[i] = u[i * length + a] + u[i * length + b];
        }
        return new Dataset(name(), new Tensor(x, n, length, 2), new Tensor(y, n, 1));
    }
}
