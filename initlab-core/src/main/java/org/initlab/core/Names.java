package org.initlab.core;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Spelling help for names given by people: activation names, initializer names, modes.
 *
 * <p>A suggestion is the valid name nearest to the given one in optimal-string-alignment
 * distance (Levenshtein distance plus transposition of two adjacent characters, so
 * {@code "rleu"} is one edit from {@code "relu"}), compared case-insensitively. It is offered
 * only when it is close: at most {@code max(1, given.length() / 3)} edits. On a tie the name
 * that comes first in the collection wins, so callers control preference by order.
 */
public final class Names {

    private Names() {}

    /**
     * The valid name nearest to {@code given}, if one is close enough to be a likely typo.
     *
     * @param given the name as received; compared case-insensitively
     * @param valid the accepted names, in order of preference for ties
     * @return the closest valid name, spelled as in {@code valid}; empty when none is within
     *     {@code max(1, given.length() / 3)} edits
     */
    public static Optional<String> closest(String given, Collection<String> valid) {
        Objects.requireNonNull(given, "given");
        Objects.requireNonNull(valid, "valid");
        String key = given.strip().toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, key.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : valid) {
            int distance = distance(key, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /**
     * The error for a name that is not among the valid ones, worded as
     * {@code unknown activation 'rleu'; did you mean 'relu'? valid: linear, sigmoid, ...}, or
     * without the "did you mean" part ({@code unknown mode 'x'; valid: fan_in, fan_out}) when
     * {@link #closest} finds no suggestion.
     *
     * @param kind what the name names, e.g. {@code "activation"} or {@code "initializer"}
     * @param given the name as received
     * @param valid every accepted name, in the order to list them
     * @return the exception, for the caller to throw
     */
    public static IllegalArgumentException unknown(String kind, String given, Collection<String> valid) {
        StringBuilder message = new StringBuilder()
                .append("unknown ")
                .append(kind)
                .append(" '")
                .append(given)
                .append('\'');
        closest(given, valid)
                .ifPresentOrElse(
                        s -> message.append("; did you mean '").append(s).append("'? "), () -> message.append("; "));
        message.append("valid: ").append(String.join(", ", valid));
        return new IllegalArgumentException(message.toString());
    }

    /**
     * The part of an error message between the wrong name and the list of valid ones:
     * {@code "; did you mean 'relu'? "} when {@link #closest} finds a suggestion among
     * {@code candidates}, else {@code "; "}. For messages that list fewer names than they accept
     * (canonical names without aliases).
     */
    public static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates)
                .map(s -> "; did you mean '" + s + "'? ")
                .orElse("; ");
    }

    /**
     * Optimal string alignment distance: the fewest insertions, deletions, substitutions and
     * adjacent transpositions turning {@code a} into {@code b}, no substring edited twice.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
