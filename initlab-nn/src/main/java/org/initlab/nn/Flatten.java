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

    /** {@code [d1, d2, ...] → [d1·d2·...]}, unknown when a size is (or the product passes the int range). */
    @Override
    public int[] outputShape(int[] in) {
        long n = 1;
        for (int d : in == null ? new int[] {UNKNOWN} : in) {
            n = d == UNKNOWN ? -1 : n * d;
            if (n < 0 || n > Integer.MAX_VALUE) {
                return new int[] {UNKNOWN};
            }
        }
        return new int[] {(int) n};
    }
}
