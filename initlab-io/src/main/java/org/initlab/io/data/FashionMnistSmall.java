package org.initlab.io.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The rule that makes {@code fashion-mnist-small}, the Fashion-MNIST subset embedded in the
 * library, from the four original Fashion-MNIST files, and the tool that applies it.
 *
 * <p>The rule: from the training files, the first {@value #TRAIN_PER_CLASS} images of each
 * class in file order; from the test ({@code t10k}) files, the first {@value #TEST_PER_CLASS}
 * of each class in file order; the kept images stay in file order. That gives 10,000 training
 * and 2,000 test images, balanced, written as IDX files (same header layout as the originals)
 * compressed with gzip, under the original file names. Fashion-MNIST is MIT-licensed (Zalando
 * SE, 2017); its license text is kept beside the subset.
 *
 * <p>The decompressed IDX bytes are a pure function of the originals; the compressed bytes
 * depend on the zlib build, so the project records both checksums ({@link FileSets}) and its
 * tests re-derive the subset and compare the decompressed bytes.
 *
 * <p>Usage, from the repository root (writes the four files into the embedded resources):
 * <pre>
 * java -cp initlab-io/target/classes org.initlab.io.data.FashionMnistSmall \
 *     PATH/TO/fashion-mnist initlab-io/src/main/resources/org/initlab/io/data/embedded/fashion-mnist-small
 * </pre>
 */
public final class FashionMnistSmall {
    /** Training images kept per class. */
    public static final int TRAIN_PER_CLASS = 1000;
    /** Test images kept per class. */
    public static final int TEST_PER_CLASS = 200;

    private FashionMnistSmall() {}

    /**
     * A selection from one images/labels pair: the decompressed IDX bytes of both files.
     *
     * @param images the IDX images file (magic 2051), uncompressed
     * @param labels the IDX labels file (magic 2049), uncompressed
     */
    public record Subset(byte[] images, byte[] labels) {}

    /**
     * Applies the rule to one pair of files: the first {@code perClass} examples of each of the
     * ten classes, in file order.
     *
     * @param images the original images file, gzipped
     * @param labels the original labels file, gzipped
     * @throws IllegalArgumentException if a file is not an IDX file of the expected kind or a
     *     class has fewer than {@code perClass} examples
     */
    public static Subset select(Path images, Path labels, int perClass) throws IOException {
        ByteBuffer img = ByteBuffer.wrap(gunzip(images));
        ByteBuffer lab = ByteBuffer.wrap(gunzip(labels));
        if (img.getInt(0) != Idx.IMAGES_MAGIC || lab.getInt(0) != Idx.LABELS_MAGIC) {
            throw new IllegalArgumentException(images + ", " + labels + ": not an IDX images and labels pair");
        }
        int n = lab.getInt(4);
        int rows = img.getInt(8);
        int cols = img.getInt(12);
        int item = rows * cols;
        if (img.getInt(4) != n || img.capacity() != 16 + (long) n * item || lab.capacity() != 8 + n) {
            throw new IllegalArgumentException(images + ", " + labels + ": counts or sizes do not match");
        }
        int classes = Idx.FASHION_MNIST_CLASSES;
        int[] taken = new int[classes];
        ByteArrayOutputStream keptImages = new ByteArrayOutputStream();
        ByteArrayOutputStream keptLabels = new ByteArrayOutputStream();
        int kept = 0;
        for (int i = 0; i < n && kept < classes * perClass; i++) {
            int y = lab.get(8 + i) & 0xff;
            if (y < classes && taken[y] < perClass) {
                taken[y]++;
                kept++;
                keptLabels.write(y);
                keptImages.write(img.array(), 16 + i * item, item);
            }
        }
        for (int c = 0; c < classes; c++) {
            if (taken[c] < perClass) {
                throw new IllegalArgumentException(
                        labels + ": class " + c + " has " + taken[c] + " examples, fewer than " + perClass);
            }
        }
        byte[] outImages = ByteBuffer.allocate(16 + kept * item)
                .putInt(Idx.IMAGES_MAGIC)
                .putInt(kept)
                .putInt(rows)
                .putInt(cols)
                .put(keptImages.toByteArray())
                .array();
        byte[] outLabels = ByteBuffer.allocate(8 + kept)
                .putInt(Idx.LABELS_MAGIC)
                .putInt(kept)
                .put(keptLabels.toByteArray())
                .array();
        return new Subset(outImages, outLabels);
    }

    /**
     * Writes the subset of the Fashion-MNIST folder {@code args[0]} into the folder {@code args[1]}
     * (created if needed), gzipped, under the original file names.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FashionMnistSmall FASHION_MNIST_DIR OUT_DIR");
            System.exit(2);
        }
        Path from = Path.of(args[0]);
        Path to = Files.createDirectories(Path.of(args[1]));
        for (String part : new String[] {"train", "t10k"}) {
            Subset s = select(
                    from.resolve(part + "-images-idx3-ubyte.gz"),
                    from.resolve(part + "-labels-idx1-ubyte.gz"),
                    part.equals("train") ? TRAIN_PER_CLASS : TEST_PER_CLASS);
            gzip(s.images(), to.resolve(part + "-images-idx3-ubyte.gz"));
            gzip(s.labels(), to.resolve(part + "-labels-idx1-ubyte.gz"));
        }
    }

    /** The decompressed content of a gzip stream. */
    static byte[] gunzip(InputStream in) throws IOException {
        try (InputStream z = new GZIPInputStream(in, 1 << 16)) {
            return z.readAllBytes();
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        return gunzip(Files.newInputStream(file));
    }

    private static void gzip(byte[] data, Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(data);
        }
    }
}
