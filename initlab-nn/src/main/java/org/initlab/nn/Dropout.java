package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Uniforms;

/**
 * Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov 2014, "Dropout: A
 * Simple Way to Prevent Neural Networks from Overfitting"): in training each element is kept with
 * probability {@code 1 - p} and the kept ones are scaled by {@code 1 / (1 - p)}, so the expected
 * output equals the input and eval mode is the identity:
 * <pre>
 *   training: y_i = m_i · x_i / (1 - p),  m_i ∈ {0, 1}, P(m_i = 1) = 1 - p
 *   eval:     y = x
 * </pre>
 * Each product is computed in double and rounded once to float.
 *
 * <p><b>Deterministic masks.</b> The mask of the {@code k}-th training forward call of this layer
 * ({@code k = 0, 1, 2, ...}; eval calls do not count) is read from
 * {@code RandomStream.of(seed, name + "/dropout/" + k)}: element {@code i} (row-major over the
 * whole tensor) is kept iff {@code Uniforms.unitFloat(word i) >= p}. Since {@code unitFloat} takes
 * the values {@code j · 2^-24} with equal probability, the keep probability is exactly
 * {@code 1 - ceil(p · 2^24) · 2^-24}. So a run is reproduced by its seed and the number of
 * training steps taken; no global random state is involved.
 *
 * <p><b>Backward</b> uses the mask of the last forward: {@code dx_i = m_i · g_i / (1 - p)} after a
 * training forward, {@code dx = g} after an eval forward. No parameters.
 *
 * <p>PyTorch {@code nn.Dropout(p)} and Keras {@code Dropout(rate)} follow the same law with
 * unseeded global generators. {@code p = 0} keeps every element (the words are then not drawn).
 *
 * <p>Allocates: a training forward the output, the mask ({@code boolean[]}) and one block of
 * random words; backward the input gradient. In eval, forward returns its input and backward its
 * argument (the same tensors, no allocation).
 */
public final class Dropout implements Layer {
    private final String name;
    private final double p;
    private final long seed;
    private long trainingCalls;
    private boolean[] mask;
    private boolean lastTraining;
    private boolean called;

    /**
     * @param name the layer's name; it keys the mask streams ({@code name + "/dropout/" + k})
     * @param p probability of dropping an element, in {@code [0, 1)}
     * @param seed the experiment's seed
     */
    public Dropout(String name, double p, long seed) {
        if (name == null) {
            throw new IllegalArgumentException("dropout needs a name (it keys the mask streams), got null");
        }
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout " + name + ": p must be in [0, 1), got " + p);
        }
        this.name = name;
        this.p = p;
        this.seed = seed;
    }

    public String name() {
        return name;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    public long seed() {
        return seed;
    }

    /** How many training forward calls have been made; the next one uses this as {@code k}. */
    public long trainingCalls() {
        return trainingCalls;
    }

    /** The mask of training forward call {@code k} for {@code size} elements ({@code true} = kept). */
    public boolean[] mask(long k, int size) {
        boolean[] keep = new boolean[size];
        if (p == 0) {
            Arrays.fill(keep, true);
            return keep;
        }
        int[] words = new int[size];
        RandomStream.of(seed, name + "/dropout/" + k).words(0, size, words, 0);
        for (int i = 0; i < size; i++) {
            keep[i] = Uniforms.unitFloat(words[i]) >= p; // compared in double, as the law says
        }
        return keep;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        called = true;
        lastTraining = training;
        if (!training) {
            return x;
        }
        float[] in = x.data();
        mask = mask(trainingCalls++, in.length);
        float[] y = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            y[i] = mask[i] ? scaled(in[i]) : 0f;
        }
        return new Tensor(y, x.shape());
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (!called) {
            throw new IllegalStateException("dropout " + name + ": backward before any forward");
        }
        if (!lastTraining) {
            return gradOutput;
        }
        float[] g = gradOutput.data();
        if (g.length != mask.length) {
            throw new IllegalArgumentException(
                    "dropout " + name + ": gradient has " + g.length + " values, the last forward had " + mask.length);
        }
        float[] dx = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            dx[i] = mask[i] ? scaled(g[i]) : 0f;
        }
        return new Tensor(dx, gradOutput.shape());
    }

    private float scaled(float v) {
        return (float) (v / (1 - p));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String kind() {
        return "dropout";
    }
}
