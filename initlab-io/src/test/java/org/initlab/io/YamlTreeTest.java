package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class YamlTreeTest {
    @Test
    void mapsSequencesAndScalarsBecomeTheJsonTreeWithOffsets() throws Exception {
        String text = "seed: 7\nname: 'x'\nflag: true\nnothing: ~\nratio: 0.5\nlist:\n  - 1\n  - {a: b}\n";
        JsonTree.Obj root = (JsonTree.Obj) YamlTree.parse(text, "t.yaml");
        assertThat(root.members())
                .extracting(JsonTree.Member::key)
                .containsExactly("seed", "name", "flag", "nothing", "ratio", "list");
        assertThat(((JsonTree.Num) root.members().get(0).value()).asLong()).isEqualTo(7);
        assertThat(root.members().get(0).value().at()).isEqualTo(6);
        assertThat(root.members().get(1).value()).isEqualTo(new JsonTree.Str("x", 14));
        assertThat(root.members().get(2).value()).isEqualTo(new JsonTree.Bool(true, text.indexOf("true")));
        assertThat(root.members().get(3).value()).isInstanceOf(JsonTree.Null.class);
        assertThat(((JsonTree.Num) root.members().get(4).value()).text()).isEqualTo("0.5");
        JsonTree.Arr list = (JsonTree.Arr) root.members().get(5).value();
        assertThat(list.items()).hasSize(2);
        assertThat(list.items().get(1)).isInstanceOf(JsonTree.Obj.class);
        assertThat(list.items().get(1).at()).isEqualTo(text.indexOf('{'));
        // a number written as a string stays a string
        assertThat(((JsonTree.Obj) YamlTree.parse("n: '5'", "t.yaml"))
                        .members()
                        .get(0)
                        .value())
                .isInstanceOf(JsonTree.Str.class);
    }

    @Test
    void invalidUtf8IsRejectedAtItsByteAsJsonIs() throws Exception {
        byte[] bad = {'a', ':', ' ', 'x', (byte) 0xc3, '(', '\n'};
        assertThatThrownBy(() -> YamlTree.parse(bad, "t.yaml"))
                .isInstanceOf(FormatException.class)
                .hasMessage("t.yaml: byte offset 4: not valid UTF-8 (a YAML file must be UTF-8 text)");
        byte[] good = "a: \u00e9\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(((JsonTree.Obj) YamlTree.parse(good, "t.yaml"))
                        .members()
                        .get(0)
                        .value())
                .isEqualTo(new JsonTree.Str("\u00e9", 3));
    }

    @Test
    void badDocumentsAreRejectedWithOffsetAndReason() {
        assertThatThrownBy(() -> YamlTree.parse("a: [1, 2\n", "t.yaml"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("t.yaml")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> YamlTree.parse("a: 1\na: 2\n", "t.yaml"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("t.yaml");
        assertThatThrownBy(() -> YamlTree.parse("", "t.yaml")).hasMessageContaining("empty");
        assertThatThrownBy(() -> YamlTree.parse("a: 1\n---\nb: 2\n", "t.yaml")).hasMessageContaining("more than one");
        assertThatThrownBy(() -> YamlTree.parse("a: &x [1]\nb: *x\n", "t.yaml")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> YamlTree.parse("? [1]\n: 2\n", "t.yaml")).hasMessageContaining("keys must be strings");
    }
}
