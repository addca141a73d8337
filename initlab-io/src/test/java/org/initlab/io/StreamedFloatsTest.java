package org.initlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed float writers produce exactly the bytes of the array-copying ones. */
class StreamedFloatsTest {
    @TempDir
    Path dir;

    /** More than one 1 MiB chunk and a ragged last chunk. */
    private static float[] values(int n) {
        float[] v = new float[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        v[0] = Float.NaN;
        v[1] = -0.0f;
        v[2] = Float.NEGATIVE_INFINITY;
        return v;
    }

    @Test
    void everyFormatWritesTheSameBytesAsTheCopyingWriter() throws IOException {
        int[] shape = {(1 << 18) + 3, 3};
        float[] v = values(shape[0] * shape[1]);
        Map<String, String> metadata = Map.of("spec", "he_normal", "seed", "7");
        for (String ext : new String[] {"npy", "npz", "safetensors"}) {
            Path streamed = dir.resolve("streamed." + ext);
            Path copied = dir.resolve("copied." + ext);
            StateDictFiles.writeFloats(streamed, "encoder.weight", v, shape, metadata);
            LinkedHashMap<String, NdArray> arrays = new LinkedHashMap<>();
            arrays.put("encoder.weight", NdArray.ofFloats(v, shape));
            StateDictFiles.write(copied, new StateDict(arrays, metadata));
            assertThat(Files.readAllBytes(streamed)).as(ext).isEqualTo(Files.readAllBytes(copied));
        }
    }

    @Test
    void aShapeThatDoesNotHoldTheValuesIsRefusedBeforeAnythingIsWritten() {
        Path file = dir.resolve("w.safetensors");
        assertThatThrownBy(() -> StateDictFiles.writeFloats(file, "w", new float[6], new int[] {4, 2}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4, 2] holds 8 elements, got 6");
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> StateDictFiles.writeFloats(
                        dir.resolve("w.npy"), "w", new float[6], new int[] {-2, 3}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative dimension");
    }
}
