package org.initlab.io.npy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.io.DType;
import org.initlab.io.FormatException;
import org.initlab.io.NdArray;

/**
 * The header of a {@code .npy} file: element type and byte order, memory order, shape.
 *
 * <p>The header text is a Python dict literal, for example
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 5), }}, padded with spaces and a
 * newline. {@link #parse} accepts exactly the literals NumPy's {@code ast.literal_eval} would give
 * a valid header for, restricted to what NumPy writes: the three keys {@code descr},
 * {@code fortran_order} and {@code shape} once each in any order, single- or double-quoted strings
 * without escapes, {@code True}/{@code False}, a tuple of non-negative decimal integers
 * ({@code ()}, {@code (5,)}, {@code (3, 5)}, trailing comma allowed), an optional trailing comma
 * after the last entry, and whitespace (space, tab, CR, LF) between tokens and at the end.
 * Anything else (comments, escapes, Python 2 {@code 5L}, a list for the shape, {@code (5)} which
 * is an int, a structured or non-numeric {@code descr}) is a {@link FormatException} at the byte
 * where it was found.
 *
 * @param dtype the element type
 * @param bigEndian whether the stored elements are big-endian ({@code '>'} descr)
 * @param fortranOrder whether the stored elements are in Fortran (column-major) order
 * @param shape the dimensions, each in {@code [0, Integer.MAX_VALUE]}
 */
record NpyHeader(DType dtype, boolean bigEndian, boolean fortranOrder, int[] shape) {
    /** The element types a {@code .npy} can hold here, by their descr without byte-order character. */
    private static final List<String> KEYS = List.of("descr", "fortran_order", "shape");

    private static final Map<String, DType> BY_CODE =
            Map.of("f2", DType.F16, "f4", DType.F32, "f8", DType.F64, "i4", DType.I32, "i8", DType.I64);

    /**
     * Parses header text (the bytes after the header-length field).
     *
     * @param text the header bytes: latin-1 for format versions 1 and 2, UTF-8 for version 3
     * @param utf8 whether {@code text} is UTF-8 (version 3)
     * @param source the file, for messages
     * @param base byte offset of {@code text[0]} in the file, for messages
     */
    static NpyHeader parse(byte[] text, boolean utf8, String source, long base) throws FormatException {
        return new Parser(text, utf8, source, base).header();
    }

    /** Number of data bytes: elements times element size (checked by {@link #parse} to fit one Java array). */
    int dataBytes() {
        return (int) NdArray.elements(shape) * dtype.bytes();
    }

    /** The Python dict NumPy writes for this header (C order, little-endian), without padding. */
    String dictText() {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        return "{'descr': '" + dtype.numpyDescr() + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': (" + dims + "), }";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h
                && h.dtype == dtype
                && h.bigEndian == bigEndian
                && h.fortranOrder == fortranOrder
                && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + dtype.hashCode() * 4 + (bigEndian ? 2 : 0) + (fortranOrder ? 1 : 0);
    }

    @Override
    public String toString() {
        return dictText();
    }

    /** A recursive-descent parser over the header bytes; {@code pos} is the index of the next byte. */
    private static final class Parser {
        private final byte[] b;
        private final boolean utf8;
        private final String source;
        private final long base;
        private int pos;

        Parser(byte[] b, boolean utf8, String source, long base) {
            this.b = b;
            this.utf8 = utf8;
            this.source = source;
            this.base = base;
        }

