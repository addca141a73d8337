package org.initlab.lab.experiment;

import java.io.UncheckedIOException;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.Datasets;
import org.initlab.io.data.Split;
import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * The data of an experiment: a dataset spec, or a generated stand-in of the same shape when its
 * files are not found (so the demo runs on any machine), with the flattened rows dense networks take.
 *
 * @param split training and test parts, each row flattened to {@code [n, features]}
 * @param source what was used, for the report's set-up ("digits", or the stand-in and why)
 */
record ExperimentData(Split split, String source) {
    /**
     * Loads {@code spec} (at most {@code limit} training examples), or {@code fallback} with
     * {@code n} training and {@code test} test examples when the files of {@code spec} are missing.
     * {@code fallback} is a spec ending in {@code )} to which {@code n} and {@code test} are added.
     */
    static ExperimentData load(String spec, String fallback, long seed, int limit, int n, int test) {
        String source = spec;
        Split split;
        try {
            split = Datasets.load(spec, seed, limit, DataFolder.standard(null));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            source = fallback + " (" + spec + " not found)";
            split = Datasets.load(fallback.replace(")", ",n=" + n + ",test=" + test + ")"), seed, limit,
                    DataFolder.standard(null));
        }
        return new ExperimentData(new Split(flat(split.train()), flat(split.test())), source);
    }

    /**
     * The split with every row reshaped to {@code dims} ({@code [n, 1, 28, 28]} images for a
     * convolutional network, from the flattened rows of Fashion-MNIST or of a stand-in with as many
     * features); the values are shared, not copied.
     *
     * @throws IllegalArgumentException when a row does not hold {@code dims}' product of values
     */
    Split shaped(int... dims) {
        return new Split(reshape(split.train(), dims), reshape(split.test(), dims));
    }

    private static Dataset reshape(Dataset d, int[] dims) {
        int[] shape = new int[dims.length + 1];
        shape[0] = d.size();
        System.arraycopy(dims, 0, shape, 1, dims.length);
        return new Dataset(d.name(), new Tensor(d.features().data(), shape), d.targets());
    }

    private static Dataset flat(Dataset d) {
        return new Dataset(d.name(), d.features().flat(), d.labels(), d.classes());
    }
}
