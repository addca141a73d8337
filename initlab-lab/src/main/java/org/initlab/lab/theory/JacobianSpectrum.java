package org.initlab.lab.theory;

import java.util.Objects;
import org.initlab.core.linalg.SingularValues;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The singular values of an MLP's input-output Jacobian {@code J = ∂f(x)/∂x} at a batch of
 * inputs, pooled over the examples, and how far they are from dynamical isometry: all singular
 * values equal to 1, so that every direction of the input (and of the gradient on the way back)
 * keeps its size through the whole depth (Saxe, McClelland and Ganguli 2014; Pennington, Schoenholz
 * and Ganguli 2017, "Resurrecting the sigmoid in deep learning through dynamical isometry").
 *
 * <p>What theory predicts, for square layers of width N → ∞ with weights of variance
 * {@code σ_w²/N}: the mean squared singular value is {@code σ_w² Π_{l<L} χ₁(q_l)}, 1 for a
 * linear network at {@code σ_w² = 1} and for ReLU at {@code σ_w² = 2} after the first layer;
 * the normalized variance {@link #isometryDefect()} is exactly 0 for orthogonal weights and a linear
 * activation, and {@code L} for {@code L} Gaussian linear layers (the squared singular values of a
 * product of {@code L} Ginibre matrices follow the Fuss–Catalan law, whose first two moments are 1
 * and {@code L + 1}).
 *
 * @param examples the number of inputs the Jacobian was taken at
 * @param outputs the network's output width, the Jacobian's rows
 * @param inputs the network's input width, the Jacobian's columns
 * @param meanSquaredSingularValue {@code mean(s²)} over the {@code examples·min(outputs, inputs)}
 *     singular values {@code s}: {@code ‖J‖_F²/min(outputs, inputs)} averaged over examples
 * @param squaredSingularValueVariance {@code mean(s⁴) − mean(s²)²}, the spread of the spectrum
 *     of {@code J Jᵀ}
 * @param largestSingularValue the largest {@code s} over all examples
 * @param smallestSingularValue the smallest {@code s} over all examples (0 when some {@code J} is
 *     rank-deficient, as ReLU networks with dead units are)
 * @param singularValues every singular value, example by example, each example's descending;
 *     a copy is returned
 */
public record JacobianSpectrum(
        int examples,
        int outputs,
        int inputs,
        double meanSquaredSingularValue,
        double squaredSingularValueVariance,
        double largestSingularValue,
        double smallestSingularValue,
        double[] singularValues) {

    /** Copies the singular values. */
    public JacobianSpectrum {
        singularValues = singularValues.clone();
    }

    /**
     * The spectrum at a batch of inputs. Runs the model's forward pass once on the batch (the
     * layers keep that pass's inputs, as after any forward), then forms each example's Jacobian in
     * double and takes its singular values by LAPACK ({@code dgesdd}). Cost per example about
     * {@code Σ_l min(outputs, inputs)·n_l·n_{l−1}} multiply-adds plus an SVD of a
     * {@code min × max} matrix; memory one Jacobian at a time.
     *
     * @param mlp dense and activation layers only (as {@code ModelSpec.parse("mlp(...)")} builds)
     * @param inputs {@code [n, features]} with {@code n ≥ 1}, or any shape whose per-example size
     *     is the first dense layer's input width
     * @return the pooled spectrum
     * @throws IllegalArgumentException for a model with other layers (naming the first) or
     *     inputs of the wrong width
     * @throws ArithmeticException when the SVD fails (non-finite weights or activations)
     */
    public static JacobianSpectrum of(Sequential mlp, Tensor inputs) {
        Objects.requireNonNull(mlp, "mlp");
        Objects.requireNonNull(inputs, "inputs");
        InputOutputJacobian jacobian = InputOutputJacobian.of(mlp, inputs.features());
        int rank = Math.min(jacobian.outputs(), jacobian.inputs());
        double[] all = new double[inputs.batch() * rank];
        int n = 0;
        for (double[] j : jacobian.at(inputs)) {
            double[] s = SingularValues.of(j, jacobian.outputs(), jacobian.inputs());
            System.arraycopy(s, 0, all, n, rank);
            n += rank;
        }
        return fromSingularValues(inputs.batch(), jacobian.outputs(), jacobian.inputs(), all);
    }

    /**
     * The statistics of given singular values.
     *
     * @param examples how many Jacobians they come from
     * @param outputs the Jacobians' rows
     * @param inputs the Jacobians' columns
     * @param singularValues {@code examples·min(outputs, inputs)} values, each {@code ≥ 0}
     * @return the spectrum
     */
    static JacobianSpectrum fromSingularValues(int examples, int outputs, int inputs, double[] singularValues) {
        double sum2 = 0;
        double sum4 = 0;
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double s : singularValues) {
            double s2 = s * s;
            sum2 += s2;
            sum4 += s2 * s2;
            largest = Math.max(largest, s);
            smallest = Math.min(smallest, s);
        }
        double mean2 = sum2 / singularValues.length;
        double variance = Math.max(0, sum4 / singularValues.length - mean2 * mean2);
        return new JacobianSpectrum(examples, outputs, inputs, mean2, variance, largest, smallest, singularValues);
    }

    /** {@return every singular value, example by example (a copy)} */
    @Override
    public double[] singularValues() {
        return singularValues.clone();
    }

    /**
     * The dynamical-isometry measure: the variance of the squared singular values relative to
     * their squared mean, {@code Var(s²)/mean(s²)²}. Scale-free; 0 exactly when every singular
     * value is the same (isometry up to a constant), {@code L} for {@code L} wide Gaussian linear
     * layers, and growing with depth for ReLU networks whatever their weights (Pennington et al.
     * 2017).
     *
     * @return the measure, {@code ≥ 0}; NaN when every singular value is 0
     */
    public double isometryDefect() {
        return squaredSingularValueVariance / (meanSquaredSingularValue * meanSquaredSingularValue);
    }

    /** {@return the largest over the smallest singular value; {@code +∞} for a rank-deficient Jacobian} */
    public double conditionNumber() {
        return largestSingularValue / smallestSingularValue;
    }
}
