package org.initlab.core.init;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.initlab.core.Names;

/**
 * The one binder from a parsed spec ({@link SpecSyntax.Call}) to a record, and back: the record's
 * components are the spec's arguments. Used by the initializer {@link Registry} and by the
 * engine's model language.
 *
 * <p>Binding: positional arguments fill the writable components in order; {@code key=value}
 * arguments name a component by its snake_case name ({@code negative_slope}). An argument given
 * twice, an unknown key (with a did-you-mean), too many positional arguments or a missing
 * required component is an error naming the kind, the value and what is valid. Values are
 * converted by {@link SpecSyntax#convert} (numbers, booleans, names, enums), {@code List<T>}
 * components from {@code [a, b, ...]} element by element, and any other type by the caller's
 * {@link Resolver} (the model language resolves nested layer specs that way).
 *
 * <p>Formatting is the inverse: required components positionally, the others as
 * {@code key=value} when they differ from their defaults, so {@code bind(parse(format(r)))}
 * equals {@code r}.
 *
 * @see Form
 */
public final class SpecBinder {

    /**
     * How one record kind is written.
     *
     * @param name the canonical spec name (for messages and formatting)
     * @param type the record class
     * @param defaults the default value of each optional component, by component name;
     *     a component missing here is required
     * @param inferred optional components that lead the positional order but may be left out:
     *     with exactly as many positional arguments as required components they are skipped
     *     ({@code dense(10)} is {@code dense(out=10)}, {@code dense(64, 10)} fills {@code in} too)
     * @param fixed components that are not arguments but set by the kind itself, by name (the
     *     activation of {@code relu})
     * @param variadic whether the first component, a {@code List}, takes every positional argument
     *     ({@code seq(a, b, c)})
     * @param keys the spec key of a component whose key is not its snake_case name, by component
     *     name (an activation's {@code param} is written {@code negative_slope} for leaky ReLU and
     *     {@code alpha} for ELU)
     */
    public record Form(
            String name,
            Class<?> type,
            Map<String, Object> defaults,
            Set<String> inferred,
            Map<String, Object> fixed,
            boolean variadic,
            Map<String, String> keys) {
        public Form {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            defaults = Map.copyOf(defaults);
            inferred = Set.copyOf(inferred);
            fixed = Map.copyOf(fixed);
            keys = Map.copyOf(keys);
        }

        /** A form whose components are written by their snake_case names. */
        public Form(
                String name,
                Class<?> type,
                Map<String, Object> defaults,
                Set<String> inferred,
                Map<String, Object> fixed,
                boolean variadic) {
            this(name, type, defaults, inferred, fixed, variadic, Map.of());
        }

        /** The spec key of component {@code component}. */
        public String key(String component) {
            return keys.getOrDefault(component, SpecSyntax.snake(component));
        }

        /** A form whose components all have defaults: {@code defaults} is an instance holding them. */
        public static Form ofDefaults(String name, Object defaults) {
            Map<String, Object> values = new java.util.HashMap<>();
            for (RecordComponent c : defaults.getClass().getRecordComponents()) {
                values.put(c.getName(), value(defaults, c));
            }
            return new Form(name, defaults.getClass(), values, Set.of(), Map.of(), false);
        }
    }

    /** Converts a value of a type {@link SpecSyntax#convert} does not know; returns null if it does not either. */
    @FunctionalInterface
    public interface Resolver {
        Object resolve(Type type, String text);
    }

    /** Renders a value of a type {@link SpecSyntax#render} does not know; returns null if it does not either. */
    @FunctionalInterface
    public interface Renderer {
        String render(Object value);
    }

    private SpecBinder() {}

