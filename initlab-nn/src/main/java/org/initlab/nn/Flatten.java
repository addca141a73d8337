package org.initlab.nn;

import java.util.List;

/** Reshapes {@code [batch, d1, d2, ...]} to {@code [batch, d1·d2·...]}; backward restores the shape. */
public final class Flatten implements Layer {
    private int[] shape;

    @Override
    public Tensor forward(Tensor x, boolean training) {
        shape = x.shape();
        return x.flat();
    }

    @Override
    public Tensor backward(Tensor g) {
        return new Tensor(g.data(), shape);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "flatten";
    }
}
