package org.initlab.lab.experiment;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.Names;
import org.initlab.core.init.SpecSyntax;

/**
 * The catalog of built-in experiments and the one binder of their specs. Each kind is a record
 * permitted by {@link Experiment}; its no-argument constructor gives the defaults and each
 * component's {@link Param} its meaning and range. A spec is {@code name} or
 * {@code name(key=value, ...)} in the grammar of initializer specs ({@link SpecSyntax}; a hyphen in
 * the name may be written as an underscore), keys being the components' snake_case names:
 * {@code deep-relu(epochs=10, lr=1e-3)}. {@link #format} gives the canonical spec, and
 * {@code parse(format(e)).equals(e)}.
 */
public final class Experiments {
    private static final List<Experiment<?>> DEFAULTS = collect();

    private Experiments() {}

    /** Every built-in experiment at its defaults, in the order of {@link Experiment}'s permits clause. */
    public static List<Experiment<?>> all() {
        return DEFAULTS;
    }

    /** Every built-in name. */
    public static List<String> names() {
        return DEFAULTS.stream().map(Experiment::name).toList();
    }

    /**
     * The experiment a spec names, its components bound from the spec's arguments.
     *
     * @throws IllegalArgumentException naming the unknown experiment or argument (with a suggestion
     *     and the valid names), a value of the wrong type, a duplicate, or a value out of range
     */
    public static Experiment<?> parse(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open))
                .strip()
                .toLowerCase(Locale.ROOT)
                .replace('_', '-');
        Experiment<?> base = byName(name);
        SpecSyntax.Call call = SpecSyntax.parse(
                name.replace('-', '_') + (open < 0 ? "" : s.substring(open)),
                "experiment",
                "deep-relu or deep-relu(epochs=10, lr=0.001)");
        return bind(base, call.args());
    }

    /** The default experiment called {@code name} ({@code _} may stand for {@code -}). */
    public static Experiment<?> byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Experiment<?> e : DEFAULTS) {
            if (e.name().equals(n)) {
                return e;
            }
        }
        throw Names.unknown("experiment", name.strip(), names());
    }

    /**
     * {@code base} with the components named in {@code args} ({@code "lr=0.001"}, comma-separated
     * {@code key=value} pairs) replaced.
     */
    public static <R extends Experiment.Result> Experiment<R> with(Experiment<R> base, String args) {
        SpecSyntax.Call call = SpecSyntax.parse("x(" + args + ")", "experiment", "lr=0.001");
        @SuppressWarnings("unchecked")
        Experiment<R> e = (Experiment<R>) bind(base, call.args());
        return e;
    }

    /** {@code base} with the component {@code key} (snake_case) set to {@code value}. */
    public static <R extends Experiment.Result> Experiment<R> with(Experiment<R> base, String key, Object value) {
        return with(base, key + "=" + SpecSyntax.render(value));
    }

    /** The canonical spec: the name and the components that differ from the defaults. */
    public static String format(Experiment<?> e) {
        Experiment<?> defaults = byName(e.name());
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            Object v = value(e, c);
            if (!v.equals(value(defaults, c))) {
                parts.add(SpecSyntax.snake(c.getName()) + "=" + SpecSyntax.render(v));
            }
        }
        return parts.isEmpty() ? e.name() : e.name() + "(" + String.join(", ", parts) + ")";
    }

    /** Every component as snake_case name to value: the full resolved configuration. */
    public static Map<String, Object> parameters(Experiment<?> e) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            m.put(SpecSyntax.snake(c.getName()), value(e, c));
        }
        return m;
    }

    /**
     * The parameters of a kind for help texts: snake_case name to "meaning (default D, range)".
     */
    public static Map<String, String> help(Experiment<?> e) {
        Map<String, String> m = new LinkedHashMap<>();
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            Param p = c.getAnnotation(Param.class);
            String range = p == null || (p.min() == Double.NEGATIVE_INFINITY && p.max() == Double.POSITIVE_INFINITY)
                    ? ""
                    : ", " + SpecSyntax.render(p.min()) + " to " + SpecSyntax.render(p.max());
            m.put(
                    SpecSyntax.snake(c.getName()),
                    (p == null ? "" : p.value()) + " (default " + SpecSyntax.render(value(e, c)) + range + ")");
        }
        return m;
    }

    private static Experiment<?> bind(Experiment<?> base, List<SpecSyntax.Arg> args) {
        RecordComponent[] comps = base.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        boolean[] given = new boolean[comps.length];
        for (int i = 0; i < comps.length; i++) {
            values[i] = value(base, comps[i]);
        }
        List<String> keys =
                Arrays.stream(comps).map(c -> SpecSyntax.snake(c.getName())).toList();
        int position = 0;
        for (SpecSyntax.Arg arg : args) {
            int index;
            if (arg.key() == null) {
                if (position >= comps.length) {
                    throw new IllegalArgumentException(base.name() + " takes " + comps.length + " argument(s) " + keys);
                }
                index = position++;
            } else {
                index = keys.indexOf(arg.key());
                if (index < 0) {
                    throw new IllegalArgumentException("unknown argument '" + arg.key() + "' for " + base.name()
                            + Names.didYouMean(arg.key(), keys) + "valid: "
                            + (keys.isEmpty() ? "none" : String.join(", ", keys)));
                }
            }
            if (given[index]) {
                throw new IllegalArgumentException(base.name() + ": argument '" + keys.get(index) + "' given twice");
            }
            given[index] = true;
            Class<?> type = comps[index].getType();
            Object v = type == long.class
                    ? convertLong(base.name(), keys.get(index), arg.value())
                    : type == String.class
                            ? arg.value().strip()
                            : SpecSyntax.convert(base.name(), keys.get(index), arg.value(), type);
            checkRange(base.name(), keys.get(index), v, comps[index].getAnnotation(Param.class));
            values[index] = v;
        }
        return construct(base, comps, values);
    }

    private static Object convertLong(String kind, String key, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + ": " + key + " must be an integer, got '" + text.strip() + "'");
        }
    }

    private static void checkRange(String kind, String key, Object v, Param p) {
        if (p == null || !(v instanceof Number n)) {
            return;
        }
        double x = n.doubleValue();
        if (!(x >= p.min() && x <= p.max())) {
            throw new IllegalArgumentException(kind + ": " + key + " must be in [" + SpecSyntax.render(p.min()) + ", "
                    + SpecSyntax.render(p.max()) + "], got " + SpecSyntax.render(v));
        }
    }

    private static Object value(Experiment<?> e, RecordComponent c) {
        try {
            return c.getAccessor().invoke(e);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(x);
        }
    }

    private static Experiment<?> construct(Experiment<?> base, RecordComponent[] comps, Object[] values) {
        Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> ctor = base.getClass().getDeclaredConstructor(types);
            return (Experiment<?>) ctor.newInstance(values);
        } catch (InvocationTargetException x) {
            if (x.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(x.getCause());
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(x);
        }
    }

    private static List<Experiment<?>> collect() {
        List<Experiment<?>> out = new ArrayList<>();
        for (Class<?> type : Experiment.class.getPermittedSubclasses()) {
            try {
                out.add((Experiment<?>) type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException(type.getSimpleName() + " needs a public no-argument constructor", x);
            }
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getAnnotation(Param.class) == null) {
                    throw new IllegalStateException(type.getSimpleName() + "." + c.getName() + " needs a @Param");
                }
            }
        }
        return List.copyOf(out);
    }
}
