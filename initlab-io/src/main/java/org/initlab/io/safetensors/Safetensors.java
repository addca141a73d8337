package org.initlab.io.safetensors;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.core.shape.Allocation;
import org.initlab.io.AtomicFiles;
import org.initlab.io.DType;
import org.initlab.io.FormatException;
import org.initlab.io.JsonTree;
import org.initlab.io.JsonTree.Arr;
import org.initlab.io.JsonTree.Member;
import org.initlab.io.JsonTree.Num;
import org.initlab.io.JsonTree.Obj;
import org.initlab.io.JsonTree.Str;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;

/**
 * Hugging Face safetensors files.
 *
 * <p>Layout: {@code N}, the header length, as 8 little-endian bytes; {@code N} bytes of UTF-8 JSON,
 * an object mapping each tensor name to {@code {"dtype": "F32", "shape": [2, 3], "data_offsets":
 * [BEGIN, END]}} and optionally {@code "__metadata__"} to an object of string values; then the data
 * buffer, every tensor's little-endian C-order bytes at {@code [BEGIN, END)} counted from the
 * buffer's start.
 *
 * <p>Reading checks everything the format promises and reports any violation as a
 * {@link FormatException} with the byte offset in the file: a header length of at most
 * {@value #MAX_HEADER_BYTES} bytes (the reference implementation's limit) and within the file;
 * strict JSON ({@link JsonTree}); a known dtype (F16, BF16, F32, F64, I32, I64); exactly the
 * three fields per tensor, dimensions {@code >= 0}; {@code elements(shape) × size(dtype) == END -
 * BEGIN} without overflow; and offsets that tile the data buffer: sorted by {@code BEGIN} the
 * tensors start at 0, each begins where the previous ended (no gap, no overlap) and the last ends
 * exactly at the end of the file. The header is allocated only after its length was checked
 * against the file size, the tensors only after the whole header validated against it. The
 * arrays come back in data order (as the reference's readers list them) with the metadata.
 *
 * <p>Writing follows the reference serializer byte for byte: tensors sorted by dtype alignment,
 * largest first (I64, F64, F32, I32, BF16, F16), then by name (UTF-8 byte order), laid out
 * back to back in that order; compact JSON with {@code "__metadata__"} first when there is any;
 * the header padded with spaces to a multiple of 8 bytes, so every tensor starts 8-byte aligned.
 */
public final class Safetensors {
    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final int MAX_HEADER_BYTES = 100_000_000;

    /** The name under which the header holds the free-form string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    /** Element types of the format that this reader does not hold. */
    private static final List<String> OTHER_DTYPES = List.of(
            "BOOL", "U8", "I8", "I16", "U16", "U32", "U64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2",
            "C64");

    private static final int CHUNK = 1 << 16;

    private Safetensors() {}

