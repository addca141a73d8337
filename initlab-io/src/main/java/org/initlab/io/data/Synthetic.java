package org.initlab.io.data;

import org.initlab.core.random.RandomStream;
import org.initlab.core.shape.Allocation;
import org.initlab.nn.Dataset;
import org.initlab.nn.Tensor;

/**
 * A seeded synthetic dataset generator; the record's components are its parameters. Every
 * random draw of {@code generate(n, seed, part)} comes from streams under the path
 * {@code "data/NAME/PART"} ({@link #stream}), so the same (seed, part) gives the same data on
 * every machine, and a training and a test set ({@code part} "train" and "test") of one seed are
 * independent draws of one distribution.
 *
 * <p>The two-dimensional classification sets are nested here ({@link Circles}, {@link Moons},
 * {@link Spirals}, {@link Xor}, {@link Blobs}); regression and sequence tasks have their own
 * files ({@link TeacherStudent}, {@link AddingProblem}, {@link CopyMemory}).
 */
public sealed interface Synthetic
        permits Synthetic.Circles,
                Synthetic.Moons,
                Synthetic.Spirals,
                Synthetic.Xor,
                Synthetic.Blobs,
                TeacherStudent,
                AddingProblem,
                CopyMemory {

    /** The name used in stream paths and in the catalog ({@code "circles"}). */
    String name();

    /**
     * Draws {@code n} examples.
     *
     * @param n number of examples, {@code >= 1}
     * @param seed the seed
     * @param part which independent draw ("train", "test", ...); selects the streams
     */
    Dataset generate(int n, long seed, String part);

    /** The stream {@code (seed, "data/NAME/PART/WHAT")}. */
    default RandomStream stream(long seed, String part, String what) {
        return RandomStream.of(seed, "data/" + name() + "/" + part + "/" + what);
    }

    /**
     * Two concentric circles, as scikit-learn's {@code make_circles}: the examples of even index
     * lie on the unit circle (class 0), those of odd index on the circle of radius {@code factor}
     * (class 1), at angles uniform in {@code [0, 2π)} (scikit-learn spaces them evenly), plus
     * {@code N(0, noise²)} on each coordinate. Features {@code [n, 2]}.
     *
     * @param noise standard deviation of the Gaussian noise, {@code >= 0}
     * @param factor radius of the inner circle, in {@code (0, 1)}
     */
    record Circles(double noise, double factor) implements Synthetic {
        public Circles {
            requireNoise(noise);
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("circles: factor must be in (0, 1), got " + factor);
            }
        }

        @Override
        public String name() {
            return "circles";
        }

        @Override
        public Dataset generate(int n, long seed, String part) {
            Draws.requireSize(n);
            float[] u = Draws.uniforms(stream(seed, part, "angle"), n, 0f, 1f);
            float[] e = Draws.normals(stream(seed, part, "noise"), Allocation.elements(2, n), noise);
            float[] x = Allocation.floats(n, 2);
            int[] y = Allocation.ints(n);
            for (int i = 0; i < n; i++) {
                y[i] = i % 2;
                double r = y[i] == 0 ? 1 : factor;
                double t = 2 * Math.PI * u[i];
                x[2 * i] = (float) (r * Math.cos(t) + e[2 * i]);
                x[2 * i + 1] = (float) (r * Math.sin(t) + e[2 * i + 1]);
            }
            return new Dataset(name(), new Tensor(x, n, 2), y, 2);
        }
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons}: class 0 (even index) at
     * {@code (cos t, sin t)}, class 1 at {@code (1 - cos t, 1/2 - sin t)}, {@code t} uniform in
     * {@code [0, π]}, plus {@code N(0, noise²)} on each coordinate. Features {@code [n, 2]}.
     *
     * @param noise standard deviation of the Gaussian noise, {@code >= 0}
     */
    record Moons(double noise) implements Synthetic {
        public Moons {
            requireNoise(noise);
        }

        @Override
        public String name() {
            return "moons";
        }

        @Override
        public Dataset generate(int n, long seed, String part) {
            Draws.requireSize(n);
            float[] u = Draws.uniforms(stream(seed, part, "angle"), n, 0f, 1f);
            float[] e = Draws.normals(stream(seed, part, "noise"), Allocation.elements(2, n), noise);
            float[] x = Allocation.floats(n, 2);
            int[] y = Allocation.ints(n);
            for (int i = 0; i < n; i++) {
                y[i] = i % 2;
                double t = Math.PI * u[i];
                double px = y[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
                double py = y[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
                x[2 * i] = (float) (px + e[2 * i]);
                x[2 * i + 1] = (float) (py + e[2 * i + 1]);
            }
            return new Dataset(name(), new Tensor(x, n, 2), y, 2);
        }
    }

    /**
     * {@code classes} interleaved spiral arms: example {@code i} belongs to arm
     * {@code k = i mod classes}, lies at radius {@code r} uniform in {@code [0, 1]} and angle
     * {@code 4r + 2πk/classes + ε}, {@code ε ~ N(0, noise²)}. Features {@code [n, 2]}.
     *
     * @param classes number of arms, {@code >= 2}
     * @param noise standard deviation of the angle noise in radians, {@code >= 0}
     */
    record Spirals(int classes, double noise) implements Synthetic {
        public Spirals {
            requireNoise(noise);
            if (classes < 2) {
                throw new IllegalArgumentException("spirals: classes must be >= 2, got " + classes);
            }
        }

        @Override
        public String name() {
            return "spirals";
        }

        @Override
        public Dataset generate(int n, long seed, String part) {
            Draws.requireSize(n);
            float[] u = Draws.uniforms(stream(seed, part, "radius"), n, 0f, 1f);
            float[] e = Draws.normals(stream(seed, part, "noise"), n, noise);
            float[] x = Allocation.floats(n, 2);
            int[] y = Allocation.ints(n);
            for (int i = 0; i < n; i++) {
                y[i] = i % classes;
                double r = u[i];
                double t = 4 * r + 2 * Math.PI * y[i] / classes + e[i];
                x[2 * i] = (float) (r * Math.cos(t));
                x[2 * i + 1] = (float) (r * Math.sin(t));
            }
            return new Dataset(name(), new Tensor(x, n, 2), y, classes);
        }
    }

    /** Points uniform in {@code [-1, 1]²}; class 1 when the two coordinates have opposite signs. */
    record Xor() implements Synthetic {
        @Override
        public String name() {
            return "xor";
        }

        @Override
        public Dataset generate(int n, long seed, String part) {
            Draws.requireSize(n);
            float[] x = Draws.uniforms(stream(seed, part, "points"), Allocation.elements(2, n), -1f, 1f);
            int[] y = Allocation.ints(n);
            for (int i = 0; i < n; i++) {
                y[i] = (x[2 * i] > 0) != (x[2 * i + 1] > 0) ? 1 : 0;
            }
            return new Dataset(name(), new Tensor(x, n, 2), y, 2);
        }
    }

    /**
     * Isotropic Gaussian clusters, as scikit-learn's {@code make_blobs}: {@code centers} centres
     * drawn uniformly from the box {@code [-box, box]^features} (stream {@code "centers"} of the
     * seed alone, so training and test sets share them), example {@code i} in cluster
     * {@code i mod centers} at its centre plus {@code N(0, std²)} on each coordinate. Features
     * {@code [n, features]}.
     *
     * @param centers number of clusters (classes), {@code >= 1}
     * @param features dimension, {@code >= 1}
     * @param std standard deviation of each cluster, {@code >= 0} (scikit-learn's {@code cluster_std})
     * @param box half-width of the box the centres are drawn from, {@code > 0} (scikit-learn's
     *     {@code center_box = (-10, 10)} is {@code box = 10})
     */
    record Blobs(int centers, int features, double std, double box) implements Synthetic {
        public Blobs {
            if (centers < 1 || features < 1) {
                throw new IllegalArgumentException(
                        "blobs: centers and features must be >= 1, got " + centers + " and " + features);
            }
            requireNoise(std);
            if (!(box > 0 && Double.isFinite(box))) {
                throw new IllegalArgumentException("blobs: box must be finite and > 0, got " + box);
            }
        }

        @Override
        public String name() {
            return "blobs";
        }

        /** The cluster centres {@code [centers, features]}, row-major; the same for every part. */
        public float[] centres(long seed) {
            return Draws.uniforms(
                    RandomStream.of(seed, "data/" + name() + "/centers"),
                    Allocation.elements(centers, features),
                    (float) -box,
                    (float) box);
        }

        @Override
        public Dataset generate(int n, long seed, String part) {
            Draws.requireSize(n);
            float[] c = centres(seed);
            float[] x = Draws.normals(stream(seed, part, "noise"), Allocation.elements(n, features), std);
            int[] y = Allocation.ints(n);
            for (int i = 0; i < n; i++) {
                y[i] = i % centers;
                for (int j = 0; j < features; j++) {
                    x[i * features + j] += c[y[i] * features + j];
                }
            }
            return new Dataset(name(), new Tensor(x, n, features), y, centers);
        }
    }

    private static void requireNoise(double noise) {
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("noise (a standard deviation) must be finite and >= 0, got " + noise);
        }
    }
}
