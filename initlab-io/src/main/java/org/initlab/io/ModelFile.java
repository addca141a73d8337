package org.initlab.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.initlab.nn.model.LayerSpec;
import org.initlab.nn.model.ModelLanguage;

/**
 * A model described in a YAML or JSON file, read into the same {@link LayerSpec} records as a
 * model spec string: the file is the spec written as a tree, and is bound by the same
 * {@link ModelLanguage} (so every name, argument, default and error is the same).
 *
 * <pre>
 * input: [1, 28, 28]          # one example's shape; sizes left out are inferred from it
 * layers:
 *   - conv2d: {out: 16, kernel: 3, pad: 1}
 *   - batchnorm
 *   - relu
 *   - maxpool: 2
 *   - residual:
 *       branch: [conv2d: [16, 3, {pad: 1}], relu]
 *       scale: true
 *   - flatten
 *   - dense: 10
 * </pre>
 * The rules: a layer is a string ({@code relu}, or a whole spec such as {@code "dense(10)"}) or a
 * one-key object {@code KIND: ARGS} whose arguments are an object (named), a list (positional; a
 * trailing object in it gives named ones), a scalar (one positional argument) or null (none). An
 * object with {@code layers} (and optionally {@code input}) is a {@code seq}, at the top or
 * anywhere a layer goes. An argument value that is a list of numbers is a list ({@code hidden:
 * [256, 128]}); a list of layers is a {@code seq}; an object is a layer. A short family name works
 * too: {@code mlp: {in: 784, hidden: [256, 128], out: 10}}.
 */
public final class ModelFile {
    /** Largest model file read: a description is a few hundred lines. */
    static final long MAX_BYTES = 1 << 20;

    private ModelFile() {}

    /** Whether {@code model} names a model file (by extension) rather than a spec string. */
    public static boolean isFile(String model) {
        String lower = model.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    /**
     * Reads a model file: YAML when the name ends in {@code .yaml} or {@code .yml}, JSON otherwise.
     *
     * @throws FormatException on malformed YAML/JSON or a tree that is not a model (file, offset, reason)
     * @throws IllegalArgumentException from the model language, prefixed with the file
     */
    public static LayerSpec read(Path file) throws IOException {
        String source = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new FormatException(source, 0, "a model file of " + size + " bytes; at most " + MAX_BYTES);
        }
        byte[] bytes = Files.readAllBytes(file);
        String lower = source.toLowerCase(Locale.ROOT);
        JsonTree root = lower.endsWith(".yaml") || lower.endsWith(".yml")
                ? YamlTree.parse(new String(bytes, StandardCharsets.UTF_8), source)
                : JsonTree.parse(bytes, source, 0);
        return parse(root, source);
    }

    /** The model a parsed tree describes. */
    public static LayerSpec parse(JsonTree root, String source) throws FormatException {
        String spec = layer(root, source);
        try {
            return ModelLanguage.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The spec text of the layer at {@code node}. */
    private static String layer(JsonTree node, String source) throws FormatException {
        return switch (node) {
            case JsonTree.Str s -> single(s, source);
            case JsonTree.Obj o when has(o, "layers") -> seq(o, source);
            case JsonTree.Obj o when o.members().size() == 1 -> call(o.members().get(0), source);
            default ->
                throw new FormatException(
                        source,
                        node.at(),
                        "expected a layer: a name such as relu, a one-key"
                                + " object such as {dense: 10} or {conv2d: {out: 16, kernel: 3}}, or an object with layers");
        };
    }

    private static String seq(JsonTree.Obj o, String source) throws FormatException {
        List<String> parts = new ArrayList<>();
        for (JsonTree.Member m : o.members()) {
            switch (m.key()) {
                case "layers" -> {
                    if (!(m.value() instanceof JsonTree.Arr items)) {
                        throw new FormatException(source, m.value().at(), "layers must be a list of layers");
                    }
                    for (JsonTree item : items.items()) {
                        parts.add(layer(item, source));
                    }
                }
                case "input" -> parts.add("input=" + value(m.value(), source));
                default ->
                    throw new FormatException(
                            source, m.at(), "unknown key '" + m.key() + "' next to layers; valid: layers, input");
            }
        }
        return "seq(" + String.join(", ", parts) + ")";
    }

    private static String call(JsonTree.Member m, String source) throws FormatException {
        String kind = m.key().strip();
        if (!kind.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new FormatException(source, m.at(), "expected a layer name as the key, got '" + kind + "'");
        }
        List<String> args = new ArrayList<>();
        switch (m.value()) {
            case JsonTree.Null n -> {
                return kind;
            }
            case JsonTree.Obj named -> named(named, args, source);
            case JsonTree.Arr items -> {
                for (int i = 0; i < items.items().size(); i++) {
                    JsonTree item = items.items().get(i);
                    if (i == items.items().size() - 1 && item instanceof JsonTree.Obj named && !isLayer(named)) {
                        named(named, args, source);
                    } else {
                        args.add(value(item, source));
                    }
                }
            }
            default -> args.add(value(m.value(), source));
        }
        return kind + "(" + String.join(", ", args) + ")";
    }

    /** A trailing object of a positional list is named arguments unless its one key is a layer ({@code - relu: null}). */
    private static boolean isLayer(JsonTree.Obj o) {
        return has(o, "layers")
                || (o.members().size() == 1
                        && ModelLanguage.names().contains(o.members().get(0).key()));
    }

    private static void named(JsonTree.Obj o, List<String> args, String source) throws FormatException {
        for (JsonTree.Member a : o.members()) {
            args.add(a.key() + "=" + value(a.value(), source));
        }
    }

    /** The spec text of an argument value. */
    private static String value(JsonTree node, String source) throws FormatException {
        return switch (node) {
            case JsonTree.Num n -> n.text();
            case JsonTree.Bool b -> Boolean.toString(b.value());
            case JsonTree.Str s -> single(s, source);
            case JsonTree.Arr a
            when a.items().stream().allMatch(i -> i instanceof JsonTree.Num) -> {
                List<String> items = new ArrayList<>();
                a.items().forEach(i -> items.add(((JsonTree.Num) i).text()));
                yield "[" + String.join(", ", items) + "]";
            }
            case JsonTree.Arr a -> {
                List<String> items = new ArrayList<>();
                for (JsonTree i : a.items()) {
                    items.add(layer(i, source));
                }
                yield "seq(" + String.join(", ", items) + ")";
            }
            case JsonTree.Obj o -> layer(o, source);
            case JsonTree.Null n -> throw new FormatException(source, n.at(), "an argument cannot be null");
        };
    }

    /** A string is one name or one spec: brackets balanced, no comma outside them (so it cannot add arguments). */
    private static String single(JsonTree.Str s, String source) throws FormatException {
        if (s.value().isBlank() || topLevel(s.value())) {
            throw new FormatException(source, s.at(), "expected one name or spec, got '" + s.value() + "'");
        }
        return s.value();
    }

    /** Whether {@code text} has unbalanced brackets or a comma or {@code =} outside them. */
    private static boolean topLevel(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
                if (depth < 0) {
                    return true;
                }
            } else if ((c == ',' || c == '=') && depth == 0) {
                return true;
            }
        }
        return depth != 0;
    }

    private static boolean has(JsonTree.Obj o, String key) {
        return o.members().stream().anyMatch(m -> m.key().equals(key));
    }
}
