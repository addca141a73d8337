package org.initlab.io.pretrained;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Renames the keys of a state-dict file to the parameter paths of a model, by ordered regex rules.
 *
 * <p><b>First match wins.</b> For each file key the rules are tried in order; the first rule whose
 * pattern is found in the key ({@link Matcher#find()}, so anchor with {@code ^}/{@code $} to match
 * whole keys) rewrites it, every occurrence of its pattern replaced ({@link Matcher#replaceAll}),
 * and no later rule sees the result. A key that no rule matches is kept as it is. So each rule can
 * be read alone: its output is a model path, never the input of another rule.
 *
 * <p>Examples: {@code ^module\.=} strips the {@code module.} prefix PyTorch's
 * {@code DataParallel} adds; {@code ^features\.(\d+)=$1} maps {@code features.3.weight} to
 * {@code 3.weight}; {@code ^layer(\d+)\.kernel$=$1.weight} maps Keras-style names.
 *
 * <p>Two file keys that map to the same model path are an error of the load (a name collision,
 * in strict and non-strict mode alike); {@link #mapKeys} shows them, it does not judge them.
 *
 * @param rules the rules, tried in this order
 */
public record NameMapping(List<Rule> rules) {

    /**
     * One rule: every occurrence of {@code pattern} in a key is replaced by {@code replacement}.
     *
     * @param pattern the regular expression ({@link Pattern} syntax)
     * @param replacement the replacement in {@link Matcher#replaceAll(String)} syntax: {@code $1}
     *     or {@code ${name}} refer to groups, {@code \$} is a literal dollar sign
     */
    public record Rule(Pattern pattern, String replacement) {

        /** Checks that every group the replacement refers to exists in the pattern. */
        public Rule {
            checkReplacement(pattern, replacement);
        }

        /**
         * Parses {@code PATTERN=REPLACEMENT}, split at the <em>last</em> {@code =} (a model path never
         * contains {@code =}, a regex may: {@code (?=...)}). The replacement may be empty (to strip
         * a prefix); the pattern may not.
         *
         * @throws IllegalArgumentException naming the rule and what is wrong with it
         */
        public static Rule parse(String text) {
            int eq = text.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("name-mapping rule '" + text
                        + "' has no '='; expected PATTERN=REPLACEMENT, e.g. ^features\\.(\\d+)=$1");
            }
            String regex = text.substring(0, eq);
            if (regex.isEmpty()) {
                throw new IllegalArgumentException("name-mapping rule '" + text
                        + "' has an empty pattern; expected PATTERN=REPLACEMENT, e.g. ^module\\.=");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "name-mapping rule '" + text + "': bad regular expression '" + regex + "': "
                                + e.getDescription() + " near index " + e.getIndex(),
                        e);
            }
            return new Rule(pattern, text.substring(eq + 1));
        }

        /** The rewritten key, or {@code null} when the pattern does not occur in it. */
        String rewrite(String key) {
            Matcher m = pattern.matcher(key);
            return m.find() ? m.replaceAll(replacement) : null;
        }

        /** Two rules are equal when their pattern texts, flags and replacements are. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Rule r
                    && r.pattern.pattern().equals(pattern.pattern())
                    && r.pattern.flags() == pattern.flags()
                    && r.replacement.equals(replacement);
        }

        @Override
        public int hashCode() {
            return 31 * pattern.pattern().hashCode() + replacement.hashCode();
        }

        /** {@code PATTERN=REPLACEMENT}, the form {@link #parse} reads. */
        @Override
        public String toString() {
            return pattern.pattern() + "=" + replacement;
        }

        private static void checkReplacement(Pattern pattern, String replacement) {
            int groups = pattern.matcher("").groupCount();
            String where = "name-mapping rule '" + pattern.pattern() + "=" + replacement + "': replacement ";
            for (int i = 0; i < replacement.length(); i++) {
                char c = replacement.charAt(i);
                if (c == '\\') {
                    if (++i == replacement.length()) {
                        throw new IllegalArgumentException(where + "ends with a lone '\\'; write \\\\ for a backslash");
                    }
                } else if (c == '$') {
                    if (i + 1 == replacement.length()) {
                        throw new IllegalArgumentException(where + "ends with a lone '$'; write \\$ for a dollar sign");
                    }
                    char next = replacement.charAt(i + 1);
                    if (next == '{') {
                        int close = replacement.indexOf('}', i);
                        if (close < 0) {
                            throw new IllegalArgumentException(where + "has '${' without a closing '}'");
                        }
                        String name = replacement.substring(i + 2, close);
                        if (!pattern.namedGroups().containsKey(name)) {
                            throw new IllegalArgumentException(where + "refers to ${" + name
                                    + "}, but the pattern has no group of that name; named groups: "
                                    + pattern.namedGroups().keySet());
                        }
                        i = close;
                    } else if (next >= '0' && next <= '9') {
                        if (next - '0' > groups) {
                            throw new IllegalArgumentException(where + "refers to $" + next + ", but the pattern has "
                                    + groups + " group(s); valid: $0" + (groups > 0 ? " to $" + groups : ""));
                        }
                        i++;
                    } else {
                        throw new IllegalArgumentException(where + "has '$' not followed by a group number or {name};"
                                + " write \\$ for a dollar sign");
                    }
                }
            }
        }
    }

    public NameMapping {
        rules = List.copyOf(rules);
    }

    /** No rules: every file key is its own model path. */
    public static NameMapping identity() {
        return new NameMapping(List.of());
    }

    /** Parses each text with {@link Rule#parse}, keeping their order. */
    public static NameMapping parse(List<String> rules) {
        List<Rule> parsed = new ArrayList<>();
        for (String r : rules) {
            parsed.add(Rule.parse(r));
        }
        return new NameMapping(parsed);
    }

    /** The model path of one file key: rewritten by the first rule that matches it, else the key itself. */
    public String map(String key) {
        for (Rule r : rules) {
            String mapped = r.rewrite(key);
            if (mapped != null) {
                return mapped;
            }
        }
        return key;
    }

    /**
     * Maps every key, grouping the keys by the model path they map to: paths in the order of their
     * first key, keys in the given order. A path with more than one key is a name collision.
     */
    public SequencedMap<String, List<String>> mapKeys(Collection<String> keys) {
        SequencedMap<String, List<String>> byPath = new LinkedHashMap<>();
        for (String key : keys) {
            byPath.computeIfAbsent(map(key), p -> new ArrayList<>()).add(key);
        }
        byPath.replaceAll((p, ks) -> List.copyOf(ks));
        return byPath;
    }
}
