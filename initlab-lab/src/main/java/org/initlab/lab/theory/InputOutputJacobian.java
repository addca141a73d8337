package org.initlab.lab.theory;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.List;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dense;
import org.initlab.nn.Layer;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The input-output Jacobian {@code J = ∂f(x)/∂x} of a {@link Sequential} of {@link Dense} and
 * {@link ActivationLayer} layers, per example: {@code J = W_L D_{L−1} W_{L−1} ⋯ D_1 W_1} with
 * {@code D_l = diag(φ'(h_l))} at the example's pre-activations. The pre-activations come from the
 * engine's own forward passes (float); the products are formed in double by BLAS {@code dgemm},
 * from the narrower end: from the output side when there are fewer outputs than inputs (cost
 * {@code Σ_l outputs·n_l·n_{l−1}}), else from the input side.
 */
final class InputOutputJacobian {
    private final List<Layer> layers;
    private final int inputs;
    private final int outputs;

    private InputOutputJacobian(List<Layer> layers, int inputs, int outputs) {
        this.layers = layers;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Checks that the model is an MLP and reads its input and output widths.
     *
     * @param model dense and activation layers only, at least one dense
     * @param inputFeatures the features per example the inputs have
     * @return the Jacobian builder
     * @throws IllegalArgumentException naming the first layer of another kind, or when the model
     *     has no dense layer
     */
    static InputOutputJacobian of(Sequential model, int inputFeatures) {
        List<Layer> layers = model.layers();
        int width = inputFeatures;
        boolean anyDense = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense dense) {
                width = dense.weight().shape().dim(0);
                anyDense = true;
            } else if (!(layer instanceof ActivationLayer)) {
                throw new IllegalArgumentException("the Jacobian spectrum handles dense and activation layers only;"
                        + " layer " + i + " is '" + layer.kind() + "'");
            }
        }
        if (!anyDense) {
            throw new IllegalArgumentException("the model has no dense layer; got " + layers.size() + " layers");
        }
        return new InputOutputJacobian(layers, inputFeatures, width);
    }

    int inputs() {
        return inputs;
    }

    int outputs() {
        return outputs;
    }

    /**
     * The Jacobians of every example of a batch.
     *
     * @param batch {@code [n, inputs]} (or any shape with {@code inputs} features per example)
     * @return {@code n} fresh row-major {@code outputs × inputs} matrices
     */
    List<double[]> at(Tensor batch) {
        List<double[]> derivatives = new ArrayList<>(); // φ'(h) of each activation layer, [n, width]
        Tensor t = batch.flat();
        for (Layer layer : layers) {
            if (layer instanceof ActivationLayer a) {
                float[] h = t.data();
                double[] d = new double[h.length];
                for (int i = 0; i < h.length; i++) {
                    d[i] = a.activation().derivative(h[i], a.param());
                }
                derivatives.add(d);
            }
            t = layer.forward(t, false);
        }
        List<double[]> jacobians = new ArrayList<>();
        for (int example = 0; example < batch.batch(); example++) {
            jacobians.add(outputs <= inputs ? fromOutputs(derivatives, example) : fromInputs(derivatives, example));
        }
        return jacobians;
    }

    /** {@code ((W_L D_{L−1}) W_{L−1}) ⋯}: a {@code outputs × width} matrix growing leftward. */
    private double[] fromOutputs(List<double[]> derivatives, int example) {
        double[] m = null; // null: the identity of size outputs
        int cols = outputs;
        int activation = derivatives.size();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense dense) {
                int in = dense.weight().shape().dim(1);
                double[] w = toDouble(dense.weight().value());
                m = m == null ? w : multiply(m, outputs, cols, w, in);
                cols = in;
            } else {
                double[] d = derivatives.get(--activation);
                if (m == null) {
                    m = new double[outputs * outputs];
                    for (int j = 0; j < outputs; j++) {
                        m[j * outputs + j] = 1;
                    }
                }
                for (int r = 0; r < outputs; r++) {
                    for (int j = 0; j < cols; j++) {
                        m[r * cols + j] *= d[example * cols + j];
                    }
                }
            }
        }
        return m;
    }

    /** {@code ⋯ W_2 (D_1 W_1)}: a {@code width × inputs} matrix growing rightward. */
    private double[] fromInputs(List<double[]> derivatives, int example) {
        double[] m = null; // null: the identity of size inputs
        int rows = inputs;
        int activation = 0;
        for (Layer layer : layers) {
            if (layer instanceof Dense dense) {
                int out = dense.weight().shape().dim(0);
                double[] w = toDouble(dense.weight().value());
                m = m == null ? w : multiply(w, out, rows, m, inputs);
                rows = out;
            } else {
                double[] d = derivatives.get(activation++);
                if (m == null) {
                    m = new double[inputs * inputs];
                    for (int j = 0; j < inputs; j++) {
                        m[j * inputs + j] = 1;
                    }
                }
                for (int r = 0; r < rows; r++) {
                    double scale = d[example * rows + r];
                    for (int j = 0; j < inputs; j++) {
                        m[r * inputs + j] *= scale;
                    }
                }
            }
        }
        return m;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Row-major {@code A (m × k) · B (k × n)}, a fresh array; column-major BLAS on the transposes. */
    private static double[] multiply(double[] a, int m, int k, double[] b, int n) {
        double[] c = new double[m * n];
        BLAS.getInstance().dgemm("N", "N", n, m, k, 1.0, b, n, a, k, 0.0, c, n);
        return c;
    }
}
