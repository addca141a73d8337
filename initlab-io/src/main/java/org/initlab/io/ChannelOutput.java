package org.initlab.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/**
 * Byte buffers written to an output stream without a copy where the stream allows it.
 *
 * <p>The streams {@link AtomicFiles} hands to a writer are also {@link WritableByteChannel}s: a
 * direct {@link ByteBuffer} given to {@link #write} goes from its memory to the file in one system
 * call, where an {@code OutputStream} of a file copies every array it is given into a temporary
 * direct buffer first (a second copy of every byte: 1 GiB for a 16384² float tensor). Any other
 * stream gets the buffer's bytes through an array.
 */
public final class ChannelOutput {
    /** Bytes copied at a time for a stream that is not a channel. */
    private static final int COPY = 1 << 16;

    private ChannelOutput() {}

    /**
     * Writes the remaining bytes of {@code src} to {@code out} (position moves to the limit): straight
     * to the channel when {@code out} is a {@link WritableByteChannel}, after flushing what the
     * stream buffered, else through an array.
     */
    public static void write(OutputStream out, ByteBuffer src) throws IOException {
        if (out instanceof WritableByteChannel channel) {
            out.flush();
            while (src.hasRemaining()) {
                channel.write(src);
            }
            return;
        }
        if (src.hasArray()) {
            out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
            src.position(src.limit());
            return;
        }
        byte[] chunk = new byte[Math.min(COPY, src.remaining())];
        while (src.hasRemaining()) {
            int n = Math.min(chunk.length, src.remaining());
            src.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** A buffered stream to a channel that also takes byte buffers ({@link ChannelOutput#write}). */
    static final class Buffered extends BufferedOutputStream implements WritableByteChannel {
        private final WritableByteChannel channel;

        Buffered(WritableByteChannel channel, int size) {
            super(Channels.newOutputStream(channel), size);
            this.channel = channel;
        }

        /** Writes what is buffered, then all of {@code src}. */
        @Override
        public synchronized int write(ByteBuffer src) throws IOException {
            flush();
            int n = src.remaining();
            while (src.hasRemaining()) {
                channel.write(src);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }
    }

    /**
     * A stream that counts the bytes written through it, arrays and byte buffers alike, and passes
     * byte buffers on without a copy where the stream below is a channel.
     */
    static final class Counting extends FilterOutputStream implements WritableByteChannel {
        private long written;

        Counting(OutputStream out) {
            super(out);
        }

        long written() {
            return written;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            ChannelOutput.write(out, src);
            written += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
