package org.initlab.core.gain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.initlab.core.Names;

/**
 * The elementwise nonlinearities whose gains this package computes, each with its exact
 * value {@code φ(x)} and derivative {@code φ'(x)}, written to stay accurate for large
 * {@code |x|}: no {@code exp} that can overflow, no {@code 1 − s} that cancels. A NaN input
 * gives a NaN value, so a diverging network is noticed.
 *
 * <p>At a kink the derivative is the one PyTorch's autograd returns: ReLU, leaky ReLU, ELU
 * and SELU take their slope left of 0 ({@code 0}, {@code a}, {@code α}, {@code λα}); hard
 * tanh and ReLU6 take 0 at both ends of their linear piece. {@link #breakpoints()} lists the
 * kinks so that integrals over an activation can split there (see
 * {@link GaussianExpectation}).
 *
 * <p>Two activations take a parameter: {@link #LEAKY_RELU} (negative slope, default 0.01,
 * as {@code torch.nn.functional.leaky_relu}) and {@link #ELU} (alpha, default 1, as
 * {@code torch.nn.functional.elu}). {@code apply} and {@code derivative} use the parameter as
 * given and ignore it for the others; {@link #paramOrDefault} resolves "not given".
 */
public enum Activation {

    /** Identity: {@code φ(x) = x}, {@code φ' = 1}. */
    LINEAR("linear"),
    /** Logistic sigmoid: {@code φ(x) = σ(x) = 1/(1 + e^(−x))}, {@code φ' = σ(x)·σ(−x)}. */
    SIGMOID("sigmoid"),
    /** Hyperbolic tangent: {@code φ(x) = tanh x}, {@code φ' = sech² x = 4σ(2x)·σ(−2x)}. */
    TANH("tanh"),
    /** Rectifier (Nair and Hinton 2010): {@code φ(x) = max(0, x)}. */
    RELU("relu", 0.0),
    /**
     * Leaky rectifier (Maas, Hannun and Ng 2013): {@code φ(x) = x} for {@code x > 0}, else
     * {@code a·x}, with {@code a} the negative slope (default 0.01).
     */
    LEAKY_RELU("leaky_relu", "negative_slope", 0.01, 0.0),
    /**
     * Exponential linear unit (Clevert, Unterthiner and Hochreiter 2016): {@code φ(x) = x}
     * for {@code x > 0}, else {@code α·(e^x − 1)} (default {@code α = 1}).
     */
    ELU("elu", "alpha", 1.0, 0.0),
    /**
     * Scaled ELU (Klambauer, Unterthiner, Mayr and Hochreiter 2017, "Self-Normalizing Neural
     * Networks"): {@code φ(x) = λ·x} for {@code x > 0}, else {@code λ·α·(e^x − 1)}, with
     * {@code α =} {@value #SELU_ALPHA} and {@code λ =} {@value #SELU_SCALE}.
     */
    SELU("selu", 0.0),
    /**
     * Gaussian error linear unit, exact form (Hendrycks and Gimpel 2016):
     * {@code φ(x) = x·Φ(x)} with {@code Φ(x) = erfc(−x/√2)/2}; {@code φ' = Φ(x) + x·ϕ(x)},
     * {@code ϕ} the standard normal density. PyTorch's {@code gelu(approximate='none')}.
     */
    GELU("gelu"),
    /**
     * GELU, tanh approximation (Hendrycks and Gimpel 2016): {@code φ(x) = x·(1 + tanh u)/2},
     * {@code u = √(2/π)·(x + 0.044715·x³)}, computed as {@code x·σ(2u)}, the same function
     * without the cancellation in {@code 1 + tanh u} for negative {@code x}; so
     * {@code φ' = σ(2u) + 2x·u'·σ(2u)·σ(−2u)}. PyTorch's {@code gelu(approximate='tanh')}.
     */
    GELU_TANH("gelu_tanh"),
    /**
     * Sigmoid-weighted linear unit (Elfwing, Uchibe and Doya 2018; "swish" in Ramachandran,
     * Zoph and Le 2017): {@code φ(x) = x·σ(x)}, {@code φ' = σ(x)·(1 + x·σ(−x))}.
     */
    SILU("silu"),
    /**
     * Softplus: {@code φ(x) = ln(1 + e^x)}, computed as {@code max(x, 0) + ln(1 + e^(−|x|))};
     * {@code φ' = σ(x)}. PyTorch's default {@code beta = 1}, without its linear threshold.
     */
    SOFTPLUS("softplus"),
    /**
     * Mish (Misra 2019): {@code φ(x) = x·tanh(s)}, {@code s = softplus(x)};
     * {@code φ' = tanh(s) + x·sech²(s)·σ(x)}.
     */
    MISH("mish"),
    /**
     * Softsign (Bergstra et al. 2009): {@code φ(x) = x/(1 + |x|)}, {@code φ' = 1/(1 + |x|)²};
     * its second derivative jumps at 0, hence the breakpoint.
     */
    SOFTSIGN("softsign", 0.0),
    /** Hard tanh: {@code φ(x) = clamp(x, −1, 1)} (PyTorch's default bounds). */
    HARD_TANH("hard_tanh", -1.0, 1.0),
    /** ReLU capped at 6 (Krizhevsky 2010; MobileNets): {@code φ(x) = min(max(0, x), 6)}. */
    RELU6("relu6", 0.0, 6.0);

