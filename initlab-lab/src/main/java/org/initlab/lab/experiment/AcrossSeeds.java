package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.lab.report.HtmlReport;

/**
 * One experiment run with several seeds (data, weights and order all change with the seed), judged
 * across them: the claim holds when it holds for every seed. The summary table keeps the
 * experiment's rows; a cell that is a number in every seed's table shows the mean ± the standard
 * deviation over seeds (sample standard deviation, n − 1) and the range, other cells the distinct
 * values. The charts are the first seed's; the conclusion gives each seed's verdict and numbers,
 * and the metrics CSV holds every seed's rows with a {@code seed} column in front.
 *
 * @param runs the same experiment with seeds {@code firstSeed, firstSeed + 1, ...}, at least two
 * @param firstSeed the first seed
 */
public record AcrossSeeds(List<LegacyExperiment> runs, long firstSeed) implements LegacyExperiment {
    public AcrossSeeds {
        runs = List.copyOf(runs);
        if (runs.size() < 2 || runs.stream().map(LegacyExperiment::name).distinct().count() != 1) {
            throw new IllegalArgumentException("AcrossSeeds needs at least two runs of one experiment, got " + runs.size());
        }
        if (runs.stream().anyMatch(r -> r instanceof AcrossSeeds)) {
            throw new IllegalArgumentException("AcrossSeeds cannot nest");
        }
    }

    @Override
    public String name() {
        return runs.get(0).name();
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>(runs.get(0).config());
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            seeds.add(firstSeed + i);
        }
        m.put("seed", firstSeed);
        m.put("seeds", seeds);
        return m;
    }

    @Override
    public int work() {
        return runs.stream().mapToInt(LegacyExperiment::work).sum();
    }

    @Override
    public Outcome run(IntConsumer progress) {
        List<Outcome> outcomes = new ArrayList<>();
        int done = 0;
        for (LegacyExperiment e : runs) {
            int before = done;
            outcomes.add(e.run(k -> progress.accept(before + k)));
            done += e.work();
        }
        return combine(outcomes);
    }

    /** Combines the outcomes of the seeds {@code firstSeed, firstSeed + 1, ...}, in that order. */
    Outcome combine(List<Outcome> outcomes) {
        Outcome first = outcomes.get(0);
        int supportedCount = (int) outcomes.stream().filter(Outcome::supported).count();
        boolean supported = supportedCount == outcomes.size();
        String verdict = (supported ? "supported" : "not supported") + " across seeds: the claim held for " + supportedCount
                + " of " + outcomes.size() + " seeds (" + firstSeed + " to " + (firstSeed + outcomes.size() - 1) + ")";
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < first.rows().size(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < first.rows().get(r).size(); c++) {
                List<String> cells = new ArrayList<>();
                for (Outcome o : outcomes) {
                    cells.add(r < o.rows().size() && c < o.rows().get(r).size() ? o.rows().get(r).get(c) : "");
                }
                row.add(cell(cells));
            }
            rows.add(row);
        }
        StringBuilder csv = new StringBuilder();
        StringBuilder conclusion = new StringBuilder();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            long seed = firstSeed + i;
            conclusion.append("Seed ").append(seed).append(o.supported() ? " (supported): " : " (not supported): ")
                    .append(o.conclusion()).append(' ');
            List<String> lines = o.metricsCsv().lines().toList();
            if (i == 0 && !lines.isEmpty()) {
                csv.append("seed,").append(lines.get(0)).append('\n');
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                csv.append(seed).append(',').append(line).append('\n');
            }
        }
        HtmlReport.Section s = first.section();
        String setup = s.setup() + " Repeated with seeds " + firstSeed + " to " + (firstSeed + outcomes.size() - 1)
                + "; table cells are mean ± standard deviation [min, max] over seeds; charts show seed " + firstSeed + ".";
        List<String> charts = new ArrayList<>(s.charts());
        HtmlReport.Section section = new HtmlReport.Section(s.title() + " (" + outcomes.size() + " seeds)", s.claim(), setup,
                verdict, first.header(), rows, charts, conclusion.toString().strip());
        return new Outcome(supported, verdict, conclusion.toString().strip(), first.header(), rows,
                section, csv.toString());
    }

    /** Mean ± standard deviation [min, max] when every cell is a number, else the distinct values. */
    static String cell(List<String> cells) {
        double[] v = new double[cells.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(cells.get(i).strip());
            } catch (NumberFormatException e) {
                List<String> distinct = cells.stream().distinct().toList();
                return String.join(" / ", distinct);
            }
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            mean += x / v.length;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (v.length - 1));
        return String.format(Locale.ROOT, "%.4g ± %.2g [%.4g, %.4g]", mean, sd, min, max);
    }
}
