package example;

import java.util.Arrays;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Initializers;
import org.initlab.core.init.Target;
import org.initlab.core.shape.Shape;

/** The README's library example, as a library user compiles it against the installed initlab-core. */
public final class Example {
    public static void main(String[] args) {
        // PyTorch: kaiming_normal_(w, mode="fan_out")   JAX: he_normal()(key, shape)
        float[] w = Initializers.heNormal().fanOut().sample(Shape.of(256, 784), 42, "encoder.0.weight");
        float[] v = Initializers.parse("glorot_uniform").sample(Shape.of(784, 256), 42, "decoder.0.weight");

        // Several threads, or one slice alone: the same bytes.
        Target target = Target.of(256, 128, 3, 3).withSeed(42).withPath("encoder.3.weight");
        float[] all = Fill.tensor(Initializers.heNormal(), target, 4);
        float[] slice = new float[1000];
        Fill.range(Initializers.heNormal(), target, 5000, 6000, slice, 0, 1); // == all[5000..6000)

        double std = Math.sqrt(Arrays.stream(box(w)).map(x -> x * x).sum() / w.length);
        boolean same = Arrays.equals(slice, Arrays.copyOfRange(all, 5000, 6000));
        System.out.printf("he_normal(mode=fan_out) std %.5f (law %.5f); glorot_uniform max %.5f (bound %.5f); slice equal: %s%n",
                std, Math.sqrt(2.0 / 256), max(v), Math.sqrt(6.0 / (784 + 256)), same);
        if (!same || Math.abs(std / Math.sqrt(2.0 / 256) - 1) > 0.01) {
            throw new AssertionError("the library example does not give what the README says");
        }
    }

    private static double[] box(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double max(float[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (float x : a) {
            m = Math.max(m, x);
        }
        return m;
    }
}
