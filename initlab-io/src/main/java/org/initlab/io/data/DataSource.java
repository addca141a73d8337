package org.initlab.io.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * Where a training and a test set come from, as parsed from a dataset spec by {@link Datasets}:
 * the configuration alone (nothing is read or drawn until {@link #load}). Its {@link #spec()} is
 * the canonical spec with every parameter written out, so a run records exactly what it used.
 */
public sealed interface DataSource {
    /**
     * Builds the two sets.
     *
     * @param seed seeds the generators and the held-out splits
     * @param limit at most this many training examples and {@code max(1, limit / 6)} test
     *     examples, the first ones ({@link Split#limit}); {@link Integer#MAX_VALUE} for all
     * @param folder where built-in files are looked for
     * @throws IllegalArgumentException if a file is missing (naming every place looked at) or malformed
     */
    Split load(long seed, int limit, DataFolder folder);

    /** The canonical spec: the name with every parameter, defaults included. */
    String spec();

    /**
     * The files {@link #load} reads, in the order it reads them, where they are found now
     * (on disk or embedded); empty for generated data.
     *
     * @throws IllegalArgumentException if a file is missing (naming every place looked at)
     */
    List<StoredFile> files(DataFolder folder);

    /**
     * A synthetic generator: {@code n} training and {@code test} test examples drawn with parts
     * "train" and "test" of the seed.
     */
    record Generated(Synthetic generator, int n, int test, Normalization normalize) implements DataSource {
        @Override
        public Split load(long seed, int limit, DataFolder folder) {
            int trainSize = Math.min(n, limit);
            int testSize = limit == Integer.MAX_VALUE ? test : Math.min(test, Math.max(1, limit / 6));
            String name = generator.name();
            return new Split(
                            generator.generate(trainSize, seed, "train").named(name + "/train"),
                            generator.generate(testSize, seed, "test").named(name + "/test"))
                    .normalized(normalize);
        }

        @Override
        public String spec() {
            StringBuilder s = new StringBuilder(generator.name())
                    .append("(n=")
                    .append(n)
                    .append(", test=")
                    .append(test);
            for (var c : generator.getClass().getRecordComponents()) {
                s.append(", ")
                        .append(SpecArgs.snake(c.getName()))
                        .append('=')
                        .append(SpecArgs.render(SpecArgs.component(generator, c)));
            }
            return s.append(", normalize=")
                    .append(render(normalize))
                    .append(')')
                    .toString();
        }

        @Override
        public List<StoredFile> files(DataFolder folder) {
            return List.of();
        }
    }

    /**
     * An IDX dataset with its own training and test files: a known set ({@code fashion-mnist},
     * {@code fashion-mnist-small}, {@code mnist}; {@code dir} null), found by
     * {@link DataFolder#find}, or any folder {@code dir} holding {@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and
     * {@code t10k-labels-idx1-ubyte.gz}. Images {@code [n, 1, R, C]} in {@code [0, 1]}.
     */
    record IdxFolder(String name, Path dir, int classes, Normalization normalize) implements DataSource {
        /** The four files of an IDX folder, in the order of {@link #files}. */
        public static final List<String> FILES = List.of(
                "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz");

        @Override
        public List<StoredFile> files(DataFolder folder) {
            if (dir == null) {
                FileSet set = FileSets.named(name);
                if (!set.fileNames().equals(FILES)) {
                    throw new IllegalStateException(name + " is not an IDX folder set: " + set.fileNames());
                }
                return folder.find(set);
            }
            List<String> missing = FILES.stream()
                    .filter(f -> !Files.isRegularFile(dir.resolve(f)))
                    .toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("idx:" + dir + ": " + dir.toAbsolutePath() + " lacks " + missing
                        + "; an idx folder needs " + FILES);
            }
            return FILES.stream()
                    .<StoredFile>map(f -> new StoredFile.Disk(dir.resolve(f)))
                    .toList();
        }

        @Override
        public Split load(long seed, int limit, DataFolder folder) {
            List<StoredFile> f = files(folder);
            int testLimit = limit == Integer.MAX_VALUE ? limit : Math.max(1, limit / 6);
            Dataset train = Idx.read(name + "/train", f.get(0), f.get(1), classes, limit);
            Dataset test = Idx.read(name + "/test", f.get(2), f.get(3), classes, testLimit);
            return new Split(train, test).normalized(normalize);
        }

        @Override
        public String spec() {
            return dir == null
                    ? name + "(normalize=" + render(normalize) + ")"
                    : "idx(dir=" + dir + ", classes=" + classes + ", normalize=" + render(normalize) + ")";
        }
    }

    /**
     * A built-in file dataset without a test set of its own: a seeded stratified hold-out
     * ({@link Split#holdOut}) of {@code validation} of its examples is the test set.
     * {@code mnist-test}: MNIST's 10000 test images, {@code [n, 1, 28, 28]}; {@code digits}:
     * scikit-learn's 1797 8×8 digits, shaped {@code [n, 1, 8, 8]}, values 0..16; {@code iris}:
     * 150 × 4 measurements in cm. Digits and iris are embedded in full, so they load everywhere.
     */
    record HeldOutFile(String name, double validation, Normalization normalize) implements DataSource {
        /** The names this kind of source serves. */
        public static final List<String> NAMES = List.of("mnist-test", "digits", "iris");

        public HeldOutFile {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("no built-in held-out file dataset '" + name + "'; valid: " + NAMES);
            }
        }

        @Override
        public List<StoredFile> files(DataFolder folder) {
            return folder.find(FileSets.named(name));
        }

        @Override
        public Split load(long seed, int limit, DataFolder folder) {
            List<StoredFile> f = files(folder);
            Dataset all = switch (name) {
                case "mnist-test" -> Idx.read(name, f.get(0), f.get(1), 10, Integer.MAX_VALUE);
                case "digits" -> {
                    Dataset flat = Csv.read(name, f.get(0), Csv.Layout.DEFAULT).dataset();
                    yield new Dataset(name, new Tensor(flat.features().data(), flat.size(), 1, 8, 8), flat.targets());
                }
                default -> Csv.read(name, f.get(0), Csv.Layout.DEFAULT).dataset();
            };
            Split s = Split.holdOut(all, validation, seed).normalized(normalize);
            return limit == Integer.MAX_VALUE ? s : s.limit(limit);
        }

        @Override
        public String spec() {
            return name + "(validation=" + SpecArgs.render(validation) + ", normalize=" + render(normalize) + ")";
        }
    }

    /**
     * Any CSV classification file ({@link Csv}); a seeded stratified hold-out of
     * {@code validation} of its examples is the test set.
     */
    record CsvFile(Path file, Csv.Layout layout, double validation, Normalization normalize) implements DataSource {
        @Override
        public List<StoredFile> files(DataFolder folder) {
            return List.of(new StoredFile.Disk(file));
        }

        @Override
        public Split load(long seed, int limit, DataFolder folder) {
            Csv.Table t = Csv.read(file, layout);
            Split s = Split.holdOut(t.dataset(), validation, seed).normalized(normalize);
            return limit == Integer.MAX_VALUE ? s : s.limit(limit);
        }

        @Override
        public String spec() {
            int c = layout.labelColumn();
            String label = c == -1 ? "last" : Integer.toString(c < 0 ? c : c + 1);
            return "csv(path=" + file + ", label=" + label + ", header="
                    + layout.header().name().toLowerCase(Locale.ROOT) + ", task="
                    + layout.task().name().toLowerCase(Locale.ROOT) + ", validation=" + SpecArgs.render(validation)
                    + ", normalize=" + render(normalize) + ")";
        }
    }

    private static String render(Normalization n) {
        return n.name().toLowerCase(Locale.ROOT);
    }
}
