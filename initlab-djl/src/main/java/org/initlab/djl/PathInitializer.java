package org.initlab.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Initializer;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;

/**
 * The DJL initializer of one parameter: InitLab's values for that parameter's path and the seed.
 *
 * <p>DJL calls {@link #initialize} with the shape it has just inferred from the input shapes; the
 * initializer resolved from the plan is then filled exactly as {@link InitPlan#apply} fills the
 * engine's parameter of the same path, shape, role and fans: the result equals
 * {@code Fill.tensor(init, target)}, that is {@code init.sample(shape, seed, path)} for a weight,
 * bit for bit. Shapes are read in PyTorch's layout ({@code [out, in]}, {@code [out, in/groups,
 * kh, kw]}), which is DJL's for Linear and Convolution. A bias takes the fans of its block's weight
 * (read when the bias is initialized, after DJL has shaped the whole block).
 *
 * <p>The values are computed in {@code float}; for another data type they are converted by DJL
 * ({@code NDArray.toType}), so a {@code FLOAT64} parameter holds the same float values widened.
 *
 * @param parameter the parameter this initializer is bound to
 * @param plan where its initializer comes from
 * @param seed the experiment's seed
 */
public record PathInitializer(BlockParameter parameter, InitPlan plan, long seed)
        implements ai.djl.training.initializer.Initializer {

    /** Checks that the parameter and plan are present. */
    public PathInitializer {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(plan, "plan");
    }

    @Override
    public NDArray initialize(NDManager manager, ai.djl.ndarray.types.Shape shape, DataType dataType) {
        Parameter engineParameter = engineParameter(shape);
        Initializer init = plan.resolve(
                engineParameter, parameter.layerKind(), parameter.activation(), parameter.activationParam());
        float[] values = Fill.tensor(init, engineParameter.target(seed));
        NDArray array = manager.create(values, shape);
        if (dataType == DataType.FLOAT32) {
            return array;
        }
        NDArray converted = array.toType(dataType, false);
        array.close();
        return converted;
    }

    /** The engine's view of this parameter: what {@link InitPlan#resolve} and the fill need. */
    private Parameter engineParameter(ai.djl.ndarray.types.Shape djlShape) {
        Shape shape = toInitLab(djlShape, parameter.path());
        Fans fans = switch (parameter.role()) {
            case WEIGHT, RECURRENT ->
                shape.rank() >= 2 ? Fans.of(shape, Layout.PYTORCH, parameter.groups(), false) : null;
            case BIAS -> weightFans();
            case EMBEDDING, NORM_SCALE, NORM_SHIFT -> null;
        };
        return new Parameter(parameter.path(), shape, Layout.PYTORCH, parameter.role(), fans);
    }

    private Fans weightFans() {
        ai.djl.nn.Parameter weight = parameter.weight();
        if (weight == null || weight.getShape() == null || weight.getShape().dimension() < 2) {
            return null; // the initializer says so if it needs fans
        }
        return Fans.of(toInitLab(weight.getShape(), parameter.path()), Layout.PYTORCH, parameter.groups(), false);
    }

    static Shape toInitLab(ai.djl.ndarray.types.Shape djlShape, String path) {
        long[] dims = djlShape.getShape();
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 1 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("parameter " + path + ": DJL shape " + djlShape
                        + " has a dimension InitLab cannot fill (each must be in [1, 2^31-1])");
            }
            out[i] = (int) dims[i];
        }
        return Shape.of(out);
    }
}
