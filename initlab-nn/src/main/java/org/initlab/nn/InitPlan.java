package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Fill;
import org.initlab.core.init.FrameworkDefault;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Ones;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Role;
import org.initlab.core.init.Selu;
import org.initlab.core.init.Zeros;

/**
 * How a model is initialized: ordered rules from (path pattern, role, layer kind, activation) to
 * an initializer; the first rule that matches a parameter decides. Different layers can so get
 * different methods ("mixed initialization").
 *
 * <p>The activation of a parameter is the one that follows its layer in the model (linear when
 * none does). A rule whose initializer is {@code null} means "the default for this activation"
 * ({@link #forActivation}).
 */
public record InitPlan(List<Rule> rules) {

    /**
     * One rule; {@code null} components match anything.
     *
     * @param pathGlob glob over parameter paths ({@code *} any run, {@code ?} one character)
     * @param role the parameter's role
     * @param layerKind the layer's {@link Layer#kind()}
     * @param activation the activation after the layer
     * @param initializer what to use, or {@code null} for {@link #forActivation}
     */
    public record Rule(String pathGlob, Role role, String layerKind, Activation activation, Initializer initializer) {
        boolean matches(Parameter p, String kind, Activation act) {
            return (pathGlob == null || glob(pathGlob).matcher(p.path()).matches())
                    && (role == null || role == p.role())
                    && (layerKind == null || layerKind.equals(kind))
                    && (activation == null || activation == act);
        }

        private static Pattern glob(String g) {
            return Pattern.compile(Pattern.quote(g).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
        }
    }

    public InitPlan {
        rules = List.copyOf(rules);
    }

    /**
     * The sensible default: biases and norm shifts zero, norm scales one, embeddings N(0, 1)
     * (PyTorch's nn.Embedding), recurrent weights orthogonal, other weights by the activation that follows ({@link #forActivation}).
     */
    public static InitPlan defaults() {
        return new InitPlan(baseRules(null));
    }

    /**
     * Every weight gets {@code weights}; everything else as in {@link #defaults()}. A framework's
     * default ({@code torch_default}, {@code keras_default}, ...) is that framework's whole default
     * instead: every parameter, biases, norms and embeddings included, gets what the framework
     * gives its role, and recurrent layers what {@link RecurrentDefaults} says (PyTorch's biases
     * {@code U(±1/sqrt(fan_in))}, not zero).
     */
    public static InitPlan allWeights(Initializer weights) {
        if (weights instanceof FrameworkDefault) {
            return new InitPlan(List.of(new Rule(null, null, null, null, weights)));
        }
        return new InitPlan(baseRules(Objects.requireNonNull(weights)));
    }

    private static List<Rule> baseRules(Initializer weights) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(null, Role.BIAS, null, null, new Zeros()));
        rules.add(new Rule(null, Role.NORM_SHIFT, null, null, new Zeros()));
        rules.add(new Rule(null, Role.NORM_SCALE, null, null, new Ones()));
        rules.add(new Rule(null, Role.EMBEDDING, null, null, new Normal(0, 1)));
        if (weights == null) {
            rules.add(new Rule(null, Role.RECURRENT, null, null, new Orthogonal()));
        }
        rules.add(new Rule(null, null, null, null, weights));
        return rules;
    }

    /**
     * The rule of the field for a weight followed by {@code activation}: He normal with that
     * activation's gain for the ReLU family and other rectifier-like units (He et al. 2015),
     * LeCun normal for SELU (Klambauer et al. 2017), Glorot uniform for tanh, sigmoid, softsign and
     * linear outputs (Glorot and Bengio 2010).
     */
    public static Initializer forActivation(Activation activation, double param) {
        return switch (activation) {
            case RELU, RELU6 -> new HeNormal();
            case LEAKY_RELU ->
                new HeNormal(Mode.FAN_IN, "leaky_relu", activation.paramOrDefault(param), Double.NaN, false);
            case ELU, GELU, GELU_TANH, SILU, MISH, SOFTPLUS ->
                new HeNormal(Mode.FAN_IN, activation.specName(), 0, Double.NaN, false);
            case SELU -> new Selu();
            case LINEAR, SIGMOID, TANH, SOFTSIGN, HARD_TANH -> new GlorotUniform();
        };
    }

    /** The initializer this plan gives one parameter. */
    public Initializer resolve(Parameter p, String layerKind, Activation activation, double param) {
        for (Rule r : rules) {
            if (r.matches(p, layerKind, activation)) {
                return r.initializer() != null ? r.initializer() : forActivation(activation, param);
            }
        }
        throw new IllegalStateException("no init rule matches " + p.path());
    }

    /**
     * What this plan gives one parameter of a model, and why.
     *
     * @param parameter the parameter
     * @param layer its layer
     * @param activation the activation that follows its layer (linear when none does)
     * @param activationParam that activation's parameter (NaN for its default)
     * @param initializer the initializer the first matching rule gives
     */
    public record Assignment(
            Parameter parameter, Layer layer, Activation activation, double activationParam, Initializer initializer) {
        /** The layer's {@link Layer#kind()}. */
        public String layerKind() {
            return layer.kind();
        }
    }

    /**
     * The initializer of every parameter of {@code model}, in the order of
     * {@link Sequential#parameters()}: what {@link #apply} uses, for reports ({@code initlab
     * summary}). Residual branches and nested sequences are resolved layer by layer, each layer
     * seeing the activation that follows it inside its own sequence.
     */
    public List<Assignment> assign(Sequential model) {
        return assign(model, p -> true);
    }

    private List<Assignment> assign(Sequential model, Predicate<Parameter> include) {
        List<Assignment> out = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Activation act = Activation.LINEAR;
            double param = Double.NaN;
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof ActivationLayer a) {
                act = a.activation();
                param = a.param();
            }
            if (layer instanceof Sequential nested) {
                out.addAll(assign(nested, include));
                continue;
            }
            List<Parameter> own = layer.parameters();
            if (layer instanceof Residual r) {
                out.addAll(assign(r.branch(), include)); // the branch's layers see their own activations
                own = own.subList(r.branch().parameters().size(), own.size());
            }
            for (Parameter p : own) {
                if (include.test(p)) {
                    out.add(new Assignment(p, layer, act, param, resolve(p, layer.kind(), act, param)));
                }
            }
        }
        return out;
    }

    /** Initializes every parameter of {@code model} for {@code seed}, residual branches included. */
    public void apply(Sequential model, long seed) {
        apply(model, seed, p -> true);
    }

    /**
     * Initializes the parameters of {@code model} for which {@code include} holds and leaves the
     * others untouched (e.g. those loaded from a pretrained file). Each included parameter gets
     * exactly the values {@link #apply(Sequential, long)} would give it: its initializer is resolved
     * from the same layer and activation, and its random stream is keyed by (seed, path) alone.
     */
    public void apply(Sequential model, long seed, Predicate<Parameter> include) {
        for (Assignment a : assign(model, include)) {
            if (a.initializer() instanceof FrameworkDefault f && a.layer() instanceof RecurrentLayer r) {
                RecurrentDefaults.fill(f, r, a.parameter(), seed);
                continue;
            }
            float[] v = a.parameter().value();
            Fill.range(a.initializer(), a.parameter().target(seed), 0, v.length, v, 0, 1);
        }
    }
}
