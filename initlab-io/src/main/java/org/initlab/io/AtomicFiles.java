package org.initlab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a file so that it is either complete or absent: the bytes go to a temporary file beside
 * the target ({@code .NAME.RANDOM.tmp}), which is renamed into place (atomically where the file
 * system allows) only after the writer returned. A writer that throws leaves the old file, if
 * any, untouched.
 *
 * <p>Permissions, where the file system has POSIX permissions: a new file gets the mode the
 * process's umask gives a new file ({@code 0666 & ~umask}, as {@code numpy.save} and
 * {@code torch.save} do); a file that is overwritten keeps its mode (a private {@code 0600} file
 * stays private, as git keeps a file's mode). The temporary file is opened with
 * {@code CREATE_NEW} and no explicit permissions, so the kernel applies the umask itself: no
 * probe file, no reading of the umask, and no window in which the file has a wider mode than it
 * ends with ({@code Files.createTempFile} would force {@code 0600}).
 *
 * <p>Temporary files still being written when the JVM shuts down (Ctrl-C, SIGTERM) are deleted by
 * a shutdown hook. Errors name the destination, never the temporary file: a destination that can
 * never be written (a parent that is a file, a folder in its place, a folder without write
 * permission) is an {@link IllegalArgumentException} ({@link #checkDestination}, also called by
 * {@link #write} before any byte is produced); a failure while writing (a full disk) is an
 * {@link IOException} whose message starts {@code could not write DESTINATION:}.
 */
public final class AtomicFiles {
    /**
     * Writes the body of a file to a stream. The stream {@link #write} gives is also a
     * {@link java.nio.channels.WritableByteChannel}: {@link ChannelOutput#write} sends a direct byte
     * buffer to the file without a copy.
     */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Temporary files being written now; the shutdown hook deletes those left when the JVM stops. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInFlight, "initlab-temporary-files"));
    }

    private AtomicFiles() {}

    /** Writes {@code file} through {@code body}; creates missing parent folders. */
    public static void write(Path file, Body body) throws IOException {
        checkDestination(file);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Set<PosixFilePermission> kept = existingMode(target);
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = dir.resolve("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        } catch (IOException e) {
            throw failed(file, e);
        }
        IN_FLIGHT.add(tmp);
        try {
            try (OutputStream os = new ChannelOutput.Buffered(
                    FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                body.writeTo(os);
            } catch (FileSystemException e) {
                throw failed(file, e);
            } catch (IOException e) {
                // a body's own error (a FormatException, a missing input) passes unchanged; the stream's errors name
                // the file
                throw e.getClass() == IOException.class ? failed(file, e) : e;
            }
            try {
                if (kept != null) {
                    Files.setPosixFilePermissions(tmp, kept);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw failed(file, e);
            }
        } finally {
            Files.deleteIfExists(tmp);
            IN_FLIGHT.remove(tmp);
        }
    }

    /**
     * Refuses a destination that can never be written, before any work: a folder on its path that
     * is a file, a folder in the file's place, or a nearest existing folder without write permission.
     *
     * @throws IllegalArgumentException naming the destination and what is wrong with it
     */
    public static void checkDestination(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("cannot write " + file + ": it is a folder; give a file name");
        }
        for (Path p = target.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException("cannot write " + file + ": " + p + " is a file, not a folder");
                }
                if (!Files.isWritable(p)) {
                    throw new IllegalArgumentException(
                            "cannot write " + file + ": the folder " + p + " is not writable (permission denied)");
                }
                return;
            }
        }
    }

    /** The permissions of an existing regular file at {@code target}, or null (a new file, or no POSIX permissions). */
    private static Set<PosixFilePermission> existingMode(Path target) throws IOException {
        if (!Files.isRegularFile(target)) {
            return null;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes().permissions();
    }

    private static IOException failed(Path file, IOException cause) {
        String reason = cause instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getReason()
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IOException("could not write " + file + ": " + reason, cause);
    }

    /**
     * Registers a temporary file or folder of another writer (a run directory being assembled) for
     * the shutdown hook, which deletes it, with its contents, if the JVM stops before
     * {@link #settled} is called for it.
     */
    public static void deleteOnInterrupt(Path temporary) {
        IN_FLIGHT.add(temporary);
    }

    /** Takes {@code temporary} off the shutdown hook's list: it was moved into place or deleted. */
    public static void settled(Path temporary) {
        IN_FLIGHT.remove(temporary);
    }

    private static void deleteInFlight() {
        for (Path tmp : IN_FLIGHT) {
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // the JVM is stopping: nothing more can be done about this file
            }
        }
    }
}
