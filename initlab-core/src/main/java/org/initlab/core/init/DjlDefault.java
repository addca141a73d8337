package org.initlab.core.init;

/**
 * Deep Java Library's defaults ({@code Parameter.Type}: weights
 * {@code XavierInitializer(GAUSSIAN, IN, magnitude 2)}, biases zeros, gamma ones, beta zeros):
 * <pre>
 *   weight, recurrent, embedding:  W ~ N(0, 2 / fan_in)   (He normal, untruncated)
 *   bias:                          zeros
 *   norm scale/shift:              ones / zeros
 * </pre>
 * DJL reads fan_in as {@code shape[1] · prod(shape[2:])}, the PyTorch layout's
 * ({@link org.initlab.core.shape.Fans#pytorchFanIn()}).
 *
 * <p>Paper: He, Zhang, Ren and Sun (2015), "Delving Deep into Rectifiers". PyTorch:
 * {@code kaiming_normal_(w, nonlinearity='relu')} and {@code zeros_(b)}, which read fan_in the same way.
 */
public record DjlDefault() implements FrameworkDefault {
    @Override
    public Initializer resolve(Target target) {
        return switch (target.role()) {
            case WEIGHT, RECURRENT, EMBEDDING ->
                new Normal(0, Math.sqrt(2.0 / target.fans().pytorchFanIn()));
            case BIAS, NORM_SHIFT -> new Zeros();
            case NORM_SCALE -> new Ones();
        };
    }
}
