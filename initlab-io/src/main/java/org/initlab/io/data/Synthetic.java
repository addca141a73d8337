package org.initlab.io.data;

import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;

/**
 * Seeded two-dimensional toy datasets, each drawn from its own random stream
 * ({@code "data/NAME"}), so the same seed gives the same points on every machine.
 */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * Two concentric circles (as scikit-learn's {@code make_circles}): n/2 points on the unit
     * circle (class 0) and n/2 on the circle of radius {@code factor} (class 1), plus
     * {@code N(0, noise²)} on each coordinate.
     */
    public static Dataset circles(int n, double noise, double factor, long seed) {
        float[] u = uniforms(seed, "circles", n);
        float[] e = normals(seed, "circles", 2 * n, noise);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double r = y[i] == 0 ? 1 : factor;
            double t = 2 * Math.PI * u[i];
            x[2 * i] = (float) (r * Math.cos(t) + e[2 * i]);
            x[2 * i + 1] = (float) (r * Math.sin(t) + e[2 * i + 1]);
        }
        return new Dataset("circles", new Tensor(x, n, 2), y, 2);
    }

    /** Two interleaving half circles (as scikit-learn's {@code make_moons}) with Gaussian noise. */
    public static Dataset moons(int n, double noise, long seed) {
        float[] u = uniforms(seed, "moons", n);
        float[] e = normals(seed, "moons", 2 * n, noise);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double t = Math.PI * u[i];
            double px = y[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = y[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (px + e[2 * i]);
            x[2 * i + 1] = (float) (py + e[2 * i + 1]);
        }
        return new Dataset("moons", new Tensor(x, n, 2), y, 2);
    }

    /**
     * {@code classes} interleaved spiral arms: point at radius {@code r ∈ [0, 1]} of arm k has
     * angle {@code 4r + 2πk/classes}, plus {@code N(0, noise²)} on the angle.
     */
    public static Dataset spirals(int n, int classes, double noise, long seed) {
        float[] u = uniforms(seed, "spirals", n);
        float[] e = normals(seed, "spirals", n, noise);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            double r = u[i];
            double t = 4 * r + 2 * Math.PI * y[i] / classes + e[i];
            x[2 * i] = (float) (r * Math.cos(t));
            x[2 * i + 1] = (float) (r * Math.sin(t));
        }
        return new Dataset("spirals", new Tensor(x, n, 2), y, classes);
    }

    /** Points uniform in [-1, 1]²; class 1 when the coordinates have opposite signs. */
    public static Dataset xor(int n, long seed) {
        float[] u = uniforms(seed, "xor", 2 * n);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 2 * u[2 * i] - 1;
            x[2 * i + 1] = 2 * u[2 * i + 1] - 1;
            y[i] = (x[2 * i] > 0) != (x[2 * i + 1] > 0) ? 1 : 0;
        }
        return new Dataset("xor", new Tensor(x, n, 2), y, 2);
    }

    private static float[] uniforms(long seed, String name, int n) {
        float[] u = new float[n];
        Samplers.uniform(RandomStream.of(seed, "data/" + name), 0, n, 0f, 1f, u, 0);
        return u;
    }

    private static float[] normals(long seed, String name, int n, double std) {
        float[] e = new float[n];
        if (std > 0) {
            Samplers.normal(RandomStream.of(seed, "data/" + name + "/noise"), 0, n, 0, std, e, 0);
        }
        return e;
    }
}
