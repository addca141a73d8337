package org.initlab.core.shape;

/**
 * The fans of a weight tensor: how many inputs feed one output unit ({@code fanIn}), how many
 * outputs one input unit feeds ({@code fanOut}), and the number of kernel taps
 * ({@code receptiveField}, 1 for dense layers).
 *
 * <p>Law, with {@code rf} the product of the kernel axes, {@code C_in}, {@code C_out} the layer's
 * input and output channels and {@code g} the groups:
 * <pre>
 *   fan_in  = (C_in  / g) * rf
 *   fan_out = (C_out / g) * rf
 * </pre>
 * Each output unit of a grouped convolution sees {@code C_in/g} channels and each input unit
 * feeds {@code C_out/g} channels. PyTorch's {@code _calculate_fan_in_and_fan_out} ignores
 * groups for {@code fan_out} ({@code C_out * rf}; PyTorch issue 23854) and, for transposed
 * convolutions, whose weight is stored {@code [C_in, C_out/g, k...]}, reads the axes as if the
 * layer were not transposed, so its fan_in is {@code (C_out/g) * rf}. Keras and JAX read
 * {@code [k..., in, out]} the same way without groups. Here the transposed flag swaps the two
 * channel axes' roles, so both quantities mean what their names say. Strides are ignored, as in
 * every framework. {@link #pytorchFanIn()} gives PyTorch's number for reproducing its defaults.
 *
 * @param fanIn inputs per output unit
 * @param fanOut outputs per input unit
 * @param receptiveField kernel taps (product of the kernel axes)
 * @param pytorchFanIn what {@code torch.nn.init._calculate_fan_in_and_fan_out} returns as fan_in
 *     (the tensor's second channel axis times rf)
 * @param pytorchFanOut what it returns as fan_out (the first channel axis times rf)
 */
public record Fans(long fanIn, long fanOut, long receptiveField, long pytorchFanIn, long pytorchFanOut) {

    /** Validates that all counts are positive. */
    public Fans {
        if (fanIn <= 0 || fanOut <= 0 || receptiveField <= 0 || pytorchFanIn <= 0 || pytorchFanOut <= 0) {
            throw new IllegalArgumentException("fans must be positive, got fan_in=" + fanIn + ", fan_out=" + fanOut
                    + ", receptive_field=" + receptiveField);
        }
    }

    /** Fans given directly (for a bias, the fans of its weight); receptive field 1. */
    public static Fans explicit(long fanIn, long fanOut) {
        return new Fans(fanIn, fanOut, 1, fanIn, fanOut);
    }

    /** Fans of a dense or non-transposed, ungrouped weight. */
    public static Fans of(Shape shape, Layout layout) {
        return of(shape, layout, 1, false);
    }

    /**
     * Fans of a weight tensor of rank 2 or more.
     *
     * @param shape the weight's shape, in {@code layout}
     * @param layout where the channel axes are
     * @param groups convolution groups (1 for dense; {@code C_in} for depthwise)
     * @param transposed whether the weight belongs to a transposed convolution
     * @throws IllegalArgumentException for rank &lt; 2, groups &lt; 1, or a channel count that
     *     groups does not divide
     */
    public static Fans of(Shape shape, Layout layout, int groups, boolean transposed) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("fans need a tensor of rank 2 or more, got shape " + shape + " (rank "
                    + shape.rank() + "); for a bias give its weight's fans");
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
        long outerAxis = shape.dim(layout.outerChannelAxis());
        long innerAxis = shape.dim(layout.innerChannelAxis());
        long rf = shape.size() / (outerAxis * innerAxis);
        // Non-transposed: outer axis holds all C_out, inner axis holds C_in / g.
        // Transposed: outer axis holds all C_in, inner axis holds C_out / g.
        if (outerAxis % groups != 0) {
            throw new IllegalArgumentException("groups=" + groups + " does not divide the "
                    + (transposed ? "input" : "output") + " channels " + outerAxis + " of shape " + shape);
        }
        long perGroupOuter = outerAxis / groups;
        long fanIn = (transposed ? perGroupOuter : innerAxis) * rf;
        long fanOut = (transposed ? innerAxis : perGroupOuter) * rf;
        return new Fans(fanIn, fanOut, rf, innerAxis * rf, outerAxis * rf);
    }

    /** (fan_in + fan_out) / 2, the Glorot denominator. */
    public double average() {
        return (fanIn + fanOut) / 2.0;
    }

    /** sqrt(fan_in * fan_out), the geometric mean. */
    public double geometricMean() {
        return Math.sqrt((double) fanIn * fanOut);
    }
}
