package org.initlab.io.data;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.initlab.core.Names;

/**
 * The one home of what the lab knows about its data files: every {@link FileSet} by name, with
 * the published size and SHA-256 of each file, the license and the download locations (the
 * canonical one first, then fallbacks). Checksums of the originals are the ones their
 * publishers (or torchvision, Keras and TensorFlow, which check them) give; those of the
 * embedded copies are recorded here and checked by the tests.
 */
public final class FileSets {
    private static final String FASHION_LICENSE = "MIT (Zalando SE, 2017)";
    private static final String SKLEARN_LICENSE = "BSD-3-Clause (scikit-learn); UCI lists it under CC BY 4.0";
    private static final String MNIST_LICENSE = "CC BY-SA 3.0 (Yann LeCun, Corinna Cortes)";

    private static final FileSet.Checksummed MNIST_T10K_IMAGES = new FileSet.Checksummed(
            "t10k-images-idx3-ubyte.gz", 1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6");
    private static final FileSet.Checksummed MNIST_T10K_LABELS = new FileSet.Checksummed(
            "t10k-labels-idx1-ubyte.gz", 4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");
    private static final List<URI> MNIST_SOURCES = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

    /** Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 training and 10,000 test images. */
    public static final FileSet FASHION_MNIST = new FileSet(
            "fashion-mnist",
            "fashion-mnist",
            List.of(
                    new FileSet.Checksummed(
                            "train-images-idx3-ubyte.gz",
                            26_421_880,
                            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                    new FileSet.Checksummed(
                            "train-labels-idx1-ubyte.gz",
                            29_515,
                            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                    new FileSet.Checksummed(
                            "t10k-images-idx3-ubyte.gz",
                            4_422_102,
                            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                    new FileSet.Checksummed(
                            "t10k-labels-idx1-ubyte.gz",
                            5_148,
                            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5")),
            FASHION_LICENSE,
            "Fashion-MNIST, 60000 + 10000 images [1, 28, 28], 10 classes",
            List.of(
                    URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                    URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
            false);

    /**
     * The embedded Fashion-MNIST subset ({@link FashionMnistSmall}): 10,000 training and 2,000
     * test images, with Fashion-MNIST's license.
     */
    public static final FileSet FASHION_MNIST_SMALL = new FileSet(
            "fashion-mnist-small",
            "fashion-mnist-small",
            List.of(
                    new FileSet.Checksummed(
                            "train-images-idx3-ubyte.gz",
                            4_391_822,
                            "5cebbb198893748496148419b68dc6b221abf05865eb4792413e3c6ad269214d"),
                    new FileSet.Checksummed(
                            "train-labels-idx1-ubyte.gz",
                            5_089,
                            "b55fb8357f23698475457d10155864303769c142b30333dfde4340a4768169f2"),
                    new FileSet.Checksummed(
                            "t10k-images-idx3-ubyte.gz",
                            880_075,
                            "c1dd7bc1baf94e844b001bce8b5de516d6f7d75a8d888a2f91b2a4cc43f71da8"),
                    new FileSet.Checksummed(
                            "t10k-labels-idx1-ubyte.gz",
                            1_033,
                            "afd1c0f16dd7bc3a74dd0587a2d6436c699aeb14f852ad97fbd0de8eb1efaf0f")),
            FASHION_LICENSE,
            "embedded Fashion-MNIST subset: the first 1000 (train) and 200 (test) images of each class",
            List.of(),
            true);

    /** Fashion-MNIST's license text, embedded beside the subset (and copied beside a fetched set). */
    public static final FileSet.Checksummed FASHION_MNIST_LICENSE_FILE = new FileSet.Checksummed(
            "LICENSE", 1_109, "13ef4788476d292858fa60eb9a5f74aeca5c65770bc885ccaa05823a17ef7be1");

    /** The embedded copy of Fashion-MNIST's license text. */
    public static StoredFile fashionMnistLicense() {
        return new StoredFile.Embedded(
                FASHION_MNIST_SMALL.resource(FASHION_MNIST_LICENSE_FILE.name()),
                FASHION_MNIST_LICENSE_FILE.bytes(),
                FASHION_MNIST_LICENSE_FILE.sha256());
    }

    /** MNIST (LeCun, Cortes, Burges): 60,000 training and 10,000 test images of digits. */
    public static final FileSet MNIST = new FileSet(
            "mnist",
            "mnist",
            List.of(
                    new FileSet.Checksummed(
                            "train-images-idx3-ubyte.gz",
                            9_912_422,
                            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    new FileSet.Checksummed(
                            "train-labels-idx1-ubyte.gz",
                            28_881,
                            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                    MNIST_T10K_IMAGES,
                    MNIST_T10K_LABELS),
            MNIST_LICENSE,
            "MNIST, 60000 + 10000 digit images [1, 28, 28], 10 classes",
            MNIST_SOURCES,
            false);

    /** MNIST's test files alone (in the same folder as {@link #MNIST}). */
    public static final FileSet MNIST_TEST = new FileSet(
            "mnist-test",
            "mnist",
            List.of(MNIST_T10K_IMAGES, MNIST_T10K_LABELS),
            MNIST_LICENSE,
            "MNIST's 10000 test images [1, 28, 28], split, 10 classes",
            MNIST_SOURCES,
            false);

    /** scikit-learn's {@code digits} (UCI optical digits test set), 1,797 8×8 images, embedded in full. */
    public static final FileSet DIGITS = new FileSet(
            "digits",
            "digits",
            List.of(new FileSet.Checksummed(
                    "digits.csv.gz", 57_512, "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a")),
            SKLEARN_LICENSE,
            "scikit-learn's 1797 digits [1, 8, 8], split, 10 classes",
            List.of(),
            true);

    /** scikit-learn's {@code iris} (Fisher 1936), 150 examples, embedded in full. */
    public static final FileSet IRIS = new FileSet(
            "iris",
            "iris",
            List.of(new FileSet.Checksummed(
                    "iris.csv", 2_734, "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449")),
            SKLEARN_LICENSE,
            "Fisher's 150 irises, 4 features, split, 3 classes",
            List.of(),
            true);

    private static final List<FileSet> ALL =
            List.of(FASHION_MNIST, FASHION_MNIST_SMALL, MNIST, MNIST_TEST, DIGITS, IRIS);

    private FileSets() {}

    /** Every known set, in listing order. */
    public static List<FileSet> all() {
        return ALL;
    }

    /** The set called {@code name}, if any. */
    public static Optional<FileSet> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The set called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, with a suggestion and every valid name
     */
    public static FileSet named(String name) {
        return find(name)
                .orElseThrow(() -> Names.unknown(
                        "data set", name, ALL.stream().map(FileSet::name).toList()));
    }
}
