package org.initlab.io.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.initlab.io.DType;
import org.initlab.io.FormatException;
import org.initlab.io.Golden;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path tmp;

    /** What make_golden.py puts in all_dtypes.safetensors. */
    static StateDict golden() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        for (DType t : DType.values()) {
            m.put("w." + t.name().toLowerCase(java.util.Locale.ROOT), Golden.array(t));
        }
        m.put("scalar", NdArray.ofFloats(new float[] {2.5f}));
        m.put("empty", NdArray.ofFloats(new float[0], 0, 3));
        m.put("n\u00e4me", NdArray.ofFloats(new float[] {1.5f, -1.5f}, 2));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("made_by", "make_golden.py");
        return new StateDict(new LinkedHashMap<>(m), meta);
    }

    @Test
    void readsEveryDtypeAndTheMetadataExactly() throws IOException {
        StateDict d = Safetensors.read(Golden.file("all_dtypes.safetensors"));
        assertThat(d).isEqualTo(golden());
        assertThat(d.metadata()).containsExactly(Map.entry("format", "pt"), Map.entry("made_by", "make_golden.py"));
        // data order, as the reference lays it out: alignment descending, then name bytes
        assertThat(d.arrays().keySet())
                .containsExactly("w.i64", "w.f64", "empty", "n\u00e4me", "scalar", "w.f32", "w.i32", "w.bf16", "w.f16");
        assertThat(d.arrays().get("w.bf16").toFloats())
                .containsExactly(Golden.array(DType.F32).toFloats());
        assertThat(d.arrays().get("w.i64").data()).isEqualTo(Golden.bytes(DType.I64, 24));
    }

    @Test
    void writerReproducesTheGoldenFileByteForByte() throws IOException {
        byte[] golden = Files.readAllBytes(Golden.file("all_dtypes.safetensors"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, golden());
        assertThat(out.toByteArray()).isEqualTo(golden);
        Path f = tmp.resolve("g.safetensors");
        Safetensors.write(f, golden());
        assertThat(Files.readAllBytes(f)).isEqualTo(golden);
    }

    @Test
    void readsAValidFileLaidOutOtherwise() throws IOException {
        StateDict d = Safetensors.read(Golden.file("unordered.safetensors"));
        assertThat(d.arrays()).isEqualTo(golden().arrays());
        assertThat(d.metadata()).isEmpty();
        assertThat(d.arrays().keySet()).first().isEqualTo("empty"); // data in name order there
    }

    /** The serializations the reference implementation's own tests state (safetensors/src/tensor.rs). */
    @Test
    void writerMatchesTheReferenceTestVectors() throws IOException {
        float[] v = {0, 1, 2, 3, 4, 5};
        assertThat(serialize(Map.of("attn.0", NdArray.ofFloats(v, 1, 2, 3)), Map.of()))
                .isEqualTo(file(64, "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}", v));
        assertThat(serialize(Map.of("attn0", NdArray.ofFloats(v, 1, 1, 2, 3)), Map.of()))
                .isEqualTo(file(
                        72, "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ", v));
        assertThat(serialize(Map.of(), Map.of())).isEqualTo(file(8, "{}      ", new float[0]));
        assertThat(serialize(Map.of(), Map.of("framework", "pt")))
                .isEqualTo(file(40, "{\"__metadata__\":{\"framework\":\"pt\"}}     ", new float[0]));
    }

    @Test
    void roundTripsAndAlignsEveryTensorToEightBytes() throws IOException {
        StateDict d = golden();
        Path f = tmp.resolve("r.safetensors");
        Safetensors.write(f, d);
        StateDict back = Safetensors.read(f);
        assertThat(back).isEqualTo(d);
        long n = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertThat(n % 8).isZero();
        Map<String, String> escapes = Map.of("quote\"back\\slash\nnew\u0001line", "tab\there \u00fc \ud83d\ude00");
        Map<String, NdArray> one = new LinkedHashMap<>();
        one.put("odd \"name\"", NdArray.ofInts(new int[] {1, -1}, 2));
        StateDict odd = new StateDict(new LinkedHashMap<>(one), escapes);
        Safetensors.write(f, odd);
        assertThat(Safetensors.read(f)).isEqualTo(odd);
    }

    @Test
    void refusesATensorNamedLikeTheMetadata() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("__metadata__", NdArray.ofFloats(new float[1], 1));
        assertThatThrownBy(() -> Safetensors.write(tmp.resolve("m.safetensors"), new StateDict(new LinkedHashMap<>(m))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be named '__metadata__'");
    }

    // ---- validation: every promise of the format, with the byte offset of the problem

    private static final String W = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test
    void aValidHandWrittenFileReads() throws FormatException {
        StateDict d = Safetensors.read(file(W, 8), "t");
        assertThat(d.arrays().get("w").shape()).containsExactly(2);
    }

    @Test
    void headerLengthIsBoundedByTheFormatAndTheFile() {
        assertFails(new byte[5], 5, "truncated: the file has 5 bytes");
        byte[] huge = file(W, 8);
        huge[3] = 0x10; // 268 MB
        assertFails(huge, 0, "header length 268435512 is larger than the 100000000 bytes the format allows");
        byte[] negative = file(W, 8);
        negative[7] = (byte) 0x80;
        assertFails(negative, 0, "header length 9223372036854775864 is larger than");
        byte[] past = file(W, 8);
        past[0] = (byte) 200;
        assertFails(past, 0, "header length 200 runs past the end of the file (64 bytes follow the length)");
    }

    @Test
    void eachTensorMustBeConsistentWithItsOffsets() {
        assertFails(
                file(W.replace("[0,8]", "[0,12]"), 12),
                9,
                "tensor 'w' data_offsets [0, 12] span 12 bytes but shape [2] of F32 needs 8");
        assertFails(file(W.replace("[0,8]", "[8,0]"), 8), 9, "end before they begin");
        assertFails(
                file(W.replace("F32", "U8"), 8),
                8 + W.indexOf("\"F32"),
                "dtype \"U8\", which this reader does not support");
        assertFails(
                file(W.replace("F32", "F33"), 8),
                8 + W.indexOf("\"F32"),
                "which safetensors does not define; supported: F16, BF16");
        assertFails(
                file(W.replace("[2]", "[-2]"), 8),
                8 + W.indexOf("[2]") + 1,
                "must be an array of non-negative integers");
        assertFails(file(W.replace("[2]", "[2.0]"), 8), 8 + W.indexOf("[2]") + 1, "shape of tensor 'w' must be");
        assertFails(
                file(W.replace("[2]", "[4294967296,4294967296]"), 8),
                9,
                "dimension 4294967296, larger than 2147483647");
        assertFails(file(W.replace("[2]", "[65536,65536]"), 8), 9, "needs more than 2147483639 bytes");
        assertFails(
                file(W.replace("[0,8]", "[0,8,16]"), 8),
                8 + W.indexOf("[0,8]"),
                "data_offsets of tensor 'w' must be an array of 2");
        assertFails(file(W.replace(",\"shape\":[2]", ""), 8), 9, "tensor 'w' lacks \"shape\"");
        assertFails(
                file(W.replace("\"shape\"", "\"shape\":[2],\"extra\""), 8),
                8 + W.indexOf("\"shape\"") + "\"shape\":[2],".length(),
                "unknown field \"extra\"");
        assertFails(file("{\"w\":[]}", 0), 9, "tensor 'w' must map to");
        assertFails(file("[]", 0), 8, "the header must be a JSON object");
        assertFails(file("{\"__metadata__\":{\"a\":1}}", 0), 8 + 21, "metadata value of \"a\" must be a string");
        assertFails(file("{\"__metadata__\":[]}", 0), 8 + 16, "\"__metadata__\" must be an object of strings");
    }

    @Test
    void tensorsMustTileTheDataBufferExactly() {
        String two = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertThat(twoOk(two)).isTrue();
        int a = 8 + two.indexOf("\"a\"");
        int b = 8 + two.indexOf("\"b\"");
        assertFails(
                file(two.replace("[8,12]", "[12,16]"), 16), b, "leave bytes [8, 12) of the data buffer to no tensor");
        assertFails(
                file(two.replace("[8,12]", "[4,8]"), 12),
                b,
                "tensor 'b' data_offsets [4, 8] overlap tensor 'a' data_offsets [0, 8]");
        assertFails(
                file(two.replace("[0,8]", "[0,8]").replace("[8,12]", "[0,4]"), 12),
                a,
                "tensor 'a' data_offsets [0, 8] overlap tensor 'b'");
        assertFails(file(two, 16), 8 + padded(two) + 12, "4 bytes at the end of the data buffer belong to no tensor");
        assertFails(
                file(two, 11),
                b,
                "tensor 'b' data_offsets [8, 12] run past the end of the data buffer, which holds 11 bytes");
    }

    @Test
    void dataOrderNeedNotFollowTheHeaderOrder() throws FormatException {
        String swapped = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        StateDict d = Safetensors.read(file(swapped, 12), "t");
        assertThat(d.arrays().keySet()).containsExactly("b", "a");
        assertThat(d.arrays().get("a").data()).containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void aHugeClaimInATinyFileFailsBeforeAnyLargeAllocation() {
        String big = "{\"w\":{\"dtype\":\"F64\",\"shape\":[16000,16000],\"data_offsets\":[0,2048000000]}}";
        long before = allocated();
        assertFails(file(big, 8), 9, "run past the end of the data buffer, which holds 8 bytes");
        assertThat(allocated() - before).isLessThan(16L << 20);
    }

    @Test
    void theHeaderMustBeStrictJson() {
        assertFails(file("{\"w\":{},}", 0), 8 + 8, "expected a string key");
        assertFails(file("{'w':{}}", 0), 9, "expected a string key");
        assertFails(file("", 0), 8, "safetensors header: empty");
        byte[] latin1 = file("{\"\u00e9\":{}}", 0);
        latin1[10] = (byte) 0xe9;
        latin1[11] = '"';
        latin1[12] = ':';
        assertThatThrownBy(() -> Safetensors.read(latin1, "t"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    private static boolean twoOk(String header) {
        try {
            return Safetensors.read(file(header, 12), "t").arrays().size() == 2;
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
    }

    private static int padded(String header) {
        return (header.getBytes(StandardCharsets.UTF_8).length + 7) / 8 * 8;
    }

    private static void assertFails(byte[] file, long offset, String reason) {
        assertThatThrownBy(() -> Safetensors.read(file, "t.safetensors"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(reason)
                .hasMessageStartingWith("t.safetensors: byte offset " + offset + ": ");
    }

    /** A file with {@code header} padded to 8 bytes and {@code dataBytes} data bytes counting up. */
    static byte[] file(String header, int dataBytes) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        int n = padded(header);
        ByteBuffer b = ByteBuffer.allocate(8 + n + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n).put(text);
        while (b.position() < 8 + n) {
            b.put((byte) ' ');
        }
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    private static byte[] file(int n, String header, float[] data) {
        ByteBuffer b =
                ByteBuffer.allocate(8 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n).put(header.getBytes(StandardCharsets.UTF_8));
        for (float v : data) {
            b.putFloat(v);
        }
        assertThat(header.length()).isEqualTo(n);
        return b.array();
    }

    private static byte[] serialize(Map<String, NdArray> arrays, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, new StateDict(new LinkedHashMap<>(arrays), metadata));
        return out.toByteArray();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
