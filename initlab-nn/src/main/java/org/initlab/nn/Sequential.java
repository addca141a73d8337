package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after the other; backward runs them in reverse. Parameter paths are unique
 * in a model: they key initialization streams, state dicts and init rules, so two parameters that
 * shared one would silently get the same values and the same saved name.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    /** @throws IllegalArgumentException if two parameters of the layers share a path */
    public Sequential(List<Layer> layers) {
        this.layers = List.copyOf(layers);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Parameter p : parameters()) {
            if (!seen.add(p.path())) {
                throw new IllegalArgumentException("two parameters share the path '" + p.path()
                        + "'; every parameter of a model needs its own path (give each layer its own name)");
            }
        }
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

    /** {@link #backward} with the first layer's {@link Layer#backwardParameters}: no input gradient. */
    @Override
    public void backwardParameters(Tensor g) {
        Tensor t = g;
        for (int i = layers.size() - 1; i > 0; i--) {
            t = layers.get(i).backward(t);
        }
        if (!layers.isEmpty()) {
            layers.get(0).backwardParameters(t);
        }
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

    /** The layers' shapes composed. */
    @Override
    public int[] outputShape(int[] in) {
        int[] s = in;
        for (Layer l : layers) {
            s = l.outputShape(s);
        }
        return s;
    }
}
