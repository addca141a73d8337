package org.initlab.core.gain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.initlab.core.Names;

/**
 * Gains: the factor {@code g} in {@code Var(W) = g²/fan} that compensates for what an
 * activation does to the size of the signal.
 *
 * <p>Two families. {@link #torch} is PyTorch's fixed table,
 * {@code torch.nn.init.calculate_gain}, reproduced value for value so that initializers can
 * match PyTorch bit for bit. {@link #variancePreserving} is computed:
 * {@code g = 1/√E[φ(z)²]}, {@code z ~ N(0, 1)}, the gain that keeps the second moment of
 * pre-activations at 1 through a wide layer (the argument of He, Zhang, Ren and Sun 2015,
 * §2.2, with a general φ in place of ReLU; the mean-field length map of Poole et al. 2016 at
 * its fixed point q = 1). The two agree for linear, ReLU and leaky ReLU. They differ where
 * PyTorch's value is a convention: tanh 5/3 (1.5925 computed), sigmoid 1 (1.8462 computed),
 * SELU 3/4 (1.0000 computed; PyTorch's documentation says its 3/4 "sacrifices the
 * normalization effect for more stable gradient flow in rectangular layers" and that
 * self-normalizing networks should use 'linear'). {@link #forName} takes the table where
 * PyTorch has an entry and the computed gain elsewhere.
 *
 * <p>Throughout, a parameter of NaN means "not given": the default for activations that take
 * one, nothing for the others.
 */
public final class Gains {

    /**
     * The names {@code calculate_gain} accepts, in PyTorch's order (torch/nn/init.py, checked
     * against PyTorch 2.x docs: linear, conv1d–3d, conv_transpose1d–3d, sigmoid, tanh, relu,
     * leaky_relu, selu).
     */
    private static final List<String> TORCH_NAMES = List.of(
            "linear",
            "conv1d",
            "conv2d",
            "conv3d",
            "conv_transpose1d",
            "conv_transpose2d",
            "conv_transpose3d",
            "sigmoid",
            "tanh",
            "relu",
            "leaky_relu",
            "selu");

    /** {@code calculate_gain('leaky_relu')}'s slope when {@code param is None}. */
    private static final double TORCH_DEFAULT_SLOPE = 0.01;

    private Gains() {}

    /** {@return the names {@link #torch} accepts, in PyTorch's order} */
    public static List<String> torchNames() {
        return TORCH_NAMES;
    }

    /**
     * PyTorch's {@code torch.nn.init.calculate_gain(nonlinearity, param)}:
     * <pre>
     * linear, conv1d, conv2d, conv3d,
     * conv_transpose1d, conv_transpose2d, conv_transpose3d   1
     * sigmoid                                                1
     * tanh                                                   5/3
     * relu                                                   √2
     * leaky_relu                                             √(2/(1 + slope²)), slope 0.01
     *                                                        when param is not given
     * selu                                                   3/4
     * </pre>
     * Source: torch/nn/init.py, {@code calculate_gain}; the selu entry came with PyTorch pull
     * request 50664, whose comment calls the value "found empirically". As in PyTorch,
     * {@code param} is read only for leaky_relu (PyTorch's {@code kaiming_*} pass their
     * {@code a}, default 0, so they get √2 for leaky_relu unless told otherwise). Unlike
     * PyTorch, the name is matched case-insensitively, and an infinite slope is rejected
     * instead of giving gain 0.
     *
     * @param nonlinearity a name from {@link #torchNames()}
     * @param param leaky_relu's negative slope, NaN for PyTorch's default 0.01
     * @return the gain
     * @throws IllegalArgumentException for a name not in the table (naming the valid ones and,
     *     for an activation such as gelu, pointing to the computed gain) or an infinite slope
     */
    public static double torch(String nonlinearity, double param) {
        String key = normalize(nonlinearity);
        return switch (key) {
            case "linear",
                    "conv1d",
                    "conv2d",
                    "conv3d",
                    "conv_transpose1d",
                    "conv_transpose2d",
                    "conv_transpose3d",
                    "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = Double.isNaN(param) ? TORCH_DEFAULT_SLOPE : param;
                if (Double.isInfinite(slope)) {
                    throw new IllegalArgumentException("leaky_relu negative_slope must be finite; got " + slope);
                }
                yield Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu" -> 3.0 / 4;
            default -> throw notInTorchTable(nonlinearity, key);
        };
    }

