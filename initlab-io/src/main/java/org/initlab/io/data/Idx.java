package org.initlab.io.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.initlab.core.shape.Allocation;
import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al. 1998; Xiao, Rasul, Vollgraf 2017)
 * into a {@link Dataset}.
 *
 * <p>Format, all integers 32-bit big-endian, offsets in the (decompressed) IDX stream:
 * <pre>
 * images: 0 magic 2051 (0x00000803) | 4 count N | 8 rows R | 12 columns C | 16 N·R·C unsigned bytes
 * labels: 0 magic 2049 (0x00000801) | 4 count N | 8 N unsigned bytes
 * </pre>
 * A file starting with the gzip magic {@code 1f 8b} is decompressed on the fly; anything else is
 * read as a plain IDX file. Pixels become {@code p / 255f} in {@code [0, 1]}; images have shape
 * {@code [n, 1, R, C]} (NCHW with one channel, so {@link org.initlab.nn.Conv2D} takes them directly; {@link org.initlab.nn.Dense}
 * reads {@link Tensor#features()} and {@link org.initlab.nn.Flatten} or {@link Tensor#flat()} give {@code [n, R·C]}).
 *
 * <p>Validation: the magic numbers, equal counts in both files, every kept label below {@code classes}, and the
 * data length exactly {@code header + N·R·C} (resp. {@code + N}). A violation throws
 * {@link IllegalArgumentException} naming the file, the byte offset in the IDX stream and the reason.
 *
 * <p>Allocation: nothing is sized from a header alone. The kept bytes (the first {@code limit}
 * items) are read into a buffer that grows as data actually arrives (doubling, from at most 64 KiB),
 * so a header claiming more items than the file holds fails at the real end of the data; the rest
 * of the stream is read in 64 KiB chunks and counted, not kept. Once the data is known to be
 * complete, one {@code float[n·R·C]} and one {@code int[n]} are allocated for the result.
 */
public final class Idx {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Number of classes in Fashion-MNIST (and MNIST). */
    public static final int FASHION_MNIST_CLASSES = 10;

    private static final int CHUNK = 1 << 16;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The most a deflate stream expands: 258 bytes from about 2 bits, 1032:1 (RFC 1951; zlib's technical notes). */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private Idx() {}

    /**
     * Fashion-MNIST from a folder holding the four standard files {@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
     * {@code t10k-labels-idx1-ubyte.gz} (60000 training, 10000 test images of 28×28, 10 classes).
     *
     * @param dir the folder
     * @param train the training files if true, the test files otherwise
     */
    public static Dataset fashionMnist(Path dir, boolean train) {
        return fashionMnist(dir, train, Integer.MAX_VALUE);
    }

    /** As {@link #fashionMnist(Path, boolean)}, keeping only the first {@code limit} examples. */
    public static Dataset fashionMnist(Path dir, boolean train, int limit) {
        String prefix = train ? "train" : "t10k";
        return read(
                "fashion-mnist/" + (train ? "train" : "test"),
                dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                dir.resolve(prefix + "-labels-idx1-ubyte.gz"),
                FASHION_MNIST_CLASSES,
                limit);
    }

    /**
     * Reads an images file and a labels file, keeping the first {@code limit} examples (all if
     * {@code limit} is at least the count); both files are still read to their end and validated.
     *
     * @param name the dataset's name
     * @param images IDX images file, gzipped or not
     * @param labels IDX labels file, gzipped or not
     * @param classes number of classes; every kept label must be below it
     * @param limit maximum number of examples kept, at least 0
     */
    public static Dataset read(String name, Path images, Path labels, int classes, int limit) {
        return read(name, new StoredFile.Disk(images), new StoredFile.Disk(labels), classes, limit);
    }

    /** As {@link #read(String, Path, Path, int, int)}, from files on disk or embedded. */
    public static Dataset read(String name, StoredFile images, StoredFile labels, int classes, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("classes must be in [1, 256] for byte labels, got " + classes);
        }
        Body img = body(images, IMAGES_MAGIC, 3, limit);
        Body lab = body(labels, LABELS_MAGIC, 1, limit);
        if (img.count != lab.count) {
            throw new IllegalArgumentException(images + " holds " + img.count + " images (count at byte offset 4) but "
                    + labels + " holds " + lab.count + " labels");
        }
        int n = (int) Math.min(limit, img.count);
        int[] y = new int[n];
        for (int i = 0; i < lab.kept.length; i++) {
            int v = lab.kept[i] & 0xff;
            if (v >= classes) {
                throw new IllegalArgumentException(labels + ": byte offset " + (lab.headerSize + i) + ": label " + v
                        + " not in [0, " + classes + ")");
            }
            y[i] = v;
        }
        int rows = img.dims[1];
        int cols = img.dims[2];
        float[] x = Allocation.floats(n, rows, cols);
        for (int i = 0; i < x.length; i++) {
            x[i] = (img.kept[i] & 0xff) / 255f;
        }
        return new Dataset(name, new Tensor(x, n, 1, rows, cols), y, classes);
    }

    /** One validated IDX file: its dimensions, header size and the bytes of the kept items. */
    private record Body(long count, int[] dims, int headerSize, byte[] kept) {}

    private static Body body(StoredFile file, int magic, int rank, int limit) {
        try (InputStream raw = new BufferedInputStream(file.open(), CHUNK)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            String where = gzip ? " (offsets after gunzip)" : "";
            try (InputStream in = gzip ? new GZIPInputStream(raw, CHUNK) : raw) {
                return body(file, gzip, where, in, magic, rank, limit);
            } catch (IOException e) {
                // GZIPInputStream reports corrupt or truncated compressed data as ZipException/EOFException
                throw new IllegalArgumentException(file + ": corrupt gzip stream" + where + ": " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("IDX file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Body body(
            StoredFile file, boolean gzip, String where, InputStream in, int magic, int rank, int limit)
            throws IOException {
        int headerSize = 4 + 4 * rank;
        byte[] header = new byte[headerSize];
        int got = in.readNBytes(header, 0, 4);
        int m = intAt(header, 0);
        if (got == 4 && m != magic) {
            throw new IllegalArgumentException(String.format(
                    "%s: byte offset 0%s: magic number %d (0x%08x), expected %d" + " (0x%08x) for %s",
                    file, where, m, m, magic, magic, rank == 3 ? "an images file" : "a labels file"));
        }
        got += in.readNBytes(header, got, headerSize - got);
        if (got < headerSize) {
            throw new IllegalArgumentException(file + ": truncated header at byte offset " + got + where + ": need "
                    + headerSize + " header bytes, the file has " + got);
        }
        int[] dims = new int[rank];
        long itemSize = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = intAt(header, 4 + 4 * d);
            if (dims[d] < (d == 0 ? 0 : 1)) {
                throw new IllegalArgumentException(file + ": byte offset " + (4 + 4 * d) + where + ": dimension " + d
                        + " is " + dims[d] + ", must be " + (d == 0 ? ">= 0" : ">= 1"));
            }
            if (d > 0) {
                itemSize *= dims[d];
            }
        }
        long count = dims[0];
        if (count > 0 && itemSize > (Long.MAX_VALUE - headerSize) / count) {
            throw new IllegalArgumentException(file + ": byte offset 4" + where + ": the header announces " + count
                    + " items of " + itemSize + " bytes, more than the 2^63 bytes a file can hold");
        }
        long keptBytes = Math.min(limit, count) * itemSize;
        long expected = headerSize + count * itemSize;
        // the header alone decides these refusals: nothing is read or decompressed for them
        if (keptBytes > MAX_ARRAY) {
            throw new IllegalArgumentException(file + ": byte offset 4" + where + ": " + Math.min(limit, count)
                    + " items of " + itemSize + " bytes exceed the 2 GiB a Java array holds; use a smaller limit");
        }
        // what the file can hold: a plain file its size, a gzip stream (deflate) at most 1032 times its size
        long room = !gzip
                ? file.bytes()
                : file.bytes() > Long.MAX_VALUE / MAX_DEFLATE_RATIO ? Long.MAX_VALUE : file.bytes() * MAX_DEFLATE_RATIO;
        if (gzip && expected > room) {
            throw new IllegalArgumentException(
                    file + ": byte offset 4" + where + ": truncated data: the header announces "
                            + count + " items of " + itemSize + " bytes (" + expected
                            + " bytes in all), more than a gzip file of "
                            + file.bytes() + " bytes can expand to (" + MAX_DEFLATE_RATIO + " times its size)");
        }
        if (expected <= room) {
            // a header the file can justify, but maybe not the heap: the kept bytes, then one float per byte
            Allocation.require(5 * keptBytes, Math.min(limit, count) + " items of " + itemSize + " bytes from " + file);
        }
        // else a plain file shorter than its header says: the read below stops at its real end and says where
        byte[] kept = readUpTo(in, (int) keptBytes);
        long total = (long) headerSize + kept.length;
        if (kept.length == keptBytes) {
            total += drain(in);
        }
        if (total != expected) {
            String reason = total < expected
                    ? "truncated data: the header announces " + count + " items of " + itemSize + " bytes (" + expected
                            + " bytes in all), the data ends early"
                    : (total - expected) + " trailing bytes after the " + count + " items the header announces";
            throw new IllegalArgumentException(
                    file + ": byte offset " + Math.min(total, expected) + where + ": " + reason);
        }
        return new Body(count, dims, headerSize, kept);
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

    /** Reads to the end of the stream in fixed chunks and returns the number of bytes. */
    private static long drain(InputStream in) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int r; (r = in.read(chunk)) >= 0; ) {
            total += r;
        }
        return total;
    }

    private static int intAt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }
}
