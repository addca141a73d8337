package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Target;
import org.initlab.core.shape.Shape;
import org.initlab.io.NdArray;
import org.initlab.io.StateDictFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedSampleTest {
    /** Two full pieces and a ragged third, whose last block is ragged too (neither a multiple of a block nor of the lanes). */
    private static final Shape SHAPE = Shape.of(2 * StreamedSample.PIECE / 1000 + 3, 1000);

    private static Target target() {
        return Target.of(SHAPE).withSeed(11).withPath("encoder.weight");
    }

    @Test
    void theBytesAreTheWholeTensorFillsAndTheStatisticsDoNotDependOnThreads() throws IOException {
        for (String spec : new String[] {"he_normal", "truncated_normal(std=0.02)", "uniform(low=-1, high=3)"}) {
            Initializer init = Registry.parse(spec);
            Target target = target();
            float[] whole = Fill.tensor(init, target, 1);
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            Stats s1 = StreamedSample.run(init, target, 1, one);
            ByteArrayOutputStream three = new ByteArrayOutputStream();
            Stats s3 = StreamedSample.run(init, target, 3, three);
            byte[] expected = new byte[4 * whole.length];
            ByteBuffer.wrap(expected)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .put(whole);
            assertThat(one.toByteArray()).as(spec).isEqualTo(expected);
            assertThat(three.toByteArray()).as(spec).isEqualTo(expected);
            assertThat(s3).as(spec).isEqualTo(s1);
            assertThat(StreamedSample.run(init, target, 2, null)).as(spec).isEqualTo(s1);
            // the statistics of the pieces are those of the whole array, bit for bit (StatsTest checks their accuracy)
            assertThat(s1.count()).isEqualTo(whole.length);
            assertThat(s1).as(spec).isEqualTo(Stats.of(whole, 1));
        }
    }

    @Test
    void theFilesHoldTheWholeTensorFill(@TempDir Path dir) throws IOException {
        Initializer init = Registry.parse("truncated_normal(std=0.02)");
        Target target = target();
        int[] dims = SHAPE.dims();
        float[] whole = Fill.tensor(init, target, 1);
        for (String name : new String[] {"w.npy", "w.safetensors"}) {
            Path file = dir.resolve(name);
            Stats[] measured = new Stats[1];
            StateDictFiles.writeFloats(
                    file,
                    "encoder.weight",
                    dims,
                    Map.of(),
                    out -> measured[0] = StreamedSample.run(init, target, 2, out));
            NdArray read =
                    StateDictFiles.read(file).arrays().values().iterator().next();
            assertThat(read.shape()).as(name).isEqualTo(dims);
            assertThat(read.data())
                    .as(name)
                    .isEqualTo(NdArray.ofFloats(whole, dims).data());
            assertThat(measured[0]).as(name).isEqualTo(Stats.of(whole, 1));
        }
    }
}