    /**
     * The variance-preserving gain {@code g = 1/√E[φ(z)²]}, {@code z ~ N(0, 1)}. If the
     * pre-activations of a wide layer have second moment 1 and the next layer's weights have
     * {@code Var(W) = g²/fan_in} (zero mean, zero bias), its pre-activations have second
     * moment {@code g²·E[φ(z)²] = 1} again. Exact values: 1 for linear, √2 for ReLU,
     * √(2/(1 + a²)) for leaky ReLU. Computed by {@link GaussianExpectation} split at the
     * activation's breakpoints; accurate to about 1e-15.
     *
     * @param activation the activation φ
     * @param param its parameter, NaN for the default (or for none)
     * @return the gain
     * @throws IllegalArgumentException as {@link Activation#paramOrDefault}
     */
    public static double variancePreserving(Activation activation, double param) {
        return 1 / Math.sqrt(secondMoment(activation, param));
    }

    /**
     * {@code E[φ(z)²]} for {@code z ~ N(0, 1)}: the second moment the activation's outputs
     * have when its inputs are standard normal.
     *
     * @param activation the activation φ
     * @param param its parameter, NaN for the default (or for none)
     * @return the second moment
     * @throws IllegalArgumentException as {@link Activation#paramOrDefault}
     */
    public static double secondMoment(Activation activation, double param) {
        Objects.requireNonNull(activation, "activation");
        double p = activation.paramOrDefault(param);
        return GaussianExpectation.of(
                z -> {
                    double y = activation.apply(z, p);
                    return y * y;
                },
                activation.breakpoints());
    }

    /**
     * The gain an initializer such as He/Kaiming should use for a named nonlinearity:
     * PyTorch's table ({@link #torch}) when the name, or the spec name its alias resolves to,
     * is in it; otherwise the variance-preserving gain of the parsed {@link Activation}. So
     * {@code relu}, {@code tanh} and {@code selu} match PyTorch exactly (including its
     * conventions 5/3 and 3/4), while {@code gelu}, {@code silu}, {@code elu}, ... get a gain
     * PyTorch would refuse to give.
     *
     * @param nonlinearity a PyTorch table name, an activation spec name, or an alias
     * @param param the activation's parameter, NaN for the default (or for none)
     * @return the gain
     * @throws IllegalArgumentException for an unknown name, with a suggestion and all valid names
     */
    public static double forName(String nonlinearity, double param) {
        String key = normalize(nonlinearity);
        if (TORCH_NAMES.contains(key)) {
            return torch(key, param);
        }
        Activation activation = activationOrExplain(nonlinearity, key);
        if (TORCH_NAMES.contains(activation.specName())) {
            return torch(activation.specName(), param);
        }
        return variancePreserving(activation, param);
    }

    /**
     * Both gains and the second moment for one activation, for display.
     *
     * @param activation an activation spec name or alias (see {@link Activation#parse})
     * @param param its parameter, NaN for the default (or for none)
     * @return the report, parameter defaults filled in
     * @throws IllegalArgumentException for an unknown name or a parameter the activation lacks
     */
    public static GainReport report(String activation, double param) {
        Activation a = Activation.parse(activation);
        double p = a.paramOrDefault(param);
        double torchGain = TORCH_NAMES.contains(a.specName()) ? torch(a.specName(), p) : Double.NaN;
        double secondMoment = secondMoment(a, p);
        double variancePreserving = 1 / Math.sqrt(secondMoment);
        return new GainReport(a.specName(), p, torchGain, variancePreserving, secondMoment);
    }

    private static String normalize(String name) {
        Objects.requireNonNull(name, "nonlinearity");
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException notInTorchTable(String given, String key) {
        List<String> activations = Activation.acceptedNames();
        if (activations.contains(key)) {
            return new IllegalArgumentException("'" + given + "' is not in PyTorch's"
                    + " calculate_gain table; valid: " + String.join(", ", TORCH_NAMES)
                    + ". For a computed gain use Gains.variancePreserving(Activation."
                    + Activation.parse(key).name() + ", param) or Gains.forName(\"" + key
                    + "\", param)");
        }
        return Names.unknown("nonlinearity", given, TORCH_NAMES);
    }

    private static Activation activationOrExplain(String given, String key) {
        if (Activation.acceptedNames().contains(key)) {
            return Activation.parse(key);
        }
        Set<String> valid = new LinkedHashSet<>(TORCH_NAMES);
        valid.addAll(Activation.acceptedNames());
        throw Names.unknown("nonlinearity", given, new ArrayList<>(valid));
    }
}
