package org.initlab.io.data;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.Names;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.SpecSyntax;

/**
 * The keyword arguments of one dataset spec ({@code circles(n=500, noise=0.1)}), taken one by one
 * with their defaults; {@link #finish()} rejects any argument no one asked for, suggesting the
 * nearest valid key.
 */
final class SpecArgs {
    private final String entry;
    private final Map<String, String> given = new LinkedHashMap<>();
    private final List<String> asked = new ArrayList<>();

    SpecArgs(String entry, SpecSyntax.Call call) {
        this.entry = entry;
        for (SpecSyntax.Arg arg : call.args()) {
            if (arg.key() == null) {
                throw new IllegalArgumentException(
                        entry + ": argument '" + arg.value() + "' needs a name, e.g. " + entry + "(n=500)");
            }
            given.put(arg.key(), arg.value()); // SpecSyntax refuses a key given twice
        }
    }

    /** An integer of at least {@code min}. */
    int integer(String key, int fallback, int min) {
        String v = take(key);
        if (v == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(entry + ": " + key + " must be an integer"
                    + (v.strip().matches("[+-]?\\d+") ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : "")
                    + ", got '" + v + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException(entry + ": " + key + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    /** A finite number. */
    double real(String key, double fallback) {
        String v = take(key);
        if (v == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(v);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(entry + ": " + key + " must be a finite number, got '" + v + "'");
    }

    /** Text as written (case kept: paths). */
    String text(String key, String fallback) {
        String v = take(key);
        return v == null ? fallback : v;
    }

    /** A constant of {@code type}, named in lower case. */
    <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
        String v = take(key);
        if (v == null) {
            return fallback;
        }
        List<String> valid = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT);
            if (name.equalsIgnoreCase(v)) {
                return constant;
            }
            valid.add(name);
        }
        throw new IllegalArgumentException(
                entry + ": " + Names.unknown(key, v, valid).getMessage());
    }

    /** An activation name ({@link Activation#parse}). */
    Activation activation(String key, Activation fallback) {
        String v = take(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Activation.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(entry + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /** Rejects the arguments not asked for. */
    void finish() {
        for (String key : given.keySet()) {
            if (!asked.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown argument '" + key + "' for " + entry + Names.didYouMean(key, asked) + "valid: "
                                + (asked.isEmpty() ? "none" : String.join(", ", asked)));
            }
        }
    }

    /** {@code negativeSlope} to {@code negative_slope}: a record component's spec key. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** A value as written in a spec: integral doubles without ".0", activations by spec name. */
    static String render(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Activation a) {
            return a.specName();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    /** The value of a record component. */
    static Object component(Object r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A record of {@code defaults}' class whose components are taken from these arguments (keys:
     * the components' names in snake_case; int, double, {@link Activation} or enum),
     * each defaulting to {@code defaults}' value. The record's constructor validates.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <R> R record(R defaults) {
        if (!defaults.getClass().isRecord()) {
            throw new IllegalStateException(defaults + " is not a record");
        }
        RecordComponent[] comps = defaults.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            String key = snake(comps[i].getName());
            Object fallback = component(defaults, comps[i]);
            types[i] = comps[i].getType();
            if (types[i] == int.class) {
                values[i] = integer(key, (Integer) fallback, Integer.MIN_VALUE);
            } else if (types[i] == double.class) {
                values[i] = real(key, (Double) fallback);
            } else if (types[i] == Activation.class) {
                values[i] = activation(key, (Activation) fallback);
            } else if (types[i].isEnum()) {
                values[i] = choice(key, (Enum) fallback, (Class) types[i]);
            } else {
                throw new IllegalStateException("no spec conversion for " + types[i] + " in " + defaults);
            }
        }
        try {
            return (R) defaults.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private String take(String key) {
        asked.add(key);
        return given.get(key);
    }
}
