package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.initlab.core.shape.Allocation.AllocationError;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.npy.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one error path under pressure: every failure class exits with its status and one line on
 * standard error, no stack trace. Resource caps run the command in a child JVM with a 64 MiB heap.
 */
class FailureTest {
    @TempDir
    static Path dir;

    /** What one run of the command printed. */
    record Child(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static final String HEAP_HINT =
            "; the Java heap maximum is \\d+\\.\\d MiB; give more with INITLAB_JAVA_OPTS=-Xmx\\d+g";

    static Stream<Arguments> resourceCaps() throws IOException {
        // 2 entries of 48 MiB zeros deflate to a few hundred KiB; together they are more than the 64 MiB heap
        Path npz = dir.resolve("zeros.npz");
        LinkedHashMap<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("a", NdArray.ofFloats(new float[12 << 20], 12 << 20));
        arrays.put("b", NdArray.ofFloats(new float[12 << 20], 12 << 20));
        Npz.write(npz, new StateDict(arrays), true);
        return Stream.of(
                // orthogonal needs the whole matrix (an elementwise law is streamed and allocates no tensor)
                Arguments.of(
                        List.of("sample", "orthogonal", "--shape", "40000,40000"),
                        "out of memory allocating \\[40000, 40000\\] float32 \\(6\\.0 GiB\\)" + HEAP_HINT),
                Arguments.of(
                        List.of("train", "--model", "mlp(2,[1000000000],2)", "--data", "circles"),
                        "out of memory allocating \\[1000000000, 2\\] float32 \\(7\\.5 GiB\\)" + HEAP_HINT),
                // below the heap maximum, so the allocation itself fails and is caught
                Arguments.of(
                        List.of("sample", "orthogonal", "--shape", "4000,4000", "--threads", "2"),
                        "out of memory allocating \\[4000, 4000\\] float32 \\(61\\.0 MiB\\)" + HEAP_HINT),
                Arguments.of(
                        List.of(
                                "export",
                                "--model",
                                "mlp(2,[4],2)",
                                "--init",
                                "default",
                                "--init-from",
                                npz.toString(),
                                "--out",
                                dir.resolve("o.npz").toString()),
                        "out of memory allocating the 2 arrays of .*zeros\\.npz \\(96\\.0 MiB\\)" + HEAP_HINT),
                // inside an experiment measured on worker threads, where no size is known
                Arguments.of(
                        List.of(
                                "run",
                                "forward-histograms(samples=100000)",
                                "--seeds",
                                "2",
                                "--threads",
                                "2",
                                "--out",
                                dir.resolve("run").toString()),
                        "out of memory.*" + HEAP_HINT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceCaps")
    void outOfMemoryIsOneLineNamingWhatAndTheHeap(List<String> args, String line) throws Exception {
        Child r = child(List.of("-Xmx64m"), ProcessBuilder.Redirect.DISCARD, args);
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        List<String> lines = r.errLines();
        assertThat(lines.getLast()).matches("initlab: error: " + line);
        assertThat(lines.stream().filter(l -> l.startsWith("initlab:"))).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullOutput")
    void aFailedWriteToStandardOutputExitsOne(List<String> args) throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "needs /dev/full (Linux)");
        Child r = child(List.of(), ProcessBuilder.Redirect.to(full), args);
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines().getLast()).isEqualTo("initlab: error: could not write to standard output");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    static Stream<List<String>> fullOutput() {
        return Stream.of(
                List.of("list", "--json"),
                List.of("list"),
                List.of("train", "--model", "mlp(2,[4],2)", "--data", "circles", "--epochs", "1", "--json"),
                List.of("sample", "he_normal", "--shape", "3,3", "--json"));
    }

    static Stream<Arguments> badSizesAndDestinations() throws IOException {
        Path afile = Files.writeString(dir.resolve("afile"), "x");
        Path folder = Files.createDirectories(dir.resolve("folder.npz"));
        Path labels = Files.writeString(dir.resolve("labels.csv"), "a,b,label\n0.5,1.5,999999999\n0.5,1.5,0\n");
        return Stream.of(
                Arguments.of(
                        List.of(
                                "export",
                                "--model",
                                "cnn(1,65536,65540,10)",
                                "--init",
                                "default",
                                "--out",
                                dir.resolve("c.npz").toString()),
                        "initlab: flatten at 6 would take [16, 16384, 16385] = 4295229440 inputs,"
                                + " more than 2147483647, the most a layer width can be"),
                Arguments.of(
                        List.of("train", "--model", "mlp(2,[99999999999],2)", "--data", "circles"),
                        "initlab: mlp: hidden must be an integer from -2147483648 to 2147483647, got '99999999999'; expected"
                                + " mlp(IN,[H1,H2,...],OUT,act=ACT), e.g. mlp(784,[256,128],10,act=relu)"),
                Arguments.of(
                        List.of("sample", "he_normal", "--shape", "50000,50000"),
                        "initlab: a tensor of shape [50000, 50000]"
                                + " has 2500000000 elements, more than the 2147483639 one Java array holds"),
                Arguments.of(
                        List.of(
                                "sample",
                                "he_normal",
                                "--shape",
                                "3,3",
                                "--out",
                                afile.resolve("x.npy").toString()),
                        "initlab: cannot write " + afile.resolve("x.npy") + ": " + afile + " is a file, not a folder"),
                Arguments.of(
                        List.of("export", "--model", "mlp(2,[4],2)", "--init", "default", "--out", folder.toString()),
                        "initlab: cannot write " + folder + ": it is a folder; give a file name"),
                Arguments.of(
                        List.of("train", "--model", "mlp(2,[4],2)", "--data", "csv:" + labels),
                        "initlab: " + labels
                                + ": line 2, column 3: label 999999999 would make 1000000000 classes, more than"
                                + " the 2 rows of the file and than the 1000 classes accepted without as many rows; labels"
                                + " are class indices 0, 1, ..."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSizesAndDestinations")
    void sizesAndDestinationsAreCheckedBeforeWork(List<String> args, String line) {
        MainTest.Run r = MainTest.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank()).toList()).containsExactly(line);
        assertThat(dir.resolve("c.npz")).doesNotExist();
    }

    @Test
    void anOutOfMemoryErrorWrappedByAWorkerIsFoundInTheCauseChain() {
        StringWriter text = new StringWriter();
        AllocationError oom = new AllocationError("[8, 8] float32", 256, null);
        int status = Failure.report(
                new IllegalStateException("worker failed", new RuntimeException(oom)), false, new PrintWriter(text));
        assertThat(status).isEqualTo(1);
        assertThat(text.toString())
                .startsWith("initlab: error: out of memory allocating [8, 8] float32 (256 bytes); the Java"
                        + " heap maximum is ")
                .contains("; give more with INITLAB_JAVA_OPTS=-Xmx")
                .hasLineCount(1);
        StringWriter debug = new StringWriter();
        Failure.report(new OutOfMemoryError("Java heap space"), true, new PrintWriter(debug));
        assertThat(debug.toString())
                .contains("\tat ")
                .contains("initlab: error: out of memory (Java heap space); the Java" + " heap maximum is ");
        StringWriter thread = new StringWriter();
        Failure.report(new OutOfMemoryError("unable to create native thread"), false, new PrintWriter(thread));
        assertThat(thread.toString())
                .isEqualTo("initlab: error: out of memory (unable to create native thread)" + System.lineSeparator());
    }

    /** Runs {@code initlab ARGS} in a JVM of its own with {@code jvm} options. */
    static Child child(List<String> jvm, ProcessBuilder.Redirect stdout, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(stdout)
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("initlab " + args + " did not finish within 120 s");
        }
        return new Child(p.exitValue(), "", Files.readString(err, StandardCharsets.UTF_8));
    }
}
