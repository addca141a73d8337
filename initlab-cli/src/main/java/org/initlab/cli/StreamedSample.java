package org.initlab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

/**
 * A tensor of an elementwise initializer filled, measured and (optionally) written block by block,
 * never held whole: workers fill blocks of {@value Stats#BLOCK} elements (a multiple of
 * {@link Fill#SHARD}, so every value equals the whole-tensor fill's), compute each block's count,
 * mean, sum of squared deviations, min and max while the block is in cache, and turn it into
 * little-endian bytes; the calling thread writes the blocks in order and merges their statistics in
 * block order (Chan, Golub and LeVeque's pairwise update). Neither the values nor the statistics
 * depend on the thread count. At most {@code 2 × threads} blocks are in flight, so the memory used
 * is a few tens of MiB whatever the tensor's size, and writing overlaps filling.
 */
final class StreamedSample {
    private StreamedSample() {}

    /** One block's statistics: count, mean, sum of squared deviations from its mean, min, max. */
    private record Part(long count, double mean, double m2, double min, double max) {
        Part merge(Part b) {
            long n = count + b.count;
            double delta = b.mean - mean;
            return new Part(
                    n,
                    mean + delta * b.count / n,
                    m2 + b.m2 + delta * delta * count * b.count / n,
                    Math.min(min, b.min),
                    Math.max(max, b.max));
        }
    }

    /** A reusable block: values and their bytes. */
    private record Buffer(float[] values, byte[] bytes) {}

    /** The filled block, its bytes and its statistics. */
    private record Block(Buffer buffer, int length, Part part) {}

    /**
     * Fills {@code target} with {@code init} (which must be {@link Initializer#elementwise()}) on
     * {@code threads} threads, writes the values to {@code out} as little-endian float32 when it is not
     * null, and returns their statistics.
     */
    static Stats run(Initializer init, Target target, int threads, OutputStream out) throws IOException {
        long size = target.size();
        int blocks = (int) ((size + Stats.BLOCK - 1) / Stats.BLOCK);
        int inFlight = Math.max(1, Math.min(blocks, 2 * threads));
        BlockingQueue<Buffer> free = new ArrayBlockingQueue<>(inFlight);
        for (int i = 0; i < inFlight; i++) {
            int len = (int) Math.min(Stats.BLOCK, size);
            free.add(new Buffer(new float[len], new byte[4 * len]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "initlab-sample");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Block>> pending = new ArrayDeque<>();
        Part total = null;
        try {
            int next = 0;
            for (int b = 0; b < blocks; b++) {
                while (next < blocks && pending.size() < inFlight) {
                    long from = (long) next * Stats.BLOCK;
                    long to = Math.min(size, from + Stats.BLOCK);
                    Buffer buffer = free.take();
                    pending.add(pool.submit(() -> block(init, target, from, to, buffer, out != null)));
                    next++;
                }
                Block done = pending.removeFirst().get();
                if (out != null) {
                    out.write(done.buffer().bytes(), 0, 4 * done.length());
                }
                total = total == null ? done.part() : total.merge(done.part());
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
        return total == null
                ? new Stats(0, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                : new Stats(
                        total.count(), total.mean(), Math.sqrt(total.m2() / total.count()), total.min(), total.max());
    }

    private static Block block(Initializer init, Target target, long from, long to, Buffer buffer, boolean bytes) {
        int n = (int) (to - from);
        float[] v = buffer.values();
        Fill.range(init, target, from, to, v, 0, 1);
        double[] first = Stats.sumMinMax(v, 0, n);
        double mean = first[0] / n;
        double m2 = Stats.squares(v, 0, n, mean);
        if (bytes) {
            ByteBuffer.wrap(buffer.bytes())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .put(v, 0, n);
        }
        return new Block(buffer, n, new Part(n, mean, m2, first[1], first[2]));
    }
}
