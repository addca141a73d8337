package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.initlab.io.JsonTree;
import org.initlab.lab.experiment.Experiments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab in parallel gives the results of a run one after another: every experiment, with 2
 * seeds and half and double budgets (not the alternative settings, which are more measurements of
 * the same kind and would double the test's time), run once on 1 worker and once on 2
 * (experiments side by side, seeds and settings side by side, largest first), compared whole:
 * the {@code --json} document without its timing members, {@code metrics.csv} and the report
 * without its run-time table and footer. Each experiment runs at a small size (its entry in
 * {@link #SMALL}, or else its demo size, so a new experiment is covered as soon as it is in the
 * demo). One exception, by its nature: orthogonal's cost part times matrix fills with the wall
 * clock, so its timing figures (and the verdict that rests on them) differ from run to run; its
 * training figures are compared.
 */
class ParallelLabTest {
    /** Small sizes; an experiment not listed runs at its demo size. */
    static final Map<String, String> SMALL = small();

    private static Map<String, String> small() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("forward-histograms", "forward-histograms(samples=100)");
        m.put("symmetry", "symmetry(steps=20)");
        m.put("circles", "circles(steps=40)");
        m.put("deep-relu", "deep-relu(train=64, epochs=1, data=digits)");
        m.put("glorot-tanh", "glorot-tanh(epochs=1)");
        m.put("advisor", "advisor(batch=16)");
        m.put("lsuv", "lsuv(epochs=1)");
        m.put("rnn-orthogonal", "rnn-orthogonal(length=4, epochs=1, hidden=2, train=64)");
        m.put("mitigations", "mitigations(epochs=1, train=100)");
        m.put("remedies", "remedies(epochs=1, train=100, blocks=1)");
        m.put("cnn", "cnn(train=64, epochs=1, draws=2)");
        m.put("orthogonal", "orthogonal(largest=64, repeats=1, depth=2, channels=1, epochs=1, train=50)");
        m.put("pretrained", "pretrained(task=all-classes, pretrain=1000, epochs=1)");
        m.put("wrong-formulas", "wrong-formulas(depth=2, narrow=2, wide=4, samples=8, draws=1)");
        m.put("activation-gains", "activation-gains(epochs=1, depth=2, width=4)");
        m.put("residual", "residual(blocks=4, width=4, epochs=1)");
        m.put("dead-relu", "dead-relu(depth=1, width=4, epochs=1)");
        m.put("gan", "gan(steps=8, width=4, batch=8)");
        m.put("metrics", "metrics(epochs=1, hidden=1)");
        return m;
    }

    /** Members that time the run, and the run directory; not results. */
    private static final Set<String> TIMING =
            Set.of("seconds", "cpu_seconds", "peak_heap_after_gc_mib", "timing", "out");

    @Test
    void everyExperimentIsInTheDemo() {
        Set<String> demo =
                DemoCommand.EXPERIMENTS.stream().map(ParallelLabTest::name).collect(Collectors.toSet());
        assertThat(Experiments.names())
                .as("experiments missing from DemoCommand.EXPERIMENTS")
                .allMatch(demo::contains);
    }

    @Test
    void everyExperimentGivesTheSameResultsOnOneAndOnTwoWorkers(@TempDir Path dir) throws Exception {
        List<String> specs = new ArrayList<>();
        for (String name : Experiments.names()) {
            specs.add(
                    SMALL.containsKey(name)
                            ? SMALL.get(name)
                            : DemoCommand.EXPERIMENTS.stream()
                                    .filter(s -> name(s).equals(name))
                                    .findFirst()
                                    .orElseThrow());
        }
        Path file = dir.resolve("spec.json");
        Files.writeString(
                file,
                "{\"seed\": 0, \"seeds\": 2, \"robustness\": true, \"alternatives\": false, \"experiments\": ["
                        + specs.stream().map(x -> "\"" + x + "\"").collect(Collectors.joining(", ")) + "]}");
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        MainTest.Run a = run(file, 1, one);
        MainTest.Run b = run(file, 2, two);
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(b.status()).as(b.err()).isZero();
        assertThat(b.err()).contains("2 worker threads");
        Object first = comparable(a.out());
        Object second = comparable(b.out());
        assertThat(((List<?>) ((Map<?, ?>) first).get("experiments"))).hasSize(specs.size());
        assertThat(second).isEqualTo(first);
        assertThat(csv(two)).isEqualTo(csv(one));
        assertThat(report(two)).isEqualTo(report(one));
    }

    private static MainTest.Run run(Path file, int threads, Path out) {
        return MainTest.run(
                "run", file.toString(), "--threads", Integer.toString(threads), "--json", "--out", out.toString());
    }

    private static String name(String spec) {
        return spec.contains("(") ? spec.substring(0, spec.indexOf('(')) : spec;
    }

    /** The JSON document as maps, lists and texts, without timing members and orthogonal's timed figures. */
    private static Object comparable(String json) throws Exception {
        return plain(JsonTree.parse(json.getBytes(StandardCharsets.UTF_8), "--json", 0), false);
    }

    private static Object plain(JsonTree t, boolean timed) {
        return switch (t) {
            case JsonTree.Obj o -> {
                boolean orthogonal = timed
                        || o.members().stream()
                                .anyMatch(m -> m.key().equals("experiment")
                                        && m.value() instanceof JsonTree.Str s
                                        && s.value().equals("orthogonal"));
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonTree.Member x : o.members()) {
                    if (TIMING.contains(x.key())
                            || (orthogonal
                                    && Set.of("verdict", "summary", "conclusion", "per_seed", "budget_dependent")
                                            .contains(x.key()))) {
                        continue;
                    }
                    m.put(x.key(), plain(x.value(), orthogonal));
                }
                if (orthogonal && m.get("figure") instanceof String f && f.startsWith("cost:")) {
                    yield "timed";
                }
                yield m;
            }
            case JsonTree.Arr a -> a.items().stream().map(i -> plain(i, timed)).toList();
            case JsonTree.Str s -> s.value();
            case JsonTree.Num n -> n.text();
            case JsonTree.Bool b -> b.value();
            case JsonTree.Null ignored -> "null";
        };
    }

    private static String csv(Path dir) throws Exception {
        // orthogonal's cost part: fill times in milliseconds
        return Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .filter(l -> !l.matches("\\d+,cost,.*"))
                .collect(Collectors.joining("\n"));
    }

    private static String report(Path dir) throws Exception {
        String html = Files.readString(dir.resolve("report.html"));
        // the run-time table and the footer (threads), and orthogonal's section (its timed figures)
        return html.replaceAll("<table class='summary'><caption>Run time.*?</table>", "")
                .replaceAll("<footer>.*?</footer>", "")
                .replaceAll("<section id='x-orthogonal'>.*?</section>", "")
                .replaceAll("<tr><td>\\d+</td><td>[^<]*</td><td><a href='#x-orthogonal'>.*?</tr>", "");
    }
}
