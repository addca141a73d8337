package org.initlab.lab.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Distribution;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Role;
import org.initlab.core.init.VarianceScaling;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;

/**
 * The maximal update parametrization (μP) of G. Yang, E. J. Hu et al. (2022), "Tensor Programs V:
 * Tuning Large Neural Networks via Zero-Shot Hyperparameter Transfer" (arXiv:2203.03466), Table 3,
 * written relative to a base model as the authors' {@code mup} package does, so that μP equals the
 * standard parametrization (SP) at the base shapes and the tuned learning rate carries over to
 * wider models.
 *
 * <p><b>Width dimensions.</b> A dimension of a parameter is a width dimension when it differs
 * between the model and the base model (parameters matched by path); its width ratio is
 * {@code r = dim / base_dim}. For a weight the output axis is axis 0 and the input axis axis 1
 * (PyTorch {@code [out, in, k...]}); for an embedding table {@code [num, dim]} the input axis is
 * {@code num} (one-hot ids) and the output axis {@code dim}. Then, with {@code r_in} and
 * {@code r_out} the ratios of the input and output axes (1 when that axis is not a width):
 * <pre>
 *   kind       axes (in, out)      init variance            SGD lr ×    Adam lr ×
 *   input      (finite, width)     gain² / fan_in           r_out       1
 *   vector     width (bias, norm)  as SP (zero / one)       r           1
 *   hidden     (width, width)      gain² / fan_in           1           1 / r_in
 *   output     (width, finite)     gain² / fan_in · 1/r_in  1 / r_in    1 / r_in
 *   finite     no width axis       as SP                    1           1
 * </pre>
 * This is Table 3 divided by its value at the base: the paper's init variance {@code 1/fan_in}
 * (input, hidden, biases) and {@code 1/fan_in²} (output), SGD rates {@code fan_out} (input,
 * biases), {@code 1} (hidden), {@code 1/fan_in} (output), Adam rates {@code 1} (input, biases),
 * {@code 1/fan_in} (hidden, output). {@code gain} is the He gain of the activation that follows
 * the layer (1 when none does), so at the base every matrix gets {@code variance_scaling(gain²,
 * fan_in, normal)} (He normal with that gain); embeddings keep N(0, 1) (an O(1) coordinate per id, width-independent).
 * The output-logit multiplier of this formulation is 1: the paper's equivalent Table 8/9
 * formulation instead keeps the output init at {@code 1/fan_in} and multiplies the logits by
 * {@code 1/r_in} (the package's {@code MuReadout}); both give the same function and updates.
 * Attention logits scaled by {@code 1/d} instead of {@code 1/sqrt(d)} (the paper's other change)
 * are a layer choice, not a plan, and are not made here.
 */
public final class Mup {
    /** The parameter kinds of Table 3. */
    public enum Kind {
        /** Input weights: the input axis is finite, the output axis a width. */
        INPUT,
        /** Biases and normalization vectors whose one axis is a width. */
        VECTOR,
        /** Hidden weights: both axes are widths. */
        HIDDEN,
        /** Output weights: the input axis is a width, the output axis finite. */
        OUTPUT,
        /** No width axis (e.g. the output layer's bias): SP unchanged. */
        FINITE
    }

    /** Optimizer families: SGD-like (SGD with or without momentum) or Adam-like (Adam, AdamW, RMSProp). */
    public enum Family {
        SGD,
        ADAM
    }

    /**
     * One parameter's μP entry.
     *
     * @param path the parameter's path
     * @param kind its Table 3 kind
     * @param shape its dimensions
     * @param baseShape its dimensions in the base model
     * @param inRatio width ratio of the input axis (1 when finite)
     * @param outRatio width ratio of the output axis (1 when finite)
     * @param initializer what it is initialized with
     * @param sgdScale its learning-rate multiplier under SGD
     * @param adamScale its learning-rate multiplier under Adam
     */
    public record Entry(
            String path,
            Kind kind,
            int[] shape,
            int[] baseShape,
            double inRatio,
            double outRatio,
            Initializer initializer,
            double sgdScale,
            double adamScale) {
        /** The multiplier for {@code family}. */
        public double lrScale(Family family) {
            return family == Family.SGD ? sgdScale : adamScale;
        }
    }

    private Mup() {}

    /**
     * The μP entry of every parameter of {@code model} against {@code base}, in parameter order.
     *
     * @throws IllegalArgumentException when the two models do not have the same parameter paths,
     *     ranks and roles, or differ in an axis that is not a channel axis
     */
    public static List<Entry> table(Sequential model, Sequential base) {
        Map<String, Parameter> baseByPath = new LinkedHashMap<>();
        for (Parameter b : base.parameters()) {
            baseByPath.put(b.path(), b);
        }
        List<InitPlan.Assignment> resolved = InitPlan.defaults().assign(model);
        if (resolved.size() != baseByPath.size()) {
            throw new IllegalArgumentException(
                    "mup: the model has " + resolved.size() + " parameters and the base model " + baseByPath.size()
                            + "; they must have the same structure and differ only in widths");
        }
        List<Entry> out = new ArrayList<>();
        for (InitPlan.Assignment r : resolved) {
            Parameter p = r.parameter();
            Parameter b = baseByPath.get(p.path());
            if (b == null || b.shape().rank() != p.shape().rank() || b.role() != p.role()) {
                throw new IllegalArgumentException("mup: parameter " + p.path() + " " + p.shape()
                        + " has no match of the" + " same rank and role in the base model (base parameters: "
                        + baseByPath.keySet() + ")");
            }
            out.add(entry(r, b));
        }
        return out;
    }

