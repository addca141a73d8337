package org.initlab.io.pretrained;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.initlab.core.gain.Activation;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Embedding;
import org.initlab.nn.Flatten;
import org.initlab.nn.InitPlan;
import org.initlab.nn.LastStep;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.Lstm;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/** Small models for the loading tests, and their state dicts as PyTorch would save them. */
final class Models {
    private Models() {}

    /** {@code 0: Dense(in, hidden), relu, 2: Dense(hidden, classes)}. */
    static Sequential mlp(int in, int hidden, int classes) {
        return new Sequential(List.of(
                new Dense("0", in, hidden),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Dense("2", hidden, classes)));
    }

    /**
     * Every parameter kind: embedding, LSTM, layer norm, a scaled residual block with two dense
     * layers, a dense head. Ids {@code [batch, T]} in {@code [0, 7)} give {@code [batch, 3]}.
     */
    static Sequential mixed() {
        Sequential branch = new Sequential(List.of(
                new Dense("4.0", 5, 5), new ActivationLayer(Activation.TANH, Double.NaN), new Dense("4.2", 5, 5)));
        return new Sequential(List.of(
                new Embedding("0", 7, 4),
                new Lstm("1", 4, 5),
                new LastStep(),
                new LayerNorm("3", 5, 1e-5),
                new Residual("4", branch, true),
                new Dense("5", 5, 3)));
    }

    /** {@code 0: Conv2D(2 -> 3, 3x3, pad 1), 1: BatchNorm(3), relu, flatten, 4: Dense(3·4·4, 2)} on {@code [N, 2, 4, 4]}. */
    static Sequential conv() {
        return new Sequential(List.of(
                new Conv2D("0", 2, 3, 3, 1, 1, 1),
                new BatchNorm("1", 3, 1e-5),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Flatten(),
                new Dense("4", 48, 2)));
    }

    /** {@code model} initialized by the default plan for {@code seed}. */
    static Sequential initialized(Sequential model, long seed) {
        InitPlan.defaults().apply(model, seed);
        return model;
    }

    /** The parameters as F32 arrays keyed by path, in model order (a PyTorch-layout state dict). */
    static StateDict stateDict(Sequential model) {
        SequencedMap<String, NdArray> arrays = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            arrays.put(p.path(), NdArray.ofFloats(p.value(), p.shape().dims()));
        }
        return new StateDict(arrays);
    }

    /** The raw bits of every parameter value, in model order: what "byte-identical" compares. */
    static int[][] bits(Sequential model) {
        return model.parameters().stream().map(p -> bits(p.value())).toArray(int[][]::new);
    }

    static int[] bits(float[] values) {
        int[] b = new int[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(values[i]);
        }
        return b;
    }

    /** The little-endian float bytes of {@code values}, as an F32 array holds them. */
    static byte[] f32Bytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** A parameter of {@code model} by path. */
    static Parameter parameter(Sequential model, String path) {
        return model.parameters().stream()
                .filter(p -> p.path().equals(path))
                .findFirst()
                .orElseThrow();
    }
}
