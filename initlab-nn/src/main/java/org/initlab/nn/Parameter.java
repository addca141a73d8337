package org.initlab.nn;

import org.initlab.core.init.Role;
import org.initlab.core.init.Target;
import org.initlab.core.shape.Allocation;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * A trainable tensor: its path ({@code "2.weight"}), shape, layout and role, its values and the
 * gradient accumulated by backward passes. A bias carries the fans of its weight.
 *
 * <p>A parameter also carries its <b>learning-rate scale</b> (1 unless set): every
 * {@link Optimizer} multiplies its learning rate by it for this parameter, as PyTorch does with a
 * parameter group's own {@code lr}. This is how per-parameter rates such as μP's
 * ({@code lr · 1/fan_in} for Adam's hidden weights) reach the engine's optimizers.
 */
public final class Parameter {
    private final String path;
    private final Shape shape;
    private final Layout layout;
    private final Role role;
    private final Fans fans;
    private final float[] value;
    private final float[] grad;
    private double lrScale = 1;

    /**
     * @param fans the fans to initialize with, or {@code null} to compute them from the shape
     */
    public Parameter(String path, Shape shape, Layout layout, Role role, Fans fans) {
        this.path = path;
        this.shape = shape;
        this.layout = layout;
        this.role = role;
        this.fans = fans;
        this.value = Allocation.floats(shape);
        this.grad = Allocation.floats(shape);
    }

    public String path() {
        return path;
    }

    public Shape shape() {
        return shape;
    }

    /** Where the axes of this tensor are ({@link Layout#PYTORCH} for every engine layer). */
    public Layout layout() {
        return layout;
    }

    public Role role() {
        return role;
    }

    /** The values (not a copy). */
    public float[] value() {
        return value;
    }

    /** The accumulated gradient (not a copy). */
    public float[] grad() {
        return grad;
    }

    /** The factor on the optimizer's learning rate for this parameter (1 by default). */
    public double lrScale() {
        return lrScale;
    }

    /**
     * Sets the factor on the optimizer's learning rate for this parameter.
     *
     * @throws IllegalArgumentException unless {@code scale} is finite and {@code >= 0} (0 freezes
     *     the parameter)
     */
    public void setLrScale(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(
                    "learning-rate scale of " + path + " must be finite and >= 0, got " + scale);
        }
        this.lrScale = scale;
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        java.util.Arrays.fill(grad, 0f);
    }

    /** The initializer's view of this parameter, keyed by the experiment's seed and this path. */
    public Target target(long seed) {
        return new Target(shape, layout, 1, false, role, fans, seed, path);
    }

    @Override
    public String toString() {
        return path + shape;
    }
}
