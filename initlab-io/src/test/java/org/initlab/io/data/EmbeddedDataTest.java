package org.initlab.io.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.initlab.nn.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sets embedded in the library: recorded checksums, shapes, class counts and the subset's rule. */
class EmbeddedDataTest {
    /** Surefire runs in initlab-io; the shared data (with the originals) sits beside the repository. */
    private static final Path SHARED =
            Path.of("../../shared/data").toAbsolutePath().normalize();

    /** SHA-256 of the decompressed IDX files of fashion-mnist-small, a pure function of the originals. */
    private static final List<String> SMALL_IDX_SHA256 = List.of(
            "d33512cfdc636a0d8972818e6659995be209a88891df7fa2109d7895922c8985",
            "620cb8e3b9348037c5ff9a07b02d773ab165330e072dfd19e0d21c59f8042dcf",
            "15a92dd1e9b16ea361928086e77df4dfa890c255c00b5a8c8162c1040ce8eef1",
            "234596aeb6eb48133ec99a62541f90bc0728c9559a681f1e0638037462458f2c");

    @TempDir
    Path empty;

    private DataFolder nothingOnDisk() {
        return new DataFolder(List.of(new DataFolder.Place(empty, "an empty folder")));
    }

    @Test
    void everyEmbeddedFileHasItsRecordedSizeAndChecksum() throws IOException {
        for (FileSet set : FileSets.all()) {
            if (!set.embedded()) {
                continue;
            }
            for (StoredFile f : DataFolder.embedded(set)) {
                try (InputStream in = f.open()) {
                    byte[] bytes = in.readAllBytes();
                    assertThat((long) bytes.length).as(f.location()).isEqualTo(f.bytes());
                }
                try (InputStream in = f.open()) {
                    assertThat(DataProvenance.sha256(in)).as(f.location()).isEqualTo(f.sha256());
                }
            }
        }
        StoredFile license = FileSets.fashionMnistLicense();
        try (InputStream in = license.open()) {
            assertThat(DataProvenance.sha256(in)).isEqualTo(license.sha256());
        }
    }

    @Test
    void digitsAndIrisAreTheFullSetsAndIdenticalToTheSharedCopies() throws IOException {
        Dataset digits = Csv.read("digits", DataFolder.embedded(FileSets.DIGITS).get(0), Csv.Layout.DEFAULT)
                .dataset();
        assertThat(digits.features().shape()).containsExactly(1797, 64);
        assertThat(counts(digits.labels(), 10)).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        Csv.Table iris = Csv.read("iris", DataFolder.embedded(FileSets.IRIS).get(0), Csv.Layout.DEFAULT);
        assertThat(iris.dataset().features().shape()).containsExactly(150, 4);
        assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(counts(iris.dataset().labels(), 3)).containsExactly(50, 50, 50);
        Split split = Datasets.load("digits", 1, Integer.MAX_VALUE, nothingOnDisk());
        assertThat(split.train().features().shape())
                .containsExactly(split.train().size(), 1, 8, 8);
        assertThat(split.train().size() + split.test().size()).isEqualTo(1797);
        assumeTrue(Files.isDirectory(SHARED), "no shared data at " + SHARED);
        // byte-identical: the checksums recorded in FileSets are those of the shared originals
        assertThat(new StoredFile.Disk(SHARED.resolve("digits/digits.csv.gz")).sha256())
                .isEqualTo(FileSets.DIGITS.files().get(0).sha256());
        assertThat(new StoredFile.Disk(SHARED.resolve("iris/iris.csv")).sha256())
                .isEqualTo(FileSets.IRIS.files().get(0).sha256());
        assertThat(new StoredFile.Disk(SHARED.resolve("fashion-mnist/LICENSE")).sha256())
                .isEqualTo(FileSets.FASHION_MNIST_LICENSE_FILE.sha256());
    }

