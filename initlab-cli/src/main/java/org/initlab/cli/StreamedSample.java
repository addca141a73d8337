package org.initlab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Target;
import org.initlab.io.ChannelOutput;

/**
 * A tensor of an elementwise initializer filled, measured and (optionally) written piece by piece,
 * never held whole: workers take pieces of {@value #PIECE} elements; within a piece, each block of
 * {@value Stats#BLOCK} elements is filled into a buffer that fits the L2 cache, measured there
 * ({@link Stats.Part#of}) and turned into little-endian bytes. The calling thread writes the pieces
 * in order and merges the blocks' statistics in block order. Every value equals the whole-tensor
 * fill's (an element depends only on seed, path and index), and the statistics are those
 * {@link Stats#of} computes from the whole array, bit for bit: neither depends on the thread count.
 * At most {@code 2 × threads} pieces are in flight, so the memory used is a few tens of MiB whatever
 * the tensor's size, and writing overlaps filling.
 */
final class StreamedSample {
    private StreamedSample() {}

    /** Elements per piece: the unit of work of a worker and of writing (4 MiB of bytes). */
    static final int PIECE = 16 * Stats.BLOCK;

    /**
     * A reusable piece: its bytes (little-endian, in direct memory, so the file gets them without
     * another copy: {@link ChannelOutput}), or null when nothing is written; and one block of values.
     */
    private record Buffer(float[] values, ByteBuffer bytes) {}

    /** The filled piece, its bytes and the statistics of its blocks, in order. */
    private record Piece(Buffer buffer, int length, Stats.Part[] parts) {}

    /**
     * Fills {@code target} with {@code init} (which must be {@link Initializer#elementwise()}) on
     * {@code threads} threads, writes the values to {@code out} as little-endian float32 when it is not
     * null, and returns their statistics.
     */
    static Stats run(Initializer init, Target target, int threads, OutputStream out) throws IOException {
        long size = target.size();
        int pieces = (int) ((size + PIECE - 1) / PIECE);
        int inFlight = Math.max(1, Math.min(pieces, 2 * threads));
        BlockingQueue<Buffer> free = new ArrayBlockingQueue<>(inFlight);
        for (int i = 0; i < inFlight; i++) {
            int len = (int) Math.min(PIECE, size);
            ByteBuffer bytes =
                    out == null ? null : ByteBuffer.allocateDirect(4 * len).order(ByteOrder.LITTLE_ENDIAN);
            free.add(new Buffer(new float[Math.min(len, Stats.BLOCK)], bytes));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "initlab-sample");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Piece>> pending = new ArrayDeque<>();
        Stats.Part total = null;
        try {
            int next = 0;
            for (int p = 0; p < pieces; p++) {
                while (next < pieces && pending.size() < inFlight) {
                    long from = (long) next * PIECE;
                    long to = Math.min(size, from + PIECE);
                    Buffer buffer = free.take();
                    pending.add(pool.submit(() -> piece(init, target, from, to, buffer, out != null)));
                    next++;
                }
                Piece done = pending.removeFirst().get();
                if (out != null) {
                    ChannelOutput.write(out, done.buffer().bytes().clear().limit(4 * done.length()));
                }
                for (Stats.Part part : done.parts()) {
                    total = total == null ? part : total.merge(part);
                }
                free.add(done.buffer());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sampling interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return total == null ? Stats.EMPTY : total.stats();
    }

    private static Piece piece(Initializer init, Target target, long from, long to, Buffer buffer, boolean bytes) {
        int n = (int) (to - from);
        float[] v = buffer.values();
        Stats.Part[] parts = new Stats.Part[(n + Stats.BLOCK - 1) / Stats.BLOCK];
        FloatBuffer floats = bytes ? buffer.bytes().clear().asFloatBuffer() : null;
        for (int b = 0; b < parts.length; b++) {
            int at = b * Stats.BLOCK;
            int len = Math.min(Stats.BLOCK, n - at);
            Fill.range(init, target, from + at, from + at + len, v, 0, 1);
            parts[b] = Stats.Part.of(v, 0, len);
            if (floats != null) {
                floats.put(v, 0, len);
            }
        }
        return new Piece(buffer, n, parts);
    }
}
