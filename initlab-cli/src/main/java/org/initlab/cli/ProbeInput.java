package org.initlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.Datasets;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.Layer;
import org.initlab.nn.RecurrentLayer;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/** The batch that {@code probe} and {@code advise --verify} push through a model. */
final class ProbeInput {
    /** Time steps of the standard normal sequences fed to recurrent models without --data. */
    static final int SEQUENCE_LENGTH = 16;

    private ProbeInput() {}

    /** The first {@code batch} training examples of {@code data}, or standard normal inputs when it is null. */
    static Dataset batch(Sequential net, String data, Path dataDir, int batch, long seed) throws IOException {
        return batch(net, data, dataDir, null, batch, seed);
    }

    /**
     * As {@link #batch(Sequential, String, Path, int, long)}; {@code inputShape} (one example's
     * shape, e.g. {@code [1, 28, 28]}) gives the standard normal inputs' shape for models whose first
     * layer does not say it (convolutions).
     */
    static Dataset batch(Sequential net, String data, Path dataDir, int[] inputShape, int batch, long seed)
            throws IOException {
        if (data != null && inputShape != null) {
            throw new IllegalArgumentException(
                    "--input-shape is for standard normal inputs; --data brings its own shape");
        }
        return data == null
                ? gaussian(net, inputShape, batch, seed)
                : Datasets.parse(data)
                        .load(seed, batch, DataFolder.standard(dataDir))
                        .train()
                        .head(batch);
    }

    /** Standard normal inputs of the model's input width, labels cycling over its outputs. */
    static Dataset gaussian(Sequential net, int[] inputShape, int batch, long seed) {
        List<Layer> layers = net.layers();
        int[] shape;
        if (inputShape != null) {
            shape = new int[inputShape.length + 1];
            shape[0] = batch;
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        } else if (layers.get(0) instanceof Dense d) {
            shape = new int[] {batch, d.weight().shape().dims()[1]};
        } else if (layers.get(0) instanceof RecurrentLayer r) {
            shape = new int[] {batch, SEQUENCE_LENGTH, r.inputSize()};
        } else {
            throw new IllegalArgumentException(
                    "give --data or --input-shape (e.g. 1,28,28) for a model whose first layer" + " is a "
                            + layers.get(0).kind() + " (its input shape is not known from the layer)");
        }
        int classes = -1;
        for (int i = layers.size() - 1; i >= 0 && classes < 0; i--) {
            if (layers.get(i) instanceof Dense d) {
                classes = d.weight().shape().dims()[0];
            }
        }
        if (classes < 2) {
            throw new IllegalArgumentException("give --data: the model's last dense layer has " + classes
                    + " output(s), and standard normal inputs come with class labels");
        }
        int size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        float[] x = new float[size];
        Samplers.normal(RandomStream.of(seed, "probe/inputs"), 0, size, 0, 1, x, 0);
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = i % classes;
        }
        return new Dataset("N(0,1)", new Tensor(x, shape), y, classes);
    }
}
