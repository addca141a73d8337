package org.initlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.MethodCard;
import org.initlab.core.init.Registry;
import org.initlab.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code initlab list}: every initializer with its law, parameters and aliases. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every initializer with its law, parameters (with defaults) and aliases.")
final class ListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<Object> items = new ArrayList<>();
        for (Registry.Kind kind : Registry.kinds()) {
            MethodCard card = MethodCard.of(kind);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", kind.name());
            item.put("aliases", kind.aliases());
            item.put("parameters", Registry.parameters(kind));
            item.put("law", card.get("law"));
            items.add(item);
            if (!json) {
                String params = Registry.parameters(kind).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
                out.println(kind.name() + (params.isEmpty() ? "" : "(" + params + ")")
                        + (kind.aliases().isEmpty() ? "" : "   aliases: " + String.join(", ", kind.aliases())));
                for (String line : card.get("law").split("\n")) {
                    out.println("    " + line);
                }
            }
        }
        if (json) {
            out.println(Json.write(Map.of("initializers", items)));
        } else {
            out.println();
            out.println(Registry.kinds().size() + " initializers. 'initlab explain NAME' shows a method card.");
        }
        return 0;
    }
}