    /** Reads every tensor and the metadata of a {@code .safetensors} file. */
    public static StateDict read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, size, file.toString());
        }
    }

    /** Reads a safetensors file held in memory; {@code source} names it in messages. */
    public static StateDict read(byte[] bytes, String source) throws FormatException {
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, source);
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    /** One tensor entry of a header, validated on its own. */
    private record Entry(String name, int at, DType dtype, int[] shape, long begin, long end) {}

    private static StateDict read(InputStream in, long size, String source) throws IOException {
        byte[] len = in.readNBytes(8);
        if (len.length < 8) {
            throw new FormatException(
                    source,
                    len.length,
                    "truncated: the file has " + len.length
                            + " bytes; a safetensors file starts with the 8-byte header length");
        }
        long n = ByteBuffer.wrap(len).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        String shown = Long.toUnsignedString(n);
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new FormatException(
                    source,
                    0,
                    "header length " + shown + " is larger than the " + MAX_HEADER_BYTES
                            + " bytes the format allows (is this a safetensors file?)");
        }
        if (n > size - 8) {
            throw new FormatException(
                    source,
                    0,
                    "header length " + shown + " runs past the end of the file (" + (size - 8)
                            + " bytes follow the length)");
        }
        byte[] text = in.readNBytes((int) n);
        if (text.length < n) {
            throw new FormatException(
                    source, 8 + text.length, "truncated: the file ends inside the " + n + "-byte header");
        }
        JsonTree root = JsonTree.parse(text, source, 8, "safetensors header");
        if (!(root instanceof Obj top)) {
            throw new FormatException(source, 8 + root.at(), "safetensors header: the header must be a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Member m : top.members()) {
            if (m.key().equals(METADATA_KEY)) {
                metadata(m, source, metadata);
            } else {
                entries.add(entry(m, source));
            }
        }
        long dataStart = 8 + n;
        long dataSize = size - dataStart;
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : entries) {
            String range = "tensor '" + e.name + "' data_offsets [" + e.begin + ", " + e.end + "]";
            if (e.end > dataSize) {
                throw new FormatException(
                        source,
                        8 + e.at,
                        range + " run past the end of the data buffer, which holds " + dataSize + " bytes (bytes "
                                + dataStart + " to " + size + " of the file)");
            }
            if (e.begin > covered) {
                throw new FormatException(
                        source,
                        8 + e.at,
                        range + " leave bytes [" + covered + ", " + e.begin
                                + ") of the data buffer to no tensor; tensors must tile the buffer without gaps");
            }
            if (e.begin < covered) {
                throw new FormatException(
                        source,
                        8 + e.at,
                        range + " overlap tensor '" + previous.name + "' data_offsets [" + previous.begin + ", "
                                + previous.end + "]");
            }
            covered = e.end;
            previous = e;
        }
        if (covered != dataSize) {
            throw new FormatException(
                    source,
                    dataStart + covered,
                    (dataSize - covered) + " bytes at the end of the data"
                            + " buffer belong to no tensor; the last tensor must end at the end of the file");
        }
        Allocation.require(dataSize, "the " + entries.size() + " tensors of " + source);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        for (Entry e : entries) {
            int bytes = (int) (e.end - e.begin);
            byte[] data = new byte[bytes];
            int got = in.readNBytes(data, 0, bytes);
            if (got < bytes) {
                throw new FormatException(
                        source,
                        dataStart + e.begin + got,
                        "truncated: the file ends inside tensor '" + e.name + "' (it shrank while being read)");
            }
            arrays.put(e.name, new NdArray(e.dtype, e.shape, data));
        }
        return new StateDict(new LinkedHashMap<>(arrays), metadata);
    }

    private static void metadata(Member m, String source, Map<String, String> out) throws FormatException {
        if (m.value() instanceof JsonTree.Null) {
            return;
        }
        if (!(m.value() instanceof Obj o)) {
            throw new FormatException(
                    source,
                    8 + m.value().at(),
                    "safetensors header: \"" + METADATA_KEY + "\" must be an object of strings");
        }
        for (Member kv : o.members()) {
            if (!(kv.value() instanceof Str s)) {
                throw new FormatException(
                        source,
                        8 + kv.value().at(),
                        "safetensors header: metadata value of \"" + kv.key() + "\" must be a string");
            }
            out.put(kv.key(), s.value());
        }
    }

    private static Entry entry(Member m, String source) throws FormatException {
        String name = m.key();
        long at = 8L + m.at();
        if (!(m.value() instanceof Obj info)) {
            throw new FormatException(
                    source,
                    at,
                    "safetensors header: tensor '" + name + "' must map to {\"dtype\", \"shape\", \"data_offsets\"}");
        }
        Map<String, Member> fields = new LinkedHashMap<>();
        for (Member f : info.members()) {
            if (!List.of("dtype", "shape", "data_offsets").contains(f.key())) {
                throw new FormatException(
                        source,
                        8 + f.at(),
                        "safetensors header: tensor '" + name + "' has the unknown" + " field \"" + f.key()
                                + "\"; valid: dtype, shape, data_offsets");
            }
            fields.put(f.key(), f);
        }
        for (String k : List.of("dtype", "shape", "data_offsets")) {
            if (!fields.containsKey(k)) {
                throw new FormatException(source, at, "safetensors header: tensor '" + name + "' lacks \"" + k + "\"");
            }
        }
        JsonTree dtypeValue = fields.get("dtype").value();
        if (!(dtypeValue instanceof Str dtypeName)) {
            throw new FormatException(
                    source,
                    8 + dtypeValue.at(),
                    "safetensors header: dtype of tensor '" + name + "' must be a string such as \"F32\"");
        }
        DType dtype = Arrays.stream(DType.values())
                .filter(t -> t.safetensorsName().equals(dtypeName.value()))
                .findFirst()
                .orElse(null);
        if (dtype == null) {
            throw new FormatException(
                    source,
                    8 + dtypeValue.at(),
                    "tensor '" + name + "' has dtype \"" + dtypeName.value()
                            + "\", which "
                            + (OTHER_DTYPES.contains(dtypeName.value())
                                    ? "this reader does not support"
                                    : "safetensors does not define")
                            + "; supported: F16, BF16, F32, F64, I32, I64");
        }
        long[] shape = naturals(fields.get("shape").value(), -1, "shape", name, source);
        long[] offsets = naturals(fields.get("data_offsets").value(), 2, "data_offsets", name, source);
        int[] dims = new int[shape.length];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new FormatException(
                        source,
                        at,
                        "tensor '" + name + "' has dimension " + shape[i] + ", larger than " + Integer.MAX_VALUE);
            }
            dims[i] = (int) shape[i];
            elements = dims[i] == 0 ? 0 : elements;
        }
        for (int d : dims) {
            elements *= d;
            if (elements * dtype.bytes() > NdArray.MAX_BYTES) {
                throw new FormatException(
                        source,
                        at,
                        "tensor '" + name + "' of shape " + Arrays.toString(dims) + " and " + dtype
                                + " needs more than " + NdArray.MAX_BYTES + " bytes, the most one Java array holds");
            }
        }
        long bytes = elements * dtype.bytes();
        if (offsets[1] < offsets[0]) {
            throw new FormatException(
                    source,
                    at,
                    "tensor '" + name + "' data_offsets [" + offsets[0] + ", " + offsets[1]
                            + "] end before they begin");
        }
        if (offsets[1] - offsets[0] != bytes) {
            throw new FormatException(
                    source,
                    at,
                    "tensor '" + name + "' data_offsets [" + offsets[0] + ", " + offsets[1]
                            + "] span " + (offsets[1] - offsets[0]) + " bytes but shape " + Arrays.toString(dims)
                            + " of " + dtype
                            + " needs " + bytes);
        }
        return new Entry(name, m.at(), dtype, dims, offsets[0], offsets[1]);
    }

    /** An array of non-negative integers (of length {@code count} unless it is -1). */
    private static long[] naturals(JsonTree v, int count, String field, String name, String source)
            throws FormatException {
        String expected =
                count < 0 ? "an array of non-negative integers" : "an array of " + count + " non-negative integers";
        if (!(v instanceof Arr a) || (count >= 0 && a.items().size() != count)) {
            throw new FormatException(
                    source,
                    8 + v.at(),
                    "safetensors header: " + field + " of tensor '" + name + "' must be " + expected);
        }
        long[] out = new long[a.items().size()];
        for (int i = 0; i < out.length; i++) {
            JsonTree item = a.items().get(i);
            out[i] = item instanceof Num num ? num.asLong() : -1;
            if (out[i] < 0) {
                throw new FormatException(
                        source,
                        8 + item.at(),
                        "safetensors header: " + field + " of tensor '" + name + "' must be " + expected
                                + " below 2^63");
            }
        }
        return out;
    }

    /** Writes {@code dict} to {@code file} atomically, laid out as the reference serializer does. */
    public static void write(Path file, StateDict dict) throws IOException {
        List<Map.Entry<String, NdArray>> order = HeaderWriter.layout(dict);
        byte[] head = HeaderWriter.header(order, dict.metadata());
        AtomicFiles.write(file, out -> body(out, head, order));
    }

    /**
     * Writes one float32 tensor called {@code name} of {@code shape}, with {@code metadata}, to
     * {@code file} atomically: the header, then exactly {@code 4 × elements} bytes that {@code data}
     * writes (little-endian floats in C order). The same bytes as {@link #write(Path, StateDict)} of
     * that one array, streamed without holding it.
     *
     * @throws IllegalStateException when {@code data} wrote another number of bytes (nothing is kept)
     */
    public static void writeFloats(
            Path file, String name, int[] shape, Map<String, String> metadata, AtomicFiles.Body data)
            throws IOException {
        long bytes = 4 * NdArray.elements(shape);
        byte[] head =
                HeaderWriter.headerOf(List.of(new HeaderWriter.Slot(name, DType.F32, shape.clone(), bytes)), metadata);
        AtomicFiles.write(file, out -> {
            out.write(head);
            NdArray.writeExactly(out, bytes, data);
        });
    }

    /** Writes {@code dict} as a safetensors file to {@code out} (not closed). */
    public static void write(OutputStream out, StateDict dict) throws IOException {
        List<Map.Entry<String, NdArray>> order = HeaderWriter.layout(dict);
        body(out, HeaderWriter.header(order, dict.metadata()), order);
    }

    private static void body(OutputStream out, byte[] head, List<Map.Entry<String, NdArray>> order) throws IOException {
        out.write(head);
        for (Map.Entry<String, NdArray> e : order) {
            out.write(e.getValue().data());
        }
    }
}
