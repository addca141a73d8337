package org.initlab.io.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.initlab.nn.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    /** Surefire runs in the module folder (initlab-io); the shared data sits beside the repository. */
    private static final Path FASHION = Path.of("../../shared/data/fashion-mnist");

    @TempDir
    Path tmp;

    @Test
    void readsRealFashionMnistTestSet() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("t10k-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        Dataset test = Idx.fashionMnist(FASHION, false);
        assertThat(test.size()).isEqualTo(10000);
        assertThat(test.classes()).isEqualTo(10);
        assertThat(test.features().shape()).containsExactly(10000, 1, 28, 28);
        int[] counts = new int[10];
        for (int y : test.labels()) {
            counts[y]++;
        }
        assertThat(counts).containsOnly(1000);
        // published first labels: 9 Ankle boot, 2 Pullover, 1 Trouser, 1, 6 Shirt
        assertThat(java.util.Arrays.copyOf(test.labels(), 5)).containsExactly(9, 2, 1, 1, 6);
        float[] x = test.features().data();
        assertThat(x[0]).isZero();
        assertThat(x[214]).isZero();
        assertThat(x[215]).isEqualTo(3 / 255f);
        assertThat(x[216]).isEqualTo(1 / 255f);
        assertThat(x[221]).isEqualTo(37 / 255f);
        for (float v : x) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void limitKeepsFirstExamplesButValidatesWholeFile() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("t10k-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        Dataset first = Idx.fashionMnist(FASHION, false, 7);
        assertThat(first.features().shape()).containsExactly(7, 1, 28, 28);
        assertThat(first.labels()).containsExactly(9, 2, 1, 1, 6, 1, 4);
    }

    @Test
    void readsPlainAndGzippedSmallFilesAlike() throws IOException {
        byte[] images = images(3, 2, 2, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8});
        byte[] labels = labels(3, new byte[] {2, 0, 1});
        Dataset plain = Idx.read("t", write("i", images), write("l", labels), 3, Integer.MAX_VALUE);
        Dataset gz = Idx.read("t", write("i.gz", gzip(images)), write("l.gz", gzip(labels)), 3, Integer.MAX_VALUE);
        for (Dataset d : new Dataset[] {plain, gz}) {
            assertThat(d.features().shape()).containsExactly(3, 1, 2, 2);
            assertThat(d.labels()).containsExactly(2, 0, 1);
            assertThat(d.features().data()[1]).isEqualTo(1f);
            assertThat(d.features().data()[2]).isEqualTo(0.2f);
        }
    }

    @Test
    void rejectsWrongMagicAtOffsetZero() throws IOException {
        Path labelsAsImages = write("l", labels(1, new byte[] {0}));
        Path okLabels = write("l2", labels(1, new byte[] {0}));
        assertThatThrownBy(() -> Idx.read("t", labelsAsImages, okLabels, 10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(labelsAsImages.toString())
                .hasMessageContaining("byte offset 0")
                .hasMessageContaining("magic number 2049")
                .hasMessageContaining("expected 2051");
    }

    @Test
    void rejectsTruncatedDataWithOffsetPlainAndGzipped() throws IOException {
        byte[] full = images(2, 2, 2, new byte[8]);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 3);
        Path labels = write("l", labels(2, new byte[] {0, 1}));
        for (Path images : new Path[] {write("i", cut), write("i.gz", gzip(cut))}) {
            assertThatThrownBy(() -> Idx.read("t", images, labels, 10, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(images.toString())
                    .hasMessageContaining("byte offset 21")
                    .hasMessageContaining("truncated");
        }
        Path header = write("h", java.util.Arrays.copyOf(full, 10));
        assertThatThrownBy(() -> Idx.read("t", header, labels, 10, 10))
                .hasMessageContaining("truncated header at byte offset 10");
    }

    @Test
    void rejectsHeaderCountBeyondTheDataWithoutTrustingIt() throws IOException {
        // claims 2^31-1 labels and 1000×1000 images, holds 2 of each: must fail at the real end, not allocate
        Path labels = write("l", labels(Integer.MAX_VALUE, new byte[] {0, 1}));
        Path images = write("i.gz", gzip(images(Integer.MAX_VALUE, 1000, 1000, new byte[8])));
        Path okImages = write("ok", images(2, 2, 2, new byte[8]));
        assertThatThrownBy(() -> Idx.read("t", okImages, labels, 10, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("byte offset 10")
                .hasMessageContaining("truncated data: the header announces 2147483647 items");
        // a gzip file expands at most 1032-fold: its header is refused before anything is decompressed
        assertThatThrownBy(() -> Idx.read("t", images, labels, 10, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(images
                        + ": byte offset 4 (offsets after gunzip): truncated data: the header announces 2147483647"
                        + " items of 1000000 bytes (2147483647000016 bytes in all), more than a gzip file of "
                        + Files.size(images) + " bytes can expand to (1032 times its size)");
    }

    @Test
    void refusesFromTheHeaderAloneWhatOneArrayCannotHoldBeforeReadingTheData() throws IOException {
        // 3,000,000 images of 28×28 (2.35 GB) announced by a file holding 8 bytes of data: the header decides,
        // so the refusal says so (a reader trusting the stream would first read the data, then say "truncated")
        Path images = write("big.gz", gzip(images(3_000_000, 28, 28, new byte[8])));
        Path labels = write("big-l.gz", gzip(labels(3_000_000, new byte[8])));
        assertThatThrownBy(() -> Idx.read("t", images, labels, 10, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        images + ": byte offset 4 (offsets after gunzip): 3000000 items of 784 bytes exceed the 2 GiB a"
                                + " Java array holds; use a smaller limit");
    }

    @Test
    void rejectsTrailingBytesUnequalCountsAndLabelsOutOfRange() throws IOException {
        Path images = write("i", images(2, 1, 1, new byte[] {1, 2}));
        Path trailing = write("l", labels(2, new byte[] {0, 1, 7}));
        assertThatThrownBy(() -> Idx.read("t", images, trailing, 10, 10))
                .hasMessageContaining("byte offset 10")
                .hasMessageContaining("1 trailing bytes");
        Path three = write("l3", labels(1, new byte[] {0}));
        assertThatThrownBy(() -> Idx.read("t", images, three, 10, 10))
                .hasMessageContaining("holds 2 images")
                .hasMessageContaining("holds 1 labels");
        Path outOfRange = write("l4", labels(2, new byte[] {0, 10}));
        assertThatThrownBy(() -> Idx.read("t", images, outOfRange, 10, 10))
                .hasMessageContaining("byte offset 9")
                .hasMessageContaining("label 10 not in [0, 10)");
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        byte[] gz = gzip(labels(100, new byte[100]));
        gz[gz.length - 5] ^= 0x55; // damage the CRC/size trailer
        Path bad = write("l.gz", gz);
        Path images = write("i", images(100, 1, 1, new byte[100]));
        assertThatThrownBy(() -> Idx.read("t", images, bad, 10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("corrupt gzip");
    }

    private static byte[] images(int n, int rows, int cols, byte[] data) {
        return ByteBuffer.allocate(16 + data.length)
                .putInt(Idx.IMAGES_MAGIC)
                .putInt(n)
                .putInt(rows)
                .putInt(cols)
                .put(data)
                .array();
    }

    private static byte[] labels(int n, byte[] data) {
        return ByteBuffer.allocate(8 + data.length)
                .putInt(Idx.LABELS_MAGIC)
                .putInt(n)
                .put(data)
                .array();
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] b) throws IOException {
        return Files.write(tmp.resolve(name), b);
    }
}
