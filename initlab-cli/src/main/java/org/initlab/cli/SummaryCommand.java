package org.initlab.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.Registry;
import org.initlab.core.shape.Fans;
import org.initlab.io.Json;
import org.initlab.io.onnx.OnnxImport;
import org.initlab.io.onnx.OnnxModel;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.model.BuiltModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code initlab summary}: each layer of a model (its path and kind, nested blocks indented), the
 * shape of one example's output, each parameter with its shape, number of values, fans
 * ({@link Fans}) and the initializer the {@code --init} plan gives it ({@link InitPlan#assign},
 * the plan {@code train} and {@code export} apply), and the totals. Keras's
 * {@code model.summary()} is the model for it; unknown sizes (a sequence's length) print as {@code ?}.
 * An ONNX file gets the same rows ({@link org.initlab.nn.model.LayerRows}) with the file's parameter
 * names (PyTorch's state-dict names), and its IR version, opset and producer.
 */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        description = {
            "Each layer of a model: output shape, parameters, fans and the initializer the plan gives each.",
            "Example: initlab summary --model 'cnn(1,28,28,10)' --init default"
        })
final class SummaryCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = ModelOption.DESCRIPTION)
    String model;

    @Option(
            names = "--init",
            defaultValue = "default",
            paramLabel = "SPEC|default|advised|file",
            description = "Initializer spec for every weight (biases zero), 'default' for the per-activation plan,"
                    + " 'advised' for the plan 'initlab advise' prints, or 'file' for an ONNX file's own weights."
                    + " Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OnnxModel onnx = OnnxImport.isOnnxFile(model) ? ModelOption.onnx(model) : null;
        BuiltModel built = onnx != null ? ModelOption.rows(onnx) : ModelOption.build(model);
        IdentityHashMap<Parameter, String> inits = new IdentityHashMap<>();
        if (InitOption.keepsFileWeights(init, model)) {
            built.model().parameters().forEach(p -> inits.put(p, InitOption.FILE));
        } else {
            for (InitPlan.Assignment a : InitOption.plan(init, built.model()).assign(built.model())) {
                inits.put(a.parameter(), Registry.format(a.initializer()));
            }
        }
        long values = 0;
        int tensors = 0;
        List<Object> layers = new ArrayList<>();
        Table t = new Table("layer", "kind", "output", "parameter", "shape", "values", "fan_in", "fan_out", "init");
        for (BuiltModel.Row row : built.layers()) {
            List<Object> params = new ArrayList<>();
            long own = 0;
            String indent = "  ".repeat(row.depth());
            String output = row.outputShape() == null ? "?" : shape(row.outputShape());
            if (row.parameters().isEmpty()) {
                t.row(row.path(), indent + row.kind(), output, "", "", "", "", "", "");
            }
            for (int i = 0; i < row.parameters().size(); i++) {
                Parameter p = row.parameters().get(i);
                Fans f = fans(p);
                long count = p.shape().size();
                own += count;
                t.row(
                        i == 0 ? row.path() : "",
                        i == 0 ? indent + row.kind() : "",
                        i == 0 ? output : "",
                        p.path(),
                        shape(Arrays.stream(p.shape().dims()).boxed().toList()),
                        count,
                        f == null ? "-" : f.fanIn(),
                        f == null ? "-" : f.fanOut(),
                        inits.get(p));
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("path", p.path());
                pm.put("role", p.role().name().toLowerCase(Locale.ROOT));
                pm.put("shape", Arrays.stream(p.shape().dims()).boxed().toList());
                pm.put("values", count);
                pm.put("fan_in", f == null ? null : f.fanIn());
                pm.put("fan_out", f == null ? null : f.fanOut());
                pm.put("init", inits.get(p));
                params.add(pm);
            }
            values += own;
            tensors += row.parameters().size();
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("path", row.path());
            lm.put("kind", row.kind());
            lm.put("depth", row.depth());
            lm.put(
                    "output_shape",
                    row.outputShape() == null
                            ? null
                            : row.outputShape().stream()
                                    .map(d -> d == BuiltModel.UNKNOWN ? null : d)
                                    .toList());
            lm.put("parameter_values", own);
            lm.put("parameters", params);
            layers.add(lm);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model);
            if (onnx != null) {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("ir_version", onnx.irVersion());
                source.put("opset", onnx.opsetVersion());
                source.put("producer", onnx.producer());
                source.put("generated_names", onnx.generatedNames());
                source.put("note", onnx.namesNote());
                doc.put("onnx", source);
            }
            doc.put("init", init);
            doc.put("input_shape", built.input());
            doc.put("layers", layers);
            doc.put("parameter_tensors", tensors);
            doc.put("parameter_values", values);
            out.println(Json.write(doc));
            return 0;
        }
        out.println("model " + model
                + (onnx == null
                        ? ""
                        : " (ONNX IR " + onnx.irVersion() + ", opset " + onnx.opsetVersion()
                                + (onnx.producer().isEmpty() ? "" : ", " + onnx.producer()) + ")")
                + (built.input().isEmpty() ? "" : ", input " + shape(built.input())) + ", init " + init);
        t.print(out);
        out.println(String.format(
                Locale.ROOT, "total: %,d parameter values in %d tensors, all trainable", values, tensors));
        if (onnx != null && onnx.namesNote() != null) {
            out.println("note: " + onnx.namesNote());
        }
        return 0;
    }

    /** The fans of a parameter, or null for a vector that has none (a norm scale or shift, a residual scale). */
    private static Fans fans(Parameter p) {
        try {
            return p.target(0).fans();
        } catch (IllegalArgumentException rankOneWithoutFans) {
            return null;
        }
    }

    private static String shape(List<Integer> dims) {
        return "["
                + String.join(
                        ", ",
                        dims.stream()
                                .map(d -> d == BuiltModel.UNKNOWN ? "?" : Integer.toString(d))
                                .toList())
                + "]";
    }
}
