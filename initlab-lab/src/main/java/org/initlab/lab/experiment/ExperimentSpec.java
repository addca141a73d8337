package org.initlab.lab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.io.FormatException;
import org.initlab.io.JsonTree;
import org.initlab.io.YamlTree;

/**
 * What to run: experiment specs ({@code deep-relu(epochs=10, lr=0.001)}, bound by
 * {@link Experiments}), the seeds and whether to test robustness; from the command line, from a
 * user's spec file ({@code initlab run FILE.json} or {@code FILE.yaml}), or from the {@code spec}
 * member of a run's {@code run.json}, which makes a run repeatable from its own directory.
 * <pre>
 * seed: 1            # first seed, default 0
 * seeds: 3           # seeds per experiment; default 0: each experiment's own default
 * robustness: true   # also half and double budgets and alternative settings; default true
 * alternatives: true # with robustness, the alternative settings too; default true
 * experiments:
 *   - deep-relu(epochs=10)
 *   - {name: symmetry, steps: 300}
 * </pre>
 * or the same in JSON. An experiment is a spec string, or an object with {@code name} and any of
 * the experiment's parameters. Unknown keys, wrong types and unknown names are errors naming the
 * file and the offset.
 *
 * @param seed seed of the first (or only) run of each experiment
 * @param seeds seeds per experiment ({@code seed, seed + 1, ...}); 0 for each experiment's default
 * @param robustness whether training experiments also run at half and double budget and their alternative settings
 * @param alternatives whether robustness includes the alternative settings (false: budgets only)
 * @param experiments the experiment specs, in report order; {@code [all]} alone stands for every
 *     built-in experiment at its default size, in the catalog's order
 */
public record ExperimentSpec(long seed, int seeds, boolean robustness, boolean alternatives, List<String> experiments) {
    /** Largest spec file read (a spec is a few lines; a run.json a few hundred kilobytes). */
    public static final long MAX_BYTES = 4 << 20;
    /** Most seeds per experiment. */
    public static final int MAX_SEEDS = 100;

    /** The one experiment name that stands for every built-in experiment at its default size. */
    public static final String ALL = "all";

