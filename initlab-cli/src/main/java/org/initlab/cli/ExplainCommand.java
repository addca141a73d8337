package org.initlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.MethodCard;
import org.initlab.core.init.Registry;
import org.initlab.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code initlab explain NAME}: the method card of one initializer. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show the method card of an initializer.",
                "The card gives the law, the variance, the paper, when to use it, its PyTorch/Keras/JAX/DL4J/DJL"
                        + " equivalents and how they differ, and common misconceptions."})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Initializer name or alias, e.g. kaiming_normal.")
    String name;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Registry.Kind kind = Registry.kind(name.contains("(") ? name.substring(0, name.indexOf('(')) : name);
        MethodCard card = MethodCard.of(kind);
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", kind.name());
            doc.put("aliases", kind.aliases());
            doc.put("parameters", Registry.parameters(kind));
            doc.putAll(card.fields());
            out.println(Json.write(doc));
            return 0;
        }
        out.println(card.get("title").isEmpty() ? kind.name() : card.get("title") + "  (" + kind.name() + ")");
        out.println("=".repeat(Math.min(72, card.get("title").length() + kind.name().length() + 4)));
        if (!kind.aliases().isEmpty()) {
            print(out, "aliases", String.join(", ", kind.aliases()));
        }
        print(out, "parameters", Registry.parameters(kind).toString().replaceAll("[{}]", ""));
        for (var e : card.fields().entrySet()) {
            if (!e.getKey().equals("title")) {
                print(out, e.getKey(), e.getValue());
            }
        }
        return 0;
    }

    private static void print(java.io.PrintWriter out, String key, String value) {
        String[] lines = value.split("\n");
        out.printf("%-15s %s%n", key + ":", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.printf("%-15s %s%n", "", lines[i]);
        }
    }
}