    /**
     * Binds {@code call}'s arguments to a new record of {@code form}'s type.
     *
     * @param spec the whole spec as written, for messages
     * @throws IllegalArgumentException naming what was wrong and what is valid
     */
    public static Object bind(Form form, SpecSyntax.Call call, String spec, Resolver resolver) {
        RecordComponent[] comps = form.type().getRecordComponents();
        List<RecordComponent> writable = new ArrayList<>();
        for (RecordComponent c : comps) {
            if (!form.fixed().containsKey(c.getName())) {
                writable.add(c);
            }
        }
        List<String> keys = writable.stream().map(c -> form.key(c.getName())).toList();
        Object[] values = new Object[writable.size()];
        boolean[] given = new boolean[writable.size()];
        List<SpecSyntax.Arg> positional =
                call.args().stream().filter(a -> a.key() == null).toList();
        List<Integer> slots = positionalSlots(form, writable, positional.size());
        List<String> rest = new ArrayList<>();
        for (int p = 0; p < positional.size(); p++) {
            if (form.variadic()) {
                rest.add(positional.get(p).value());
                continue;
            }
            if (p >= slots.size()) {
                throw new IllegalArgumentException(form.name() + " takes " + slots.size() + " argument(s) "
                        + slots.stream().map(keys::get).toList() + ", got " + positional.size() + " in '" + spec.strip()
                        + "'");
            }
            int index = slots.get(p);
            given[index] = true;
            values[index] = convert(form, writable.get(index), positional.get(p).value(), resolver);
        }
        if (form.variadic()) {
            given[0] = true;
            values[0] = convertItems(form, writable.get(0), rest, resolver);
        }
        for (SpecSyntax.Arg arg : call.args()) {
            if (arg.key() == null) {
                continue;
            }
            int index = keys.indexOf(arg.key());
            if (index < 0 || (form.variadic() && index == 0)) {
                throw new IllegalArgumentException("unknown argument '" + arg.key() + "' for " + form.name()
                        + Names.didYouMean(arg.key(), keys)
                        + "valid: " + (keys.isEmpty() ? "none" : String.join(", ", keys)));
            }
            if (given[index]) {
                throw new IllegalArgumentException(form.name() + ": argument '" + keys.get(index) + "' given twice");
            }
            given[index] = true;
            values[index] = convert(form, writable.get(index), arg.value(), resolver);
        }
        for (int i = 0; i < writable.size(); i++) {
            if (!given[i]) {
                String name = writable.get(i).getName();
                if (!form.defaults().containsKey(name)) {
                    throw new IllegalArgumentException(
                            form.name() + ": missing argument '" + keys.get(i) + "' in '" + spec.strip() + "'");
                }
                values[i] = form.defaults().get(name);
            }
        }
        Object[] all = new Object[comps.length];
        for (int i = 0, w = 0; i < comps.length; i++) {
            all[i] = form.fixed().containsKey(comps[i].getName()) ? form.fixed().get(comps[i].getName()) : values[w++];
        }
        return construct(form.type(), comps, all);
    }

    /**
     * Which writable components {@code count} positional arguments fill: every component up to
     * the last required one, leaving out the {@link Form#inferred} ones when only the required
     * ones are given, then the optional ones in order.
     */
    private static List<Integer> positionalSlots(Form form, List<RecordComponent> writable, int count) {
        long required = writable.stream()
                .filter(c -> !form.defaults().containsKey(c.getName()))
                .count();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < writable.size(); i++) {
            boolean skip = count <= required
                    && form.inferred().contains(writable.get(i).getName());
            if (!skip) {
                slots.add(i);
            }
        }
        return slots;
    }

    private static Object convert(Form form, RecordComponent c, String text, Resolver resolver) {
        String key = form.key(c.getName());
        if (c.getType() == List.class) {
            List<String> items;
            try {
                items = SpecSyntax.list(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        form.name() + ": " + key + " must be a list such as [1, 2], got '" + text.strip() + "' ("
                                + e.getMessage() + ")",
                        e);
            }
            return convertItems(form, c, items, resolver);
        }
        return convertOne(form, key, c.getGenericType(), text, resolver);
    }

    private static List<Object> convertItems(Form form, RecordComponent c, List<String> items, Resolver resolver) {
        Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        String key = form.key(c.getName());
        List<Object> out = new ArrayList<>();
        for (String item : items) {
            out.add(convertOne(form, key, element, item, resolver));
        }
        return List.copyOf(out);
    }

    private static Object convertOne(Form form, String key, Type type, String text, Resolver resolver) {
        Object resolved = resolver.resolve(type, text);
        if (resolved != null) {
            return resolved;
        }
        Class<?> raw = type == Integer.class
                ? int.class
                : type == Double.class
                        ? double.class
                        : type == Long.class ? long.class : type == Boolean.class ? boolean.class : (Class<?>) type;
        return SpecSyntax.convert(form.name(), key, text, raw);
    }

    /**
     * The canonical spec of {@code value}: required (and known inferred) components positionally,
     * optional ones as {@code key=value} when they differ from the defaults.
     */
    public static String format(Form form, Object value, Renderer renderer) {
        List<String> parts = new ArrayList<>();
        List<String> named = new ArrayList<>();
        RecordComponent[] comps = form.type().getRecordComponents();
        for (RecordComponent c : comps) {
            String name = c.getName();
            if (form.fixed().containsKey(name)) {
                continue;
            }
            Object v = value(value, c);
            if (form.variadic() && c == comps[0] && v instanceof List<?> items) {
                items.forEach(item -> parts.add(render(item, renderer)));
                continue;
            }
            boolean required = !form.defaults().containsKey(name);
            boolean differs = !required && !v.equals(form.defaults().get(name));
            if (required || (differs && form.inferred().contains(name) && named.isEmpty())) {
                parts.add(render(v, renderer));
            } else if (differs) {
                named.add(form.key(name) + "=" + render(v, renderer));
            }
        }
        parts.addAll(named);
        return parts.isEmpty() ? form.name() : form.name() + "(" + String.join(", ", parts) + ")";
    }

    private static String render(Object v, Renderer renderer) {
        if (v instanceof List<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(item -> parts.add(render(item, renderer)));
            return "[" + String.join(", ", parts) + "]";
        }
        String custom = renderer.render(v);
        return custom != null ? custom : SpecSyntax.render(v);
    }

    /** The value of one component of a record. */
    public static Object value(Object r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object construct(Class<?> type, RecordComponent[] comps, Object[] values) {
        Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(values);
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
