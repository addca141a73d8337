package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;

/** Layers applied one after the other; backward runs them in reverse. */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor t = x;
        for (Layer l : layers) {
            t = l.forward(t, training);
        }
        return t;
    }

    @Override
    public Tensor backward(Tensor g) {
        Tensor t = g;
        for (int i = layers.size() - 1; i >= 0; i--) {
            t = layers.get(i).backward(t);
        }
        return t;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer l : layers) {
            all.addAll(l.parameters());
        }
        return all;
    }

    /** Zeroes every parameter's gradient. */
    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    @Override
    public String kind() {
        return "sequential";
    }
}
