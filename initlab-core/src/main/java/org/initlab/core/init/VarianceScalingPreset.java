package org.initlab.core.init;

/**
 * A named method that is {@link VarianceScaling} with a fixed scale, mode and distribution:
 * Glorot/Xavier, He/Kaiming, LeCun, SELU. Each preset's record keeps the arguments people know
 * it by (gain, nonlinearity, ...) and says which variance scaling it is.
 */
public sealed interface VarianceScalingPreset extends Initializer
        permits GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, Selu {

    /** The variance scaling this preset stands for. */
    VarianceScaling asVarianceScaling();

    @Override
    default void fill(Target target, long from, long to, float[] dst, int off) {
        asVarianceScaling().fill(target, from, to, dst, off);
    }

    @Override
    default Expectation expectation(Target target) {
        return asVarianceScaling().expectation(target);
    }

    /** The normal or truncated normal distribution, by flag. */
    static Distribution normal(boolean truncated) {
        return truncated ? Distribution.TRUNCATED_NORMAL : Distribution.NORMAL;
    }
}