    /** SELU's α, as printed by Klambauer et al. (2017) and used by PyTorch and Keras. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    /** SELU's scale λ, as printed by Klambauer et al. (2017) and used by PyTorch and Keras. */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private static final double GELU_TANH_CUBIC = 0.044715;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final Map<String, Activation> ALIASES = Map.of("identity", LINEAR, "swish", SILU);

    private final String specName;
    private final String paramName;
    private final double defaultParam;

    @SuppressWarnings("ImmutableEnumChecker") // never written after construction; breakpoints() hands out a copy
    private final double[] breakpoints;

    Activation(String specName, double... breakpoints) {
        this(specName, "", Double.NaN, breakpoints);
    }

    Activation(String specName, String paramName, double defaultParam, double... breakpoints) {
        this.specName = specName;
        this.paramName = paramName;
        this.defaultParam = defaultParam;
        this.breakpoints = breakpoints;
    }

    /**
     * {@code φ(x)}, as given in the constant's description.
     *
     * @param x the pre-activation
     * @param param the negative slope ({@link #LEAKY_RELU}) or alpha ({@link #ELU}), used as
     *     given; ignored by the other activations
     * @return the activation's value at {@code x}
     */
    public double apply(double x, double param) {
        return switch (this) {
            case LINEAR -> x;
            case SIGMOID -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(x, 0.0);
            case LEAKY_RELU -> x > 0 ? x : param * x;
            case ELU -> x > 0 ? x : param * Math.expm1(x);
            case SELU -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
            case GELU -> x * Erf.normalCdf(x);
            case GELU_TANH -> x * sigmoid(2 * geluTanhArgument(x));
            case SILU -> x * sigmoid(x);
            case SOFTPLUS -> softplus(x);
            case MISH -> x * Math.tanh(softplus(x));
            case SOFTSIGN -> x / (1 + Math.abs(x));
            case HARD_TANH -> Math.max(-1.0, Math.min(1.0, x));
            case RELU6 -> Math.max(0.0, Math.min(6.0, x));
        };
    }

