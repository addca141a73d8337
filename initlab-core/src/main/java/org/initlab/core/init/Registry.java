package org.initlab.core.init;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.Names;

/**
 * The names and aliases of every initializer, and their spec strings.
 *
 * <p>A spec is {@code name} or {@code name(arg, ...)} where each argument is {@code value}
 * (positional, in the record's component order) or {@code key=value} (the component's snake_case
 * name). Values are numbers, {@code true}/{@code false}, or names ({@code fan_out},
 * {@code leaky_relu}). {@link #format(Initializer)} prints the canonical name and the components
 * that differ from the defaults, so {@code parse(format(x)).equals(x)} for every initializer and
 * {@code format(parse(s)).equals(s)} for every canonical spec.
 */
public final class Registry {

    /**
     * One kind of initializer.
     *
     * @param name canonical spec name
     * @param aliases other accepted names
     * @param defaults the instance with every component at its default
     */
    public record Kind(String name, List<String> aliases, Initializer defaults) {}

    private static final List<Kind> KINDS;
    private static final Map<String, Kind> BY_NAME = new LinkedHashMap<>();

    static {
        List<Kind> kinds = new ArrayList<>();
        collect(Initializer.class, kinds);
        KINDS = Collections.unmodifiableList(kinds);
        for (Kind k : KINDS) {
            BY_NAME.put(k.name(), k);
            for (String a : k.aliases()) {
                BY_NAME.put(a, k);
            }
        }
    }

    private Registry() {}

    /**
     * The kind of an initializer: the one place where each record gets its name and aliases.
     * The switch is exhaustive over the sealed family, so a new kind cannot be forgotten.
     */
    public static Kind kindOf(Initializer init) {
        return switch (init) {
            case Zeros z -> kind("zeros", new Zeros());
            case Ones o -> kind("ones", new Ones());
            case Constant c -> kind("constant", new Constant());
            case Uniform u -> kind("uniform", new Uniform());
            case Normal n -> kind("normal", new Normal(), "gaussian");
            case TruncatedNormal t -> kind("truncated_normal", new TruncatedNormal());
            case TruncatedNormalAbsolute t ->
                kind("truncated_normal_absolute", new TruncatedNormalAbsolute(), "trunc_normal", "torch_trunc_normal");
            case VarianceScaling v -> kind("variance_scaling", new VarianceScaling());
            case GlorotUniform g -> kind("glorot_uniform", new GlorotUniform(), "xavier_uniform");
            case GlorotNormal g -> kind("glorot_normal", new GlorotNormal(), "xavier_normal");
            case HeUniform h -> kind("he_uniform", new HeUniform(), "kaiming_uniform");
            case HeNormal h -> kind("he_normal", new HeNormal(), "kaiming_normal");
            case LecunUniform l -> kind("lecun_uniform", new LecunUniform());
            case LecunNormal l -> kind("lecun_normal", new LecunNormal());
            case Selu s -> kind("selu", new Selu());
            case TorchDefault t -> kind("torch_default", new TorchDefault(), "pytorch_default");
            case KerasDefault k -> kind("keras_default", new KerasDefault(), "tf_default");
            case FlaxDefault f -> kind("flax_default", new FlaxDefault(), "jax_default");
            case Dl4jDefault d -> kind("dl4j_default", new Dl4jDefault());
            case DjlDefault d -> kind("djl_default", new DjlDefault());
            case Orthogonal o -> kind("orthogonal", new Orthogonal());
            case Identity i -> kind("identity", new Identity(), "eye");
            case Dirac d -> kind("dirac", new Dirac());
            case DeltaOrthogonal d -> kind("delta_orthogonal", new DeltaOrthogonal());
            case Sparse s -> kind("sparse", new Sparse());
            case ZerO z -> kind("zero_hadamard", new ZerO(), "zero_init");
            case LstmForgetBias b -> kind("lstm_forget_bias", new LstmForgetBias(), "unit_forget_bias");
        };
    }

    /** Every kind, in declaration order. */
    public static List<Kind> kinds() {
        return KINDS;
    }

    /** Every accepted name: canonical names and aliases. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The kind named {@code name} (canonical or alias, case-insensitive).
     *
     * @throws IllegalArgumentException with a suggestion and the valid names
     */
    public static Kind kind(String name) {
        Kind k = BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
        if (k == null) {
            throw new IllegalArgumentException("unknown initializer '" + name.strip() + "'"
                    + Names.didYouMean(name.strip().toLowerCase(Locale.ROOT), BY_NAME.keySet())
                    + "valid: "
                    + String.join(", ", KINDS.stream().map(Kind::name).toList()));
        }
        return k;
    }

    /**
     * Parses a spec string such as {@code kaiming_uniform(mode=fan_out, negative_slope=0.1)}.
     *
     * @throws IllegalArgumentException naming what was wrong and what is valid
     */
    public static Initializer parse(String spec) {
        SpecSyntax.Call call = SpecSyntax.parse(spec);
        Kind kind = kind(call.name());
        return (Initializer) SpecBinder.bind(form(kind), call, spec, (type, text) -> null);
    }

    /** The canonical spec: name plus the components that differ from the defaults. */
    public static String format(Initializer init) {
        return SpecBinder.format(form(kindOf(init)), init, value -> null);
    }

    /** How a kind is written: every component optional, its default that of {@link Kind#defaults()}. */
    private static SpecBinder.Form form(Kind kind) {
        return SpecBinder.Form.ofDefaults(kind.name(), kind.defaults());
    }

    /** The components of a kind as (snake_case name, default value rendered) pairs. */
    public static Map<String, String> parameters(Kind kind) {
        return RecordSpec.parameters((Record) kind.defaults());
    }

    private static Kind kind(String name, Initializer defaults, String... aliases) {
        return new Kind(name, List.of(aliases), defaults);
    }

    private static void collect(Class<?> type, List<Kind> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, out);
            }
        } else if (type.isRecord()) {
            try {
                out.add(kindOf((Initializer) type.getDeclaredConstructor().newInstance()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getSimpleName() + " needs a public no-argument constructor", e);
            }
        }
    }
}
