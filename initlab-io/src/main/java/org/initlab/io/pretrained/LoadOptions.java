package org.initlab.io.pretrained;

import java.util.Objects;
import org.initlab.core.shape.Layout;

/**
 * How a state dict is loaded into a model.
 *
 * @param strict {@code true}: any missing parameter, unexpected key or shape mismatch fails the
 *     load (all of them listed); {@code false}: what fits is loaded, the rest is reported and left
 *     to the init plan
 * @param mapping renames file keys to model paths
 * @param fileLayout the layout of the file's kernels; kernels are rearranged when it differs from
 *     the parameter's layout ({@link LayoutTransform}); {@link Layout#PYTORCH} for PyTorch files,
 *     {@link Layout#KERAS} for Keras, TensorFlow and JAX/Flax ones
 */
public record LoadOptions(boolean strict, NameMapping mapping, Layout fileLayout) {
    public LoadOptions {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(fileLayout, "fileLayout");
    }

    /** Strict, no renaming, PyTorch layout. */
    public static LoadOptions defaults() {
        return new LoadOptions(true, NameMapping.identity(), Layout.PYTORCH);
    }

    public LoadOptions withStrict(boolean s) {
        return new LoadOptions(s, mapping, fileLayout);
    }

    public LoadOptions withMapping(NameMapping m) {
        return new LoadOptions(strict, m, fileLayout);
    }

    public LoadOptions withFileLayout(Layout l) {
        return new LoadOptions(strict, mapping, l);
    }
}
