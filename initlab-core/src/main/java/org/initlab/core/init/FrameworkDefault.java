package org.initlab.core.init;

/**
 * What a framework does when the user does not choose an initializer: a rule from the tensor's
 * {@link Role} (and fans) to a concrete initializer. Used to reproduce a framework's baseline
 * exactly, and to compare baselines across frameworks.
 */
public sealed interface FrameworkDefault extends Initializer
        permits TorchDefault, KerasDefault, FlaxDefault, Dl4jDefault, DjlDefault {

    /** The initializer this framework uses for the target's role. */
    Initializer resolve(Target target);

    @Override
    default void fill(Target target, long from, long to, float[] dst, int off) {
        resolve(target).fill(target, from, to, dst, off);
    }

    @Override
    default Expectation expectation(Target target) {
        return resolve(target).expectation(target);
    }

    @Override
    default boolean elementwise() {
        return false;
    }
}
