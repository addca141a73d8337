package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.initlab.io.Json;
import org.initlab.lab.sweep.CellResult;
import org.initlab.lab.sweep.Sweep;
import org.initlab.lab.sweep.SweepRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code initlab sweep SPEC}: a grid of small training runs, resumable, reported as heat maps. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Train a grid of small runs on every core and report them as heat maps.",
            "run.json, metrics.csv and the report go into --out; running the same sweep into the same directory again"
                    + " finishes what an interrupted run left.",
            "Built in: phase-diagram (Schoenholz et al. 2017: trainable depth against σ_w² for tanh, with the mean-field"
                    + " 6ξ_c line).",
            "A grid: 'grid(sigma_w2=0.5:4:0.5, sigma_b2=0.05, depth=[4,8,16,32], act=tanh, steps=300)'; also width, lr,"
                    + " init=[he_normal,glorot_uniform] (instead of σ_w²), batch, data, train, seeds."
        })
final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SPEC", description = "phase-diagram, phase-diagram(steps=600, ...) or grid(...).")
    String spec;

    @Option(
            names = "--out",
            defaultValue = "initlab-sweep",
            description = "Run directory (new, empty, or this sweep's"
                    + " earlier run, which is resumed). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "First seed (a cell's seeds are --seed, --seed + 1, ...)." + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--threads",
            description = "Cells trained at once; the results are the same for any number. Default:"
                    + " the number of processors.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Spec
    CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Sweep sweep = Sweep.parse(spec);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1 || t > 256) {
            throw new IllegalArgumentException("--threads must be in [1, 256], got " + t);
        }
        PrintWriter err = commandSpec.commandLine().getErr();
        SweepRun run = new SweepRun(sweep, seed, out, line -> {
            err.println(line);
            err.flush();
        });
        long start = System.nanoTime();
        int resumed = run.run(t);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<CellResult> results = run.results();
        PrintWriter w = commandSpec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("sweep", sweep.format());
            doc.put("runs", results.size());
            doc.put("resumed", resumed);
            doc.put("seconds", seconds);
            doc.put("report", out.resolve("report.html").toString());
            w.println(Json.write(doc));
            return 0;
        }
        Table table = new Table("cell", "seed", "train_accuracy", "test_accuracy", "diverged_at_step");
        for (CellResult r : results) {
            table.row(
                    r.cell().label(),
                    r.seed(),
                    String.format(Locale.ROOT, "%.3f", r.finalTrainAccuracy()),
                    String.format(Locale.ROOT, "%.3f", r.testAccuracy()),
                    r.divergedAtStep() == 0 ? "-" : r.divergedAtStep());
        }
        table.print(w);
        w.printf(
                Locale.ROOT,
                "%d runs (%d taken from the earlier run) in %.1f s on %d threads%nreport: %s%n",
                results.size(),
                resumed,
                seconds,
                t,
                out.resolve("report.html"));
        return 0;
    }
}
