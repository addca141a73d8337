package org.initlab.core.init;

import java.util.Locale;
import org.initlab.core.shape.Fans;

/** Which fan a variance-scaling initializer divides by. */
public enum Mode {
    /** fan_in: preserves the variance of activations in the forward pass. */
    FAN_IN,
    /** fan_out: preserves the variance of gradients in the backward pass. */
    FAN_OUT,
    /** (fan_in + fan_out) / 2: Glorot and Bengio's compromise. */
    FAN_AVG,
    /** sqrt(fan_in * fan_out): the geometric mean (JAX's {@code fan_geo_avg}). */
    FAN_GEO_AVG;

    /** The fan this mode selects. */
    public double of(Fans fans) {
        return switch (this) {
            case FAN_IN -> fans.fanIn();
            case FAN_OUT -> fans.fanOut();
            case FAN_AVG -> fans.average();
            case FAN_GEO_AVG -> fans.geometricMean();
        };
    }

    /** Lower-case name ({@code fan_in}). */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
