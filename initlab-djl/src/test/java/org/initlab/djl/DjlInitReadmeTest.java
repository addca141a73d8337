package org.initlab.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.Initializers;
import org.junit.jupiter.api.Test;

/**
 * The README's "With DJL" example, compiled and run here; lines ending in {@code // test-only} check
 * its claims and are not part of the README's copy.
 */
class DjlInitReadmeTest {
    private static final String TEST_ONLY = "// test-only";

    @Test
    void readmeExampleRunsAndDoesWhatItSays() {
        // README:begin
        SequentialBlock mlp = new SequentialBlock()
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        try (Model model = Model.newInstance("mlp")) {
            model.setBlock(mlp);
            // One initializer per parameter, keyed by its path: 0.weight, 0.bias, 2.weight, 2.bias.
            DjlInit.of(Initializers.heNormal(), 42)
                    .initialize(mlp, model.getNDManager(), DataType.FLOAT32, new Shape(1, 784));
            // 0.weight (DJL's 01Linear_weight, [256, 784]) is
            // Initializers.heNormal().sample(Shape.of(256, 784), 42, "0.weight");
            // the biases are zero (InitPlan.allWeights, as `initlab export --init he_normal`).
            assertThat(firstWeight(mlp)).isEqualTo(expectedFirstWeight()); // test-only
            assertThat(firstBias(mlp)).containsOnly(0f); // test-only
        }
        // README:end
    }

    @Test
    void readmeCopyEqualsTheCompiledExample() throws IOException {
        List<String> readme = readmeBlock(Files.readAllLines(Path.of("..", "README.md")));
        List<String> source = Files.readAllLines(Path.of("src/test/java/org/initlab/djl/DjlInitReadmeTest.java"));
        List<String> imports =
                readme.stream().filter(l -> l.startsWith("import ")).toList();
        List<String> body = readme.stream()
                .filter(l -> !l.startsWith("import ") && !l.isBlank())
                .toList();
        assertThat(imports).isNotEmpty();
        for (String line : imports) {
            boolean here = source.contains(line) || line.equals("import org.initlab.djl.DjlInit;");
            assertThat(here)
                    .as("README import '%s' is used by the compiled example", line)
                    .isTrue();
        }
        assertThat(body).isEqualTo(region(source));
    }

    /** The first java block after the "### With DJL" heading. */
    private static List<String> readmeBlock(List<String> readme) {
        int heading = readme.indexOf("### With DJL");
        assertThat(heading).as("README has a '### With DJL' section").isGreaterThanOrEqualTo(0);
        int start = heading;
        while (!readme.get(start).equals("```java")) {
            start++;
        }
        int end = start + 1;
        while (!readme.get(end).equals("```")) {
            end++;
        }
        return readme.subList(start + 1, end);
    }

    /** The lines between the markers, without test-only lines, dedented by the first line's indent. */
    private static List<String> region(List<String> source) {
        int begin = source.indexOf("        // README:begin");
        int end = source.indexOf("        // README:end");
        List<String> out = new ArrayList<>();
        for (String line : source.subList(begin + 1, end)) {
            if (!line.endsWith(TEST_ONLY)) {
                out.add(line.substring(
                        Math.min(8, line.length() - line.stripLeading().length())));
            }
        }
        return out;
    }

    private static float[] firstWeight(SequentialBlock mlp) {
        return mlp.getParameters().get("01Linear_weight").getArray().toFloatArray();
    }

    private static float[] firstBias(SequentialBlock mlp) {
        return mlp.getParameters().get("01Linear_bias").getArray().toFloatArray();
    }

    private static float[] expectedFirstWeight() {
        return Initializers.heNormal().sample(org.initlab.core.shape.Shape.of(256, 784), 42, "0.weight");
    }
}
