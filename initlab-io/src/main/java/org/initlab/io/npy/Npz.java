package org.initlab.io.npy;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.initlab.core.shape.Allocation;
import org.initlab.io.AtomicFiles;
import org.initlab.io.FormatException;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;

/**
 * NumPy {@code .npz} archives ({@code numpy.savez}, {@code numpy.savez_compressed}): a zip file
 * whose entries are {@code .npy} files, one per array, named {@code KEY.npy}.
 *
 * <p>Reading keeps the archive's entry order (its central directory order) and keys each array by
 * its entry name without {@code .npy}. Stored and deflated entries are read; each entry is checked
 * as a {@code .npy} ({@link Npy}), against the CRC-32 and the size the directory records. An entry
 * that is not a {@code .npy}, a key that appears twice, or a corrupt archive is a
 * {@link FormatException}: inside an entry, its source is {@code "FILE, entry 'NAME'"} and its
 * offset counts from the start of the entry's uncompressed bytes; for errors of the zip structure
 * itself, reported by {@link ZipFile}, the offset is unknown ({@code -1}). Metadata is empty.
 *
 * <p>Writing puts the arrays in map order, each as {@code KEY.npy} with the bytes {@link Npy}
 * writes, stored ({@code numpy.savez}) or deflated ({@code numpy.savez_compressed}); entry times
 * are fixed at 1980-01-01 so equal dicts give equal files. Metadata is not written (the format has
 * none).
 */
public final class Npz {
    /** The DOS epoch: zip entries carry this time, so the bytes depend only on the arrays. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    /** Reads every array of an {@code .npz} archive. */
    public static StateDict read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            requireMemory(file, zip);
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.endsWith(".npy") || name.length() == ".npy".length()) {
                    throw new FormatException(
                            file.toString(),
                            -1,
                            "entry '" + name + "' is not a .npy file; an .npz" + " archive holds only KEY.npy entries");
                }
                String key = name.substring(0, name.length() - ".npy".length());
                if (arrays.containsKey(key)) {
                    throw new FormatException(file.toString(), -1, "entry '" + name + "' appears twice");
                }
                arrays.put(key, entry(file, zip, e));
            }
        }
        return new StateDict(new LinkedHashMap<>(arrays));
    }

    /**
     * Refuses, before any entry is decompressed, an archive whose entries (sizes from the zip
     * directory) add up to more than the Java heap can ever hold: a few megabytes of deflated
     * zeros can announce gigabytes.
     */
    private static void requireMemory(Path file, ZipFile zip) {
        long declared = 0;
        int count = 0;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); count++) {
            long size = en.nextElement().getSize();
            declared = size > 0 && declared < Long.MAX_VALUE - size
                    ? declared + size
                    : size > 0 ? Long.MAX_VALUE : declared;
        }
        Allocation.require(declared, "the " + count + " arrays of " + file);
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            // EOFException: the end record announces a comment or directory running past the end of the file
            throw new FormatException(
                    file.toString(),
                    -1,
                    "not a valid zip archive: "
                            + (e.getMessage() == null ? "a record runs past the end of the file" : e.getMessage()),
                    e);
        }
    }

    private static NdArray entry(Path file, ZipFile zip, ZipEntry e) throws IOException {
        String where = file + ", entry '" + e.getName() + "'";
        CRC32 crc = new CRC32();
        try (Counting in = new Counting(new CheckedInputStream(zip.getInputStream(e), crc))) {
            NdArray a = Npy.read(in, -1, where);
            if (e.getSize() >= 0 && in.count != e.getSize()) {
                throw new FormatException(
                        where,
                        Math.min(in.count, e.getSize()),
                        "the entry holds " + in.count + " bytes but the zip directory records " + e.getSize());
            }
            if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
                throw new FormatException(
                        where,
                        -1,
                        String.format(
                                "CRC-32 of the entry is %08x, the zip directory"
                                        + " records %08x: the archive is corrupt",
                                crc.getValue(), e.getCrc()));
            }
            return a;
        } catch (ZipException | EOFException ex) {
            throw new FormatException(where, -1, "corrupt compressed data: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes {@code dict}'s arrays to {@code file} atomically.
     *
     * @param compressed deflate the entries (as {@code numpy.savez_compressed}) or store them (as {@code numpy.savez})
     * @throws IllegalArgumentException for an empty key or a BF16 array (NumPy has no bfloat16)
     */
    public static void write(Path file, StateDict dict, boolean compressed) throws IOException {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        dict.arrays().forEach((key, array) -> {
            if (key.isEmpty()) {
                throw new IllegalArgumentException("an .npz key must not be empty (the entry would be named '.npy')");
            }
            headers.put(key, Npy.header(array));
        });
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NdArray> a : dict.arrays().entrySet()) {
                byte[] head = headers.get(a.getKey());
                byte[] data = a.getValue().data();
                ZipEntry e = new ZipEntry(a.getKey() + ".npy");
                e.setTimeLocal(ENTRY_TIME);
                if (compressed) {
                    e.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(head);
                    crc.update(data);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize((long) head.length + data.length);
                    e.setCompressedSize((long) head.length + data.length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(head);
                zip.write(data);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
