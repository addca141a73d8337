package org.initlab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.core.init.MethodCard;
import org.initlab.core.init.Registry;
import org.initlab.io.Json;
import org.initlab.lab.plan.Plans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code initlab explain NAME}: the method card of one initializer. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Show the method card of an initializer or a plan.",
            "Plans: gpt2, deepnorm, t_fixup, small_embedding, mup.",
            "The card gives the law, the variance, the paper, when to use it, its PyTorch/Keras/JAX/DL4J/DJL"
                    + " equivalents and how they differ, and common misconceptions."
        })
final class ExplainCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "Initializer or plan name or alias, e.g. kaiming_normal, deepnorm, mup.")
    String name;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String bare = (name.contains("(") ? name.substring(0, name.indexOf('(')) : name)
                .strip()
                .toLowerCase(Locale.ROOT);
        String canonical;
        List<String> aliases;
        Map<String, String> parameters;
        MethodCard card;
        if (bare.equals(Plans.MUP)) {
            canonical = Plans.MUP;
            aliases = List.of();
            parameters = Map.of();
            card = Plans.card(Plans.MUP);
        } else if (Plans.isPlan(bare)) {
            Plans.Kind kind = Plans.kind(bare);
            canonical = kind.name();
            aliases = kind.aliases();
            parameters = Plans.parameters(kind);
            card = Plans.card(kind.name());
        } else {
            Registry.Kind kind = Registry.kind(bare);
            canonical = kind.name();
            aliases = kind.aliases();
            parameters = Registry.parameters(kind);
            card = MethodCard.of(kind);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", canonical);
            doc.put("aliases", aliases);
            doc.put("parameters", parameters);
            doc.putAll(card.fields());
            out.println(Json.write(doc));
            return 0;
        }
        out.println(card.get("title").isEmpty() ? canonical : card.get("title") + "  (" + canonical + ")");
        out.println("=".repeat(Math.min(72, card.get("title").length() + canonical.length() + 4)));
        if (!aliases.isEmpty()) {
            print(out, "aliases", String.join(", ", aliases));
        }
        print(
                out,
                "parameters",
                parameters.isEmpty() ? "none" : parameters.toString().replaceAll("[{}]", ""));
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
