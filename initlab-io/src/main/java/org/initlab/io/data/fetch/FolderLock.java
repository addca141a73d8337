package org.initlab.io.data.fetch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The exclusive right to write into one data folder, held from {@link #acquire} to
 * {@link #close}: an operating-system lock on {@code DIR/.lock} (excludes other processes) and,
 * since a JVM may hold a file lock only once, an in-process lock per folder (excludes other
 * threads). Waits for a holder to finish rather than failing. The {@code .lock} file is left in
 * place: deleting it would let two fetches lock two different files.
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name inside the folder. */
    public static final String FILE = ".lock";

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (which must exist), waiting as long as another fetch holds it.
     *
     * @param waiting told once, with a line for the user, when the lock is held by someone else
     */
    public static FolderLock acquire(Path dir, Consumer<String> waiting) throws IOException {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, k -> new ReentrantLock());
        boolean told = false;
        if (!local.tryLock()) {
            waiting.accept("waiting for another fetch into " + dir + " to finish (lock " + file + ")");
            told = true;
            local.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                if (!told) {
                    waiting.accept("waiting for another fetch into " + dir + " to finish (lock " + file + ")");
                }
                lock = channel.lock();
            }
            return new FolderLock(local, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
