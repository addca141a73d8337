package org.initlab.io.data;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A named set of data files the lab knows: where its files sit inside a data folder, their
 * published sizes and SHA-256 sums, its license, where it can be downloaded from and whether a
 * copy is embedded in this library. The known sets are listed by {@link FileSets}; this record
 * only describes one.
 *
 * @param name the set's name, as in dataset specs and {@code initlab data fetch NAME}
 * @param folder the sub-folder of a data folder holding the files ({@code "fashion-mnist"})
 * @param files the files, with their sizes and checksums
 * @param license the license in a few words, with the copyright holder
 * @param description one line for listings
 * @param sources base URLs the files can be fetched from, in the order tried (a file's URL is
 *     the base followed by its name); empty when the set is only embedded
 * @param embedded whether a full copy of these files ships inside the library (resources under
 *     {@link #EMBEDDED_ROOT}{@code folder/})
 */
public record FileSet(
        String name,
        String folder,
        List<Checksummed> files,
        String license,
        String description,
        List<URI> sources,
        boolean embedded) {
    /** The class-path folder of the embedded copies (a resource name, no leading slash). */
    public static final String EMBEDDED_ROOT = "org/initlab/io/data/embedded/";

    /**
     * One file of a set.
     *
     * @param name the file name, inside the set's folder
     * @param bytes its size
     * @param sha256 its SHA-256, 64 lower-case hexadecimal digits
     */
    public record Checksummed(String name, long bytes, String sha256) {
        public Checksummed {
            Objects.requireNonNull(name, "name");
            if (bytes < 0 || sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(
                        "bad checksum record for " + name + ": " + bytes + " bytes, " + sha256);
            }
        }
    }

    public FileSet {
        files = List.copyOf(files);
        sources = List.copyOf(sources);
    }

    /** The files' names. */
    public List<String> fileNames() {
        return files.stream().map(Checksummed::name).toList();
    }

    /** The files' total size in bytes. */
    public long bytes() {
        return files.stream().mapToLong(Checksummed::bytes).sum();
    }

    /** The class-path resource of an embedded file of this set. */
    public String resource(String file) {
        return EMBEDDED_ROOT + folder + "/" + file;
    }

    /** The command that gets this set, for messages and listings. */
    public String fetchCommand() {
        return "initlab data fetch " + name;
    }
}
