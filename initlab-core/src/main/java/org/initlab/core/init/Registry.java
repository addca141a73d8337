package org.initlab.core.init;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
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
    public record Kind(String name, List<String> aliases, Initializer defaults) {
    }

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

    private Registry() {
    }

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
            case TruncatedNormalAbsolute t -> kind("truncated_normal_absolute", new TruncatedNormalAbsolute(),
                    "trunc_normal", "torch_trunc_normal");
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
                    + "valid: " + String.join(", ", KINDS.stream().map(Kind::name).toList()));
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
        RecordComponent[] comps = kind.defaults().getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        boolean[] given = new boolean[comps.length];
        for (int i = 0; i < comps.length; i++) {
            values[i] = componentValue(kind.defaults(), comps[i]);
        }
        List<String> keys = Arrays.stream(comps).map(c -> SpecSyntax.snake(c.getName())).toList();
        int position = 0;
        for (SpecSyntax.Arg arg : call.args()) {
            int index;
            if (arg.key() == null) {
                if (position >= comps.length) {
                    throw new IllegalArgumentException(kind.name() + " takes " + comps.length
                            + " argument(s) " + keys + ", got more in '" + spec.strip() + "'");
                }
                index = position++;
            } else {
                index = keys.indexOf(arg.key());
                if (index < 0) {
                    throw new IllegalArgumentException("unknown argument '" + arg.key() + "' for " + kind.name()
                            + Names.didYouMean(arg.key(), keys)
                            + "valid: " + (keys.isEmpty() ? "none" : String.join(", ", keys)));
                }
            }
            if (given[index]) {
                throw new IllegalArgumentException(kind.name() + ": argument '" + keys.get(index) + "' given twice");
            }
            given[index] = true;
            values[index] = SpecSyntax.convert(kind.name(), keys.get(index), arg.value(), comps[index].getType());
        }
        return construct(kind, comps, values);
    }

    /** The canonical spec: name plus the components that differ from the defaults. */
    public static String format(Initializer init) {
        Kind kind = kindOf(init);
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : init.getClass().getRecordComponents()) {
            Object value = componentValue(init, c);
            if (!value.equals(componentValue(kind.defaults(), c))) {
                parts.add(SpecSyntax.snake(c.getName()) + "=" + SpecSyntax.render(value));
            }
        }
        return parts.isEmpty() ? kind.name() : kind.name() + "(" + String.join(", ", parts) + ")";
    }

    /** The components of a kind as (snake_case name, default value rendered) pairs. */
    public static Map<String, String> parameters(Kind kind) {
        Map<String, String> params = new LinkedHashMap<>();
        for (RecordComponent c : kind.defaults().getClass().getRecordComponents()) {
            params.put(SpecSyntax.snake(c.getName()), SpecSyntax.render(componentValue(kind.defaults(), c)));
        }
        return params;
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

    private static Object componentValue(Initializer init, RecordComponent c) {
        try {
            return c.getAccessor().invoke(init);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Initializer construct(Kind kind, RecordComponent[] comps, Object[] values) {
        Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> ctor = kind.defaults().getClass().getDeclaredConstructor(types);
            return (Initializer) ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
