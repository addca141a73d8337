package org.initlab.io.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.initlab.io.DType;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;

/**
 * The layout and header the reference serializer writes: tensors sorted by dtype alignment,
 * largest first, then by name in UTF-8 byte order; compact JSON ({@code "__metadata__"} first when
 * there is any) escaped as serde_json escapes; spaces up to a multiple of 8 bytes.
 */
final class HeaderWriter {
    /** The dtypes by decreasing alignment, the order the reference writer lays tensors out in. */
    private static final List<DType> LAYOUT_ORDER =
            List.of(DType.I64, DType.F64, DType.F32, DType.I32, DType.BF16, DType.F16);

    private HeaderWriter() {}

    /** The tensors in the reference writer's order: dtype alignment descending, then name bytes ascending. */
    static List<Map.Entry<String, NdArray>> layout(StateDict dict) {
        List<Map.Entry<String, NdArray>> order = new ArrayList<>(dict.arrays().entrySet());
        for (Map.Entry<String, NdArray> e : order) {
            if (e.getKey().equals(Safetensors.METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named '" + Safetensors.METADATA_KEY
                        + "': the header uses that key for the metadata");
            }
        }
        order.sort(Comparator.<Map.Entry<String, NdArray>>comparingInt(
                        e -> LAYOUT_ORDER.indexOf(e.getValue().dtype()))
                .thenComparing((x, y) -> Arrays.compareUnsigned(utf8(x.getKey()), utf8(y.getKey()))));
        return order;
    }

    /** Where one tensor's bytes go: its name, element type, shape and byte count. */
    record Slot(String name, DType dtype, int[] shape, long bytes) {
        static Slot of(Map.Entry<String, NdArray> e) {
            NdArray a = e.getValue();
            return new Slot(e.getKey(), a.dtype(), a.shape(), a.data().length);
        }
    }

    /** The 8-byte length and the JSON header padded with spaces to a multiple of 8 bytes. */
    static byte[] header(List<Map.Entry<String, NdArray>> order, Map<String, String> metadata) {
        return headerOf(order.stream().map(Slot::of).toList(), metadata);
    }

    /** {@link #header} for tensors given by their slots, in file order. */
    static byte[] headerOf(List<Slot> order, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            quote(json, Safetensors.METADATA_KEY).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> kv : metadata.entrySet()) {
                quote(json.append(first ? "" : ","), kv.getKey()).append(':');
                quote(json, kv.getValue());
                first = false;
            }
            json.append('}');
        }
        long offset = 0;
        for (Slot a : order) {
            if (a.name().equals(Safetensors.METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named '" + Safetensors.METADATA_KEY
                        + "': the header uses that key for the metadata");
            }
            quote(json.append(json.length() > 1 ? "," : ""), a.name())
                    .append(":{\"dtype\":\"")
                    .append(a.dtype().safetensorsName())
                    .append("\",\"shape\":[");
            for (int i = 0; i < a.shape().length; i++) {
                json.append(i == 0 ? "" : ",").append(a.shape()[i]);
            }
            json.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + a.bytes())
                    .append("]}");
            offset += a.bytes();
        }
        json.append('}');
        byte[] text = utf8(json.toString());
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(text);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    /** Appends {@code s} as a JSON string, escaped as serde_json escapes (control characters, quote, backslash). */
    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** Strict UTF-8: a string with an unpaired surrogate cannot be written. */
    private static byte[] utf8(String s) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("name or metadata is not valid Unicode (unpaired surrogate): " + s, e);
        }
    }
}
