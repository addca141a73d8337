package org.initlab.core.random;

/**
 * The words of one bulk fill, produced a chunk at a time into reused scratch, so the
 * samplers' loops run over small arrays that stay in the L1 cache.
 *
 * <p>The first chunk is shortened so that every later one starts on a Philox block
 * boundary and no block is computed twice. Allocates, once per fill, a word buffer of at
 * most {@value #CHUNK} ints (16 KiB) and the block generator's 8 KiB scratch.
 */
final class WordChunks {

    /** Words per chunk. */
    static final int CHUNK = 4096;

    private final RandomStream stream;
    private final long from;
    private final int count;
    private final int[] words;
    private final int[] planes;
    private final boolean vector;
    private int done;
    private int length;

    /**
     * Prepares the words {@code from .. from + count - 1} of {@code stream}; {@code vector}
     * as in {@link Philox4x32#blocks}.
     */
    WordChunks(RandomStream stream, long from, int count, boolean vector) {
        this.vector = vector;
        this.stream = stream;
        this.from = from;
        this.count = count;
        this.words = new int[Math.min(count, CHUNK)];
        this.planes = count >= 4 ? new int[4 * Philox4x32.LANES] : null;
    }

    /** Generates the next chunk into {@link #words()}; false when none is left. */
    boolean next() {
        done += length;
        if (done >= count) {
            length = 0;
            return false;
        }
        int len = done == 0 ? CHUNK - (int) (from & 3) : CHUNK;
        length = Math.min(len, count - done);
        stream.words(from + done, from + done + length, words, 0, planes, vector);
        return true;
    }

    /** The current chunk's words, in {@code words()[0 .. length() - 1]}. */
    int[] words() {
        return words;
    }

    /** The number of words in the current chunk. */
    int length() {
        return length;
    }

    /** How many words precede the current chunk in this fill. */
    int start() {
        return done;
    }
}