        NpyHeader header() throws FormatException {
            skipSpace();
            if (pos == b.length) {
                throw fail(pos, "the header is empty; it must be a Python dict such as {'descr': '<f4', ...}");
            }
            expect('{', "the header must be a Python dict starting with '{'");
            Map<String, Object> entries = new LinkedHashMap<>();
            Map<String, Integer> keyAt = new LinkedHashMap<>();
            skipSpace();
            while (peek() != '}') {
                int at = pos;
                if (peek() != '\'' && peek() != '"') {
                    throw fail(at, "expected a quoted key or '}', found " + describe(at));
                }
                String key = string();
                if (entries.containsKey(key)) {
                    throw fail(at, "key '" + key + "' appears twice");
                }
                if (!KEYS.contains(key)) {
                    throw fail(
                            at, "unexpected key '" + key + "'; a header has exactly 'descr', 'fortran_order', 'shape'");
                }
                skipSpace();
                expect(':', "expected ':' after key '" + key + "'");
                skipSpace();
                keyAt.put(key, pos);
                entries.put(key, value(key));
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw fail(pos, "expected ',' or '}' after the value of '" + key + "', found " + describe(pos));
                }
            }
            pos++;
            skipSpace();
            if (pos < b.length) {
                throw fail(
                        pos,
                        "unexpected " + describe(pos)
                                + " after the header dict (only spaces and a newline may follow)");
            }
            for (String key : KEYS) {
                if (!entries.containsKey(key)) {
                    throw fail(0, "the header lacks the key '" + key + "'; it has " + entries.keySet());
                }
            }
            boolean fortran = (Boolean) entries.get("fortran_order");
            int[] shape = (int[]) entries.get("shape");
            String descr = (String) entries.get("descr");
            NpyHeader h = descr(descr, keyAt.get("descr"), fortran, shape);
            long elements = 1;
            for (int d : shape) {
                elements = d == 0 ? 0 : elements;
            }
            for (int d : shape) {
                elements *= d;
                if (elements * h.dtype.bytes() > NdArray.MAX_BYTES) {
                    throw fail(
                            keyAt.get("shape"),
                            "shape " + Arrays.toString(shape) + " of " + descr + " needs more than " + NdArray.MAX_BYTES
                                    + " bytes, the most one Java array holds");
                }
            }
            return h;
        }

        private NpyHeader descr(String descr, int at, boolean fortran, int[] shape) throws FormatException {
            DType type = descr.length() == 3 ? BY_CODE.get(descr.substring(1)) : null;
            char order = descr.isEmpty() ? '?' : descr.charAt(0);
            if (type != null && (order == '<' || order == '>')) {
                return new NpyHeader(type, order == '>', fortran, shape);
            }
            String kind = descr.length() >= 2
                    ? switch (descr.charAt(1)) {
                        case 'b' -> " (bool)";
                        case 'i' -> " (signed integer)";
                        case 'u' -> " (unsigned integer)";
                        case 'f' -> " (floating point)";
                        case 'c' -> " (complex)";
                        case 'O' -> " (Python objects)";
                        case 'S', 'a' -> " (byte strings)";
                        case 'U' -> " (unicode strings)";
                        case 'V' -> " (raw or structured records)";
                        case 'M', 'm' -> " (dates and times)";
                        default -> "";
                    }
                    : "";
            String why = type != null ? " (byte order '" + order + "' is not '<' or '>')" : kind;
            throw fail(
                    at,
                    "unsupported dtype '" + descr + "'" + why + "; supported: <f2, <f4, <f8, <i4, <i8 "
                            + "(float16, float32, float64, int32, int64) and their big-endian '>' forms");
        }

        /** The value of {@code key}: a string for descr, a bool for fortran_order, an {@code int[]} for shape. */
        private Object value(String key) throws FormatException {
            int at = pos;
            byte c = peek();
            switch (key) {
                case "descr" -> {
                    if (c == '\'' || c == '"') {
                        return string();
                    }
                    if (c == '[') {
                        throw fail(
                                at,
                                "structured dtypes (a list of fields) are not supported; supported: <f2, <f4, <f8,"
                                        + " <i4, <i8 and their big-endian '>' forms");
                    }
                    throw fail(at, "'descr' must be a string such as '<f4', found " + describe(at));
                }
                case "fortran_order" -> {
                    for (String word : new String[] {"True", "False"}) {
                        if (matches(word) && !isNameByte(pos + word.length())) {
                            pos += word.length();
                            return word.equals("True");
                        }
                    }
                    throw fail(at, "'fortran_order' must be True or False, found " + describe(at));
                }
                default -> {
                    if (c == '(') {
                        return tuple();
                    }
                    if (c == '[') {
                        throw fail(at, "a list where a tuple is expected: NumPy writes shapes as tuples like (3, 5)");
                    }
                    if ((c >= '0' && c <= '9') || c == '-') {
                        throw fail(at, "a bare number where a tuple is expected: a 1-d shape is written (N,)");
                    }
                    throw fail(at, "'shape' must be a tuple of integers such as (3, 5) or (5,), found " + describe(at));
                }
            }
        }

