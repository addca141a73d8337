package org.initlab.core.init;

import java.util.Objects;
import org.initlab.core.random.RandomStream;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * The tensor an initializer fills: its shape and layout, the convolution facts that change its
 * fans, its role, and the (seed, path) pair that keys its random stream.
 *
 * <p>The path names the parameter ({@code "encoder.3.weight"}): two tensors with different paths
 * draw from independent streams, so adding a layer never changes the weights of the others.
 * Build one with {@link #of(Shape)} and the {@code with...} methods; defaults are the PyTorch
 * layout, one group, not transposed, role {@link Role#WEIGHT}, seed 0 and path {@code ""}.
 *
 * @param shape the tensor's dimensions
 * @param layout where its channel axes are
 * @param groups convolution groups
 * @param transposed whether it is a transposed-convolution kernel
 * @param role what the tensor is for
 * @param givenFans fans to use instead of computing them from the shape (a bias takes its
 *     weight's fans), or {@code null}
 * @param seed the experiment's seed
 * @param path the parameter's name
 */
public record Target(
        Shape shape, Layout layout, int groups, boolean transposed, Role role, Fans givenFans, long seed, String path) {

    /** Validates the components. */
    public Target {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
    }

    /** A weight of this shape with the default layout, seed and path. */
    public static Target of(Shape shape) {
        return new Target(shape, Layout.PYTORCH, 1, false, Role.WEIGHT, null, 0L, "");
    }

    /** A weight of these dimensions with the default layout, seed and path. */
    public static Target of(int... dims) {
        return of(Shape.of(dims));
    }

    public Target withLayout(Layout l) {
        return new Target(shape, l, groups, transposed, role, givenFans, seed, path);
    }

    public Target withGroups(int g) {
        return new Target(shape, layout, g, transposed, role, givenFans, seed, path);
    }

    public Target withTransposed(boolean t) {
        return new Target(shape, layout, groups, t, role, givenFans, seed, path);
    }

    public Target withRole(Role r) {
        return new Target(shape, layout, groups, transposed, r, givenFans, seed, path);
    }

    public Target withFans(Fans f) {
        return new Target(shape, layout, groups, transposed, role, f, seed, path);
    }

    public Target withSeed(long s) {
        return new Target(shape, layout, groups, transposed, role, givenFans, s, path);
    }

    public Target withPath(String p) {
        return new Target(shape, layout, groups, transposed, role, givenFans, seed, p);
    }

    /**
     * The fans: the given ones, else {@link Fans#of(Shape, Layout, int, boolean)} of this tensor.
     *
     * @throws IllegalArgumentException for a rank-1 tensor without given fans
     */
    public Fans fans() {
        return givenFans != null ? givenFans : Fans.of(shape, layout, groups, transposed);
    }

    /** The random stream keyed by (seed, path). */
    public RandomStream stream() {
        return RandomStream.of(seed, path);
    }

    /** Number of elements. */
    public long size() {
        return shape.size();
    }
}
