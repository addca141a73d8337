package org.initlab.io.npy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.initlab.core.shape.Allocation;
import org.initlab.io.AtomicFiles;
import org.initlab.io.DType;
import org.initlab.io.FormatException;
import org.initlab.io.NdArray;

/**
 * NumPy {@code .npy} files: one array.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, the format version (two bytes: 1.0, 2.0 or 3.0), the
 * header length (little-endian {@code uint16} in version 1.0, {@code uint32} in 2.0 and 3.0),
 * the header (a Python dict literal, see {@link NpyHeader}; latin-1 in 1.0 and 2.0, UTF-8 in 3.0),
 * then the elements, exactly {@code elements(shape) × itemsize} bytes to the end of the file.
 *
 * <p>Reading accepts {@code float16, float32, float64, int32, int64} in either byte order and
 * either memory order; the result is always little-endian C order ({@link NdArray}). Other element
 * types (bool, unsigned, complex, strings, objects, structured records) are rejected. Every
 * malformed input is a {@link FormatException} naming the file, the byte offset and the reason:
 * wrong magic, unknown version, a header longer than {@value #MAX_HEADER_BYTES} bytes or than the
 * file, a header that is not a valid dict, data shorter or longer than the header announces.
 * Nothing is allocated from a header value before it is checked against the bytes really present:
 * with a known length (a file, a byte array) the data size must match it exactly before the data
 * buffer is allocated; from a stream of unknown length (an {@code .npz} entry) the data buffer
 * grows only as bytes arrive.
 *
 * <p>Writing produces exactly the bytes {@code numpy.save} produces for the same array: version
 * 1.0 unless the header needs the 4-byte length of 2.0, keys in sorted order, the 21-character
 * growth allowance after the dict, spaces and a newline up to a multiple of 64 bytes, C order,
 * little-endian. BF16 has no NumPy dtype and is refused with {@link IllegalArgumentException}.
 */