        /** A tuple of non-negative ints; returns them as {@code int[]}. */
        private int[] tuple() throws FormatException {
            int open = pos;
            pos++;
            List<Integer> dims = new ArrayList<>();
            boolean comma = false;
            skipSpace();
            while (peek() != ')') {
                dims.add(integer());
                skipSpace();
                if (peek() == ',') {
                    comma = true;
                    pos++;
                    skipSpace();
                } else if (peek() != ')') {
                    throw fail(pos, "expected ',' or ')' in the shape tuple, found " + describe(pos));
                }
            }
            if (dims.size() == 1 && !comma) {
                throw fail(
                        open,
                        "(" + dims.get(0) + ") is an int, not a tuple: a 1-d shape is written (" + dims.get(0) + ",)");
            }
            pos++;
            int[] out = new int[dims.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = dims.get(i);
            }
            return out;
        }

        private int integer() throws FormatException {
            int at = pos;
            if (peek() == '-') {
                throw fail(at, "negative dimension in the shape; dimensions are >= 0");
            }
            long v = 0;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                v = v * 10 + (b[pos] - '0');
                if (v > Integer.MAX_VALUE) {
                    throw fail(
                            at,
                            "dimension " + digitsFrom(at) + " is larger than " + Integer.MAX_VALUE
                                    + ", the most one Java array holds");
                }
                pos++;
            }
            if (pos == at) {
                throw fail(at, "expected a dimension (a decimal integer), found " + describe(at));
            }
            if (pos - at > 1 && b[at] == '0') {
                throw fail(at, "leading zeros are not allowed in a Python integer: " + digitsFrom(at));
            }
            if (isNameByte(pos)) {
                throw fail(pos, "unexpected " + describe(pos) + " after the dimension " + v);
            }
            return (int) v;
        }

        private String string() throws FormatException {
            int open = pos;
            byte quote = b[pos++];
            int start = pos;
            while (pos < b.length && b[pos] != quote) {
                if (b[pos] == '\\') {
                    throw fail(pos, "escape sequences are not supported in header strings");
                }
                if (b[pos] == '\n' || b[pos] == '\r') {
                    throw fail(open, "unterminated string");
                }
                pos++;
            }
            if (pos == b.length) {
                throw fail(open, "unterminated string");
            }
            byte[] raw = Arrays.copyOfRange(b, start, pos);
            pos++;
            if (!utf8) {
                return new String(raw, StandardCharsets.ISO_8859_1);
            }
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw))
                        .toString();
            } catch (CharacterCodingException e) {
                throw fail(start, "string is not valid UTF-8 (format version 3.0 headers are UTF-8)");
            }
        }

        private void skipSpace() {
            while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
                pos++;
            }
        }

        private void expect(char c, String message) throws FormatException {
            if (peek() != c) {
                throw fail(pos, message + ", found " + describe(pos));
            }
            pos++;
        }

        /** The next byte; the header ending here is an error, since every caller still needs a token. */
        private byte peek() throws FormatException {
            if (pos >= b.length) {
                throw fail(pos, "the header ends in the middle of the dict");
            }
            return b[pos];
        }

        private boolean matches(String word) {
            if (pos + word.length() > b.length) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (b[pos + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private boolean isNameByte(int i) {
            if (i >= b.length) {
                return false;
            }
            byte c = b[i];
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c < 0;
        }

        private String digitsFrom(int at) {
            int end = at;
            while (end < b.length && end - at < 40 && b[end] >= '0' && b[end] <= '9') {
                end++;
            }
            return new String(b, at, end - at, StandardCharsets.US_ASCII) + (end - at == 40 ? "..." : "");
        }

        private String describe(int i) {
            if (i >= b.length) {
                return "the end of the header";
            }
            int c = b[i] & 0xff;
            return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
        }

        private FormatException fail(int at, String reason) {
            return new FormatException(source, base + at, "npy header: " + reason);
        }
    }
}
