package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Byte buffers reach a file, or any stream, in order with the bytes written around them. */
class ChannelOutputTest {
    @TempDir
    Path dir;

    /** {@code n} bytes counting up from {@code first}. */
    private static byte[] bytes(int first, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i * 7);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    /** A direct buffer holding {@code b} with the position at 3 and the limit 5 before the end (both skipped). */
    private static ByteBuffer direct(byte[] b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.length + 8);
        d.position(3);
        d.put(b);
        return d.flip().position(3);
    }

    @Test
    void aDirectBufferGoesToTheFileAfterTheBufferedBytesAndBeforeTheNextOnes() throws IOException {
        Path file = dir.resolve("w.bin");
        byte[] head = bytes(1, 100); // stays in the stream's buffer until the byte buffer comes
        byte[] body = bytes(5, 3 << 20);
        byte[] tail = bytes(9, 70_001);
        long[] written = new long[1];
        AtomicFiles.write(file, out -> {
            assertThat(out).isInstanceOf(WritableByteChannel.class);
            out.write(head);
            NdArray.writeExactly(out, body.length + 2L, counted -> {
                ByteBuffer d = direct(body);
                ChannelOutput.write(counted, d);
                assertThat(d.hasRemaining()).isFalse();
                counted.write(tail, 0, 2);
            });
            out.write(tail, 2, tail.length - 2);
            written[0] = 1;
        });
        assertThat(written[0]).isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(concat(head, body, tail));
    }

    @Test
    void anyOtherStreamGetsTheSameBytesThroughAnArray() throws IOException {
        byte[] body = bytes(3, 200_003);
        for (ByteBuffer src :
                new ByteBuffer[] {direct(body), ByteBuffer.wrap(concat(bytes(0, 4), body), 4, body.length)}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(7);
            ChannelOutput.write(out, src);
            assertThat(src.hasRemaining()).isFalse();
            assertThat(out.toByteArray()).isEqualTo(concat(new byte[] {7}, body));
        }
    }

    @Test
    void aCountedByteBufferCountsTowardsTheAnnouncedLength() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() ->
                        NdArray.writeExactly(out, 10, counted -> ChannelOutput.write(counted, direct(new byte[9]))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("announced as 10 bytes was 9 bytes long");
        assertThat(Arrays.equals(out.toByteArray(), new byte[9])).isTrue();
    }
}
