package org.initlab.cli;

import org.initlab.core.init.Target;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;
import picocli.CommandLine.Option;

/** The options that describe a weight tensor: shape, layout, groups, transposed. */
final class TensorOptions {
    @Option(
            names = "--shape",
            required = true,
            paramLabel = "D1,D2,...",
            description = "Tensor dimensions, e.g. 256,128 or 64,3,3,3.")
    String shape;

    @Option(
            names = "--layout",
            defaultValue = "pytorch",
            paramLabel = "pytorch|keras",
            description = "pytorch: [out, in, k...]; keras: [k..., in, out]. Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(names = "--groups", defaultValue = "1", description = "Convolution groups. Default: ${DEFAULT-VALUE}.")
    int groups;

    @Option(names = "--transposed", description = "The weight of a transposed convolution.")
    boolean transposed;

    Target target() {
        return Target.of(Shape.parse(shape))
                .withLayout(Layout.parse(layout))
                .withGroups(groups)
                .withTransposed(transposed);
    }
}
