package org.initlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.io.AtomicFiles;
import org.initlab.io.Json;
import org.initlab.io.NdArray;
import org.initlab.io.Provenance;
import org.initlab.io.StateDict;
import org.initlab.io.StateDictFiles;
import org.initlab.io.pretrained.TorchStateDict;
import org.initlab.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code initlab export}: builds a model from its spec, initializes it exactly as {@code initlab
 * train} does before its first step (same {@link InitOption plan}, same seed), and writes its state
 * as PyTorch's {@code state_dict()} names and lays it out ({@link TorchStateDict}: {@code "0.weight"},
 * recurrent layers as {@code 0.weight_ih_l0 ... 0.bias_hh_l0}, batch norms with their running
 * statistics), so {@code load_state_dict(..., strict=True)} takes it as it is.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Initialize a model as 'initlab train' does and write its state dict, keyed as PyTorch names it.",
            "Example: initlab export --model 'mlp(784,[256,128],10,act=relu)' --init he_normal --seed 1"
                    + " --out init.safetensors"
        })
final class ExportCommand implements Callable<Integer> {
    @Mixin
    PretrainedOptions pretrained = new PretrainedOptions();

    @Option(names = "--model", required = true, description = ModelOption.DESCRIPTION)
    String model;

    @Option(
            names = "--init",
            required = true,
            paramLabel = "SPEC|default|advised|file",
            description = InitOption.DESCRIPTION)
    String init;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of initialization (as train's --seed). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.safetensors|FILE.npz",
            description = {
                "Where to write (atomically). .safetensors also records the provenance (command, seeds, initlab_version,"
                        + " JVM, BLAS, time), model and init as metadata;"
                        + " .npz holds the arrays only."
            })
    Path out;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name =
                out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".safetensors") && !name.endsWith(".npz")) {
            throw new IllegalArgumentException(
                    "--out must name a .safetensors or .npz file (a model has several" + " parameters), got " + out);
        }
        AtomicFiles.checkDestination(out);
        Sequential net = ModelOption.load(model);
        InitOption.initialize(
                init, model, net, pretrained, seed, spec.commandLine().getErr());
        Map<String, NdArray> arrays = TorchStateDict.of(net).arrays();
        long values = arrays.values().stream().mapToLong(NdArray::size).sum();
        Map<String, String> metadata =
                new LinkedHashMap<>(Provenance.now(Main.commandLine(spec), List.of(seed), null, null, 1)
                        .toMetadata());
        metadata.put("model", model);
        metadata.put("init", init);
        if (pretrained.file != null) {
            metadata.put("init_from", pretrained.file.toString());
        }
        StateDictFiles.write(out, new StateDict(new LinkedHashMap<>(arrays), metadata));
        var w = spec.commandLine().getOut();
        if (json) {
            List<Object> params = new ArrayList<>();
            arrays.forEach((path, a) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("path", path);
                row.put("shape", Arrays.stream(a.shape()).boxed().toList());
                row.put("dtype", a.dtype().safetensorsName());
                params.add(row);
            });
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model);
            doc.put("init", init);
            doc.put("seed", seed);
            doc.put("out", out.toString());
            doc.put("parameter_count", arrays.size());
            doc.put("value_count", values);
            doc.put("parameters", params);
            w.println(Json.write(doc));
            return 0;
        }
        Table t = new Table("parameter", "shape", "values");
        arrays.forEach((path, a) -> t.row(path, Arrays.toString(a.shape()), a.size()));
        t.print(w);
        w.println("wrote " + out + " (" + arrays.size() + " arrays, " + values + " values)");
        return 0;
    }
}
