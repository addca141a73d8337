package org.initlab.lab.probe;

import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Role;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Layer;
import org.initlab.nn.Parameter;
import org.initlab.nn.Tensor;

/**
 * Computes one layer's {@link LayerStats} from its input and output tensors. Units: the features of
 * a {@code [n, F]} output, the last axis of {@code [n, T, F]}, the channels of {@code [n, C, H, W]}.
 */
final class LayerMeasure {
    private LayerMeasure() {}

    static LayerStats forward(int index, Layer layer, Tensor input, Tensor output) {
        float[] y = output.data();
        int size = output.size();
        int[] shape = output.shape();
        int outer;
        int units;
        int inner;
        if (shape.length == 4) {
            outer = shape[0];
            units = shape[1];
            inner = shape[2] * shape[3];
        } else {
            units = shape[shape.length - 1];
            outer = units == 0 ? 0 : size / units;
            inner = 1;
        }
        Activation activation = layer instanceof ActivationLayer a ? a.activation() : null;
        Summary summary = Summary.of(y, size);
        return new LayerStats(
                index,
                layer.kind(),
                name(layer),
                summary,
                activation == null ? null : Summary.of(input.data(), input.size()),
                Histogram.of(y, size, Histogram.BINS, summary),
                units,
                saturated(activation, y, size),
                zeros(y, size),
                deadUnits(activation, y, outer, units, inner),
                unitSpread(y, outer, units, inner),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                norm(weights(layer), false),
                Double.NaN);
    }

    /** The layer's name: its first parameter's path without the last component, or its activation. */
    static String name(Layer layer) {
        if (layer instanceof ActivationLayer a) {
            return a.activation().specName();
        }
        List<Parameter> ps = layer.parameters();
        if (ps.isEmpty()) {
            return "";
        }
        String path = ps.get(0).path();
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The parameters with role weight or recurrent. */
    static List<Parameter> weights(Layer layer) {
        return layer.parameters().stream()
                .filter(p -> p.role() == Role.WEIGHT || p.role() == Role.RECURRENT)
                .toList();
    }

    /** L2 norm of the values (or of the gradients), NaN for no parameters. */
    static double norm(List<Parameter> ps, boolean gradients) {
        if (ps.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (Parameter p : ps) {
            float[] a = gradients ? p.grad() : p.value();
            s += sumOfSquares(a, a.length);
        }
        return Math.sqrt(s);
    }

    static double norm(Tensor t) {
        return Math.sqrt(sumOfSquares(t.data(), t.size()));
    }

    /** {@code Σ a[i]²} over {@code [0, length)} in double, four independent sums (for speed). */
    static double sumOfSquares(float[] a, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += (double) a[i] * a[i];
            s1 += (double) a[i + 1] * a[i + 1];
            s2 += (double) a[i + 2] * a[i + 2];
            s3 += (double) a[i + 3] * a[i + 3];
        }
        for (; i < length; i++) {
            s0 += (double) a[i] * a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double saturated(Activation a, float[] y, int size) {
        if (a == null || size == 0) {
            return Double.NaN;
        }
        long n = 0;
        switch (a) {
            case TANH, SOFTSIGN, HARD_TANH -> {
                for (int i = 0; i < size; i++) {
                    n += Math.abs(y[i]) > 0.99f ? 1 : 0;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < size; i++) {
                    n += y[i] < 0.01f || y[i] > 0.99f ? 1 : 0;
                }
            }
            default -> {
                return Double.NaN;
            }
        }
        return (double) n / size;
    }

    private static double zeros(float[] y, int size) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += y[i] == 0f ? 1 : 0;
        }
        return size == 0 ? Double.NaN : (double) n / size;
    }

    private static double deadUnits(Activation a, float[] y, int outer, int units, int inner) {
        if ((a != Activation.RELU && a != Activation.RELU6 && a != Activation.LEAKY_RELU) || units == 0) {
            return Double.NaN;
        }
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean zero = true;
            for (int o = 0; o < outer && zero; o++) {
                int base = (o * units + u) * inner;
                for (int k = 0; k < inner; k++) {
                    if (y[base + k] != 0f) {
                        zero = false;
                        break;
                    }
                }
            }
            dead += zero ? 1 : 0;
        }
        return (double) dead / units;
    }

    /**
     * How different the units' gradients are ({@link LayerStats#gradientSpread()}): across the rows
     * of the first weight's gradient for a layer with weights, else across the units of the gradient
     * at the layer's output.
     */
    static double gradientSpread(Layer layer, Tensor gradOutput) {
        List<Parameter> w = weights(layer);
        if (!w.isEmpty()) {
            Parameter p = w.get(0);
            int rows = p.shape().dims()[0];
            int cols = rows == 0 ? 0 : p.grad().length / rows;
            // rows are units: compare column j across rows, as unitSpread compares units across positions
            return unitSpread(p.grad(), 1, rows, cols);
        }
        int[] shape = gradOutput.shape();
        if (shape.length == 4) {
            return unitSpread(gradOutput.data(), shape[0], shape[1], shape[2] * shape[3]);
        }
        int units = shape[shape.length - 1];
        return unitSpread(gradOutput.data(), units == 0 ? 0 : gradOutput.size() / units, units, 1);
    }

    /** Largest spread between the units of one example position, relative to the largest |value|. */
    private static double unitSpread(float[] y, int outer, int units, int inner) {
        if (units < 2) {
            return Double.NaN;
        }
        double spread = 0;
        double scale = 0;
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < inner; k++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int u = 0; u < units; u++) {
                    double v = y[(o * units + u) * inner + k];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    scale = Math.max(scale, Math.abs(v));
                }
                spread = Math.max(spread, hi - lo);
            }
        }
        if (Double.isNaN(spread)) {
            return Double.NaN;
        }
        return scale == 0 ? 0 : spread / scale;
    }
}
