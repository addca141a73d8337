package org.initlab.lab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.initlab.io.JsonTree;
import org.initlab.lab.experiment.ExperimentData;
import org.initlab.lab.experiment.RunDirectory;
import org.initlab.lab.experiment.Scheduler;
import org.initlab.lab.experiment.Study;

/**
 * Runs a sweep's cells on several threads and keeps the run directory current: after every
 * finished cell the whole directory ({@code run.json} with every finished cell, {@code metrics.csv},
 * {@code report.html}) is rewritten as {@link RunDirectory} does, so an interrupted sweep loses
 * at most the cells in flight, and running the same sweep into the same directory again
 * recomputes only the cells that are missing. Each cell's result depends only on (cell, seed), so
 * the results are the same for any number of threads and any interruption.
 */
public final class SweepRun {
    private final Sweep sweep;
    private final long seed;
    private final Path out;
    private final Consumer<String> progress;
    private final Map<Integer, CellResult> done = new TreeMap<>();
    private ExperimentData data;

    /**
     * @param seed the first seed; a cell's seeds are {@code seed, seed + 1, ...}
     * @param out the run directory (checked with {@link RunDirectory#checkTarget})
     * @param progress one line per finished cell, for standard error
     */
    public SweepRun(Sweep sweep, long seed, Path out, Consumer<String> progress) {
        this.sweep = sweep;
        this.seed = seed;
        this.out = out;
        this.progress = progress;
    }

    /** The finished results in grid order (cell, then seed), after {@link #run}. */
    public synchronized List<CellResult> results() {
        return List.copyOf(done.values());
    }

    /** The data used (after {@link #run}). */
    public ExperimentData data() {
        return data;
    }

    /**
     * Runs the missing cells on {@code threads} threads.
     *
     * @return how many cells were taken from an earlier run of the same sweep in {@code out}
     */
    public int run(int threads) throws IOException, InterruptedException {
        RunDirectory.checkTarget(out);
        List<Cell> cells = sweep.cells();
        int resumed = resume(cells);
        data = ExperimentData.load(sweep.data(), 0, sweep.train());
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < cells.size() * sweep.seeds(); i++) {
            if (!done.containsKey(i)) {
                todo.add(i);
            }
        }
        int total = cells.size() * sweep.seeds();
        // one Scheduler: cells in order, and the native BLAS's threads limited while several run
        try (Scheduler scheduler = new Scheduler(Math.max(1, threads))) {
            List<Scheduler.Job<Object>> jobs = new ArrayList<>();
            for (int index : todo) {
                Cell cell = cells.get(index / sweep.seeds());
                long s = seed + index % sweep.seeds();
                jobs.add(new Scheduler.Job<>(1, () -> {
                    CellResult r = CellTraining.measure(sweep, cell, s, data.split());
                    finished(index, r, total);
                    return null;
                }));
            }
            for (Future<Scheduler.Timed<Object>> f : scheduler.submit(jobs)) {
                Study.await(f);
            }
        }
        write();
        return resumed;
    }

    private synchronized void finished(int index, CellResult r, int total) {
        done.put(index, r);
        progress.accept("sweep: " + done.size() + "/" + total + " " + r.cell().label() + " seed " + r.seed()
                + ": train accuracy "
                + String.format(java.util.Locale.ROOT, "%.3f", r.finalTrainAccuracy())
                + (r.divergedAtStep() > 0 ? " (diverged at step " + r.divergedAtStep() + ")" : ""));
        try {
            write();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + out + ": " + e.getMessage(), e);
        }
    }

    private synchronized void write() throws IOException {
        write(out, sweep, seed, List.copyOf(done.values()), data);
    }

    /**
     * Writes the run directory of {@code results} (in grid order) of {@code sweep} run from {@code seed}
     * on {@code data}: the same files a local run writes, for runs whose cells ran elsewhere (Spark).
     */
    public static void write(Path out, Sweep sweep, long seed, List<CellResult> results, ExperimentData data)
            throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("sweep", sweep.format());
        doc.put("first_seed", seed);
        doc.put("cells_total", sweep.cells().size() * sweep.seeds());
        doc.put("cells_done", results.size());
        if (data != null) {
            doc.put("data", org.initlab.lab.experiment.StudyReport.json(data.provenance()));
        }
        doc.put("machine", RunDirectory.machine());
        doc.put("cells", results.stream().map(CellResult::json).toList());
        SweepReport report = new SweepReport(
                sweep,
                results,
                data == null ? "" : data.provenance().describe(),
                data == null ? 2 : data.split().train().classes());
        RunDirectory.write(out, doc, report.csv(), report.html());
    }

    /** Takes the finished cells of an earlier run of the same sweep and seed from {@code out/run.json}. */
    private int resume(List<Cell> cells) throws IOException {
        Path file = out.resolve(RunDirectory.MARKER);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        JsonTree root = JsonTree.parse(Files.readAllBytes(file), file.toString(), 0);
        if (!(root instanceof JsonTree.Obj obj)) {
            return 0;
        }
        Map<String, JsonTree> top = members(obj);
        if (!(top.get("sweep") instanceof JsonTree.Str s)) {
            throw new IllegalArgumentException(
                    "--out " + out + " holds a run of something else than a sweep; choose another" + " directory");
        }
        if (!s.value().equals(sweep.format())
                || !(top.get("first_seed") instanceof JsonTree.Num n)
                || n.asLong() != seed) {
            throw new IllegalArgumentException("--out " + out + " holds another sweep (" + s.value()
                    + "); give the same" + " sweep and --seed to resume it, or another directory");
        }
        Map<Cell, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            index.put(cells.get(i), i);
        }
        int resumed = 0;
        if (top.get("cells") instanceof JsonTree.Arr arr) {
            for (JsonTree item : arr.items()) {
                CellResult r = CellResult.of((JsonTree.Obj) item);
                Integer at = index.get(r.cell());
                if (at == null || r.seed() < seed || r.seed() >= seed + sweep.seeds()) {
                    continue;
                }
                done.put(at * sweep.seeds() + (int) (r.seed() - seed), r);
                resumed++;
            }
        }
        return resumed;
    }

    static Map<String, JsonTree> members(JsonTree.Obj o) {
        Map<String, JsonTree> m = new LinkedHashMap<>();
        for (JsonTree.Member x : o.members()) {
            m.put(x.key(), x.value());
        }
        return m;
    }
}
