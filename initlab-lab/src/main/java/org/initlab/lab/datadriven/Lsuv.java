package org.initlab.lab.datadriven;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Role;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * Layer-sequential unit-variance initialization (LSUV): D. Mishkin and J. Matas (2016), "All you
 * need is a good init", ICLR.
 *
 * <p>Method, as run here: (1) pre-initialize: every {@link Dense} and {@link Conv2D} weight gets
 * {@link #preInitializer()} (orthogonal, as in the paper), biases zero, every other parameter its
 * {@link InitPlan#defaults()} value (a residual block's α one); (2) walk the weight layers in
 * forward order and, for each, forward the batch in inference mode to the layer, measure the
 * variance of the layer's output and divide its weight (not its bias) by {@code sqrt(Var)} until
 * {@code |Var − 1| ≤ tolerance} or {@code maxIterations} rescalings were made. A layer is
 * processed after all layers before it, so it sees their final weights.
 *
 * <p>What is measured: the population variance (mean removed, divided by the element count) of
 * the layer's own output over every element of the batch (batch × features, or batch × channels ×
 * height × width for a convolution): the pre-activation, before the activation layer that
 * follows. This is the paper's {@code Var(B_L)}, the variance of the output blob of the
 * convolution or fully connected layer (its reference Caffe script, {@code lsuv_init.py} in
 * ducha-aiki/LSUVinit, forwards only up to that layer so that an in-place ReLU does not overwrite
 * the blob, and takes {@code np.var} over the blob, as here). That script uses a tighter margin
 * (0.02) and up to 20 iterations; the defaults here are the paper's (0.1, 10).
 * With zero biases the output is linear in the weight, so one rescaling gives variance 1 up to
 * float rounding and the loop ends after one rescaling; more are needed only when a kept,
 * non-zero bias shifts the output ({@link #withoutPreInitialization()}).
 *
 * <p>Residual blocks: the layers of a branch are normalized in the branch's order, each measured
 * on what it sees in the full forward pass (the first branch layer sees the block's input); the
 * block's output ({@code x + α f(x)}) is not normalized, so the stream's variance still adds up
 * over blocks (how branches are treated is this library's choice, not the paper's). Layers other
 * than dense and convolution (recurrent, attention, embedding, normalization) are forwarded but
 * not normalized, as the reference script skips everything but convolution and inner-product
 * layers. Unlike the paper's loop, each layer's outcome is kept and reported ({@link LsuvReport}),
 * non-converged layers included; a layer whose output variance is 0 or not finite is left as it
 * is (dividing cannot help) and reported as not converged.
 *
 * <p>Deterministic: the pre-initialization is keyed by (seed, path) and the rest is arithmetic
 * on the batch, so the same model spec, batch and seed give the same weights and report.
 *
 * @param tolerance accepted {@code |Var − 1|}, in {@code (0, 1)}; the paper's 0.1 by default
 * @param maxIterations the most rescalings of one layer, at least 1; 10 by default (the paper's
 *     {@code T_max})
 * @param preInitializer the weight initializer of step (1), or {@code null} to keep every
 *     parameter's current value and skip step (1)
 */
public record Lsuv(double tolerance, int maxIterations, Initializer preInitializer) {

    /** Validates the tolerance and the iteration limit. */
    public Lsuv {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("LSUV tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("LSUV maxIterations must be >= 1, got " + maxIterations);
        }
    }

    /** The paper's settings: tolerance 0.1, at most 10 rescalings, orthogonal pre-initialization. */
    public static Lsuv defaults() {
        return new Lsuv(0.1, 10, new Orthogonal());
    }

    /** The same settings, keeping the model's current parameters instead of pre-initializing. */
    public Lsuv withoutPreInitialization() {
        return new Lsuv(tolerance, maxIterations, null);
    }

    /**
     * The plan of step (1): {@link #preInitializer()} for dense and convolution weights, then
     * {@link InitPlan#defaults()} (biases zero).
     *
     * @throws IllegalStateException when this LSUV has no pre-initializer
     */
    public InitPlan preInitialization() {
        if (preInitializer == null) {
            throw new IllegalStateException("this LSUV keeps the model's weights; it has no pre-initialization");
        }
        List<InitPlan.Rule> rules = new ArrayList<>();
        rules.add(new InitPlan.Rule(null, Role.WEIGHT, "dense", null, preInitializer));
        rules.add(new InitPlan.Rule(null, Role.WEIGHT, "conv2d", null, preInitializer));
        rules.addAll(InitPlan.defaults().rules());
        return new InitPlan(rules);
    }

    /**
     * Initializes {@code model} in place and reports per layer.
     *
     * @param model a model with at least one dense or convolution layer
     * @param batch the inputs the variances are measured on, shaped as the model expects
     *     (finite, not all equal); not modified
     * @param seed the pre-initialization's seed (unused without pre-initialization)
     * @return what was done, layer by layer in forward order
     * @throws IllegalArgumentException for a model without dense or convolution layers, a null,
     *     non-finite or constant batch, or a batch the model cannot take (the layer's message)
     */
    public LsuvReport run(Sequential model, Tensor batch, long seed) {
        List<String> kinds = new ArrayList<>();
        if (countWeightLayers(model, kinds) == 0) {
            throw new IllegalArgumentException("LSUV needs at least one dense or conv2d layer; the model has "
                    + (kinds.isEmpty() ? "no layers" : "only " + kinds));
        }
        checkBatch(batch);
        if (preInitializer != null) {
            preInitialization().apply(model, seed);
        }
        List<LsuvReport.LayerResult> results = new ArrayList<>();
        normalize(model, batch, results);
        List<Integer> shape = Arrays.stream(batch.shape()).boxed().toList();
        String pre = preInitializer == null ? "none" : Registry.format(preInitializer);
        return new LsuvReport(pre, tolerance, maxIterations, seed, shape, results);
    }

    /** Normalizes the weight layers of {@code seq} in order; returns its output on {@code x}. */
    private Tensor normalize(Sequential seq, Tensor x, List<LsuvReport.LayerResult> results) {
        Tensor t = x;
        for (Layer layer : seq.layers()) {
            t = switch (layer) {
                case Dense d -> normalizeLayer(d, d.weight(), t, results);
                case Conv2D c -> normalizeLayer(c, c.weight(), t, results);
                case Residual r -> {
                    normalize(r.branch(), t, results);
                    yield r.forward(t, false);
                }
                case Sequential s -> normalize(s, t, results);
                default -> layer.forward(t, false);
            };
        }
        return t;
    }

    /** The LSUV loop for one layer; returns its output with the final weight. */
    private Tensor normalizeLayer(Layer layer, Parameter weight, Tensor x, List<LsuvReport.LayerResult> results) {
        Tensor y = layer.forward(x, false);
        double variance = variance(y.data());
        double initial = variance;
        int iterations = 0;
        while (Math.abs(variance - 1) > tolerance
                && iterations < maxIterations
                && variance > 0
                && Double.isFinite(variance)) { // 0 or ∞: dividing cannot help
            float factor = (float) (1 / Math.sqrt(variance));
            float[] w = weight.value();
            for (int i = 0; i < w.length; i++) {
                w[i] *= factor;
            }
            iterations++;
            y = layer.forward(x, false);
            variance = variance(y.data());
        }
        results.add(new LsuvReport.LayerResult(
                weight.path(), iterations, initial, variance, Math.abs(variance - 1) <= tolerance));
        return y;
    }

    /** Population variance (mean removed, divided by n), accumulated in double. */
    static double variance(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float v : values) {
            double d = v - mean;
            squares += d * d;
        }
        return squares / values.length;
    }

    private static int countWeightLayers(Sequential seq, List<String> kinds) {
        int n = 0;
        for (Layer layer : seq.layers()) {
            kinds.add(layer.kind());
            n += switch (layer) {
                case Dense d -> 1;
                case Conv2D c -> 1;
                case Residual r -> countWeightLayers(r.branch(), kinds);
                case Sequential s -> countWeightLayers(s, kinds);
                default -> 0;
            };
        }
        return n;
    }

    private static void checkBatch(Tensor batch) {
        if (batch == null) {
            throw new IllegalArgumentException("LSUV needs a batch of inputs to measure variances on; got none");
        }
        float[] v = batch.data();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("LSUV batch " + batch + " holds a non-finite value " + v[i]
                        + " at flat index " + i + "; every input must be finite");
            }
        }
        if (variance(v) == 0) {
            throw new IllegalArgumentException("LSUV batch " + batch + " holds one value (" + v[0]
                    + ") everywhere; its variance is 0, so no layer output can be scaled to variance 1");
        }
    }
}
