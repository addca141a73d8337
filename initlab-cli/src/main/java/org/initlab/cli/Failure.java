package org.initlab.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.initlab.core.shape.Allocation;
import org.initlab.core.shape.Allocation.AllocationError;
import org.initlab.io.FormatException;

/**
 * The one error path of the command: whatever went wrong, on whichever thread, becomes an exit
 * status and one line on standard error ({@code --debug} adds the stack trace).
 *
 * <ul>
 *   <li>2, {@code initlab: MESSAGE}: bad input: an illegal argument, a malformed file
 *       ({@link FormatException}), a file that is missing or cannot be read.</li>
 *   <li>1, {@code initlab: error: MESSAGE}: a failure while running, an out-of-memory error
 *       included, whose line names what could not be allocated (when known), the Java heap
 *       maximum ({@link Runtime#maxMemory()}) and how to give the launcher more
 *       ({@value #MEMORY_KNOB}).</li>
 * </ul>
 * An out-of-memory error wrapped in another exception (a worker thread's failure) is found in the
 * cause chain and reported as such.
 */
final class Failure {
    /** The environment variable the {@code initlab} launcher passes to {@code java} (else {@code JAVA_OPTS}). */
    static final String MEMORY_KNOB = "INITLAB_JAVA_OPTS";

    /** The line for a failed write to standard output (a full disk, a closed pipe). */
    static final String STDOUT_FAILED = "could not write to standard output";

    private Failure() {}

    /** Prints the one line (and with {@code debug} the trace) for {@code ex}; returns the exit status. */
    static int report(Throwable ex, boolean debug, PrintWriter err) {
        if (debug) {
            ex.printStackTrace(err);
        }
        OutOfMemoryError oom = outOfMemory(ex);
        int status = oom == null && badInput(ex) ? 2 : 1;
        err.println("initlab: " + (status == 2 ? "" : "error: ") + (oom != null ? outOfMemoryLine(oom) : message(ex)));
        err.flush();
        return status;
    }

    /** The first out-of-memory error in the cause chain of {@code ex}, or null. */
    static OutOfMemoryError outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    private static boolean badInput(Throwable ex) {
        // a malformed input file is bad input too (FormatException names file, offset and reason)
        // and so is a file that is not there or cannot be read
        return ex instanceof IllegalArgumentException
                || ex instanceof FormatException
                || ex instanceof NoSuchFileException
                || ex instanceof AccessDeniedException;
    }

    private static String message(Throwable ex) {
        String message = ex instanceof NoSuchFileException missing
                ? "no such file: " + missing.getFile()
                : ex instanceof AccessDeniedException denied
                        ? "cannot read or write (access denied): " + denied.getFile()
                        : ex instanceof FileSystemException fs && fs.getFile() != null
                                ? fs.getFile() + ": "
                                        + (fs.getReason() == null
                                                ? ex.getClass().getSimpleName()
                                                : fs.getReason())
                                : ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return message.lines().findFirst().orElse("");
    }

    /**
     * {@code out of memory allocating [40000, 40000] float32 (6.0 GiB); the Java heap maximum is
     * 6.0 GiB; give more with INITLAB_JAVA_OPTS=-Xmx16g}.
     */
    static String outOfMemoryLine(OutOfMemoryError oom) {
        long max = Runtime.getRuntime().maxMemory();
        String what = oom instanceof AllocationError a
                ? a.getMessage()
                : "out of memory" + (oom.getMessage() == null ? "" : " (" + oom.getMessage() + ")");
        boolean heap = oom instanceof AllocationError
                || oom.getMessage() == null
                || oom.getMessage().contains("heap")
                || oom.getMessage().contains("array size")
                || oom.getMessage().contains("GC overhead");
        if (!heap) {
            return what;
        }
        long wanted = max + (oom instanceof AllocationError a && a.bytes() > 0 ? a.bytes() : max);
        long gib = 1;
        while (gib << 30 < wanted && gib < (1L << 20)) {
            gib <<= 1;
        }
        String line = what + "; the Java heap maximum is " + Allocation.binaryUnits(max) + "; give more with "
                + MEMORY_KNOB + "=-Xmx" + gib + "g";
        long physical = physicalMemory();
        if (physical > 0 && gib << 30 > physical) {
            line += " (this machine has " + Allocation.binaryUnits(physical)
                    + " of memory: a smaller size may be needed)";
        }
        return line;
    }

    private static long physicalMemory() {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }
}
