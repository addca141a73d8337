package org.initlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.Expectation;
import org.initlab.core.init.Fill;
import org.initlab.core.init.FrameworkDefault;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Role;
import org.initlab.core.init.Target;
import org.initlab.core.linalg.Orthogonality;
import org.initlab.core.shape.Allocation;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.io.AtomicFiles;
import org.initlab.io.Json;
import org.initlab.io.StateDictFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code initlab sample}: fills one tensor and compares its statistics with the law's. */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Fill one tensor with an initializer and print its statistics next to the theoretical ones.",
            "Example: initlab sample 'kaiming_uniform(mode=fan_out)' --shape 256,128,3,3 --out w.npy"
        })
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Initializer spec, e.g. he_normal or normal(std=0.01).")
    String specText;

    @Mixin
    TensorOptions tensor;

    @Option(names = "--seed", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--path",
            defaultValue = "weight",
            description = "Parameter path that keys the stream. Default: ${DEFAULT-VALUE}.")
    String path;

    @Option(
            names = "--role",
            defaultValue = "weight",
            description = "weight, bias, recurrent, embedding, norm_scale, norm_shift.")
    String role;

    @Option(names = "--fan-in", description = "Fans to use instead of the shape's (for a bias, its weight's fan_in).")
    Long fanIn;

    @Option(names = "--fan-out", description = "fan_out to use with --fan-in (default: the same as fan_in).")
    Long fanOut;

    @Option(names = "--threads", description = "Threads (default: the machine's cores). Values do not depend on it.")
    Integer threads;

    @Option(
            names = "--out",
            paramLabel = "FILE.npy|FILE.npz|FILE.safetensors",
            description =
                    "Write the tensor as float32 (atomically): .npy holds the array alone; .npz and .safetensors"
                            + " key it by --path; .safetensors also records initlab_version, spec, seed and layout as metadata.")
    Path out;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Initializer init = Registry.parse(specText);
        Target target = tensor.target().withSeed(seed).withPath(path).withRole(Role.parse(role));
        if (fanIn != null) {
            target = target.withFans(Fans.explicit(fanIn, fanOut == null ? fanIn : fanOut));
        } else if (fanOut != null) {
            throw new IllegalArgumentException("--fan-out needs --fan-in");
        }
        if (out != null) {
            StateDictFiles.requireSupported(out);
            AtomicFiles.checkDestination(out);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        int[] dims = target.shape().dims();
        int size = Allocation.elements(dims);
        Expectation theory = init.expectation(target);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("initlab_version", Version.number());
        metadata.put("spec", Registry.format(init));
        metadata.put("seed", Long.toString(seed));
        metadata.put("layout", target.layout().specName());
        long start = System.nanoTime();
        Stats stats;
        Double orthoError = null;
        Initializer effective = init instanceof FrameworkDefault d ? d.resolve(target) : init;
        if (effective.elementwise() && (out == null || StateDictFiles.streams(out))) {
            // never held whole: filled, measured and written block by block (the same values and file)
            Target t = target;
            if (out == null) {
                stats = StreamedSample.run(init, t, n, null);
            } else {
                Stats[] measured = new Stats[1];
                StateDictFiles.writeFloats(
                        out, path, dims, metadata, os -> measured[0] = StreamedSample.run(init, t, n, os));
                stats = measured[0];
            }
        } else {
            float[] values = Fill.tensor(init, target, n);
            stats = Stats.of(values, n);
            orthoError = orthogonalityError(init, target, values);
            if (out != null) {
                StateDictFiles.writeFloats(out, path, values, dims, metadata);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine()
                .getErr()
                .printf(
                        "filled %d values in %.3f s (%.0f M/s, %d thread%s)%s%n",
                        size,
                        seconds,
                        size / seconds / 1e6,
                        n,
                        n == 1 ? "" : "s",
                        out == null ? "" : ", statistics and file included");
        var w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("spec", Registry.format(init));
            doc.put("shape", Arrays.stream(target.shape().dims()).boxed().toList());
            doc.put("layout", target.layout().specName());
            doc.put("seed", seed);
            doc.put("path", path);
            doc.put("measured", stats.toMap());
            Map<String, Object> theoretical = new LinkedHashMap<>(); // in this order on every run (Map.of's is not)
            theoretical.put("mean", theory.mean());
            theoretical.put("std", theory.std());
            theoretical.put("low", theory.low());
            theoretical.put("high", theory.high());
            doc.put("theoretical", theoretical);
            if (orthoError != null) {
                doc.put("orthogonality_error", orthoError);
            }
            if (out != null) {
                doc.put("out", out.toString());
            }
            w.println(Json.write(doc));
            return 0;
        }
        w.println(Registry.format(init) + " on " + target.shape() + " ("
                + target.layout().specName() + " layout, seed " + seed + ", path '" + path + "')");
        new Table("statistic", "measured", "theoretical")
                .row("mean", stats.mean(), theory.mean())
                .row("std", stats.std(), theory.std())
                .row("min", stats.min(), theory.low())
                .row("max", stats.max(), theory.high())
                .print(w);
        if (orthoError != null) {
            w.println("orthogonality error max|QQᵀ/gain² - I| = " + Format.num(orthoError));
        }
        if (out != null) {
            w.println("wrote " + out);
        }
        return 0;
    }

    private static Double orthogonalityError(Initializer init, Target target, float[] values) {
        if (!(init instanceof Orthogonal o)) {
            return null;
        }
        int rows = target.layout() == Layout.PYTORCH
                ? target.shape().dim(0)
                : (int) (target.size() / target.shape().dim(-1));
        int cols = values.length / rows;
        return Orthogonality.error(values, rows, cols, o.gain(), 256);
    }
}
