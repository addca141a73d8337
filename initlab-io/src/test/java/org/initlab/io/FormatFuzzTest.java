package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.initlab.io.data.Idx;
import org.initlab.io.npy.Npy;
import org.initlab.io.npy.Npz;
import org.initlab.io.safetensors.Safetensors;

/**
 * Mutation fuzzing of every reader: valid files (the golden ones and our writers' output) get bit
 * flips, truncations, inserted bytes, overwritten bytes (biased to the header, with the tokens its
 * grammar uses) and random header lengths. Each reader must then either return a valid result
 * (which our writer round-trips) or throw its format exception naming the file, never another
 * exception, never an OutOfMemoryError, and never take more than {@link #LIMIT_SECONDS} seconds.
 * Tries are sized so each reader's property runs a few seconds.
 */
class FormatFuzzTest {
    private static final int LIMIT_SECONDS = 10;
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-reader");
        t.setDaemon(true);
        return t;
    });
    private static final Path DIR = tempDir();

    @AfterContainer
    static void cleanUp() throws IOException {
        RUNNER.shutdownNow();
        try (var files = Files.list(DIR)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(DIR);
    }

    // ---- npy

    @Provide
    Arbitrary<byte[]> npySeeds() {
        return Arbitraries.of(List.of(
                        "f2_c",
                        "f4_f",
                        "i8_be",
                        "f4_v2",
                        "f4_v3",
                        "f4_0d",
                        "f4_1d",
                        "f4_empty",
                        "i4_f",
                        "f8_f_245",
                        "bool")
                .stream()
                .map(n -> read(Golden.file(n + ".npy")))
                .toList());
    }

    @Provide
    Arbitrary<List<Mutation>> npyMutations() {
        return Mutation.lists(new int[][] {{8, 2}, {8, 4}, {6, 1}});
    }

    @Property(tries = 30000)
    void npyReaderReturnsAnArrayOrAFormatException(
            @ForAll("npySeeds") byte[] seed, @ForAll("npyMutations") List<Mutation> ms) throws Exception {
        byte[] file = Mutation.apply(seed, ms);
        NdArray a = bounded(() -> {
            try {
                return Npy.read(file, "fuzz.npy");
            } catch (FormatException e) {
                assertThat(e.getMessage()).startsWith("fuzz.npy: byte offset ");
                assertThat(e.offset()).isBetween(0L, (long) file.length);
                return null;
            }
        });
        Statistics.collect(a == null ? "rejected" : "read");
        if (a != null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, a);
            assertThat(Npy.read(out.toByteArray(), "again")).isEqualTo(a);
        }
    }

    // ---- safetensors

    @Provide
    Arbitrary<byte[]> safetensorsSeeds() {
        Map<String, NdArray> small = new LinkedHashMap<>();
        small.put("w", NdArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        small.put("b", NdArray.ofLongs(new long[] {7}, 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Safetensors.write(out, new StateDict(new LinkedHashMap<>(small), Map.of("k", "v")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arbitraries.of(
                read(Golden.file("all_dtypes.safetensors")),
                read(Golden.file("unordered.safetensors")),
                out.toByteArray());
    }

    @Provide
    Arbitrary<List<Mutation>> safetensorsMutations() {
        return Mutation.lists(new int[][] {{0, 8}, {0, 4}});
    }

    @Property(tries = 30000)
    void safetensorsReaderReturnsTensorsOrAFormatException(
            @ForAll("safetensorsSeeds") byte[] seed, @ForAll("safetensorsMutations") List<Mutation> ms)
            throws Exception {
        byte[] file = Mutation.apply(seed, ms);
        StateDict d = bounded(() -> {
            try {
                return Safetensors.read(file, "fuzz.safetensors");
            } catch (FormatException e) {
                assertThat(e.getMessage()).startsWith("fuzz.safetensors: byte offset ");
                assertThat(e.offset()).isBetween(0L, (long) file.length);
                return null;
            }
        });
        Statistics.collect(d == null ? "rejected" : "read");
        if (d != null) {
            long total =
                    d.arrays().values().stream().mapToLong(x -> x.data().length).sum();
            assertThat(total).isLessThanOrEqualTo(file.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Safetensors.write(out, d);
            assertThat(Safetensors.read(out.toByteArray(), "again")).isEqualTo(d);
        }
    }

    // ---- npz

    @Provide
    Arbitrary<byte[]> npzSeeds() {
        return Arbitraries.of(read(Golden.file("stored.npz")), read(Golden.file("compressed.npz")));
    }

    @Provide
    Arbitrary<List<Mutation>> npzMutations() {
        // the local header's sizes (18: compressed, 22: uncompressed) and the end record's directory offset
        return Mutation.lists(new int[][] {{18, 4}, {22, 4}, {26, 2}});
    }

    @Property(tries = 4000)
    void npzReaderReturnsArraysOrAFormatException(
            @ForAll("npzSeeds") byte[] seed, @ForAll("npzMutations") List<Mutation> ms) throws Exception {
        Path f = DIR.resolve("fuzz.npz");
        Files.write(f, Mutation.apply(seed, ms));
        StateDict d = bounded(() -> {
            try {
                return Npz.read(f);
            } catch (FormatException e) {
                assertThat(e.getMessage()).startsWith(f.toString());
                return null;
            }
        });
        Statistics.collect(d == null ? "rejected" : "read");
        if (d != null) {
            Path g = DIR.resolve("again.npz");
            Npz.write(g, d, true);
            assertThat(Npz.read(g)).isEqualTo(d);
        }
    }

    // ---- IDX: its contract is IllegalArgumentException naming the file, the offset and the reason

    @Provide
    Arbitrary<byte[]> idxImageSeeds() {
        byte[] pixels = new byte[3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        byte[] plain = ByteBuffer.allocate(16 + pixels.length)
                .putInt(Idx.IMAGES_MAGIC)
                .putInt(3)
                .putInt(4)
                .putInt(5)
                .put(pixels)
                .array();
        return Arbitraries.of(plain, gzip(plain));
    }

    @Provide
    Arbitrary<List<Mutation>> idxMutations() {
        return Mutation.lists(new int[][] {{4, 4}, {8, 4}, {12, 4}});
    }

    @Property(tries = 4000)
    void idxReaderReturnsADatasetOrAnIllegalArgumentException(
            @ForAll("idxImageSeeds") byte[] images,
            @ForAll("idxMutations") List<Mutation> ms,
            @ForAll boolean mutateLabels)
            throws Exception {
        byte[] labels = ByteBuffer.allocate(8 + 3)
                .putInt(Idx.LABELS_MAGIC)
                .putInt(3)
                .put(new byte[] {2, 0, 9})
                .array();
        Path img = DIR.resolve("images.idx");
        Path lab = DIR.resolve("labels.idx");
        Files.write(img, mutateLabels ? images : Mutation.apply(images, ms));
        Files.write(lab, mutateLabels ? Mutation.apply(labels, ms) : labels);
        var d = bounded(() -> {
            try {
                return Idx.read("fuzz", img, lab, 10, Integer.MAX_VALUE);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).containsAnyOf(img.toString(), lab.toString());
                assertThat(e.getMessage()).doesNotContainPattern("byte offset -");
                return null;
            }
        });
        Statistics.collect(d == null ? "rejected" : "read");
        if (d != null) {
            assertThat(d.labels()).hasSize(d.features().shape()[0]);
            for (int y : d.labels()) {
                assertThat(y).isBetween(0, 9);
            }
        }
    }

    /** Found by the property above: a header whose size overflows a long once gave NegativeArraySizeException. */
    @net.jqwik.api.Example
    void idxHeaderAnnouncingMoreThanALongHoldsIsRefused() throws IOException {
        Path img = DIR.resolve("huge.idx");
        Path lab = DIR.resolve("huge-labels.idx");
        Files.write(
                img,
                ByteBuffer.allocate(16)
                        .putInt(Idx.IMAGES_MAGIC)
                        .putInt(4)
                        .putInt(Integer.MAX_VALUE)
                        .putInt(Integer.MAX_VALUE)
                        .array());
        Files.write(
                lab,
                ByteBuffer.allocate(12)
                        .putInt(Idx.LABELS_MAGIC)
                        .putInt(4)
                        .putInt(0)
                        .array());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Idx.read("t", img, lab, 10, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        img + ": byte offset 4: the header announces 4 items of 4611686014132420609 bytes, more than"
                                + " the 2^63 bytes a file can hold");
    }

    // ---- round trips of generated arrays

    @Provide
    Arbitrary<NdArray> arrays() {
        Arbitrary<DType> types = Arbitraries.of(DType.values());
        Arbitrary<int[]> shapes =
                Arbitraries.integers().between(0, 4).array(int[].class).ofMaxSize(4);
        return Combinators.combine(types, shapes, Arbitraries.longs()).as((t, s, seed) -> {
            byte[] data = new byte[(int) NdArray.elements(s) * t.bytes()];
            new java.util.Random(seed).nextBytes(data);
            return new NdArray(t, s, data);
        });
    }

    @Property(tries = 300)
    void everyWriterRoundTrips(@ForAll("arrays") NdArray a, @ForAll("arrays") NdArray b, @ForAll boolean compressed)
            throws IOException {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("a.weight", a);
        m.put("b", b);
        StateDict d = new StateDict(new LinkedHashMap<>(m), Map.of("seed", "1"));
        Path st = DIR.resolve("rt.safetensors");
        Safetensors.write(st, d);
        assertThat(Safetensors.read(st)).isEqualTo(d);
        if (a.dtype() != DType.BF16 && b.dtype() != DType.BF16) {
            Path npz = DIR.resolve("rt.npz");
            Npz.write(npz, d, compressed);
            assertThat(Npz.read(npz).arrays()).isEqualTo(d.arrays());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, a);
            assertThat(Npy.read(out.toByteArray(), "rt")).isEqualTo(a);
        }
    }

    // ---- helpers

    /** Runs {@code reader} on another thread and fails if it takes longer than {@link #LIMIT_SECONDS}. */
    private static <T> T bounded(Callable<T> reader) throws Exception {
        Future<T> f = RUNNER.submit(reader);
        try {
            return f.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("the reader did not finish within " + LIMIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError("the reader threw " + e.getCause(), e.getCause());
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("initlab-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
