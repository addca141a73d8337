package org.initlab.io;

import java.nio.file.Path;

/**
 * A JVM of its own for {@link AtomicFilesTest}: {@code write FILE} writes a small file and exits
 * (run under a chosen umask); {@code hang FILE} writes 1 MiB of it, then never finishes, waiting
 * to be stopped by a signal.
 */
final class AtomicFilesChild {
    private AtomicFilesChild() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        AtomicFiles.write(file, out -> {
            out.write(new byte[1 << 20]);
            if (args[0].equals("hang")) {
                out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }
}
