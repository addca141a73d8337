package org.initlab.core.init;

import org.initlab.core.shape.Shape;

/**
 * Puts initial values into a parameter tensor.
 *
 * <p>Every initializer is a record whose components are its whole configuration; its spec string
 * ({@code he_normal(mode=fan_out)}) is its registry name and the components that differ from the
 * defaults ({@link Registry}). Values depend only on the configuration and the {@link Target}:
 * element {@code i} is a pure function of (seed, path, i) for {@linkplain #elementwise()
 * elementwise} kinds, and the whole tensor is a pure function of (seed, path) for the others, so
 * a fill is bit-identical whatever the thread count or shard layout.
 */
public sealed interface Initializer
        permits Zeros,
                Ones,
                Constant,
                Uniform,
                Normal,
                TruncatedNormal,
                TruncatedNormalAbsolute,
                VarianceScaling,
                VarianceScalingPreset,
                FrameworkDefault,
                Orthogonal,
                Identity,
                Dirac,
                DeltaOrthogonal,
                Sparse,
                ZerO,
                LstmForgetBias {

    /**
     * Writes elements {@code [from, to)} of the row-major tensor described by {@code target}
     * into {@code dst[off .. off + (to - from))}. Allocates nothing for elementwise kinds; the
     * others build the whole tensor and copy the slice.
     *
     * @throws IllegalArgumentException when the target does not suit this initializer (wrong
     *     rank, no fans), with the reason
     */
    void fill(Target target, long from, long to, float[] dst, int off);

    /** The exact mean, standard deviation and bounds of the values for this target. */
    Expectation expectation(Target target);

    /**
     * Whether element {@code i} can be computed alone in O(1). False for the kinds that need the
     * whole tensor (orthogonal, sparse masks): those are filled once and sliced.
     */
    default boolean elementwise() {
        return true;
    }

    /**
     * A new tensor of {@code shape} (PyTorch layout, {@code [out, in, k...]}) for the parameter
     * at {@code path}: the same values as {@code Fill.tensor(this, target)} with that seed and path.
     *
     * {@snippet :
     * float[] w = Initializers.heNormal().fanOut().sample(Shape.of(256, 784), 42, "encoder.0.weight");
     * }
     */
    default float[] sample(Shape shape, long seed, String path) {
        return Fill.tensor(this, Target.of(shape).withSeed(seed).withPath(path));
    }

    /** A new tensor for {@code target} (shape, layout, groups, seed and path), on one thread. */
    default float[] sample(Target target) {
        return Fill.tensor(this, target);
    }
}
