package org.initlab.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON value (a safetensors header, an experiment spec file), each with the byte offset
 * ({@link #at()}) where it starts in the text, so that messages can point at the offending byte.
 *
 * <p>{@link #parse} is a strict RFC 8259 parser: UTF-8 text (checked as a whole first), one value
 * with only whitespace around it, no trailing commas, no comments, no leading zeros, no control
 * characters in strings, escapes limited to the standard ones with {@code \\u} surrogates paired,
 * object keys unique, nesting at most {@value #MAX_DEPTH} deep. It never recurses deeper than
 * that, and number texts are kept as they are (converted only by {@link Num#asLong()}, which looks
 * at most at 19 digits), so no input makes it slow or overflow the stack.
 */
public sealed interface JsonTree {
    /** Deepest nesting of arrays and objects accepted (a safetensors header needs 3). */
    int MAX_DEPTH = 64;

    /** Byte offset of the value's first byte in the header text. */
    int at();

    /** An object, members in text order. */
    record Obj(List<Member> members, int at) implements JsonTree {}

    /** One member of an object; {@code at} is the offset of its key. */
    record Member(String key, int at, JsonTree value) {}

    /** An array. */
    record Arr(List<JsonTree> items, int at) implements JsonTree {}

    /** A string. */
    record Str(String value, int at) implements JsonTree {}

    /** A number, as written. */
    record Num(String text, int at) implements JsonTree {
        /** The value if the number is a non-negative integer that fits a {@code long}, else {@code -1}. */
        public long asLong() {
            if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, int at) implements JsonTree {}

    /** {@code null}. */
    record Null(int at) implements JsonTree {}

    /**
     * Parses {@code text} as one JSON value.
     *
     * @param source the file, for messages
     * @param base the offset of {@code text[0]} in the file, added to every offset in messages
     */
    public static JsonTree parse(byte[] text, String source, long base) throws FormatException {
        return parse(text, source, base, "JSON document");
    }

    /**
     * Parses {@code text} as one JSON value, naming in every message what is read.
     *
     * @param what what the text is, e.g. {@code "safetensors header"} or {@code "experiment spec"}:
     *     messages read {@code "file: byte offset 12: experiment spec: expected ..."}
     */
    public static JsonTree parse(byte[] text, String source, long base, String what) throws FormatException {
        return new Parser(text, source, base, what).document();
    }

    /** Recursive descent over the bytes; {@code pos} is the next byte. */
    final class Parser {
        private final byte[] b;
        private final String source;
        private final long base;
        private final String what;
        private int pos;
        private int depth;

        private Parser(byte[] b, String source, long base, String what) {
            this.b = b;
            this.source = source;
            this.base = base;
            this.what = what;
        }

        private JsonTree document() throws FormatException {
            CharsetDecoder utf8 = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(b);
            CharBuffer out = CharBuffer.allocate(4096);
            while (true) {
                CoderResult r = utf8.decode(in, out, true);
                if (r.isError()) {
                    throw fail(in.position(), "not valid UTF-8");
                }
                if (r.isUnderflow()) {
                    break;
                }
                out.clear();
            }
            skipSpace();
            if (pos == b.length) {
                throw fail(pos, "empty; it must hold a JSON value");
            }
            JsonTree v = value();
            skipSpace();
            if (pos < b.length) {
                throw fail(pos, "unexpected " + describe(pos) + " after the JSON value (only whitespace may follow)");
            }
            return v;
        }

        private JsonTree value() throws FormatException {
            if (pos >= b.length) {
                throw fail(pos, "the text ends where a value is expected");
            }
            int at = pos;
            return switch (b[pos]) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> new Str(string(), at);
                case 't' -> literal("true", new Bool(true, at));
                case 'f' -> literal("false", new Bool(false, at));
                case 'n' -> literal("null", new Null(at));
                default -> {
                    if (b[pos] == '-' || (b[pos] >= '0' && b[pos] <= '9')) {
                        yield number();
                    }
                    throw fail(pos, "expected a JSON value, found " + describe(pos));
                }
            };
        }

        private Obj object() throws FormatException {
            int at = enter();
            List<Member> members = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            skipSpace();
            if (peekIs('}')) {
                pos++;
                depth--;
                return new Obj(members, at);
            }
            while (true) {
                skipSpace();
                int keyAt = pos;
                if (!peekIs('"')) {
                    throw fail(pos, "expected a string key, found " + describe(pos));
                }
                String key = string();
                if (!keys.add(key)) {
                    throw fail(keyAt, "key \"" + key + "\" appears twice in one object");
                }
                skipSpace();
                if (!peekIs(':')) {
                    throw fail(pos, "expected ':' after key \"" + key + "\", found " + describe(pos));
                }
                pos++;
                skipSpace();
                members.add(new Member(key, keyAt, value()));
                skipSpace();
                if (peekIs(',')) {
                    pos++;
                } else if (peekIs('}')) {
                    pos++;
                    depth--;
                    return new Obj(members, at);
                } else {
                    throw fail(pos, "expected ',' or '}' in an object, found " + describe(pos));
                }
            }
        }

        private Arr array() throws FormatException {
            int at = enter();
            List<JsonTree> items = new ArrayList<>();
            skipSpace();
            if (peekIs(']')) {
                pos++;
                depth--;
                return new Arr(items, at);
            }
            while (true) {
                skipSpace();
                items.add(value());
                skipSpace();
                if (peekIs(',')) {
                    pos++;
                } else if (peekIs(']')) {
                    pos++;
                    depth--;
                    return new Arr(items, at);
                } else {
                    throw fail(pos, "expected ',' or ']' in an array, found " + describe(pos));
                }
            }
        }

        private int enter() throws FormatException {
            if (++depth > MAX_DEPTH) {
                throw fail(pos, "nesting deeper than " + MAX_DEPTH + " levels");
            }
            return pos++;
        }

        private String string() throws FormatException {
            int open = pos++;
            StringBuilder sb = new StringBuilder();
            int runStart = pos;
            while (true) {
                if (pos >= b.length) {
                    throw fail(open, "unterminated string");
                }
                int c = b[pos] & 0xff;
                if (c == '"' || c == '\\') {
                    sb.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
                    if (c == '"') {
                        pos++;
                        return sb.toString();
                    }
                    escape(sb);
                    runStart = pos;
                } else if (c < 0x20) {
                    throw fail(pos, String.format("control character 0x%02x in a string; JSON needs it escaped", c));
                } else {
                    pos++;
                }
            }
        }

        private void escape(StringBuilder sb) throws FormatException {
            int at = pos;
            if (pos + 1 >= b.length) {
                throw fail(at, "unterminated escape sequence");
            }
            byte e = b[pos + 1];
            pos += 2;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char u = hex4(at);
                    if (Character.isHighSurrogate(u)) {
                        if (pos + 1 < b.length && b[pos] == '\\' && b[pos + 1] == 'u') {
                            int lowAt = pos;
                            pos += 2;
                            char low = hex4(lowAt);
                            if (!Character.isLowSurrogate(low)) {
                                throw fail(lowAt, "\\u escape of a high surrogate is not followed by a low surrogate");
                            }
                            sb.append(u).append(low);
                        } else {
                            throw fail(at, "lone high surrogate in a \\u escape");
                        }
                    } else if (Character.isLowSurrogate(u)) {
                        throw fail(at, "lone low surrogate in a \\u escape");
                    } else {
                        sb.append(u);
                    }
                }
                default -> throw fail(at, "invalid escape sequence \\" + describe(at + 1));
            }
        }

        private char hex4(int escapeAt) throws FormatException {
            if (pos + 4 > b.length) {
                throw fail(escapeAt, "a \\u escape needs 4 hex digits");
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(b[pos + i], 16);
                if (d < 0 || b[pos + i] < 0) {
                    throw fail(pos + i, "a \\u escape needs 4 hex digits, found " + describe(pos + i));
                }
                v = v << 4 | d;
            }
            pos += 4;
            return (char) v;
        }

        private Num number() throws FormatException {
            int at = pos;
            if (b[pos] == '-') {
                pos++;
            }
            if (pos < b.length && b[pos] == '0') {
                pos++;
                if (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                    throw fail(at, "leading zeros are not allowed in a JSON number");
                }
            } else if (!digits()) {
                throw fail(pos, "expected a digit in a number, found " + describe(pos));
            }
            if (pos < b.length && b[pos] == '.') {
                pos++;
                if (!digits()) {
                    throw fail(pos, "expected a digit after the decimal point, found " + describe(pos));
                }
            }
            if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
                pos++;
                if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
                    pos++;
                }
                if (!digits()) {
                    throw fail(pos, "expected a digit in the exponent, found " + describe(pos));
                }
            }
            return new Num(new String(b, at, pos - at, StandardCharsets.US_ASCII), at);
        }

        private boolean digits() {
            int start = pos;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            return pos > start;
        }

        private JsonTree literal(String word, JsonTree v) throws FormatException {
            for (int i = 0; i < word.length(); i++) {
                if (pos + i >= b.length || b[pos + i] != word.charAt(i)) {
                    throw fail(pos, "expected a JSON value, found " + describe(pos));
                }
            }
            pos += word.length();
            return v;
        }

        private boolean peekIs(char c) {
            return pos < b.length && b[pos] == c;
        }

        private void skipSpace() {
            while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
                pos++;
            }
        }

        private String describe(int i) {
            if (i >= b.length) {
                return "the end of the text";
            }
            int c = b[i] & 0xff;
            return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
        }

        private FormatException fail(int at, String reason) {
            return new FormatException(source, base + at, what + ": " + reason);
        }
    }
}
