package org.initlab.nn;

import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;

/**
 * Two small seeded classification sets for the engine's own tests (the engine cannot see the
 * data module, which depends on it). The user-facing generators live in {@code org.initlab.io.data}.
 */
final class ToyData {
    private ToyData() {}

    /** Two concentric circles of radii 1 and {@code factor}, Gaussian noise on each coordinate. */
    static Dataset circles(int n, double noise, double factor, long seed) {
        float[] u = new float[n];
        Samplers.uniform(RandomStream.of(seed, "toy/circles"), 0, n, 0f, 1f, u, 0);
        float[] e = new float[2 * n];
        Samplers.normal(RandomStream.of(seed, "toy/circles/noise"), 0, 2L * n, 0, noise, e, 0);
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

    /** Points uniform in [-1, 1]²; class 1 when the coordinates have opposite signs. */
    static Dataset xor(int n, long seed) {
        float[] u = new float[2 * n];
        Samplers.uniform(RandomStream.of(seed, "toy/xor"), 0, 2L * n, -1f, 1f, u, 0);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (u[2 * i] > 0) != (u[2 * i + 1] > 0) ? 1 : 0;
        }
        return new Dataset("xor", new Tensor(u, n, 2), y, 2);
    }
}
