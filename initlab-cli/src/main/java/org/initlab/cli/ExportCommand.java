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
import org.initlab.io.Json;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.StateDictFiles;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code initlab export}: builds a model from its spec, initializes it exactly as {@code initlab
 * train} does before its first step (same {@link InitOption plan}, same seed), and writes every
 * parameter as float32 keyed by its path ({@code "0.weight"}), so other tools can start from the
 * same weights.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Initialize a model as 'initlab train' does and write its parameters, keyed by path.",
                "Example: initlab export --model 'mlp(784,[256,128],10,act=relu)' --init he_normal --seed 1"
                        + " --out init.safetensors"})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    PretrainedOptions pretrained = new PretrainedOptions();

    @Option(names = "--model", required = true, description = "Model spec, e.g. mlp(2,[16,16],2,act=relu) or cnn(1,28,28,10).")
    String model;

    @Option(names = "--init", required = true, paramLabel = "SPEC|default",
            description = {"Initializer spec for every weight (biases zero), 'default' for the per-activation plan,",
                    "a model-dependent plan: gpt2, deepnorm, t_fixup, small_embedding ('initlab list'),",
                    "or mup(base_width=W): muP init and, for train, per-parameter learning rates."})
    String init;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialization (as train's --seed). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.safetensors|FILE.npz", description = {
            "Where to write (atomically). .safetensors also records initlab_version, model, init and seed as metadata;",
            ".npz holds the arrays only."})
    Path out;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".safetensors") && !name.endsWith(".npz")) {
            throw new IllegalArgumentException("--out must name a .safetensors or .npz file (a model has several"
                    + " parameters), got " + out);
        }
        Sequential net = ModelOption.load(model);
        InitPlan plan = InitOption.plan(init, net, model, null);
        pretrained.initialize(net, plan, seed, spec.commandLine().getErr());
        Map<String, NdArray> arrays = StateDict.of(net.parameters()).arrays();
        long values = net.parameters().stream().mapToLong(p -> p.value().length).sum();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("initlab_version", Version.number());
        metadata.put("model", model);
        metadata.put("init", init);
        metadata.put("seed", Long.toString(seed));
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
        w.println("wrote " + out + " (" + arrays.size() + " parameters, " + values + " float32 values)");
        return 0;
    }
}
