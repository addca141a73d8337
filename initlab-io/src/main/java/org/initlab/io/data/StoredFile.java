package org.initlab.io.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One data file as a loader reads it: a file on disk or a copy embedded in the library. Each
 * says where it is ({@link #location()}: an absolute path, or {@code embedded:RESOURCE}), its
 * size and its SHA-256, so a run can record exactly which bytes it read.
 */
public sealed interface StoredFile {
    /** The file's name, without folders ({@code "digits.csv.gz"}). */
    String name();

    /** Where it is: an absolute path, or {@code embedded:} and the class-path resource name. */
    String location();

    /** Opens the file's bytes. */
    InputStream open() throws IOException;

    /** The size in bytes. */
    long bytes();

    /** The SHA-256 of the bytes, 64 lower-case hexadecimal digits. */
    String sha256();

    /**
     * A file on disk; size and checksum are computed when asked (the checksum reads the whole file).
     *
     * @param path the file
     */
    record Disk(Path path) implements StoredFile {
        public Disk {
            path = path.toAbsolutePath().normalize();
        }

        @Override
        public String name() {
            return String.valueOf(path.getFileName());
        }

        @Override
        public String location() {
            return path.toString();
        }

        @Override
        public InputStream open() throws IOException {
            if (Files.isDirectory(path)) {
                throw new IllegalArgumentException(path + " is a directory; a data file is expected here"
                        + " (csv:FILE takes a CSV file, idx:DIR a folder of IDX files)");
            }
            return Files.newInputStream(path);
        }

        @Override
        public long bytes() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + path, e);
            }
        }

        @Override
        public String sha256() {
            try (InputStream in = open()) {
                return DataProvenance.sha256(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A file embedded in the library, with the size and SHA-256 recorded in {@link FileSets}
     * (the tests check that the resource has them).
     *
     * @param resource the class-path resource name, no leading slash
     * @param bytes the recorded size
     * @param sha256 the recorded SHA-256
     */
    record Embedded(String resource, long bytes, String sha256) implements StoredFile {
        @Override
        public String name() {
            return resource.substring(resource.lastIndexOf('/') + 1);
        }

        @Override
        public String location() {
            return "embedded:" + resource;
        }

        @Override
        public InputStream open() throws IOException {
            InputStream in = StoredFile.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new NoSuchFileException(location(), null, "not on the class path (a damaged build?)");
            }
            return in;
        }

        @Override
        public String toString() {
            return location();
        }
    }
}
