package org.initlab.lab.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.initlab.io.AtomicFiles;
import org.initlab.io.Json;
import org.initlab.io.Provenance;
import org.initlab.lab.report.HtmlReport;

/**
 * A run's directory: {@code run.json} (the experiments, their complete configurations, seeds and
 * data with checksums, the random generator, versions, machine and BLAS: the provenance),
 * {@code metrics.csv} and {@code report.html}. The directory is replaced as a whole: the three files
 * are written into a new sibling directory, which then takes the old one's place by two renames
 * (old aside, new in, old deleted), so a failure while writing (a full disk) leaves the previous
 * directory as it was and no new files beside it. A run writes it after every experiment, so
 * finished experiments survive an interrupt or a later failure.
 */
public final class RunDirectory {
    /** The file that marks a directory as a run directory, which a run may replace. */
    public static final String MARKER = "run.json";

    /** Writes one file's bytes (replaceable in tests to simulate a full disk). */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file, byte[] bytes) throws IOException;
    }

    private RunDirectory() {}

    /**
     * The software and machine part of a {@link Provenance} starting now (versions, JVM, backends,
     * generator, time), for writers that record the command, seeds and data their own way.
     */
    public static Map<String, Object> machine() {
        Map<String, Object> doc = Provenance.now("", List.of(), null, null, 1).toMap();
        doc.keySet().removeAll(List.of("command", "seeds", "data", "data_sha256", "threads"));
        return doc;
    }

    /**
     * Checks, before any work, that {@code dir} can become a run directory: it is absent (and its
     * nearest existing parent is a writable directory), an empty directory, or a run directory.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code dir}
     */
    public static void checkTarget(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException("--out " + dir + " is a file, not a directory");
        }
        if (Files.isDirectory(abs)) {
            boolean empty;
            try (Stream<Path> s = Files.list(abs)) {
                empty = s.findAny().isEmpty();
            } catch (IOException e) {
                throw new IllegalArgumentException("--out " + dir + " cannot be read: " + e.getMessage());
            }
            if (!empty && !Files.isRegularFile(abs.resolve(MARKER))) {
                throw new IllegalArgumentException("--out " + dir + " holds other files and no " + MARKER
                        + "; give a new or empty directory, or an earlier run's");
            }
        }
        Path parent = abs.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out " + dir + ": " + parent + " is not a directory");
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException("--out " + dir + ": cannot write in " + parent);
        }
    }

    /** Writes the run directory {@code dir} as a whole (see the class comment). */
    public static void write(Path dir, Map<String, Object> provenance, String metricsCsv, HtmlReport report)
            throws IOException {
        write(dir, provenance, metricsCsv, report, Files::write);
    }

    static void write(Path dir, Map<String, Object> provenance, String metricsCsv, HtmlReport report, FileWriter writer)
            throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        // a plain new directory (not a temporary one, which is owner-only) gets the user's umask
        Path fresh = Files.createDirectory(parent.resolve("." + name + ".new-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong())));
        // an interrupt (Ctrl-C, SIGTERM) while the files are written leaves no hidden folder behind
        AtomicFiles.deleteOnInterrupt(fresh);
        try {
            writer.write(fresh.resolve(MARKER), (Json.write(provenance) + "\n").getBytes(StandardCharsets.UTF_8));
            writer.write(fresh.resolve("metrics.csv"), metricsCsv.getBytes(StandardCharsets.UTF_8));
            writer.write(fresh.resolve("report.html"), report.html().getBytes(StandardCharsets.UTF_8));
            // from here on the folder is the new run and must survive an interrupt
            AtomicFiles.settled(fresh);
            if (Files.exists(target)) {
                Path old = parent.resolve("." + name + ".old-"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
                move(target, old);
                try {
                    move(fresh, target);
                } catch (IOException e) {
                    move(old, target);
                    throw e;
                }
                deleteTree(old);
            } else {
                move(fresh, target);
            }
        } finally {
            if (Files.exists(fresh)) {
                deleteTree(fresh);
            }
            AtomicFiles.settled(fresh);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
