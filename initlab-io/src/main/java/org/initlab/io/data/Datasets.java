package org.initlab.io.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.initlab.core.Names;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.SpecSyntax;

/**
 * The catalog of datasets by name, for the command line: a spec such as {@code circles},
 * {@code circles(n=2000, noise=0.1, factor=0.3)}, {@code adding(length=50)}, {@code digits},
 * {@code idx:DIR} or {@code csv:FILE} becomes a {@link DataSource}. Specs follow the shared
 * grammar ({@link SpecSyntax}: {@code name(key=value, ...)}); a hyphen in a name may also be
 * written as an underscore ({@code teacher_student}). Every entry, its parameters and their
 * defaults:
 *
 * <table>
 *   <caption>Built-in datasets</caption>
 *   <tr><th>spec (defaults)</th><th>what</th></tr>
 *   <tr><td>{@code circles(n=1000, test=500, noise=0.05, factor=0.5)}</td><td>{@link Synthetic.Circles}</td></tr>
 *   <tr><td>{@code moons(n=1000, test=500, noise=0.1)}</td><td>{@link Synthetic.Moons}</td></tr>
 *   <tr><td>{@code spirals(n=1000, test=500, classes=3, noise=0.2)}</td><td>{@link Synthetic.Spirals}</td></tr>
 *   <tr><td>{@code xor(n=1000, test=500)}</td><td>{@link Synthetic.Xor}</td></tr>
 *   <tr><td>{@code blobs(n=1000, test=500, centers=3, features=2, std=1, box=10)}</td><td>{@link Synthetic.Blobs}</td></tr>
 *   <tr><td>{@code teacher-student(n=1000, test=500, inputs=10, width=32, depth=1, outputs=1, activation=tanh, noise=0)}</td>
 *       <td>{@link TeacherStudent}, regression</td></tr>
 *   <tr><td>{@code adding(n=2000, test=500, length=20)}</td><td>{@link AddingProblem}, regression on {@code [n, length, 2]}</td></tr>
 *   <tr><td>{@code copy(n=1000, test=200, length=10, symbols=8, delay=20)}</td><td>{@link CopyMemory}, a label per step</td></tr>
 *   <tr><td>{@code fashion-mnist(normalize=none)}</td><td>the full set, 60000 training, 10000 test images
 *       (fetched: {@code initlab data fetch fashion-mnist})</td></tr>
 *   <tr><td>{@code fashion-mnist-small(normalize=none)}</td><td>the embedded subset ({@link FashionMnistSmall}),
 *       10000 training, 2000 test images</td></tr>
 *   <tr><td>{@code mnist(normalize=none)}</td><td>MNIST, 60000 training, 10000 test images (fetched)</td></tr>
 *   <tr><td>{@code mnist-test(validation=0.2, normalize=none)}</td><td>MNIST's 10000 test images, split</td></tr>
 *   <tr><td>{@code digits(validation=0.2, normalize=scale)}</td><td>1797 8×8 digits, split</td></tr>
 *   <tr><td>{@code iris(validation=0.2, normalize=standardize)}</td><td>150 irises, split</td></tr>
 *   <tr><td>{@code idx:DIR} = {@code idx(dir=DIR, classes=10, normalize=none)}</td><td>an IDX folder</td></tr>
 *   <tr><td>{@code csv:FILE} = {@code csv(path=FILE, label=last, header=auto, task=auto, validation=0.2, normalize=standardize)}</td>
 *       <td>a CSV file ({@link Csv}); {@code label} is a column number from 1, {@code first} or {@code last}</td></tr>
 * </table>
 * Every synthetic entry also takes {@code normalize} (default {@code none}). {@code normalize}
 * is one of {@link Normalization} ({@code none}, {@code scale}, {@code standardize}), fitted on
 * the training part; {@code validation} is the held-out fraction of a stratified seeded split
 * ({@link Split#holdOut}).
 */
