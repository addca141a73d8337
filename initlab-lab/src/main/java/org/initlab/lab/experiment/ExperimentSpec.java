package org.initlab.lab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * What to run: the experiments, their sizes and the seeds; from the command line's arguments, from a
 * user's spec file ({@code initlab run FILE.json} or {@code FILE.yaml}), or from the {@code spec}
 * member of a run's {@code run.json}, which makes a run repeatable from its own directory.
 * <pre>
 * seed: 1          # default 0
 * seeds: 3         # runs per experiment with seeds 1, 2, 3; default 1
 * experiments:
 *   - name: forward-histograms
 *     samples: 2000
 *   - {name: symmetry, steps: 300}
 * </pre>
 * or the same in JSON. Per experiment {@code name} is required, {@code samples} and {@code steps}
 * are optional (0 or absent: the experiment's default; their meaning per experiment as in
 * {@link Experiment#named}). Unknown keys, wrong types and unknown names are errors naming the file
 * and the offset.
 *
 * @param seed seed of the first (or only) run of each experiment
 * @param seeds runs per experiment, with seeds {@code seed, seed + 1, ...}
 * @param experiments the experiments, in report order
 */
public record ExperimentSpec(long seed, int seeds, List<Entry> experiments) {
    /** Largest spec file read (a spec is a few lines; a run.json a few kilobytes). */
    public static final long MAX_BYTES = 1 << 20;
    /** Most seeds per experiment. */
    public static final int MAX_SEEDS = 100;

    /**
     * One experiment.
     *
     * @param name built-in name
     * @param samples its size parameter, 0 for the default
     * @param steps its training-length parameter, 0 for the default
     */
    public record Entry(String name, int samples, int steps) {
        public Entry {
            if (samples < 0 || steps < 0) {
                throw new IllegalArgumentException("samples and steps must be >= 0, got " + samples + " and " + steps);
            }
        }
    }

    public ExperimentSpec {
        experiments = List.copyOf(experiments);
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("no experiments to run");
        }
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new IllegalArgumentException("seeds must be in [1, " + MAX_SEEDS + "], got " + seeds);
        }
        for (Entry e : experiments) {
            Experiment.named(e.name(), seed, e.samples(), e.steps());
        }
    }

    /** The experiments to run: each one alone, or {@link AcrossSeeds} when {@code seeds > 1}. */
    public List<Experiment> build() {
        List<Experiment> out = new ArrayList<>();
        for (Entry e : experiments) {
            if (seeds == 1) {
                out.add(Experiment.named(e.name(), seed, e.samples(), e.steps()));
            } else {
                List<Experiment> runs = new ArrayList<>();
                for (int i = 0; i < seeds; i++) {
                    runs.add(Experiment.named(e.name(), seed + i, e.samples(), e.steps()));
                }
                out.add(new AcrossSeeds(runs, seed));
            }
        }
        return out;
    }

    /** The spec as a JSON-ready map, in the file format {@link #read} accepts. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("seeds", seeds);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry e : experiments) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", e.name());
            x.put("samples", e.samples());
            x.put("steps", e.steps());
            list.add(x);
        }
        m.put("experiments", list);
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
                ? YamlTree.parse(new String(bytes, StandardCharsets.UTF_8), source) : JsonTree.parse(bytes, source, 0);
        if (root instanceof JsonTree.Obj obj) {
            for (JsonTree.Member m : obj.members()) {
                if (m.key().equals("spec") && obj.members().stream().anyMatch(x -> x.key().equals("experiment"))) {
                    return parse(m.value(), source);
                }
            }
        }
        return parse(root, source);
    }

    private static ExperimentSpec parse(JsonTree root, String source) throws FormatException {
        if (!(root instanceof JsonTree.Obj obj)) {
            throw new FormatException(source, root.at(), "expected an object with \"seed\", \"seeds\" and \"experiments\"");
        }
        long seed = 0;
        long seeds = 1;
        JsonTree.Arr list = null;
        for (JsonTree.Member m : obj.members()) {
            switch (m.key()) {
                case "seed" -> seed = count(m.value(), source, "seed", Long.MAX_VALUE);
                case "seeds" -> seeds = count(m.value(), source, "seeds", MAX_SEEDS);
                case "experiments" -> {
                    if (!(m.value() instanceof JsonTree.Arr a)) {
                        throw new FormatException(source, m.value().at(), "\"experiments\" must be a list");
                    }
                    list = a;
                }
                default -> throw new FormatException(source, m.at(), "unknown key '" + m.key()
                        + "'; valid: seed, seeds, experiments");
            }
        }
        if (list == null || list.items().isEmpty()) {
            throw new FormatException(source, obj.at(), "no experiments: give \"experiments\": [{\"name\": ...}, ...]");
        }
        if (seeds < 1) {
            throw new FormatException(source, obj.at(), "\"seeds\" must be at least 1");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonTree item : list.items()) {
            entries.add(entry(item, source, seed));
        }
        return new ExperimentSpec(seed, (int) seeds, entries);
    }

    private static Entry entry(JsonTree item, String source, long seed) throws FormatException {
        if (!(item instanceof JsonTree.Obj e)) {
            throw new FormatException(source, item.at(), "each experiment must be an object with a \"name\"");
        }
        String name = null;
        long samples = 0;
        long steps = 0;
        for (JsonTree.Member m : e.members()) {
            switch (m.key()) {
                case "name" -> {
                    if (!(m.value() instanceof JsonTree.Str s)) {
                        throw new FormatException(source, m.value().at(), "\"name\" must be a string");
                    }
                    name = s.value();
                }
                case "samples" -> samples = count(m.value(), source, "samples", Integer.MAX_VALUE);
                case "steps" -> steps = count(m.value(), source, "steps", Integer.MAX_VALUE);
                default -> throw new FormatException(source, m.at(), "unknown key '" + m.key() + "'; valid: name, samples, steps");
            }
        }
        if (name == null) {
            throw new FormatException(source, e.at(), "an experiment without a \"name\"");
        }
        try {
            Experiment.named(name, seed, (int) samples, (int) steps);
        } catch (IllegalArgumentException bad) {
            throw new FormatException(source, e.at(), bad.getMessage());
        }
        return new Entry(name, (int) samples, (int) steps);
    }

    private static long count(JsonTree v, String source, String key, long max) throws FormatException {
        long n = v instanceof JsonTree.Num num ? num.asLong() : -1;
        if (n < 0 || n > max) {
            throw new FormatException(source, v.at(), "\"" + key + "\" must be a whole number in [0, " + max + "]");
        }
        return n;
    }
}
