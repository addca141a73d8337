package org.initlab.lab.experiment;

import java.util.List;
import org.initlab.lab.report.HtmlReport;

/**
 * What {@link Experiment#render} makes: tables (strings formatted for people), charts (inline SVG),
 * the metrics as CSV (header line first) and the conclusion in words.
 *
 * @param tables the tables, the first being the summary shown on the terminal
 * @param charts SVG documents
 * @param metricsCsv the metrics of every seed, header first; {@link Study} adds nothing to it
 * @param conclusion what the numbers say, in a few sentences
 */
public record Rendering(List<HtmlReport.Table> tables, List<String> charts, String metricsCsv, String conclusion) {
    public Rendering {
        tables = List.copyOf(tables);
        charts = List.copyOf(charts);
    }
}
