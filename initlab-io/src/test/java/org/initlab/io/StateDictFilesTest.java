package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.initlab.io.npy.Npy;
import org.initlab.io.safetensors.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDictFilesTest {
    @TempDir
    Path tmp;

    private static StateDict twoArrays() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("0.weight", Golden.array(DType.F32));
        m.put("0.bias", NdArray.ofFloats(new float[] {0.5f, -0.5f}, 2));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", "mlp");
        return new StateDict(new LinkedHashMap<>(m), meta);
    }

    @Test
    void dispatchesOnTheExtensionCaseInsensitively() throws IOException {
        StateDict d = twoArrays();
        Path st = tmp.resolve("m.SafeTensors");
        StateDictFiles.write(st, d);
        assertThat(Safetensors.read(st)).isEqualTo(d);
        assertThat(StateDictFiles.read(st)).isEqualTo(d);
        Path npz = tmp.resolve("m.npz");
        StateDictFiles.write(npz, d);
        StateDict fromNpz = StateDictFiles.read(npz);
        assertThat(fromNpz.arrays()).isEqualTo(d.arrays());
        assertThat(fromNpz.arrays().keySet()).containsExactly("0.weight", "0.bias");
        assertThat(fromNpz.metadata()).as("npz has no metadata").isEmpty();
    }

    @Test
    void npyIsOneArrayKeyedByTheFileBaseName() throws IOException {
        Path f = tmp.resolve("layer.0.weight.npy");
        NdArray a = Golden.array(DType.I32);
        Npy.write(f, a);
        StateDict d = StateDictFiles.read(f);
        assertThat(d.arrays()).containsExactly(Map.entry("layer.0.weight", a));
        Map<String, NdArray> one = new LinkedHashMap<>();
        one.put("anything", a);
        Path g = tmp.resolve("g.npy");
        StateDictFiles.write(g, new StateDict(new LinkedHashMap<>(one), Map.of("dropped", "yes")));
        assertThat(Files.readAllBytes(g)).isEqualTo(Files.readAllBytes(f));
        assertThatThrownBy(() -> StateDictFiles.write(tmp.resolve("two.npy"), twoArrays()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a .npy file holds exactly one array, got 2 [0.weight, 0.bias]");
    }

    @Test
    void unknownExtensionsNameTheValidOnes() {
        for (String name : new String[] {"w.bin", "w.pt", "w", ".npy", "w.npy.gz"}) {
            Path f = tmp.resolve(name);
            assertThatThrownBy(() -> StateDictFiles.read(f))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("valid: .safetensors, .npz, .npy");
            assertThatThrownBy(() -> StateDictFiles.write(f, twoArrays()))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void malformedFilesSurfaceAsFormatExceptionsNamingTheFile() throws IOException {
        for (String name : new String[] {"bad.safetensors", "bad.npz", "bad.npy"}) {
            Path f = tmp.resolve(name);
            Files.write(f, new byte[] {1, 2, 3});
            assertThatThrownBy(() -> StateDictFiles.read(f))
                    .as(name)
                    .isInstanceOf(FormatException.class)
                    .hasMessageStartingWith(f.toString());
        }
    }
}
