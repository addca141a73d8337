package org.initlab.io.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.initlab.io.DType;
import org.initlab.io.FormatException;
import org.initlab.io.Golden;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"stored.npz", "compressed.npz"})
    void readsNumpyArchivesKeepingTheirEntryOrder(String name) throws IOException {
        StateDict d = Npz.read(Golden.file(name));
        assertThat(d.arrays().keySet()).containsExactly("z_last", "a_first", "m_mid");
        assertThat(d.arrays().get("z_last")).isEqualTo(Golden.array(DType.F32));
        assertThat(d.arrays().get("a_first")).isEqualTo(Golden.array(DType.I64));
        assertThat(d.arrays().get("m_mid")).isEqualTo(Golden.array(DType.F64)); // stored in Fortran order
        assertThat(d.metadata()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsStoredAndDeflatedWithEntriesAsNpyWrites(boolean compressed) throws IOException {
        StateDict d = sample();
        Path f = tmp.resolve("a.npz");
        Npz.write(f, d, compressed);
        assertThat(Npz.read(f)).isEqualTo(d);
        assertThat(List.copyOf(Npz.read(f).arrays().keySet()))
                .containsExactlyElementsOf(d.arrays().keySet());
        try (ZipFile zip = new ZipFile(f.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                assertThat(e.getMethod()).isEqualTo(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED);
                ByteArrayOutputStream npy = new ByteArrayOutputStream();
                Npy.write(npy, d.arrays().get(e.getName().replace(".npy", "")));
                assertThat(zip.getInputStream(e).readAllBytes()).isEqualTo(npy.toByteArray());
            }
        }
        byte[] first = Files.readAllBytes(f);
        Npz.write(f, d, compressed);
        assertThat(Files.readAllBytes(f)).as("same dict, same bytes").isEqualTo(first);
    }

    @Test
    void emptyDictGivesAnEmptyArchive() throws IOException {
        Path f = tmp.resolve("e.npz");
        Npz.write(f, new StateDict(new LinkedHashMap<>()), false);
        assertThat(Npz.read(f).arrays()).isEmpty();
    }

    @Test
    void refusesDuplicateKeysAndEntriesThatAreNotNpy() {
        Path dup = Golden.file("bad_duplicate.npz");
        assertThatThrownBy(() -> Npz.read(dup))
                .isInstanceOf(FormatException.class)
                .hasMessage(dup + ": entry 'a.npy' appears twice");
        Path other = Golden.file("bad_not_npy.npz");
        assertThatThrownBy(() -> Npz.read(other))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("entry 'readme.txt' is not a .npy file");
    }

    @Test
    void refusesFilesThatAreNotZipArchives() throws IOException {
        Path f = tmp.resolve("x.npz");
        Files.write(f, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        assertThatThrownBy(() -> Npz.read(f))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith(f + ": not a valid zip archive");
        Files.write(f, new byte[0]);
        assertThatThrownBy(() -> Npz.read(f)).isInstanceOf(FormatException.class);
    }

    @Test
    void corruptStoredDataIsCaughtByTheCrc() throws IOException {
        Path f = tmp.resolve("c.npz");
        Map<String, NdArray> one = new LinkedHashMap<>();
        one.put("w", Golden.array(DType.F32));
        Npz.write(f, new StateDict(new LinkedHashMap<>(one)), false);
        byte[] bytes = Files.readAllBytes(f);
        int data = indexOf(bytes, Golden.bytes(DType.F32, 24));
        bytes[data + 5] ^= 0x10;
        Files.write(f, bytes);
        assertThatThrownBy(() -> Npz.read(f))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith(f + ", entry 'w.npy': CRC-32 of the entry is");
    }

    @Test
    void aMalformedEntryIsNamedWithItsOffsetInsideTheEntry() throws IOException {
        Path f = tmp.resolve("m.npz");
        Map<String, NdArray> one = new LinkedHashMap<>();
        one.put("w", NdArray.ofFloats(new float[] {1, 2}, 2));
        Npz.write(f, new StateDict(new LinkedHashMap<>(one)), false);
        byte[] bytes = Files.readAllBytes(f);
        int version = indexOf(bytes, new byte[] {'N', 'U', 'M', 'P', 'Y'}) + 5;
        bytes[version] = 7; // also breaks the CRC, but the .npy check comes first and says more
        Files.write(f, bytes);
        assertThatThrownBy(() -> Npz.read(f))
                .isInstanceOf(FormatException.class)
                .hasMessage(f
                        + ", entry 'w.npy': byte offset 6: format version 7.0 is not supported; valid: 1.0, 2.0, 3.0");
    }

    @Test
    void refusesToWriteWhatNumpyCannotHold() {
        Map<String, NdArray> bf = new LinkedHashMap<>();
        bf.put("w", new NdArray(DType.BF16, new int[] {1}, new byte[2]));
        assertThatThrownBy(() -> Npz.write(tmp.resolve("b.npz"), new StateDict(new LinkedHashMap<>(bf)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NumPy has no BF16");
        Map<String, NdArray> empty = new LinkedHashMap<>();
        empty.put("", NdArray.ofFloats(new float[1], 1));
        assertThatThrownBy(() -> Npz.write(tmp.resolve("k.npz"), new StateDict(new LinkedHashMap<>(empty)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
        assertThat(tmp.resolve("b.npz")).doesNotExist();
    }

    static StateDict sample() {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("layer.2.weight", Golden.array(DType.F32));
        m.put("b", Golden.array(DType.I64));
        m.put("half", Golden.array(DType.F16));
        m.put("scalar", new NdArray(DType.F64, new int[0], Golden.bytes(DType.F64, 1)));
        m.put("none", new NdArray(DType.I32, new int[] {0, 4}, new byte[0]));
        return new StateDict(new LinkedHashMap<>(m));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