public final class Datasets {
    /**
     * One catalog entry.
     *
     * @param name the name ({@code "teacher-student"})
     * @param description one line for help texts
     */
    public record Entry(String name, String description) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry("circles", "two concentric circles, 2 classes (sklearn make_circles)"),
            new Entry("moons", "two interleaving half circles, 2 classes (sklearn make_moons)"),
            new Entry("spirals", "interleaved spiral arms, one class per arm"),
            new Entry("xor", "uniform points in [-1, 1]², class = signs differ"),
            new Entry("blobs", "Gaussian clusters, one class per cluster (sklearn make_blobs)"),
            new Entry("teacher-student", "regression on the outputs of a random teacher MLP"),
            new Entry("adding", "the adding problem: regression over [n, length, 2] sequences"),
            new Entry("copy", "the copy-memory task: a label per step over [n, T, symbols + 2] sequences"),
            entry(FileSets.FASHION_MNIST),
            entry(FileSets.FASHION_MNIST_SMALL),
            entry(FileSets.MNIST),
            entry(FileSets.MNIST_TEST),
            entry(FileSets.DIGITS),
            entry(FileSets.IRIS),
            new Entry("idx:DIR", "an IDX folder with train-/t10k- images and labels"),
            new Entry("csv:FILE", "a CSV file, split: classification, or regression when the labels are real numbers"));

    private static final String EXAMPLES =
            "circles, circles(n=2000, noise=0.1), adding(length=50), idx:DIR or csv:FILE";

    private Datasets() {}

    private static Entry entry(FileSet set) {
        return new Entry(set.name(), set.description());
    }

    /**
     * A loaded split and the record of what it was loaded from.
     *
     * @param split the training and test parts
     * @param provenance the canonical spec, the files with their SHA-256, and the example counts
     */
    public record Traced(Split split, DataProvenance provenance) {}

    /**
     * {@link #load} that also records what was read: each file with its name within its data set
     * ({@code fashion-mnist/t10k-labels-idx1-ubyte.gz}), its location (an absolute path, or
     * {@code embedded:RESOURCE} for a copy inside the library), its size and SHA-256 (hashed as it
     * is on disk; for an embedded copy, the checksum recorded in {@link FileSets}, which the tests
     * check), and the number of examples.
     */
    public static Traced loadTraced(String spec, long seed, int limit, DataFolder folder) {
        DataSource source = parse(spec);
        String within = switch (source) {
            case DataSource.IdxFolder i ->
                i.dir() == null ? FileSets.named(i.name()).folder() + "/" : "idx/";
            case DataSource.HeldOutFile h -> FileSets.named(h.name()).folder() + "/";
            case DataSource.CsvFile c -> "";
            case DataSource.Generated g -> "";
        };
        List<DataProvenance.DataFile> files = source.files(folder).stream()
                .map(f -> new DataProvenance.DataFile(within + f.name(), f.location(), f.bytes(), f.sha256()))
                .toList();
        Split split = source.load(seed, limit, folder);
        return new Traced(
                split,
                new DataProvenance(
                        spec,
                        source.spec(),
                        "",
                        files,
                        split.train().size(),
                        split.test().size()));
    }

    /** The entries in the order of the documentation. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The names of the entries ({@code idx:DIR} and {@code csv:FILE} included). */
    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** Parses and loads in one go: {@code parse(spec).load(seed, limit, folder)}. */
    public static Split load(String spec, long seed, int limit, DataFolder folder) {
        return parse(spec).load(seed, limit, folder);
    }

    /**
     * The source a spec names; nothing is read yet.
     *
     * @throws IllegalArgumentException for an unknown name (with a suggestion and every valid
     *     name), an unknown argument or a bad value
     */
    public static DataSource parse(String spec) {
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("idx:") || lower.startsWith("csv:")) {
            String rest = s.substring(4).strip();
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(
                        "dataset '" + s + "' needs a path after '" + s.substring(0, 4) + "'");
            }
            String kind = lower.substring(0, 3);
            return build(
                    kind,
                    new SpecArgs(
                            kind,
                            new SpecSyntax.Call(
                                    kind, List.of(new SpecSyntax.Arg(kind.equals("idx") ? "dir" : "path", rest)))));
        }
        int open = s.indexOf('(');
        String given = (open < 0 ? s : s.substring(0, open)).strip();
        String key = given.toLowerCase(Locale.ROOT).replace('-', '_');
        SpecSyntax.Call call = SpecSyntax.parse(key + (open < 0 ? "" : s.substring(open)), "dataset", EXAMPLES);
        String name = ENTRIES.stream()
                .map(Entry::name)
                .filter(n -> n.replace('-', '_').equals(call.name()))
                .findFirst()
                .orElseGet(() -> call.name().equals("idx") || call.name().equals("csv") ? call.name() : null);
        if (name == null) {
            throw Names.unknown("dataset", given, names());
        }
        return build(name, new SpecArgs(name, call));
    }

    private static DataSource build(String name, SpecArgs args) {
        DataSource source = switch (name) {
            case "circles" -> generated(args, 1000, 500, new Synthetic.Circles(0.05, 0.5));
            case "moons" -> generated(args, 1000, 500, new Synthetic.Moons(0.1));
            case "spirals" -> generated(args, 1000, 500, new Synthetic.Spirals(3, 0.2));
            case "xor" -> generated(args, 1000, 500, new Synthetic.Xor());
            case "blobs" -> generated(args, 1000, 500, new Synthetic.Blobs(3, 2, 1, 10));
            case "teacher-student" -> generated(args, 1000, 500, new TeacherStudent(10, 32, 1, 1, Activation.TANH, 0));
            case "adding" -> generated(args, 2000, 500, new AddingProblem(20));
            case "copy" -> generated(args, 1000, 200, new CopyMemory(10, 8, 20));
            case "fashion-mnist", "fashion-mnist-small", "mnist" ->
                new DataSource.IdxFolder(
                        name, null, 10, args.choice("normalize", Normalization.NONE, Normalization.class));
            case "mnist-test" -> heldOut(args, name, Normalization.NONE);
            case "digits" -> heldOut(args, name, Normalization.SCALE);
            case "iris" -> heldOut(args, name, Normalization.STANDARDIZE);
            case "idx" ->
                new DataSource.IdxFolder(
                        "idx",
                        path(args, "dir"),
                        args.integer("classes", 10, 1),
                        args.choice("normalize", Normalization.NONE, Normalization.class));
            case "csv" -> csv(args);
            default -> throw new IllegalStateException("catalog entry without a builder: " + name);
        };
        args.finish();
        return source;
    }

    private static DataSource generated(SpecArgs args, int n, int test, Synthetic defaults) {
        int trainSize = args.integer("n", n, 1);
        int testSize = args.integer("test", test, 1);
        Synthetic generator = args.record(defaults);
        return new DataSource.Generated(
                generator, trainSize, testSize, args.choice("normalize", Normalization.NONE, Normalization.class));
    }

    private static DataSource heldOut(SpecArgs args, String name, Normalization normalize) {
        return new DataSource.HeldOutFile(
                name, fraction(args), args.choice("normalize", normalize, Normalization.class));
    }

    private static double fraction(SpecArgs args) {
        double v = args.real("validation", 0.2);
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException("validation (the held-out fraction) must be in (0, 1), got " + v);
        }
        return v;
    }

    private static DataSource csv(SpecArgs args) {
        Path file = path(args, "path");
        String label = args.text("label", "last").toLowerCase(Locale.ROOT);
        int column = switch (label) {
            case "last" -> -1;
            case "first" -> 0;
            default -> {
                int k;
                try {
                    k = Integer.parseInt(label);
                } catch (NumberFormatException e) {
                    k = 0;
                }
                if (k == 0) {
                    throw new IllegalArgumentException("csv: label must be first, last or a column number (1 = first,"
                            + " -1 = last), got '" + label + "'");
                }
                yield k > 0 ? k - 1 : k;
            }
        };
        Csv.Header header = args.choice("header", Csv.Header.AUTO, Csv.Header.class);
        Csv.Task task = args.choice("task", Csv.Task.AUTO, Csv.Task.class);
        return new DataSource.CsvFile(
                file,
                new Csv.Layout(header, column, task),
                fraction(args),
                args.choice("normalize", Normalization.STANDARDIZE, Normalization.class));
    }

    private static Path path(SpecArgs args, String key) {
        String text = args.text(key, null);
        if (text == null) {
            throw new IllegalArgumentException("missing argument " + key + "=PATH");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: '" + text + "'", e);
        }
    }

    /** One line per entry with its canonical spec and defaults, for help texts. */
    public static List<String> usage() {
        List<String> lines = new ArrayList<>();
        for (Entry e : ENTRIES) {
            String spec = e.name().contains(":") ? e.name() : parse(e.name()).spec();
            lines.add(spec + ": " + e.description());
        }
        return lines;
    }
}
