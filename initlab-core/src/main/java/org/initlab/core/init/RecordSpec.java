package org.initlab.core.init;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.core.Names;

/**
 * The binder between spec strings and configuration records, for every family whose spec is
 * {@code name(component=value, ...)}: initializers ({@link Registry}) and the model-dependent
 * initialization plans of the lab. A record's spec arguments are its components, positional in
 * declaration order or by snake_case name; {@link #format} prints the components that differ from
 * the defaults, so {@code bind(format(x)) == x}.
 */
public final class RecordSpec {
    private RecordSpec() {}

    /**
     * The record {@code call} describes, starting from {@code defaults} (the kind's instance with
     * every component at its default) and replacing the given components.
     *
     * @param name the kind's canonical name, for the error messages
     * @throws IllegalArgumentException naming an unknown, repeated or badly typed argument and the
     *     valid ones, or the record's own validation message
     */
    public static <R extends Record> R bind(String name, SpecSyntax.Call call, R defaults, String spec) {
        RecordComponent[] comps = defaults.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        boolean[] given = new boolean[comps.length];
        for (int i = 0; i < comps.length; i++) {
            values[i] = componentValue(defaults, comps[i]);
        }
        List<String> keys =
                Arrays.stream(comps).map(c -> SpecSyntax.snake(c.getName())).toList();
        int position = 0;
        for (SpecSyntax.Arg arg : call.args()) {
            int index;
            if (arg.key() == null) {
                if (position >= comps.length) {
                    throw new IllegalArgumentException(name + " takes " + comps.length + " argument(s) " + keys
                            + ", got more in '" + spec.strip() + "'");
                }
                index = position++;
            } else {
                index = keys.indexOf(arg.key());
                if (index < 0) {
                    throw new IllegalArgumentException("unknown argument '" + arg.key() + "' for " + name
                            + Names.didYouMean(arg.key(), keys)
                            + "valid: " + (keys.isEmpty() ? "none" : String.join(", ", keys)));
                }
            }
            if (given[index]) {
                throw new IllegalArgumentException(name + ": argument '" + keys.get(index) + "' given twice");
            }
            given[index] = true;
            values[index] = SpecSyntax.convert(name, keys.get(index), arg.value(), comps[index].getType());
        }
        return construct(defaults, comps, values);
    }

    /** {@code name} plus the components of {@code value} that differ from {@code defaults}. */
    public static String format(String name, Record value, Record defaults) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            Object v = componentValue(value, c);
            if (!v.equals(componentValue(defaults, c))) {
                parts.add(SpecSyntax.snake(c.getName()) + "=" + SpecSyntax.render(v));
            }
        }
        return parts.isEmpty() ? name : name + "(" + String.join(", ", parts) + ")";
    }

    /** The components of {@code defaults} as (snake_case name, default value rendered) pairs. */
    public static Map<String, String> parameters(Record defaults) {
        Map<String, String> params = new LinkedHashMap<>();
        for (RecordComponent c : defaults.getClass().getRecordComponents()) {
            params.put(SpecSyntax.snake(c.getName()), SpecSyntax.render(componentValue(defaults, c)));
        }
        return params;
    }

    private static Object componentValue(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R construct(R defaults, RecordComponent[] comps, Object[] values) {
        Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> ctor = defaults.getClass().getDeclaredConstructor(types);
            return (R) ctor.newInstance(values);
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
