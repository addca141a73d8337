package org.initlab.lab.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.initlab.io.FormatException;
import org.initlab.io.JsonTree;

/**
 * A user's experiment file for {@code initlab run FILE.json}: the experiments to run, one report.
 * <pre>
 * {"seed": 1,
 *  "experiments": [{"name": "forward-histograms", "samples": 2000},
 *                  {"name": "symmetry", "steps": 300}]}
 * </pre>
 * {@code seed} (default 0) applies to all; per experiment {@code name} is required, {@code samples}
 * and {@code steps} are optional (their meaning per experiment as in {@link Experiment#named}).
 * Unknown keys, wrong types and unknown names are errors naming the file and the byte offset.
 */
public final class ExperimentSpec {
    /** Largest spec file read (a spec is a few lines). */
    public static final long MAX_BYTES = 1 << 20;

    private ExperimentSpec() {
    }

    /** The experiments {@code file} describes, in its order. */
    public static List<Experiment> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new FormatException(file.toString(), 0, "an experiment file of " + size + " bytes; at most " + MAX_BYTES);
        }
        String source = file.toString();
        JsonTree root = JsonTree.parse(Files.readAllBytes(file), source, 0);
        if (!(root instanceof JsonTree.Obj obj)) {
            throw new FormatException(source, root.at(), "expected an object {\"seed\": ..., \"experiments\": [...]}");
        }
        long seed = 0;
        JsonTree.Arr list = null;
        for (JsonTree.Member m : obj.members()) {
            switch (m.key()) {
                case "seed" -> seed = count(m.value(), source, "seed");
                case "experiments" -> {
                    if (!(m.value() instanceof JsonTree.Arr a)) {
                        throw new FormatException(source, m.value().at(), "\"experiments\" must be an array");
                    }
                    list = a;
                }
                default -> throw new FormatException(source, m.at(), "unknown key '" + m.key() + "'; valid: seed, experiments");
            }
        }
        if (list == null || list.items().isEmpty()) {
            throw new FormatException(source, obj.at(), "no experiments: give \"experiments\": [{\"name\": ...}, ...]");
        }
        List<Experiment> out = new ArrayList<>();
        for (JsonTree item : list.items()) {
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
                    case "samples" -> samples = count(m.value(), source, "samples");
                    case "steps" -> steps = count(m.value(), source, "steps");
                    default -> throw new FormatException(source, m.at(), "unknown key '" + m.key() + "'; valid: "
                            + String.join(", ", Set.of("name", "samples", "steps").stream().sorted().toList()));
                }
            }
            if (name == null) {
                throw new FormatException(source, e.at(), "an experiment without a \"name\"");
            }
            try {
                out.add(Experiment.named(name, seed, (int) samples, (int) steps));
            } catch (IllegalArgumentException bad) {
                throw new FormatException(source, e.at(), bad.getMessage());
            }
        }
        return out;
    }

    private static long count(JsonTree v, String source, String key) throws FormatException {
        long n = v instanceof JsonTree.Num num ? num.asLong() : -1;
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new FormatException(source, v.at(), "\"" + key + "\" must be a whole number in [0, 2^31)");
        }
        return n;
    }
}
