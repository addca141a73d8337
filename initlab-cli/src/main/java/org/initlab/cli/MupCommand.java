package org.initlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.Registry;
import org.initlab.core.shape.Shape;
import org.initlab.io.Json;
import org.initlab.lab.plan.Mup;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code initlab mup}: every parameter's μP kind, initializer and learning-rate multipliers under
 * SGD and Adam (Tensor Programs V, Table 3, relative to a base model).
 */
@Command(
        name = "mup",
        mixinStandardHelpOptions = true,
        description = {
            "Show the maximal update parametrization (muP; Yang and others, 2022, Table 3) of a model.",
            "Each parameter's kind, initializer and learning-rate multiplier under SGD and Adam, relative",
            "to a base model (at the base widths muP is the standard parametrization).",
            "Example: initlab mup --model 'mlp(784,[1024,1024],10)' --base-width 128"
        })
final class MupCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model spec, e.g. mlp(784,[1024,1024],10,act=relu).")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Base base;

    static final class Base {
        @Option(
                names = "--base-width",
                paramLabel = "W",
                description = "Base model: the same spec with every hidden width W (mlp, resmlp, rnn, lstm, gru).")
        Integer width;

        @Option(names = "--base-model", paramLabel = "SPEC", description = "Base model spec with the same structure.")
        String spec;
    }

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        Sequential net = ModelOption.load(model);
        String baseSpec = base.spec != null ? base.spec : ModelSpec.atWidth(model, base.width);
        List<Mup.Entry> table = Mup.table(net, ModelOption.load(baseSpec));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Mup.Entry e : table) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("path", e.path());
                row.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
                row.put("shape", java.util.Arrays.stream(e.shape()).boxed().toList());
                row.put(
                        "base_shape",
                        java.util.Arrays.stream(e.baseShape()).boxed().toList());
                row.put("fan_in_ratio", e.inRatio());
                row.put("fan_out_ratio", e.outRatio());
                row.put("initializer", Registry.format(e.initializer()));
                row.put("sgd_lr_multiplier", e.sgdScale());
                row.put("adam_lr_multiplier", e.adamScale());
                rows.add(row);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("model", model);
            doc.put("base_model", baseSpec);
            doc.put("output_multiplier", 1.0);
            doc.put("parameters", rows);
            out.println(Json.write(doc));
            return 0;
        }
        out.println("muP of " + model + " against the base " + baseSpec);
        Table t = new Table("parameter", "kind", "shape", "base", "initializer", "SGD lr x", "Adam lr x");
        for (Mup.Entry e : table) {
            t.row(
                    e.path(),
                    e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    Shape.of(e.shape()).toString(),
                    Shape.of(e.baseShape()).toString(),
                    Registry.format(e.initializer()),
                    Format.num(e.sgdScale()),
                    Format.num(e.adamScale()));
        }
        t.print(out);
        out.println("output-logit multiplier 1 (Table 3's form: the output layer's variance carries the 1/width).");
        out.println("Tune the learning rate on the base model; with these multipliers it carries over to this one.");
        return 0;
    }
}
