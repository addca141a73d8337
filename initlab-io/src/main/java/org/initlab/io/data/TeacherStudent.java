package org.initlab.io.data;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.shape.Allocation;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Dataset;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * A teacher-student regression task (Gardner and Derrida 1989; Saad and Solla 1995): inputs
 * {@code x ~ N(0, I)} of dimension {@code inputs}, targets {@code y = teacher(x) + ε},
 * {@code ε ~ N(0, noise²)} per output, where the teacher is a random MLP
 * {@code inputs → width (× depth, act) → outputs} initialized by {@link InitPlan#defaults()}
 * for the seed. A student of the teacher's shape can reach the noise floor {@code noise²}
 * exactly, which makes the task a clean test of how initialization affects optimization.
 *
 * <p>The teacher depends on the seed only (its parameters are named {@code "teacher.K.weight"},
 * so their streams differ from those of a student initialized with the same seed), so training
 * and test sets of one seed share it. Inputs come from stream {@code "inputs"}, noise from
 * {@code "noise"} of the part. Features {@code [n, inputs]}, targets {@code [n, outputs]}.
 *
 * @param inputs input dimension, {@code >= 1}
 * @param width hidden width, {@code >= 1}
 * @param depth number of hidden layers, {@code >= 0} (0: a linear teacher)
 * @param outputs target dimension, {@code >= 1}
 * @param activation the teacher's nonlinearity
 * @param noise standard deviation of the target noise, {@code >= 0}
 */
public record TeacherStudent(int inputs, int width, int depth, int outputs, Activation activation, double noise)
        implements Synthetic {
    public TeacherStudent {
        if (inputs < 1 || width < 1 || depth < 0 || outputs < 1) {
            throw new IllegalArgumentException("teacher-student: inputs, width, outputs must be >= 1 and depth >= 0,"
                    + " got inputs=" + inputs + ", width=" + width + ", depth=" + depth + ", outputs=" + outputs);
        }
        java.util.Objects.requireNonNull(activation, "activation");
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("teacher-student: noise must be finite and >= 0, got " + noise);
        }
    }

    @Override
    public String name() {
        return "teacher-student";
    }

    /** The teacher network of a seed, initialized; a new instance per call. */
    public Sequential teacher(long seed) {
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int d = 0; d < depth; d++) {
            layers.add(new Dense("teacher." + layers.size(), in, width));
            layers.add(new ActivationLayer(activation, Double.NaN));
            in = width;
        }
        layers.add(new Dense("teacher." + layers.size(), in, outputs));
        Sequential net = new Sequential(layers);
        InitPlan.defaults().apply(net, seed);
        return net;
    }

    @Override
    public Dataset generate(int n, long seed, String part) {
        Draws.requireSize(n);
        float[] x = Draws.normals(stream(seed, part, "inputs"), Allocation.elements(n, inputs), 1);
        Tensor features = new Tensor(x, n, inputs);
        float[] y = teacher(seed).forward(features, false).data().clone();
        float[] e = Draws.normals(stream(seed, part, "noise"), y.length, noise);
        for (int i = 0; i < y.length; i++) {
            y[i] += e[i];
        }
        return new Dataset(name(), features, new Tensor(y, n, outputs));
    }
}
