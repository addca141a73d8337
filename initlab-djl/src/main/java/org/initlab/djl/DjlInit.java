package org.initlab.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;
import org.initlab.core.init.Initializer;
import org.initlab.nn.InitPlan;

/**
 * An InitLab plan and seed applied to a DJL {@link Block}, parameter by parameter.
 *
 * <p>Each parameter {@link BlockParameters} lists gets its own {@link PathInitializer} through
 * {@code ai.djl.nn.Parameter#setInitializer}, so its values depend on (seed, path) alone: equal to
 * {@code initlab sample SPEC --shape S --seed N --path P} for a weight, the same whatever else the
 * block holds. Running statistics and DJL's {@code OTHER} parameters keep DJL's initializers.
 *
 * {@snippet :
 * SequentialBlock mlp = new SequentialBlock()
 *         .add(Linear.builder().setUnits(256).build())
 *         .add(Activation.reluBlock())
 *         .add(Linear.builder().setUnits(10).build());
 * DjlInit.of(Initializers.heNormal(), 42).initialize(mlp, manager, DataType.FLOAT32, new Shape(1, 784));
 * // mlp's "0.weight" (DJL: 01Linear_weight) is Initializers.heNormal().sample(Shape.of(256, 784), 42, "0.weight")
 * }
 *
 * <p>DJL's {@code Parameter.initialize} silently skips a parameter that already holds an array, so
 * binding an initializer to it would change nothing. {@link #bind} and {@link #initialize}
 * therefore refuse a block with an initialized parameter, naming it; {@link #reinitialize}
 * replaces the arrays of an initialized block (closing the old ones) with the plan's values.
 *
 * @param plan the rules that give each parameter its initializer
 * @param seed the experiment's seed
 */
public record DjlInit(InitPlan plan, long seed) {

    /** Checks that the plan is present. */
    public DjlInit {
        Objects.requireNonNull(plan, "plan");
    }

    /** The plan's initializers with this seed. */
    public static DjlInit of(InitPlan plan, long seed) {
        return new DjlInit(plan, seed);
    }

    /**
     * Every weight (embeddings included) from {@code weights}; biases and norm shifts zero, norm
     * scales one: {@link InitPlan#allWeights}, what {@code initlab export --init SPEC} does.
     */
    public static DjlInit of(Initializer weights, long seed) {
        return new DjlInit(InitPlan.allWeights(weights), seed);
    }

    /**
     * Binds one {@link PathInitializer} to each parameter of {@code block}; DJL's own
     * {@code block.initialize} (or {@code Trainer.initialize}) then fills them. With a trainer, bind
     * after {@code model.newTrainer(config)}: it sets the config's {@code optInitializer} rules on
     * the block, replacing initializers bound before.
     *
     * @return the bound parameters, in the order of {@link BlockParameters#of}
     * @throws IllegalStateException if a parameter already holds an array (DJL would skip it), with
     *     its path; use {@link #reinitialize} for such a block
     */
    public List<BlockParameter> bind(Block block) {
        List<BlockParameter> params = BlockParameters.of(block);
        for (BlockParameter p : params) {
            if (p.parameter().isInitialized()) {
                throw new IllegalStateException(
                        "DJL parameter '" + p.djlName() + "' (path " + p.path()
                                + ") is already initialized, and DJL's Parameter.initialize skips initialized parameters, "
                                + "so the InitLab initializer would never run; use DjlInit.reinitialize, or block.clear() first");
            }
        }
        for (BlockParameter p : params) {
            p.parameter().setInitializer(new PathInitializer(p, plan, seed));
        }
        return params;
    }

    /**
     * {@link #bind} then {@code block.initialize(manager, dataType, inputShapes)}: every listed
     * parameter gets the plan's values for (seed, path).
     *
     * @throws IllegalStateException as {@link #bind}
     */
    public List<BlockParameter> initialize(Block block, NDManager manager, DataType dataType, Shape... inputShapes) {
        List<BlockParameter> params = bind(block);
        block.initialize(manager, dataType, inputShapes);
        return params;
    }

    /**
     * Replaces the values of every listed parameter of an initialized {@code block} with the plan's
     * values for (seed, path), keeping the parameter's shape: binds, closes the old array and lets
     * DJL initialize the parameter again in {@code manager}. Gradients are requested as before.
     *
     * @throws IllegalStateException if a listed parameter has no shape yet (initialize the block first)
     */
    public List<BlockParameter> reinitialize(Block block, NDManager manager, DataType dataType) {
        List<BlockParameter> params = BlockParameters.of(block);
        for (BlockParameter p : params) {
            if (p.parameter().getShape() == null) {
                throw new IllegalStateException("DJL parameter '" + p.djlName() + "' (path " + p.path()
                        + ") has no shape yet; initialize the block (DjlInit.initialize) before reinitializing it");
            }
        }
        for (BlockParameter p : params) {
            p.parameter().setInitializer(new PathInitializer(p, plan, seed));
            p.parameter().close();
            p.parameter().initialize(manager, dataType);
        }
        return params;
    }
}