public final class Npy {
    /** The largest header this reader accepts (NumPy's own default limit is 10,000 characters). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ARRAY_ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int CHUNK = 1 << 16;

    private Npy() {}

    /** Reads the array of a {@code .npy} file. */
    public static NdArray read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, size, file.toString());
        }
    }

    /** Reads the array of a {@code .npy} file held in memory; {@code source} names it in messages. */
    public static NdArray read(byte[] bytes, String source) throws FormatException {
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, source);
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }

    /**
     * Reads one {@code .npy} from {@code in} to its end (the stream is not closed).
     *
     * @param length the exact number of bytes the stream holds, or {@code -1} when unknown; a
     *     known length is trusted to size the data buffer once it matched the header
     * @param source names the stream in messages
     */
    public static NdArray read(InputStream in, long length, String source) throws IOException {
        byte[] prefix = in.readNBytes(8);
        for (int i = 0; i < Math.min(prefix.length, MAGIC.length); i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new FormatException(
                        source,
                        i,
                        "not a .npy file: it starts with " + hex(prefix)
                                + ", a .npy file starts with 93 4e 55 4d 50 59 (\\x93NUMPY)");
            }
        }
        if (prefix.length < 8) {
            throw new FormatException(
                    source,
                    prefix.length,
                    "truncated: the file ends after " + prefix.length + " bytes, inside the 8-byte magic and version");
        }
        int major = prefix[6] & 0xff;
        int minor = prefix[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new FormatException(
                    source, 6, "format version " + major + "." + minor + " is not supported; valid: 1.0, 2.0, 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw new FormatException(
                    source,
                    8 + len.length,
                    "truncated: the file ends inside the " + lengthBytes + "-byte header length of format version "
                            + major + ".0");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (len[i] & 0xff);
        }
        int headerStart = 8 + lengthBytes;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new FormatException(
                    source,
                    8,
                    "header length " + headerLength + " is larger than the " + MAX_HEADER_BYTES
                            + " bytes this reader accepts (a valid header is a few hundred bytes)");
        }
        if (length >= 0 && headerLength > length - headerStart) {
            throw new FormatException(
                    source,
                    8,
                    "header length " + headerLength + " runs past the end of the file ("
                            + Math.max(0, length - headerStart) + " bytes follow the length field)");
        }
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) {
            throw new FormatException(
                    source,
                    headerStart + text.length,
                    "truncated: the file ends inside the " + headerLength + "-byte header");
        }
        NpyHeader header = NpyHeader.parse(text, major == 3, source, headerStart);
        long dataStart = headerStart + headerLength;
        int dataBytes = header.dataBytes();
        String announced = header.dtype() + " " + Arrays.toString(header.shape()) + " needs " + dataBytes
                + " data bytes from byte offset " + dataStart;
        if (length >= 0 && length != dataStart + dataBytes) {
            throw length < dataStart + dataBytes
                    ? new FormatException(
                            source,
                            length,
                            "truncated data: " + announced + ", the file ends after " + (length - dataStart))
                    : new FormatException(
                            source,
                            dataStart + dataBytes,
                            (length - dataStart - dataBytes) + " trailing bytes after the data (" + announced + ")");
        }
        byte[] data;
        int got;
        Allocation.require(dataBytes, announced);
        if (length >= 0) {
            data = new byte[dataBytes];
            got = in.readNBytes(data, 0, dataBytes);
        } else {
            data = readUpTo(in, dataBytes);
            got = data.length;
        }
        if (got < dataBytes) {
            throw new FormatException(
                    source, dataStart + got, "truncated data: " + announced + ", the stream ends after " + got);
        }
        if (in.read() >= 0) {
            throw new FormatException(
                    source, dataStart + dataBytes, "trailing bytes after the data (" + announced + ")");
        }
        int width = header.dtype().bytes();
        if (header.bigEndian()) {
            ByteOrders.swap(data, width);
        }
        if (header.fortranOrder()) {
            data = ByteOrders.fortranToC(data, header.shape(), width);
        }
        return new NdArray(header.dtype(), header.shape(), data);
    }

    /** Writes {@code array} to {@code file} atomically, byte for byte as {@code numpy.save} would. */
    public static void write(Path file, NdArray array) throws IOException {
        byte[] head = header(array);
        AtomicFiles.write(file, out -> {
            out.write(head);
            out.write(array.data());
        });
    }

    /**
     * Writes a float32 array of {@code shape} to {@code file} atomically: the header, then exactly
     * {@code 4 × elements} bytes that {@code data} writes (little-endian floats in C order, e.g.
     * {@link NdArray#writeFloats}), so a tensor can be streamed without being held whole. The same
     * bytes as {@code write(file, NdArray.ofFloats(values, shape))} when {@code data} writes those values.
     *
     * @throws IllegalStateException when {@code data} wrote another number of bytes (nothing is kept)
     */
    public static void writeFloats(Path file, int[] shape, AtomicFiles.Body data) throws IOException {
        long bytes = 4 * NdArray.elements(shape);
        byte[] head = header(DType.F32, shape);
        AtomicFiles.write(file, out -> {
            out.write(head);
            NdArray.writeExactly(out, bytes, data);
        });
    }

    /** Writes {@code array} as a {@code .npy} to {@code out} (not closed). */
    public static void write(OutputStream out, NdArray array) throws IOException {
        out.write(header(array));
        out.write(array.data());
    }

    /**
     * Everything a {@code .npy} holds before the data: magic, version, header length and the padded
     * header, a multiple of 64 bytes long.
     *
     * @throws IllegalArgumentException for BF16, which NumPy cannot represent
     */
    static byte[] header(NdArray array) {
        return header(array.dtype(), array.shape());
    }

    /** {@link #header(NdArray)} for an array of {@code dtype} and {@code shape}. */
    static byte[] header(DType dtype, int[] shape) {
        if (dtype.numpyDescr() == null) {
            throw new IllegalArgumentException("NumPy has no " + dtype + " dtype; convert the array to F32"
                    + " (or write .safetensors, which holds " + dtype + ")");
        }
        String dict = new NpyHeader(dtype, false, false, shape).dictText();
        if (shape.length > 0) {
            dict += " "
                    .repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length());
        }
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        int hlen = text.length + 1;
        int major = 1;
        int lengthBytes = 2;
        int pad = ARRAY_ALIGN - (MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN;
        if (hlen + pad > 0xffff) {
            major = 2;
            lengthBytes = 4;
            pad = ARRAY_ALIGN - (MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN;
        }
        int headerLength = hlen + pad;
        byte[] out = new byte[MAGIC.length + 2 + lengthBytes + headerLength];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lengthBytes; i++) {
            out[8 + i] = (byte) (headerLength >>> (8 * i));
        }
        int at = 8 + lengthBytes;
        System.arraycopy(text, 0, out, at, text.length);
        Arrays.fill(out, at + text.length, out.length - 1, (byte) ' ');
        out[out.length - 1] = '\n';
        return out;
    }

    /** Reads up to {@code n} bytes, growing the buffer only as data arrives; shorter at end of stream. */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] buf = new byte[Math.min(n, CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                return Arrays.copyOf(buf, filled);
            }
            filled += r;
        }
        return buf;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 6); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return sb.isEmpty() ? "nothing" : sb.toString();
    }
}
