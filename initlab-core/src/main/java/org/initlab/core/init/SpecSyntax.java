package org.initlab.core.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grammar of spec strings, shared by initializers, the engine's optimizer specs and the model
 * language: {@code name [ "(" [ arg { "," arg } ] ")" ]}, {@code arg = [ key "=" ] value}; names
 * and keys are lower-cased, values kept as written; a key given twice and an empty argument are
 * refused here, for every family of specs. A value may itself be a spec
 * ({@code residual(seq(dense(8,8), relu))}) or a list {@code [a, b, ...]} ({@link #list}): commas
 * and {@code =} inside parentheses or brackets belong to the nested value. Values are converted to
 * a record component's type here; {@link SpecBinder} binds a whole call to a record.
 */
public final class SpecSyntax {
    /** One argument; {@code key} is null for a positional one. */
    public record Arg(String key, String value) {}

    /** A parsed spec: the lower-cased name and the arguments in order. */
    public record Call(String name, List<Arg> args) {}

    private SpecSyntax() {}

    static Call parse(String spec) {
        return parse(spec, "initializer", "he_normal or normal(std=0.01)");
    }

    /**
     * Parses a spec.
     *
     * @param what what the spec names, for the error messages ({@code "optimizer"})
     * @param examples examples of valid specs, for the error messages
     * @throws IllegalArgumentException saying what is malformed
     */
    public static Call parse(String spec, String what, String examples) {
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty " + what + " spec; expected e.g. " + examples);
        }
        int open = s.indexOf('(');
        if (open < 0) {
            requireName(s, spec, examples);
            return new Call(s.toLowerCase(Locale.ROOT), List.of());
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("bad spec '" + spec.strip() + "': missing ')' at the end");
        }
        String name = s.substring(0, open).strip();
        requireName(name, spec, examples);
        if (closing(s, open, spec) != s.length() - 1) {
            throw new IllegalArgumentException(
                    "bad spec '" + spec.strip() + "': text after the ')' that closes " + name + "(");
        }
        String body = s.substring(open + 1, s.length() - 1).strip();
        List<Arg> args = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String part : split(body, spec)) {
                String p = part.strip();
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("bad spec '" + spec.strip() + "': empty argument");
                }
                int eq = topLevelEquals(p);
                if (eq < 0) {
                    args.add(new Arg(null, p));
                } else {
                    String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = p.substring(eq + 1).strip();
                    if (key.isEmpty() || value.isEmpty()) {
                        throw new IllegalArgumentException(
                                "bad spec '" + spec.strip() + "': argument '" + p + "' needs key=value");
                    }
                    for (Arg earlier : args) {
                        if (key.equals(earlier.key())) {
                            throw new IllegalArgumentException(
                                    "bad spec '" + spec.strip() + "': argument '" + key + "' given twice");
                        }
                    }
                    args.add(new Arg(key, value));
                }
            }
        }
        return new Call(name.toLowerCase(Locale.ROOT), args);
    }

    /**
     * The elements of a list value {@code [a, b, ...]} (nested brackets and parentheses kept
     * whole); {@code []} has none.
     *
     * @throws IllegalArgumentException if {@code text} is not a bracketed list
     */
    public static List<String> list(String text) {
        String s = text.strip();
        if (!s.startsWith("[") || closing(s, 0, text) != s.length() - 1) {
            throw new IllegalArgumentException("expected a list such as [1, 2], got '" + s + "'");
        }
        String body = s.substring(1, s.length() - 1).strip();
        List<String> items = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String part : split(body, text)) {
                if (part.isBlank()) {
                    throw new IllegalArgumentException("bad list '" + s + "': empty element");
                }
                items.add(part.strip());
            }
        }
        return items;
    }

    /** {@code text} cut at the commas outside parentheses and brackets. */
    private static List<String> split(String text, String spec) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("bad spec '" + spec.strip() + "': unbalanced '" + c + "'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("bad spec '" + spec.strip() + "': unbalanced parentheses or brackets");
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The index of the bracket closing the one at {@code open}. */
    private static int closing(String s, int open, String spec) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("bad spec '" + spec.strip() + "': missing ')' or ']'");
    }

    /** The first {@code =} outside parentheses and brackets, or -1 (so {@code seq(dropout(p=0.1))} is positional). */
    private static int topLevelEquals(String part) {
        int depth = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '=' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void requireName(String name, String spec, String examples) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "bad spec '" + spec.strip() + "': expected a name, optionally with arguments, e.g. " + examples);
        }
    }

    /** {@code negativeSlope} to {@code negative_slope}. */
    public static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    public static Object convert(String method, String key, String text, Class<?> type) {
        String t = text.strip();
        if (type == double.class) {
            if (t.equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + ": " + key + " must be a number, got '" + t + "'");
            }
        }
        if (type == long.class) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + ": " + key + " must be an integer, got '" + t + "'");
            }
        }
        if (type == int.class) {
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(method + ": " + key + " must be an integer"
                        + (t.matches("[+-]?\\d+") ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : "")
                        + ", got '" + t + "'");
            }
        }
        if (type == boolean.class) {
            return switch (t.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default ->
                    throw new IllegalArgumentException(method + ": " + key + " must be true or false, got '" + t + "'");
            };
        }
        if (type == String.class) {
            return t.toLowerCase(Locale.ROOT);
        }
        if (type.isEnum()) {
            List<String> valid = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name().toLowerCase(Locale.ROOT);
                valid.add(name);
                if (name.equalsIgnoreCase(t)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(method + ": "
                    + org.initlab.core.Names.unknown(key, t, valid).getMessage());
        }
        throw new IllegalStateException("no spec conversion for " + type);
    }

    /** A value as it is written in a spec; doubles in their shortest round-trip form. */
    public static String render(Object value) {
        if (value instanceof Double d) {
            double v = d;
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.doubleToRawLongBits(v) == Long.MIN_VALUE) {
                return "-0.0";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v).replace("E", "e").replace(".0e", "e");
        }
        if (value instanceof List<?> items) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(render(item));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }
}