    /** The initialization plan: one exact-path rule per parameter. */
    public static InitPlan plan(Sequential model, Sequential base) {
        List<InitPlan.Rule> rules = new ArrayList<>();
        for (Entry e : table(model, base)) {
            rules.add(new InitPlan.Rule(e.path(), null, null, null, e.initializer()));
        }
        return new InitPlan(rules);
    }

    /**
     * Initializes {@code model} by μP for {@code seed} and sets every parameter's
     * {@link Parameter#lrScale()} to its multiplier for {@code family}; the optimizer's own rate is
     * then the one tuned at the base width.
     */
    public static void apply(Sequential model, Sequential base, long seed, Family family) {
        plan(model, base).apply(model, seed);
        scaleRates(model, base, family);
    }

    /** Sets every parameter's {@link Parameter#lrScale()} to its μP multiplier for {@code family}. */
    public static void scaleRates(Sequential model, Sequential base, Family family) {
        Map<String, Entry> byPath = new LinkedHashMap<>();
        for (Entry e : table(model, base)) {
            byPath.put(e.path(), e);
        }
        for (Parameter p : model.parameters()) {
            p.setLrScale(byPath.get(p.path()).lrScale(family));
        }
    }

    /**
     * The family of an optimizer spec's name: {@code sgd} is SGD-like; {@code adam}, {@code adamw}
     * and {@code rmsprop} normalize the gradient entrywise and are Adam-like (the mup package's
     * split between MuSGD and MuAdam).
     */
    public static Family family(String optimizerSpec) {
        String name = optimizerSpec.strip().toLowerCase(java.util.Locale.ROOT);
        int open = name.indexOf('(');
        name = (open < 0 ? name : name.substring(0, open)).strip();
        return switch (name) {
            case "sgd" -> Family.SGD;
            case "adam", "adamw", "rmsprop" -> Family.ADAM;
            default ->
                throw new IllegalArgumentException(
                        "unknown optimizer '" + name + "' for muP; valid: sgd, adam," + " adamw, rmsprop");
        };
    }

    private static Entry entry(InitPlan.Assignment r, Parameter base) {
        Parameter p = r.parameter();
        int[] dims = p.shape().dims();
        int[] baseDims = base.shape().dims();
        int rank = dims.length;
        boolean matrix = rank >= 2;
        int outAxis = p.role() == Role.EMBEDDING ? 1 : 0;
        int inAxis = matrix ? 1 - outAxis : -1;
        for (int a = 0; a < rank; a++) {
            if (dims[a] != baseDims[a] && a != outAxis && a != inAxis) {
                throw new IllegalArgumentException(
                        "mup: parameter " + p.path() + " " + p.shape() + " differs from the base " + base.shape()
                                + " in axis " + a + ", which is not a channel axis; only widths may differ");
            }
        }
        double rOut = (double) dims[outAxis] / baseDims[outAxis];
        double rIn = matrix ? (double) dims[inAxis] / baseDims[inAxis] : 1;
        boolean outWidth = dims[outAxis] != baseDims[outAxis];
        boolean inWidth = matrix && dims[inAxis] != baseDims[inAxis];
        Kind kind;
        if (!matrix) {
            kind = outWidth ? Kind.VECTOR : Kind.FINITE;
        } else if (inWidth && outWidth) {
            kind = Kind.HIDDEN;
        } else if (inWidth) {
            kind = Kind.OUTPUT;
        } else if (outWidth) {
            kind = Kind.INPUT;
        } else {
            kind = Kind.FINITE;
        }
        Initializer init = r.initializer();
        if (matrix && (p.role() == Role.WEIGHT || p.role() == Role.RECURRENT)) {
            HeNormal he = heNormal(r.activation(), r.activationParam());
            init = kind == Kind.OUTPUT
                    ? new VarianceScaling(he.asVarianceScaling().scale() / rIn, Mode.FAN_IN, Distribution.NORMAL)
                    : he;
        }
        double sgd = switch (kind) {
            case INPUT, VECTOR -> rOut;
            case HIDDEN, FINITE -> 1;
            case OUTPUT -> 1 / rIn;
        };
        double adam = switch (kind) {
            case INPUT, VECTOR, FINITE -> 1;
            case HIDDEN, OUTPUT -> 1 / rIn;
        };
        return new Entry(
                p.path(),
                kind,
                dims.clone(),
                baseDims.clone(),
                inWidth ? rIn : 1,
                outWidth ? rOut : 1,
                init,
                sgd,
                adam);
    }

    /** He normal (fan_in, untruncated) with the gain of {@code activation} (1 for linear). */
    static HeNormal heNormal(Activation activation, double param) {
        double slope = activation == Activation.LEAKY_RELU ? activation.paramOrDefault(param) : 0;
        return new HeNormal(Mode.FAN_IN, activation.specName(), slope, Double.NaN, false);
    }
}
