package org.initlab.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Platform;
import ai.djl.util.Utils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.initlab.core.init.Initializers;
import org.initlab.io.NdArray;
import org.initlab.io.npy.Npy;
import org.initlab.nn.InitPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DJL parameters initialized through the adapter equal, bit for bit, the tensors {@code initlab sample}
 * wrote for the same spec, shape, seed and path ({@code scripts/make-djl-golden.sh}); and the engine
 * runs from the native jar on the classpath, offline.
 */
class DjlGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static NdArray golden(String name) throws IOException {
        return Npy.read(GOLDEN.resolve(name));
    }

    static void assertParameterEquals(Block block, String djlName, NdArray expected) {
        var parameter = block.getParameters().get(djlName);
        assertThat(parameter.getShape().getShape())
                .isEqualTo(
                        java.util.Arrays.stream(expected.shape()).asLongStream().toArray());
        assertThat(parameter.getArray().toFloatArray()).isEqualTo(expected.toFloats());
    }

    @Test
    void libtorchComesFromTheNativeJarAndDjlIsOffline() {
        Platform platform = Platform.detectPlatform("pytorch");
        assertThat(platform.isPlaceholder())
                .as("pytorch-native-cpu's jar is on the classpath")
                .isFalse();
        assertThat(platform.getVersion()).startsWith("2.7.1");
        assertThat(Utils.isOfflineMode()).as("ai.djl.offline=true (surefire)").isTrue();
        assertThat(manager.getEngine().getEngineName()).isEqualTo("PyTorch");
    }

    @Test
    void mlpWeightsEqualTheCommandLinesSamples() throws IOException {
        SequentialBlock mlp = DjlInitTest.mlp();
        DjlInit.of(Initializers.heNormal(), 7).initialize(mlp, manager, DataType.FLOAT32, new Shape(4, 20));
        assertParameterEquals(mlp, "01Linear_weight", golden("mlp-0.weight.npy"));
        assertParameterEquals(mlp, "03Linear_weight", golden("mlp-2.weight.npy"));
    }

    @Test
    void biasEqualsTheCommandLinesSampleWithItsWeightsFans() throws IOException {
        SequentialBlock mlp = DjlInitTest.mlp();
        InitPlan torch =
                new InitPlan(List.of(new InitPlan.Rule(null, null, null, null, Initializers.parse("torch_default"))));
        DjlInit.of(torch, 3).initialize(mlp, manager, DataType.FLOAT32, new Shape(4, 20));
        assertParameterEquals(mlp, "01Linear_bias", golden("torch-0.bias.npy"));
    }

    @Test
    void groupedConvKernelEqualsTheCommandLinesSample() throws IOException {
        SequentialBlock conv = DjlInitTest.conv(2);
        DjlInit.of(Initializers.parse("he_normal(mode=fan_out)"), 5)
                .initialize(conv, manager, DataType.FLOAT32, new Shape(1, 4, 6, 6));
        assertParameterEquals(conv, "01Conv2d_weight", golden("conv-0.weight.npy"));
    }
}
