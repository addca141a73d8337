package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.initlab.nn.model.LayerSpec;
import org.initlab.nn.model.ModelBuilder;
import org.initlab.nn.model.ModelLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final String SPEC = "seq(conv2d(16, 3, pad=1), batchnorm, relu, maxpool(2),"
            + " residual(seq(conv2d(16, 3, pad=1), relu), scale=true), flatten, dropout(0.1), dense(10), input=[1, 28, 28])";

    private static final String YAML = """
            # the README's example
            input: [1, 28, 28]
            layers:
              - conv2d: {out: 16, kernel: 3, pad: 1}
              - batchnorm
              - relu
              - maxpool: 2
              - residual:
                  branch: [conv2d: [16, 3, {pad: 1}], relu]
                  scale: true
              - flatten
              - dropout(0.1)
              - dense: 10
            """;

    private static final String JSON = """
            {"input": [1, 28, 28], "layers": [
              {"conv2d": {"out": 16, "kernel": 3, "pad": 1}}, "batchnorm", "relu", {"maxpool": [2]},
              {"residual": {"branch": {"layers": ["conv2d(16, 3, pad=1)", {"relu": null}]}, "scale": true}},
              "flatten", {"dropout": {"p": 0.1}}, {"dense": {"out": 10}}]}
            """;

    @TempDir
    Path dir;

    @Test
    void yamlAndJsonFilesAreTheSameRecordsAsTheSpecString() throws IOException {
        LayerSpec expected = ModelLanguage.parse(SPEC);
        assertThat(ModelFile.read(write("model.yaml", YAML))).isEqualTo(expected);
        assertThat(ModelFile.read(write("model.JSON", JSON))).isEqualTo(expected);
        assertThat(ModelBuilder.build(ModelFile.read(write("m.yml", YAML)))
                        .model()
                        .parameters())
                .hasSize(9);
    }

    @Test
    void familiesAndListsOfNumbers() throws IOException {
        assertThat(ModelFile.read(write("mlp.yaml", "mlp: {in: 784, hidden: [256, 128], out: 10, act: tanh}")))
                .isEqualTo(ModelLanguage.parse("mlp(784,[256,128],10,act=tanh)"));
        assertThat(ModelFile.read(write("cnn.json", "{\"cnn\": [1, 28, 28, 10]}")))
                .isEqualTo(ModelLanguage.parse("cnn(1,28,28,10)"));
        assertThat(ModelFile.read(write("one.yaml", "\"lstm(4, 8, 2, steps=all)\"")))
                .isEqualTo(ModelLanguage.parse("lstm(4,8,2,steps=all)"));
    }

    @Test
    void badFilesNameTheFileAndWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> ModelFile.read(write("typo.yaml", "layers: [dense: [4, 4], rleu]")))
                .hasMessageContaining("typo.yaml: unknown layer 'rleu'; did you mean 'relu'");
        assertThatThrownBy(() -> ModelFile.read(write("two.yaml", "layers: [{dense: 4, relu: null}]")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("expected a layer");
        assertThatThrownBy(() -> ModelFile.read(write("inject.yaml", "layers: [\"relu), dense(5\"]")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("expected one name or spec");
        assertThatThrownBy(() -> ModelFile.read(write("key.yaml", "layers: [relu]\nshape: [2]")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("unknown key 'shape' next to layers");
        assertThatThrownBy(() -> ModelFile.read(write("bad.json", "{\"layers\": [}")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("bad.json");
    }

    /** The README's model-file example is the README's spec example (tests run in initlab-io). */
    @Test
    void readmeExampleFileIsTheReadmeSpec() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("## Models"));
        String spec =
                section.substring(section.indexOf("```\n") + 4, section.indexOf("\n```", section.indexOf("```\n") + 4));
        String yaml = section.substring(
                section.indexOf("```yaml\n") + 8, section.indexOf("\n```", section.indexOf("```yaml\n")));
        assertThat(ModelFile.read(write("readme.yaml", yaml))).isEqualTo(ModelLanguage.parse(spec));
        assertThat(ModelBuilder.build(spec).model().parameters().stream()
                        .mapToLong(p -> p.shape().size())
                        .sum())
                .isEqualTo(160 + 32 + 2 * (16 * 16 * 9 + 16) + 1 + 10 * 16 * 14 * 14 + 10);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }
}