    @Test
    void fashionMnistSmallHasTenThousandTrainingAndTwoThousandTestImagesBalanced() {
        Split s = Datasets.load("fashion-mnist-small", 1, Integer.MAX_VALUE, nothingOnDisk());
        assertThat(s.train().features().shape()).containsExactly(10_000, 1, 28, 28);
        assertThat(s.test().features().shape()).containsExactly(2_000, 1, 28, 28);
        assertThat(counts(s.train().labels(), 10)).containsOnly(FashionMnistSmall.TRAIN_PER_CLASS);
        assertThat(counts(s.test().labels(), 10)).containsOnly(FashionMnistSmall.TEST_PER_CLASS);
        assertThat(s.train().name()).isEqualTo("fashion-mnist-small/train");
        assertThat(Datasets.parse("fashion-mnist-small(normalize=standardize)").spec())
                .isEqualTo("fashion-mnist-small(normalize=standardize)");
        Split few = Datasets.load("fashion-mnist-small", 1, 60, nothingOnDisk());
        assertThat(few.train().size()).isEqualTo(60);
        assertThat(few.test().size()).isEqualTo(10);
    }

    @Test
    void fashionMnistSmallFollowsItsRuleFromTheOriginals() throws IOException {
        Path original = SHARED.resolve("fashion-mnist");
        List<StoredFile> embedded = DataFolder.embedded(FileSets.FASHION_MNIST_SMALL);
        for (int i = 0; i < 4; i++) {
            try (InputStream in = embedded.get(i).open()) {
                byte[] idx = FashionMnistSmall.gunzip(in);
                assertThat(DataProvenance.sha256(new java.io.ByteArrayInputStream(idx)))
                        .as(embedded.get(i).name())
                        .isEqualTo(SMALL_IDX_SHA256.get(i));
            }
        }
        assumeTrue(
                Files.isRegularFile(original.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + original);
        for (String part : List.of("train", "t10k")) {
            FashionMnistSmall.Subset derived = FashionMnistSmall.select(
                    original.resolve(part + "-images-idx3-ubyte.gz"),
                    original.resolve(part + "-labels-idx1-ubyte.gz"),
                    part.equals("train") ? FashionMnistSmall.TRAIN_PER_CLASS : FashionMnistSmall.TEST_PER_CLASS);
            int at = part.equals("train") ? 0 : 2;
            try (InputStream images = embedded.get(at).open();
                    InputStream labels = embedded.get(at + 1).open()) {
                assertThat(FashionMnistSmall.gunzip(images)).isEqualTo(derived.images());
                assertThat(FashionMnistSmall.gunzip(labels)).isEqualTo(derived.labels());
            }
        }
    }

    @Test
    void provenanceNamesEmbeddedCopiesWithTheirRecordedChecksumsAndFilesOnDiskWithTheirPaths() throws IOException {
        Datasets.Traced small = Datasets.loadTraced("fashion-mnist-small", 1, 100, nothingOnDisk());
        assertThat(small.provenance().files()).hasSize(4);
        DataProvenance.DataFile first = small.provenance().files().get(0);
        assertThat(first.name()).isEqualTo("fashion-mnist-small/train-images-idx3-ubyte.gz");
        assertThat(first.location())
                .isEqualTo("embedded:org/initlab/io/data/embedded/fashion-mnist-small/train-images-idx3-ubyte.gz");
        assertThat(first.bytes())
                .isEqualTo(FileSets.FASHION_MNIST_SMALL.files().get(0).bytes());
        assertThat(first.sha256())
                .isEqualTo(FileSets.FASHION_MNIST_SMALL.files().get(0).sha256());
        assertThat(small.provenance().used()).isEqualTo("fashion-mnist-small(normalize=none)");
        assertThat(small.provenance().trainExamples()).isEqualTo(100);

        Path digits = Files.createDirectories(empty.resolve("digits"));
        try (InputStream in = DataFolder.embedded(FileSets.DIGITS).get(0).open()) {
            Files.copy(in, digits.resolve("digits.csv.gz"));
        }
        Datasets.Traced onDisk = Datasets.loadTraced("digits", 1, Integer.MAX_VALUE, nothingOnDisk());
        assertThat(onDisk.provenance().files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("digits/digits.csv.gz");
            assertThat(f.location()).isEqualTo(digits.resolve("digits.csv.gz").toString());
            assertThat(f.sha256()).isEqualTo(FileSets.DIGITS.files().get(0).sha256());
        });
    }

    private static int[] counts(int[] labels, int classes) {
        int[] c = new int[classes];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }
}
