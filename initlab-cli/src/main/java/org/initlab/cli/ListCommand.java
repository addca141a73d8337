package org.initlab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.MethodCard;
import org.initlab.core.init.Registry;
import org.initlab.io.Json;
import org.initlab.lab.plan.Plans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code initlab list}: every initializer with its law, parameters and aliases. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "List every initializer with its law, parameters (with defaults) and aliases, then the plans.",
            "The plans depend on the model: gpt2, deepnorm, t_fixup, small_embedding and muP."
        })
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
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
                out.println(kind.name()
                        + (params.isEmpty() ? "" : "(" + params + ")")
                        + (kind.aliases().isEmpty() ? "" : "   aliases: " + String.join(", ", kind.aliases())));
                for (String line : card.get("law").split("\n")) {
                    out.println("    " + line);
                }
            }
        }
        List<Object> plans = new ArrayList<>();
        if (!json) {
            out.println();
            out.println("Plans (depend on the model: use with --init; mup has its own command, 'initlab mup'):");
        }
        for (String name : Plans.cardNames()) {
            MethodCard card = Plans.card(name);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name);
            Map<String, String> params = name.equals(Plans.MUP) ? Map.of() : Plans.parameters(Plans.kind(name));
            List<String> aliases =
                    name.equals(Plans.MUP) ? List.of() : Plans.kind(name).aliases();
            item.put("aliases", aliases);
            item.put("parameters", params);
            item.put("law", card.get("law"));
            plans.add(item);
            if (!json) {
                String p = params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
                out.println(name
                        + (p.isEmpty() ? "" : "(" + p + ")")
                        + (aliases.isEmpty() ? "" : "   aliases: " + String.join(", ", aliases)));
                for (String line : card.get("law").split("\n")) {
                    out.println("    " + line);
                }
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("initializers", items);
            doc.put("plans", plans);
            out.println(Json.write(doc));
        } else {
            out.println();
            out.println(Registry.kinds().size() + " initializers and " + plans.size()
                    + " plans. 'initlab explain NAME' shows a method card.");
        }
        return 0;
    }
}
