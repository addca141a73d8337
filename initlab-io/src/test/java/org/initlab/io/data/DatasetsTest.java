package org.initlab.io.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.initlab.nn.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    /** Surefire runs in initlab-io; the shared data sits beside the repository. */
    private static final Path DATA =
            Path.of("../../shared/data").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private DataFolder only(Path dir) {
        return new DataFolder(List.of(new DataFolder.Place(dir, "test")));
    }

    @Test
    void everyNameHasACanonicalSpecWithItsDefaults() {
        assertThat(Datasets.usage()).hasSize(Datasets.entries().size());
        assertThat(Datasets.parse("circles").spec())
                .isEqualTo("circles(n=1000, test=500, noise=0.05, factor=0.5, normalize=none)");
        assertThat(Datasets.parse("teacher_student").spec())
                .isEqualTo("teacher-student(n=1000, test=500, inputs=10,"
                        + " width=32, depth=1, outputs=1, activation=tanh, noise=0, normalize=none)");
        assertThat(Datasets.parse("adding").spec()).isEqualTo("adding(n=2000, test=500, length=20, normalize=none)");
        assertThat(Datasets.parse("copy").spec())
                .isEqualTo("copy(n=1000, test=200, length=10, symbols=8, delay=20," + " normalize=none)");
        assertThat(Datasets.parse("digits").spec()).isEqualTo("digits(validation=0.2, normalize=scale)");
        assertThat(Datasets.parse("iris").spec()).isEqualTo("iris(validation=0.2, normalize=standardize)");
        assertThat(Datasets.parse("fashion-mnist").spec()).isEqualTo("fashion-mnist(normalize=none)");
        assertThat(Datasets.parse("csv:a/b.csv").spec())
                .isEqualTo(
                        "csv(path=a/b.csv, label=last, header=auto, task=auto, validation=0.2, normalize=standardize)");
        assertThat(Datasets.parse("idx:some/dir").spec()).isEqualTo("idx(dir=some/dir, classes=10, normalize=none)");
        // a canonical spec parses to itself
        for (String name : Datasets.names()) {
            String spec = name.contains(":")
                    ? Datasets.parse(name.replace("DIR", "d").replace("FILE", "f"))
                            .spec()
                    : Datasets.parse(name).spec();
            assertThat(Datasets.parse(spec).spec()).isEqualTo(spec);
        }
    }

    @Test
    void argumentsReachTheGenerators() {
        DataSource s = Datasets.parse(" Circles( n=40, test=10, noise=0, factor=0.25 )");
        Split split = s.load(3, Integer.MAX_VALUE, only(tmp));
        assertThat(split.train().size()).isEqualTo(40);
        assertThat(split.test().size()).isEqualTo(10);
        float[] x = split.train().features().data();
        assertThat(Math.hypot(x[2], x[3])).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(split.train().name()).isEqualTo("circles/train");
        Split copy = Datasets.load("copy(length=2, symbols=3, delay=1, n=5, test=4)", 1, Integer.MAX_VALUE, only(tmp));
        assertThat(copy.train().features().shape()).containsExactly(5, 5, 5);
        assertThat(copy.test().targets()).isInstanceOf(Labels.StepClasses.class);
        Split ts = Datasets.load("teacher-student(inputs=3, outputs=2, activation=relu, n=7)", 1, 4, only(tmp));
        assertThat(ts.train().size()).isEqualTo(4);
        assertThat(ts.test().size()).isEqualTo(1);
        assertThat(((Labels.Values) ts.train().targets()).values().shape()).containsExactly(4, 2);
        // train and test are different draws of the seed; the whole pair follows the seed
        Split a = Datasets.load("moons", 1, Integer.MAX_VALUE, only(tmp));
        assertThat(a.train().features().data()).isNotEqualTo(a.test().features().data());
        assertThat(Datasets.load("moons", 1, Integer.MAX_VALUE, only(tmp))
                        .test()
                        .features()
                        .data())
                .containsExactly(a.test().features().data());
    }

    @Test
    void badSpecsAreExplained() {
        assertThatThrownBy(() -> Datasets.parse("cirlces"))
                .hasMessageStartingWith("unknown dataset 'cirlces'; did you mean 'circles'?")
                .hasMessageContaining("valid: circles, moons");
        assertThatThrownBy(() -> Datasets.parse("imagenet"))
                .hasMessageStartingWith("unknown dataset 'imagenet'; valid:");
        assertThatThrownBy(() -> Datasets.parse("circles(noize=0.1)"))
                .hasMessage(
                        "unknown argument 'noize' for circles; did you mean 'noise'? valid: n, test, noise, factor, normalize");
        assertThatThrownBy(() -> Datasets.parse("circles(factor=2)"))
                .hasMessageContaining("factor must be in (0, 1), got 2.0");
        assertThatThrownBy(() -> Datasets.parse("circles(n=0)")).hasMessage("circles: n must be >= 1, got 0");
        assertThatThrownBy(() -> Datasets.parse("circles(n=many)"))
                .hasMessage("circles: n must be an integer, got 'many'");
        assertThatThrownBy(() -> Datasets.parse("circles(0.1)")).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> Datasets.parse("digits(normalize=zscore)"))
                .hasMessageContaining("unknown normalize 'zscore'; valid: none, scale, standardize");
        assertThatThrownBy(() -> Datasets.parse("iris(validation=1)")).hasMessageContaining("must be in (0, 1)");
        assertThatThrownBy(() -> Datasets.parse("teacher-student(activation=rleu)"))
                .hasMessageContaining("did you mean 'relu'");
        assertThatThrownBy(() -> Datasets.parse("csv:")).hasMessageContaining("needs a path");
        assertThatThrownBy(() -> Datasets.parse("csv(label=2)")).hasMessageContaining("missing argument path=PATH");
        assertThatThrownBy(() -> Datasets.parse("csv(path=a.csv, label=0)"))
                .hasMessageContaining("label must be first, last");
        assertThatThrownBy(() -> Datasets.parse("circles(")).hasMessageContaining("missing ')'");
    }

    @Test
    void lookupOrderIsDataDirUserFolderDebianThenDevelopmentCheckouts() throws IOException {
        Path given = Files.createDirectories(tmp.resolve("given"));
        Path env = tmp.resolve("env");
        Path home = tmp.resolve("home");
        DataFolder folder = DataFolder.standard(
                given,
                Map.of("INITLAB_DATA", env.toString(), "XDG_DATA_HOME", "/xdg"),
                home,
                tmp.resolve("work/here"),
                null);
        assertThat(folder.places())
                .extracting(DataFolder.Place::dir)
                .containsExactly(given, env, DataFolder.DEBIAN, tmp.resolve("work/shared/data"));
        // without INITLAB_DATA the user folder follows the XDG rules (a relative XDG_DATA_HOME is ignored)
        assertThat(DataFolder.userFolder(Map.of("XDG_DATA_HOME", "/xdg"), home)).isEqualTo(Path.of("/xdg/initlab"));
        assertThat(DataFolder.userFolder(Map.of("XDG_DATA_HOME", "rel"), home))
                .isEqualTo(home.resolve(".local/share/initlab"));
        assertThat(DataFolder.userFolder(Map.of(), home)).isEqualTo(home.resolve(".local/share/initlab"));
        assertThat(DataFolder.standard(null, Map.of(), home, tmp, null)
                        .places()
                        .get(0)
                        .dir())
                .isEqualTo(home.resolve(".local/share/initlab"));
        // --data-dir that does not exist is an error, not a silent fallback
        assertThatThrownBy(() -> DataFolder.standard(tmp.resolve("nowhere"), Map.of(), home, tmp, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--data-dir " + tmp.resolve("nowhere") + " does not exist");
    }

    @Test
    void aMissingSetNamesEveryPlaceLookedAndTheFetchCommand() throws IOException {
        Path given = Files.createDirectories(tmp.resolve("given"));
        Path env = tmp.resolve("env");
        DataFolder folder = DataFolder.standard(
                given, Map.of("INITLAB_DATA", env.toString()), tmp.resolve("home"), tmp.resolve("work/here"), null);
        assertThatThrownBy(() -> Datasets.load("fashion-mnist", 1, 10, folder))
                .hasMessageStartingWith("fashion-mnist not found: no data folder holds fashion-mnist/{"
                        + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
                        + " t10k-labels-idx1-ubyte.gz}; looked in " + given.resolve("fashion-mnist") + " (--data-dir), "
                        + env.resolve("fashion-mnist") + " ($INITLAB_DATA), /usr/share/datasets/fashion-mnist (Debian")
                .hasMessageContaining(
                        tmp.resolve("work/shared/data/fashion-mnist") + " (../shared/data from the working directory)")
                .hasMessageEndingWith("; get it with: initlab data fetch fashion-mnist (or use the embedded subset:"
                        + " --data fashion-mnist-small)");
        assertThatThrownBy(() -> Datasets.load("mnist", 1, 10, folder))
                .hasMessageStartingWith("mnist not found")
                .hasMessageEndingWith("; get it with: initlab data fetch mnist");
        assertThatThrownBy(() -> Datasets.load("mnist-test", 1, 10, folder))
                .hasMessageEndingWith("; get it with: initlab data fetch mnist-test");
        assertThatThrownBy(() -> Datasets.load("idx:" + tmp, 1, 10, folder))
                .hasMessageContaining("lacks [train-images-idx3-ubyte.gz");
        // the embedded sets need no folder at all
        assertThat(Datasets.parse("digits").files(folder))
                .extracting(StoredFile::location)
                .containsExactly("embedded:org/initlab/io/data/embedded/digits/digits.csv.gz");
    }

    @Test
    void theFirstPlaceHoldingTheFilesWinsAndFilesOnDiskComeBeforeEmbeddedCopies() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Files.createDirectories(b.resolve("iris"));
        Files.writeString(b.resolve("iris/iris.csv"), "4,2,x,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
        DataFolder folder = new DataFolder(List.of(
                new DataFolder.Place(a, "first"), new DataFolder.Place(b, "second"), new DataFolder.Place(b, "again")));
        assertThat(folder.places()).hasSize(2);
        assertThat(folder.where(FileSets.IRIS)).map(DataFolder.Place::dir).contains(b);
        assertThat(folder.find(FileSets.IRIS)).containsExactly(new StoredFile.Disk(b.resolve("iris/iris.csv")));
        Split s = Datasets.load("iris(validation=0.5, normalize=none)", 1, Integer.MAX_VALUE, folder);
        assertThat(s.train().size() + s.test().size()).isEqualTo(4);
        assertThat(s.test().labels()).containsExactlyInAnyOrder(0, 1);
        Split embedded = Datasets.load("iris", 1, Integer.MAX_VALUE, only(a));
        assertThat(embedded.train().size() + embedded.test().size()).isEqualTo(150);
    }

    @Test
    void builtInFilesLoadFromTheSharedData() {
        assumeTrue(Files.isRegularFile(DATA.resolve("digits/digits.csv.gz")), "no shared data at " + DATA);
        DataFolder folder = only(DATA);
        Split digits = Datasets.load("digits", 1, Integer.MAX_VALUE, folder);
        assertThat(digits.train().size() + digits.test().size()).isEqualTo(1797);
        assertThat(digits.test().size()).isBetween(355, 364);
        assertThat(digits.train().features().shape())
                .containsExactly(digits.train().size(), 1, 8, 8);
        float max = 0;
        for (float v : digits.train().features().data()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        Split iris = Datasets.load("iris", 1, Integer.MAX_VALUE, folder);
        assertThat(iris.test().size()).isEqualTo(30);
        assertThat(iris.test().classes()).isEqualTo(3);
        Split csv = Datasets.load("csv:" + DATA.resolve("iris/iris.csv"), 1, Integer.MAX_VALUE, folder);
        assertThat(csv.test().size()).isEqualTo(30);
        int[] perClass = new int[3];
        for (int y : csv.test().labels()) {
            perClass[y]++;
        }
        assertThat(perClass).containsExactly(10, 10, 10);
        assumeTrue(Files.isRegularFile(DATA.resolve("mnist/t10k-images-idx3-ubyte.gz")), "no MNIST at " + DATA);
        Split mnist = Datasets.load("mnist-test", 1, Integer.MAX_VALUE, folder);
        assertThat(mnist.train().size()).isEqualTo(8000);
        assertThat(mnist.test().size()).isEqualTo(2000);
        assertThat(mnist.test().features().shape()).containsExactly(2000, 1, 28, 28);
        Split small = Datasets.load("mnist-test", 1, 600, folder);
        assertThat(small.train().size()).isEqualTo(600);
        assertThat(small.test().size()).isEqualTo(100);
    }
}
