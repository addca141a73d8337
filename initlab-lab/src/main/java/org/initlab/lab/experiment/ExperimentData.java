package org.initlab.lab.experiment;

import java.io.UncheckedIOException;
import java.util.Map;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.DataProvenance;
import org.initlab.io.data.Datasets;
import org.initlab.io.data.Split;
import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * The data of an experiment, with the record of what was read: a dataset spec loaded with its
 * rows flattened to {@code [n, features]} (dense networks take them so; {@link #shaped} gives
 * images back). There is no synthetic stand-in: a set whose files are missing is an error naming
 * where it looked, except that the full Fashion-MNIST falls back to its embedded subset
 * {@value #FASHION_SMALL}, which the provenance's note says (and the run prints and reports).
 *
 * @param split training and test parts, each row flattened to {@code [n, features]}
 * @param provenance what was used: spec, files with SHA-256, example counts, and why it differs from the request
 */
public record ExperimentData(Split split, DataProvenance provenance) {
    /** The embedded Fashion-MNIST subset. */
    static final String FASHION_SMALL = "fashion-mnist-small";
    /** Sets with an embedded subset used when their files are missing. */
    private static final Map<String, String> EMBEDDED = Map.of("fashion-mnist", FASHION_SMALL);

    /**
     * Loads {@code spec} with at most {@code limit} training examples (and at most
     * {@code max(1, limit / 6)} test examples where the set has its own test part).
     *
     * @throws IllegalArgumentException when the data cannot be found (naming every place looked at)
     */
    public static ExperimentData load(String spec, long seed, int limit) {
        Datasets.Traced t;
        try {
            t = Datasets.loadTraced(spec, seed, limit, DataFolder.standard(null));
        } catch (IllegalArgumentException | UncheckedIOException missing) {
            String small = EMBEDDED.get(spec);
            if (small == null) {
                throw missing;
            }
            try {
                Datasets.Traced s = Datasets.loadTraced(small, seed, limit, DataFolder.standard(null));
                t = new Datasets.Traced(
                        s.split(),
                        s.provenance()
                                .withNote(
                                        spec,
                                        spec + " files not found, so the embedded" + " subset " + small
                                                + " was used; 'initlab data fetch " + spec + "' gets the full set"));
            } catch (IllegalArgumentException | UncheckedIOException none) {
                throw missing;
            }
        }
        return new ExperimentData(
                new Split(flat(t.split().train()), flat(t.split().test())), t.provenance());
    }

    /**
     * The split with every row reshaped to {@code dims} ({@code [n, 1, 28, 28]} images for a
     * convolutional network); the values are shared, not copied.
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
