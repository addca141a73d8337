package org.initlab.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Initializers;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Role;
import org.initlab.core.init.Target;
import org.initlab.core.init.Zeros;
import org.initlab.core.shape.Fans;
import org.initlab.nn.InitPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A DJL block initialized through the adapter holds InitLab's values for (seed, path), bit for bit,
 * on DJL's PyTorch engine (libtorch from the pytorch-native-cpu jar, offline).
 */
class DjlInitTest {
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
        assertThat(manager.getEngine().getEngineName()).isEqualTo("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static SequentialBlock mlp() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(32).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    static SequentialBlock conv(int groups) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(8)
                        .optGroups(groups)
                        .build())
                .add(Activation.reluBlock());
    }

    static float[] values(Block block, String djlName) {
        return block.getParameters().get(djlName).getArray().toFloatArray();
    }

    static org.initlab.core.shape.Shape shape(int... dims) {
        return org.initlab.core.shape.Shape.of(dims);
    }

    @Test
    void mlpWeightsEqualSampleForTheirPaths() {
        Initializer he = Initializers.heNormal();
        SequentialBlock block = mlp();
        List<BlockParameter> bound = DjlInit.of(he, 7).initialize(block, manager, DataType.FLOAT32, new Shape(4, 20));
        assertThat(bound).extracting(BlockParameter::path).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(values(block, "01Linear_weight")).isEqualTo(he.sample(shape(32, 20), 7, "0.weight"));
        assertThat(values(block, "03Linear_weight")).isEqualTo(he.sample(shape(10, 32), 7, "2.weight"));
        assertThat(values(block, "01Linear_bias")).hasSize(32).containsOnly(0f);
        assertThat(values(block, "03Linear_bias")).hasSize(10).containsOnly(0f);
    }

    @Test
    void biasesTakeTheirWeightsFans() {
        // PyTorch's default: weight and bias U(±1/sqrt(fan_in)); the bias's fan_in is its weight's (20).
        Initializer torch = Initializers.parse("torch_default");
        SequentialBlock block = mlp();
        InitPlan everything = new InitPlan(List.of(new InitPlan.Rule(null, null, null, null, torch)));
        DjlInit.of(everything, 3).initialize(block, manager, DataType.FLOAT32, new Shape(4, 20));
        Target bias = Target.of(32)
                .withRole(Role.BIAS)
                .withFans(Fans.explicit(20, 32))
                .withSeed(3)
                .withPath("0.bias");
        float[] expected = Fill.tensor(torch, bias);
        assertThat(values(block, "01Linear_bias")).isEqualTo(expected);
        float bound = (float) (1 / Math.sqrt(20));
        for (float v : expected) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(bound).isGreaterThan(0f);
        }
    }

    @Test
    void aPlanChoosesByPathAndByTheActivationThatFollows() {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build());
        List<InitPlan.Rule> rules = new ArrayList<>();
        rules.add(new InitPlan.Rule("4.*", null, null, null, new Zeros()));
        rules.addAll(InitPlan.defaults().rules());
        DjlInit.of(new InitPlan(rules), 8).initialize(block, manager, DataType.FLOAT32, new Shape(1, 12));
        assertThat(values(block, "01Linear_weight"))
                .isEqualTo(Initializers.glorotUniform().sample(shape(16, 12), 8, "0.weight")); // tanh follows
        assertThat(values(block, "03Linear_weight"))
                .isEqualTo(Initializers.heNormal().sample(shape(16, 16), 8, "2.weight")); // ReLU follows
        assertThat(values(block, "05Linear_weight")).containsOnly(0f);
    }

    @Test
    void defaultPlanGivesRecurrentWeightsOrthogonalValues() {
        Block lstm = LSTM.builder()
                .setStateSize(8)
                .setNumLayers(1)
                .optBatchFirst(true)
                .build();
        SequentialBlock block = new SequentialBlock().add(lstm);
        DjlInit.of(InitPlan.defaults(), 6).initialize(block, manager, DataType.FLOAT32, new Shape(2, 5, 3));
        // weight_hh_l0 is [4*8, 8], RECURRENT, so the default plan's orthogonal rule; weight_ih_l0 Glorot (linear).
        float[] hh = values(block, "01LSTM_l_0_h2h_WEIGHT");
        assertThat(hh).isEqualTo(new Orthogonal().sample(shape(32, 8), 6, "0.weight_hh_l0"));
        assertThat(values(block, "01LSTM_l_0_i2h_WEIGHT"))
                .isEqualTo(Initializers.glorotUniform().sample(shape(32, 3), 6, "0.weight_ih_l0"));
        assertThat(values(block, "01LSTM_l_0_h2h_BIAS")).containsOnly(0f);
    }

    @Test
    void convKernelIsOutInKhKwAndEqualsSample() {
        Initializer he = Initializers.heUniform();
        SequentialBlock block = conv(1);
        DjlInit.of(he, 11).initialize(block, manager, DataType.FLOAT32, new Shape(2, 4, 9, 9));
        assertThat(block.getParameters().get("01Conv2d_weight").getShape()).isEqualTo(new Shape(8, 4, 3, 3));
        assertThat(values(block, "01Conv2d_weight")).isEqualTo(he.sample(shape(8, 4, 3, 3), 11, "0.weight"));
    }

    @Test
    void groupedConvolutionUsesTheGroupsInItsFans() {
        // fan_out of a grouped kernel [8, 2, 3, 3] with 2 groups is (8/2)*9, not 8*9.
        Initializer fanOut = Initializers.heNormal().fanOut();
        SequentialBlock block = conv(2);
        DjlInit.of(fanOut, 5).initialize(block, manager, DataType.FLOAT32, new Shape(1, 4, 6, 6));
        Target grouped = Target.of(8, 2, 3, 3).withGroups(2).withSeed(5).withPath("0.weight");
        float[] expected = Fill.tensor(fanOut, grouped);
        assertThat(values(block, "01Conv2d_weight"))
                .isEqualTo(expected)
                .isNotEqualTo(fanOut.sample(shape(8, 2, 3, 3), 5, "0.weight"));
    }

    @Test
    void twoInitializationsWithOneSeedAreIdenticalAndOtherSeedsDiffer() {
        SequentialBlock a = mlp();
        SequentialBlock b = mlp();
        SequentialBlock c = mlp();
        Initializer glorot = Initializers.glorotUniform();
        DjlInit.of(glorot, 1).initialize(a, manager, DataType.FLOAT32, new Shape(1, 20));
        DjlInit.of(glorot, 1).initialize(b, manager, DataType.FLOAT32, new Shape(1, 20));
        DjlInit.of(glorot, 2).initialize(c, manager, DataType.FLOAT32, new Shape(1, 20));
        assertThat(values(a, "01Linear_weight"))
                .isEqualTo(values(b, "01Linear_weight"))
                .isNotEqualTo(values(c, "01Linear_weight"));
        assertThat(values(a, "03Linear_weight")).isEqualTo(values(b, "03Linear_weight"));
    }

    @Test
    void parametersOfEqualShapeDrawFromTheirOwnStreams() {
        // DJL's own initializer would give both [20, 20] weights the same kind of draw from one global
        // stream; here each path has its stream, and adding a layer changes no other layer.
        SequentialBlock square = new SequentialBlock()
                .add(Linear.builder().setUnits(20).build())
                .add(Linear.builder().setUnits(20).build());
        SequentialBlock longer = new SequentialBlock()
                .add(Linear.builder().setUnits(20).build())
                .add(Linear.builder().setUnits(20).build())
                .add(Linear.builder().setUnits(5).build());
        DjlInit.of(Initializers.heNormal(), 9).initialize(square, manager, DataType.FLOAT32, new Shape(1, 20));
        DjlInit.of(Initializers.heNormal(), 9).initialize(longer, manager, DataType.FLOAT32, new Shape(1, 20));
        assertThat(values(square, "01Linear_weight")).isNotEqualTo(values(square, "02Linear_weight"));
        assertThat(values(longer, "02Linear_weight")).isEqualTo(values(square, "02Linear_weight"));
    }

    @Test
    void boundAfterNewTrainerTheTrainersInitializeFillsInitLabsValues() {
        // newTrainer applies the config's optInitializer rules to the block, over anything bound before.
        SequentialBlock block = mlp();
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optInitializer(ai.djl.training.initializer.Initializer.ONES, Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(config)) {
                DjlInit.of(Initializers.heNormal(), 12).bind(block);
                trainer.initialize(new Shape(1, 20));
                assertThat(values(block, "01Linear_weight"))
                        .isEqualTo(Initializers.heNormal().sample(shape(32, 20), 12, "0.weight"));
            }
        }
    }

    @Test
    void boundBeforeNewTrainerIsReplacedByTheConfigsInitializer() {
        // The reason for the order above: DJL's behaviour, checked so that a change in DJL is noticed.
        SequentialBlock block = mlp();
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(block);
            DjlInit.of(Initializers.heNormal(), 12).bind(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optInitializer(ai.djl.training.initializer.Initializer.ONES, Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 20));
                assertThat(values(block, "01Linear_weight")).containsOnly(1f);
            }
        }
    }

    @Test
    void anInitializedBlockIsRefusedNamingTheParameter() {
        SequentialBlock block = mlp();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 20)); // DJL's own Xavier
        assertThatThrownBy(() -> DjlInit.of(Initializers.heNormal(), 1).bind(block))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'weight' (path 0.weight) is already initialized")
                .hasMessageContaining("reinitialize");
    }

    @Test
    void reinitializeReplacesValuesWithThoseOfAFreshInitialization() {
        Initializer he = Initializers.heNormal();
        SequentialBlock block = mlp();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 20)); // DJL's own Xavier
        float[] djlValues = values(block, "01Linear_weight");
        DjlInit.of(he, 4).reinitialize(block, manager, DataType.FLOAT32);
        float[] expected = he.sample(shape(32, 20), 4, "0.weight");
        assertThat(values(block, "01Linear_weight")).isEqualTo(expected).isNotEqualTo(djlValues);
        assertThat(values(block, "03Linear_weight")).isEqualTo(he.sample(shape(10, 32), 4, "2.weight"));
        assertThat(block.getParameters().get("01Linear_weight").getArray().hasGradient())
                .isTrue();
        DjlInit.of(he, 5).reinitialize(block, manager, DataType.FLOAT32); // again, another seed
        assertThat(values(block, "01Linear_weight")).isEqualTo(he.sample(shape(32, 20), 5, "0.weight"));
    }

    @Test
    void reinitializingABlockWithoutShapesIsRefused() {
        assertThatThrownBy(() -> DjlInit.of(Initializers.heNormal(), 1).reinitialize(mlp(), manager, DataType.FLOAT32))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("path 0.weight")
                .hasMessageContaining("has no shape yet");
    }

    @Test
    void float64ParametersHoldTheFloatValuesWidened() {
        Initializer he = Initializers.heNormal();
        SequentialBlock block = mlp();
        DjlInit.of(he, 7).initialize(block, manager, DataType.FLOAT64, new Shape(4, 20));
        double[] got = block.getParameters().get("01Linear_weight").getArray().toDoubleArray();
        float[] expected = he.sample(shape(32, 20), 7, "0.weight");
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isEqualTo((double) expected[i]);
        }
    }

    @Test
    void theBlockStillRunsForwardAfterInitialization() {
        SequentialBlock block = mlp();
        DjlInit.of(Initializers.heNormal(), 7).initialize(block, manager, DataType.FLOAT32, new Shape(4, 20));
        var out = block.forward(
                new ai.djl.training.ParameterStore(manager, false),
                new ai.djl.ndarray.NDList(manager.ones(new Shape(4, 20))),
                false);
        assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(4, 10));
    }
}
