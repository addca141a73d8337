package org.initlab.io.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.initlab.io.DType;
import org.initlab.io.FormatException;
import org.initlab.io.Golden;
import org.initlab.io.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyTest {
    private static final Map<String, DType> CODES =
            Map.of("f2", DType.F16, "f4", DType.F32, "f8", DType.F64, "i4", DType.I32, "i8", DType.I64);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"f2", "f4", "f8", "i4", "i8"})
    void readsNumpyFilesOfEveryDtypeInBothOrdersAndByteOrders(String code) throws IOException {
        NdArray expected = Golden.array(CODES.get(code));
        for (String variant : new String[] {"_c", "_f", "_be"}) {
            NdArray a = Npy.read(Golden.file(code + variant + ".npy"));
            assertThat(a).as(code + variant).isEqualTo(expected);
        }
    }

    @Test
    void int64ValuesBeyondDoublePrecisionSurviveExactly() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Npy.read(Golden.file("i8_f.npy")).data()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getLong(0)).isEqualTo(-(1L << 62));
        assertThat(b.getLong(8)).isEqualTo(-(1L << 62) + (1L << 40) + 3);
        assertThat((long) (double) b.getLong(8)).as("not a double").isNotEqualTo(b.getLong(8));
    }

    @Test
    void readsFormatVersionsTwoAndThree() throws IOException {
        assertThat(Files.readAllBytes(Golden.file("f4_v2.npy"))[6]).isEqualTo((byte) 2);
        assertThat(Files.readAllBytes(Golden.file("f4_v3.npy"))[6]).isEqualTo((byte) 3);
        assertThat(Npy.read(Golden.file("f4_v2.npy"))).isEqualTo(Golden.array(DType.F32));
        assertThat(Npy.read(Golden.file("f4_v3.npy"))).isEqualTo(Golden.array(DType.F32));
        assertThat(Npy.read(Golden.file("f8_f_v2.npy"))).isEqualTo(Golden.array(DType.F64));
    }

    @Test
    void fortranOrderOfUnequalAxesBecomesCOrder() throws IOException {
        NdArray a = Npy.read(Golden.file("f8_f_245.npy"));
        assertThat(a.shape()).containsExactly(2, 4, 5);
        assertThat(a.data()).isEqualTo(Golden.bytes(DType.F64, 40));
    }

    @Test
    void readsScalarOneDimensionalAndEmptyArrays() throws IOException {
        NdArray scalar = Npy.read(Golden.file("f4_0d.npy"));
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.toFloats()).containsExactly(2.5f);
        NdArray line = Npy.read(Golden.file("f4_1d.npy"));
        assertThat(line.shape()).containsExactly(5);
        assertThat(line.toFloats()).containsExactly(-3f, -2.5f, -2f, -1.5f, -1f);
        NdArray empty = Npy.read(Golden.file("f4_empty.npy"));
        assertThat(empty.shape()).containsExactly(0, 3);
        assertThat(empty.data()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"f2_c", "f4_c", "f8_c", "i4_c", "i8_c", "f4_0d", "f4_1d", "f4_empty"})
    void writerProducesNumpysBytes(String name) throws IOException {
        byte[] numpy = Files.readAllBytes(Golden.file(name + ".npy"));
        NdArray a = Npy.read(numpy, name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        assertThat(out.toByteArray()).isEqualTo(numpy);
        Path file = tmp.resolve(name + ".npy");
        Npy.write(file, a);
        assertThat(Files.readAllBytes(file)).isEqualTo(numpy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bool", "c16", "u1"})
    void rejectsOtherDtypesNamingThemAndTheSupportedOnes(String name) {
        Path file = Golden.file(name + ".npy");
        assertThatThrownBy(() -> Npy.read(file))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith(file + ": byte offset ")
                .hasMessageContaining("unsupported dtype")
                .hasMessageContaining("supported: <f2, <f4, <f8, <i4, <i8");
        assertThatThrownBy(() -> Npy.read(Golden.file("bool.npy"))).hasMessageContaining("'|b1' (bool)");
    }

    @Test
    void roundTripsEveryNumpyDtypeAndRank() throws IOException {
        for (DType t : new DType[] {DType.F16, DType.F32, DType.F64, DType.I32, DType.I64}) {
            for (int[] shape : new int[][] {{}, {7}, {3, 1, 2}, {0, 5}, {1, 1, 1, 1, 2}}) {
                NdArray a = new NdArray(t, shape, Golden.bytes(t, (int) NdArray.elements(shape)));
                Path f = tmp.resolve("a.npy");
                Npy.write(f, a);
                byte[] bytes = Files.readAllBytes(f);
                assertThat(Npy.read(f)).as(t + Arrays.toString(shape)).isEqualTo(a);
                int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
                assertThat((10 + headerLength) % 64).isZero();
                assertThat(bytes[10 + headerLength - 1]).isEqualTo((byte) '\n');
            }
        }
    }

    @Test
    void writerSwitchesToVersionTwoOnlyWhenTheHeaderNeedsIt() throws IOException {
        int[] shape = new int[30000];
        Arrays.fill(shape, 1);
        NdArray wide = new NdArray(DType.F32, shape, new byte[4]);
        byte[] head = Npy.header(wide);
        assertThat(head[6]).isEqualTo((byte) 2);
        assertThat(head.length % 64).isZero();
        long length = ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(length).isEqualTo(head.length - 12).isGreaterThan(0xffff);
        Path f = tmp.resolve("wide.npy");
        Npy.write(f, wide);
        assertThat(Npy.read(f)).isEqualTo(wide);
        assertThat(Npy.header(NdArray.ofFloats(new float[2], 2))[6]).isEqualTo((byte) 1);
    }

    @Test
    void refusesToWriteBfloat16() {
        NdArray bf = new NdArray(DType.BF16, new int[] {1}, new byte[2]);
        assertThatThrownBy(() -> Npy.write(tmp.resolve("x.npy"), bf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NumPy has no BF16");
        assertThat(tmp.resolve("x.npy")).doesNotExist();
    }

    // ---- malformed files: exact offsets and reasons

    @Test
    void wrongMagicIsReportedAtTheFirstDifferingByte() {
        byte[] f = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
        f[3] = 'X';
        assertFails(f, 3, "not a .npy file");
        assertFails("PK\3\4".getBytes(StandardCharsets.ISO_8859_1), 0, "not a .npy file");
        assertFails(new byte[0], 0, "truncated");
        assertFails(Arrays.copyOf(f, 5), 3, "not a .npy file");
    }

    @Test
    void unknownVersionTruncatedPrefixAndLyingHeaderLength() {
        byte[] good = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4);
        byte[] v4 = good.clone();
        v4[6] = 4;
        assertFails(v4, 6, "format version 4.0 is not supported; valid: 1.0, 2.0, 3.0");
        assertFails(Arrays.copyOf(good, 9), 9, "truncated: the file ends inside the 2-byte header length");
        byte[] lying = good.clone();
        lying[8] = (byte) 0xff;
        lying[9] = (byte) 0x7f;
        assertFails(lying, 8, "header length 32767 runs past the end of the file");
        byte[] v2 = new byte[16];
        System.arraycopy(good, 0, v2, 0, 8);
        v2[6] = 2;
        v2[11] = (byte) 0xf0; // 4 GB header
        assertFails(v2, 8, "is larger than the 1048576 bytes this reader accepts");
    }

    @Test
    void dataShorterOrLongerThanTheShapeIsRejected() {
        byte[] good = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 24);
        int dataStart = good.length - 24;
        assertFails(
                Arrays.copyOf(good, good.length - 1),
                good.length - 1,
                "truncated data: F32 [2, 3] needs 24 data bytes");
        assertFails(Arrays.copyOf(good, good.length + 3), good.length, "3 trailing bytes after the data");
        assertFails(Arrays.copyOf(good, dataStart), dataStart, "truncated data");
    }

    @Test
    void aHugeShapeInATinyFileFailsBeforeAnyLargeAllocation() {
        byte[] f = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (16000, 16000), }", 8);
        long before = allocated();
        assertFails(f, f.length, "truncated data: F64 [16000, 16000] needs 2048000000 data bytes");
        assertThat(allocated() - before).isLessThan(16L << 20);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }";
        assertFails(npy(dict, 8), 10 + dict.indexOf("(1000000"), "needs more than 2147483639 bytes");
    }

    @Test
    void headerDictAcceptsWhatNumpyWouldInAnyKeyOrder() throws FormatException {
        String[] valid = {
            "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f4'}",
            "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,3,)}",
            "{'descr':'<f4','fortran_order':False,'shape':(2, 3),}",
            "  {\n'descr': '<f4',\t'fortran_order': False, 'shape': ( 2 , 3 ) , }  \n",
        };
        for (String h : valid) {
            NpyHeader p = NpyHeader.parse(h.getBytes(StandardCharsets.ISO_8859_1), false, "t", 10);
            assertThat(p.shape()).as(h).containsExactly(2, 3);
            assertThat(p.dtype()).isEqualTo(DType.F32);
            assertThat(p.fortranOrder()).isFalse();
        }
        assertThat(NpyHeader.parse(
                        "{'descr': '>i8', 'fortran_order': True, 'shape': (), }".getBytes(StandardCharsets.ISO_8859_1),
                        false,
                        "t",
                        10))
                .isEqualTo(new NpyHeader(DType.I64, true, true, new int[0]));
    }

    @Test
    void headerDictRejectsWhatNumpyWouldNotWriteWithTheOffendingByte() {
        // the second argument marks the offending byte: its first occurrence in the header
        assertHeaderFails("{'descr': '<f4', 'fortran_order': False}", "{", "lacks the key 'shape'");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'extra': 1}",
                "'extra'",
                "unexpected key 'extra'");
        assertHeaderFails(
                "{'descr': '<f4', 'descr': '<f2', 'fortran_order': False, 'shape': (3,)}",
                "'descr': '<f2",
                "key 'descr' appears twice");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3)}", "(3)", "(3) is an int, not a tuple");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': False, 'shape': [3]}", "[3]", "a list where a tuple is expected");
        assertHeaderFails("{'descr': '<f4', 'fortran_order': False, 'shape': (-3,)}", "-3", "negative dimension");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3000000000,)}", "3000", "larger than 2147483647");
        assertHeaderFails("{'descr': '<f4', 'fortran_order': False, 'shape': (03,)}", "03", "leading zeros");
        assertHeaderFails("{'descr': '<f4', 'fortran_order': False, 'shape': (3L,)}", "L,", "unexpected 'L'");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': 0, 'shape': (3,)}",
                "0,",
                "'fortran_order' must be True or False, found '0'");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': Falsey, 'shape': (3,)}",
                "Falsey",
                "'fortran_order' must be True or False");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': 'no', 'shape': (3,)}",
                "'no'",
                "'fortran_order' must be True or False");
        assertHeaderFails(
                "{'descr': ('<f4',), 'fortran_order': False, 'shape': (3,)}", "('<f4'", "'descr' must be a string");
        assertHeaderFails("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3,)}", "[", "structured dtypes");
        assertHeaderFails("{'descr': '=f4', 'fortran_order': False, 'shape': (3,)}", "'=f4'", "byte order '='");
        assertHeaderFails("{'descr': '<f4\\x', 'fortran_order': False, 'shape': (3,)}", "\\", "escape sequences");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)} x",
                "x",
                "unexpected 'x' after the header dict");
        assertHeaderFails(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)", null, "ends in the middle of the dict");
        assertHeaderFails("{'descr': '<f4' 'fortran_order': False, 'shape': (3,)}", "'fortran", "expected ',' or '}'");
        assertHeaderFails("{'descr': '<f4', 'fortran_order': False, 'shape': (3,)}# comment", "#", "unexpected '#'");
        assertHeaderFails("['descr', '<f4']", "[", "must be a Python dict");
        assertHeaderFails("", null, "must be a Python dict");
    }

    /** {@code mark}: text whose first occurrence starts at the offending byte; {@code null}: the end of the header. */
    private static void assertHeaderFails(String header, String mark, String reason) {
        int at = mark == null ? header.length() : header.indexOf(mark);
        assertThatThrownBy(() -> NpyHeader.parse(header.getBytes(StandardCharsets.ISO_8859_1), false, "h.npy", 10))
                .as(header)
                .isInstanceOf(FormatException.class)
                .hasMessageContaining(reason)
                .satisfies(e ->
                        assertThat(((FormatException) e).offset()).as(header).isEqualTo(10 + at));
    }

    private static void assertFails(byte[] file, long offset, String reason) {
        assertThatThrownBy(() -> Npy.read(file, "x.npy"))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("x.npy: byte offset " + offset + ": ")
                .hasMessageContaining(reason);
    }

    /** A version-1 .npy with the given header dict (padded as NumPy pads) and {@code dataBytes} data bytes. */
    static byte[] npy(String dict, int dataBytes) {
        int hlen = dict.length() + 1;
        int pad = 64 - (10 + hlen) % 64;
        byte[] out = new byte[10 + hlen + pad + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (hlen + pad), (byte) ((hlen + pad) >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
