package org.initlab.core.init;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference card of one initializer, for {@code initlab explain}: its law, variance, paper,
 * when to use it, what PyTorch, Keras, JAX, DL4J and DJL call it and how they differ, and common
 * misconceptions.
 *
 * <p>Cards are text resources {@code cards/NAME.txt} beside this class, one {@code key: text}
 * entry per line, continued on lines indented by two spaces. Every registry kind has one (a
 * test checks it).
 *
 * @param name the canonical initializer name
 * @param fields the entries in file order: title, law, variance, paper, use, pytorch, keras, jax,
 *     dl4j, djl, misconceptions
 */
public record MethodCard(String name, Map<String, String> fields) {

    /** The card of a kind. */
    public static MethodCard of(Registry.Kind kind) {
        return of(kind.name(), MethodCard.class);
    }

    /**
     * The card {@code cards/NAME.txt} beside {@code owner}'s class file, in the format above: how
     * other families of methods (the lab's initialization plans) keep their cards.
     */
    public static MethodCard of(String name, Class<?> owner) {
        String resource = "cards/" + name + ".txt";
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no method card " + resource + " beside " + owner.getName());
            }
            return new MethodCard(name, parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry, or the empty string. */
    public String get(String key) {
        return fields.getOrDefault(key, "");
    }

    private static Map<String, String> parse(BufferedReader reader) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        String key = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("  ") && key != null) {
                fields.merge(key, line.strip(), (a, b) -> a + "\n" + b);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("bad method card line: " + line);
            }
            key = line.substring(0, colon).strip();
            fields.put(key, line.substring(colon + 1).strip());
        }
        return fields;
    }
}