    public ExperimentSpec {
        experiments = experiments.size() == 1 && experiments.get(0).strip().equalsIgnoreCase(ALL)
                ? Experiments.names()
                : List.copyOf(experiments);
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("no experiments to run");
        }
        if (seeds < 0 || seeds > MAX_SEEDS) {
            throw new IllegalArgumentException(
                    "seeds must be in [1, " + MAX_SEEDS + "] (0: each experiment's default), got " + seeds);
        }
        for (String e : experiments) {
            Experiments.parse(e);
        }
    }

    /** A spec whose robustness, when on, includes the alternative settings. */
    public ExperimentSpec(long seed, int seeds, boolean robustness, List<String> experiments) {
        this(seed, seeds, robustness, true, experiments);
    }

    /** What beyond the default setting each study measures. */
    public Study.Robustness studyRobustness() {
        return !robustness ? Study.Robustness.NONE : alternatives ? Study.Robustness.ALL : Study.Robustness.BUDGETS;
    }

    /** The experiments to run, bound. */
    public List<Experiment<?>> build() {
        return experiments.stream().<Experiment<?>>map(Experiments::parse).toList();
    }

    /** The seeds {@code e} runs with. */
    public List<Long> seedsFor(Experiment<?> e) {
        int n = seeds == 0 ? e.defaultSeeds() : seeds;
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(seed + i);
        }
        return out;
    }

    /** The spec as a JSON-ready map, in the file format {@link #read} accepts. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("seeds", seeds);
        m.put("robustness", robustness);
        m.put("alternatives", alternatives);
        m.put("experiments", build().stream().map(Experiments::format).toList());
        return m;
    }

    /**
     * Reads a spec file: YAML when the name ends in {@code .yaml} or {@code .yml}, JSON otherwise.
     * A {@code run.json} (an object with a {@code spec} member) gives the spec it recorded.
     */
    public static ExperimentSpec read(Path file) throws IOException {
        long size = Files.size(file);
        String source = file.toString();
        if (size > MAX_BYTES) {
            throw new FormatException(source, 0, "an experiment file of " + size + " bytes; at most " + MAX_BYTES);
        }
        byte[] bytes = Files.readAllBytes(file);
        String lower = source.toLowerCase(Locale.ROOT);
        JsonTree root = lower.endsWith(".yaml") || lower.endsWith(".yml")
                ? YamlTree.parse(bytes, source)
                : JsonTree.parse(bytes, source, 0, "experiment spec");
        if (root instanceof JsonTree.Obj obj
                && obj.members().stream().anyMatch(x -> x.key().equals("experiments_run"))) {
            for (JsonTree.Member m : obj.members()) {
                if (m.key().equals("spec")) {
                    return parse(m.value(), source);
                }
            }
        }
        return parse(root, source);
    }

    private static ExperimentSpec parse(JsonTree root, String source) throws FormatException {
        if (!(root instanceof JsonTree.Obj obj)) {
            throw new FormatException(
                    source, root.at(), "expected an object with \"seed\", \"seeds\" and \"experiments\"");
        }
        long seed = 0;
        long seeds = 0;
        boolean robustness = true;
        boolean alternatives = true;
        JsonTree.Arr list = null;
        for (JsonTree.Member m : obj.members()) {
            switch (m.key()) {
                case "seed" -> seed = count(m.value(), source, "seed", Long.MAX_VALUE);
                case "seeds" -> seeds = count(m.value(), source, "seeds", MAX_SEEDS);
                case "robustness" -> {
                    if (!(m.value() instanceof JsonTree.Bool b)) {
                        throw new FormatException(source, m.value().at(), "\"robustness\" must be true or false");
                    }
                    robustness = b.value();
                }
                case "alternatives" -> {
                    if (!(m.value() instanceof JsonTree.Bool b)) {
                        throw new FormatException(source, m.value().at(), "\"alternatives\" must be true or false");
                    }
                    alternatives = b.value();
                }
                case "experiments" -> {
                    if (!(m.value() instanceof JsonTree.Arr a)) {
                        throw new FormatException(source, m.value().at(), "\"experiments\" must be a list");
                    }
                    list = a;
                }
                default ->
                    throw new FormatException(
                            source,
                            m.at(),
                            "unknown key '" + m.key() + "'; valid: seed, seeds, robustness, alternatives, experiments");
            }
        }
        if (list == null || list.items().isEmpty()) {
            throw new FormatException(source, obj.at(), "no experiments: give \"experiments\": [\"deep-relu\", ...]");
        }
        List<String> entries = new ArrayList<>();
        for (JsonTree item : list.items()) {
            String spec = entry(item, source);
            try {
                Experiments.parse(spec);
            } catch (IllegalArgumentException bad) {
                throw new FormatException(source, item.at(), bad.getMessage());
            }
            entries.add(spec);
        }
        return new ExperimentSpec(seed, (int) seeds, robustness, alternatives, entries);
    }

    /** An entry as a spec string: a string as it is, an object as {@code name(key=value, ...)}. */
    private static String entry(JsonTree item, String source) throws FormatException {
        if (item instanceof JsonTree.Str s) {
            return s.value();
        }
        if (!(item instanceof JsonTree.Obj e)) {
            throw new FormatException(
                    source, item.at(), "each experiment must be a spec string or an object with a \"name\"");
        }
        String name = null;
        List<String> args = new ArrayList<>();
        for (JsonTree.Member m : e.members()) {
            if (m.key().equals("name")) {
                if (!(m.value() instanceof JsonTree.Str s)) {
                    throw new FormatException(source, m.value().at(), "\"name\" must be a string");
                }
                name = s.value();
            } else if (m.value() instanceof JsonTree.Num n) {
                args.add(m.key() + "=" + n.text());
            } else if (m.value() instanceof JsonTree.Str s) {
                args.add(m.key() + "=" + s.value());
            } else if (m.value() instanceof JsonTree.Bool b) {
                args.add(m.key() + "=" + b.value());
            } else {
                throw new FormatException(
                        source, m.value().at(), "\"" + m.key() + "\" must be a number, a string or a boolean");
            }
        }
        if (name == null) {
            throw new FormatException(source, e.at(), "an experiment without a \"name\"");
        }
        return args.isEmpty() ? name : name + "(" + String.join(", ", args) + ")";
    }

    private static long count(JsonTree v, String source, String key, long max) throws FormatException {
        long n = v instanceof JsonTree.Num num ? num.asLong() : -1;
        if (n < 0 || n > max) {
            throw new FormatException(source, v.at(), "\"" + key + "\" must be a whole number in [0, " + max + "]");
        }
        return n;
    }
}
