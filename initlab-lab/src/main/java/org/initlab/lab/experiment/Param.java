package org.initlab.lab.experiment;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A size parameter of an experiment: its meaning and, for numbers, its valid range (inclusive).
 * {@link Experiments} checks the range when binding a spec and prints both in help texts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** What the parameter sets, one short phrase. */
    String value();

    /** Smallest valid value (numbers only). */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest valid value (numbers only). */
    double max() default Double.POSITIVE_INFINITY;
}