    /**
     * {@code φ'(x)}, exact up to rounding; at a kink, PyTorch's autograd convention (see the
     * class description).
     *
     * @param x the pre-activation
     * @param param as for {@link #apply}
     * @return the derivative at {@code x}
     */
    public double derivative(double x, double param) {
        return switch (this) {
            case LINEAR -> 1.0;
            case SIGMOID -> sigmoid(x) * sigmoid(-x);
            case TANH -> sech2(x);
            case RELU -> x > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> x > 0 ? 1.0 : param;
            case ELU -> x > 0 ? 1.0 : param * Math.exp(x);
            case SELU -> SELU_SCALE * (x > 0 ? 1.0 : SELU_ALPHA * Math.exp(x));
            case GELU -> Erf.normalCdf(x) + x * Erf.normalDensity(x);
            case GELU_TANH -> geluTanhDerivative(x);
            case SILU -> sigmoid(x) * (1 + x * sigmoid(-x));
            case SOFTPLUS -> sigmoid(x);
            case MISH -> mishDerivative(x);
            case SOFTSIGN -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)));
            case HARD_TANH -> x > -1 && x < 1 ? 1.0 : 0.0;
            case RELU6 -> x > 0 && x < 6 ? 1.0 : 0.0;
        };
    }

    /** {@return the snake_case name used in specs and on the command line, e.g. "gelu_tanh"} */
    public String specName() {
        return specName;
    }

    /** {@return whether {@code apply} and {@code derivative} read their {@code param}} */
    public boolean hasParam() {
        return !paramName.isEmpty();
    }

    /**
     * {@return PyTorch's keyword for the parameter ({@code "negative_slope"}, {@code "alpha"}),
     * or "" when {@link #hasParam()} is false}
     */
    public String paramName() {
        return paramName;
    }

    /** {@return the parameter's default: 0.01 for leaky ReLU, 1 for ELU, NaN for the others} */
    public double defaultParam() {
        return defaultParam;
    }

    /**
     * The parameter to use: {@code param} itself, or the default when {@code param} is NaN.
     *
     * @param param a finite parameter, or NaN for "not given"
     * @return the parameter to pass to {@link #apply}; NaN for activations without one
     * @throws IllegalArgumentException if {@code param} is infinite, or is given (not NaN) to
     *     an activation that takes none
     */
    public double paramOrDefault(double param) {
        if (Double.isNaN(param)) {
            return defaultParam;
        }
        if (!hasParam()) {
            throw new IllegalArgumentException(specName + " takes no parameter; got " + param
                    + " (only leaky_relu's negative_slope and elu's alpha exist)");
        }
        if (Double.isInfinite(param)) {
            throw new IllegalArgumentException(specName + " " + paramName + " must be finite; got " + param);
        }
        return param;
    }

    /**
     * {@return where {@code φ}, {@code φ'} or {@code φ''} jumps, ascending; a fresh copy} The
     * points are 0 for the rectifier family, ELU, SELU and softsign; ±1 for hard tanh; 0 and 6
     * for ReLU6; none for the smooth activations.
     */
    public double[] breakpoints() {
        return breakpoints.clone();
    }

    /**
     * The activation with this spec name, compared case-insensitively after trimming; also
     * accepts the aliases {@code identity} (linear) and {@code swish} (silu).
     *
     * @param name a spec name or alias
     * @return the activation
     * @throws IllegalArgumentException naming the closest valid name and all valid names
     */
    public static Activation parse(String name) {
        Objects.requireNonNull(name, "activation name");
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.specName.equals(key)) {
                return a;
            }
        }
        Activation aliased = ALIASES.get(key);
        if (aliased != null) {
            return aliased;
        }
        throw Names.unknown("activation", name, acceptedNames());
    }

    /** {@return the names {@link #parse} accepts: spec names in declaration order, then aliases} */
    public static List<String> acceptedNames() {
        List<String> names = new ArrayList<>();
        for (Activation a : values()) {
            names.add(a.specName);
        }
        names.add("identity");
        names.add("swish");
        return Collections.unmodifiableList(names);
    }

    /** σ(x) = 1/(1 + e^(−x)), evaluated with a non-positive exponent so it cannot overflow. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** ln(1 + e^x) = max(x, 0) + ln(1 + e^(−|x|)). */
    static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** sech² x = 4σ(2x)·σ(−2x), which keeps its relative accuracy in the tails. */
    static double sech2(double x) {
        return 4 * sigmoid(2 * x) * sigmoid(-2 * x);
    }

    private static double geluTanhArgument(double x) {
        return SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x * x * x);
    }

    private static double geluTanhDerivative(double x) {
        if (Math.abs(x) > 1e3) { // σ(±2u) is exactly 0 or 1 here; avoid 0·∞ below
            return x > 0 ? 1.0 : 0.0;
        }
        double twoU = 2 * geluTanhArgument(x);
        double du = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_CUBIC * x * x);
        return sigmoid(twoU) + 2 * x * du * sigmoid(twoU) * sigmoid(-twoU);
    }

    private static double mishDerivative(double x) {
        double s = softplus(x);
        return Math.tanh(s) + x * sech2(s) * sigmoid(x);
    }
}
