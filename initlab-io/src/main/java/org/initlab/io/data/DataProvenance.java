package org.initlab.io.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Which data a run actually used: the spec asked for, the canonical spec of what was loaded, every
 * file read with its size and SHA-256, and the number of examples. A run records this in its
 * {@code run.json}, so two runs can be compared file by file.
 *
 * @param requested the spec the caller asked for ({@code fashion-mnist})
 * @param used the canonical spec of what was loaded (every parameter written out)
 * @param note why {@code used} differs from {@code requested}, or empty
 * @param files the files read, in the order read (none for generated data)
 * @param trainExamples examples in the training part
 * @param testExamples examples in the test part
 */
public record DataProvenance(
        String requested, String used, String note, List<DataFile> files, int trainExamples, int testExamples) {
    /**
     * One file read.
     *
     * @param name the file's name within its data set ({@code fashion-mnist/t10k-labels-idx1-ubyte.gz})
     * @param location where it was read: an absolute path, or {@code embedded:RESOURCE}
     * @param bytes its size
     * @param sha256 its SHA-256, lower-case hexadecimal
     */
    public record DataFile(String name, String location, long bytes, String sha256) {}

    public DataProvenance {
        files = List.copyOf(files);
        note = note == null ? "" : note;
    }

    /** The same provenance with {@code note} (why the data differs from what was asked). */
    public DataProvenance withNote(String requestedSpec, String why) {
        return new DataProvenance(requestedSpec, used, why, files, trainExamples, testExamples);
    }

    /** One line for a report: what was used, the example counts, and the note. */
    public String describe() {
        String s = used + ", " + trainExamples + " training and " + testExamples + " test examples";
        if (!files.isEmpty()) {
            s += " from " + files.size() + " file(s)";
        }
        return note.isEmpty() ? s : s + " (" + note + ")";
    }

    /** The record of {@code file} (its name within the data set is {@code name}). */
    public static DataFile file(String name, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new DataFile(name, file.toAbsolutePath().toString(), Files.size(file), sha256(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of everything {@code in} holds, lower-case hexadecimal; reads to the end. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
