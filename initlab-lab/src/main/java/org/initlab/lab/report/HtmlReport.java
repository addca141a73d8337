package org.initlab.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.initlab.io.AtomicFiles;

/**
 * A self-contained HTML report: inline CSS, charts as inline SVG, no script and no network access;
 * readable on a phone (one column) and a desktop (a grid). A report is a title and sections, each
 * with a claim, a set-up, a verdict on the claim, a summary table, charts and a conclusion; several
 * experiments compose into one report by adding their sections.
 */
public final class HtmlReport {
    /**
     * A table of a section.
     *
     * @param caption what it shows (may be empty)
     * @param header column names
     * @param rows cells, each row as wide as the header
     */
    public record Table(String caption, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException(
                            "a row of " + r.size() + " cells under " + header.size() + " columns");
                }
            }
        }
    }

    /**
     * One experiment's part of a report.
     *
     * @param title heading
     * @param claim the claim tested, with its source
     * @param setup model, data, optimizer, sizes and seeds
     * @param finding {@code supported}, {@code not supported} or {@code inconclusive}: the verdict's colour
     * @param verdict the verdict in one line, with the figure behind it
     * @param tables criteria, verdicts per setting and seed, and the experiment's own tables
     * @param charts inline SVG documents
     * @param conclusion what the numbers say
     */
    public record Section(
            String title,
            String claim,
            String setup,
            String finding,
            String verdict,
            List<Table> tables,
            List<String> charts,
            String conclusion) {
        public Section {
            tables = List.copyOf(tables);
            charts = List.copyOf(charts);
        }
    }

    /** A cell that is a figure (with an optional ± spread or interval), right-aligned. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[\\[(]?[-+≤≥ ]*[0-9.eE+-]+( ± [0-9.eE+-]+)?(, [-+]?[0-9.eE+-]+)?[\\])]?");

    private final String title;
    private final String provenance;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final List<Table> appendix = new ArrayList<>();

    /** @param provenance one line on how the report was made (versions, seeds), shown at the end */
    public HtmlReport(String title, String provenance) {
        this.title = title;
        this.provenance = provenance;
    }

    /** A notice shown at the top of the report (for example: the data differ from what was asked). */
    public HtmlReport notice(String text) {
        notices.add(text);
        return this;
    }

    public HtmlReport add(Section s) {
        sections.add(s);
        return this;
    }

    /** A table shown after the sections, before the footer (for example: how long each part took). */
    public HtmlReport appendix(Table t) {
        appendix.add(t);
        return this;
    }

    /** The document. */
    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>")
                .append("<meta name='viewport' content='width=device-width, initial-scale=1'>")
                // self-contained by construction and by policy: the browser may load nothing at all
                .append(
                        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline';"
                                + " img-src data:\">")
                .append("<title>")
                .append(Svg.escape(title))
                .append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}")
                .append("p,h1,h2,footer{overflow-wrap:anywhere}.index td:nth-child(2){min-width:16em}")
                .append("h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc;padding-bottom:.2em}")
                .append("table{border-collapse:collapse;margin:.5em 0;font-size:.9em;display:block;overflow-x:auto}")
                .append("td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}")
                .append(".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:.5em}")
                .append(
                        ".charts svg{width:100%;height:auto;border:1px solid #eee}.charts svg.wide{grid-column:1/-1;max-width:900px}")
                .append(".verdict{font-weight:bold;padding:.4em .6em;background:#eef6ee;border-left:4px solid #2a2}")
                .append(".verdict.no{background:#fbeeee;border-left-color:#c22}")
                .append(".verdict.maybe{background:#fdf6e3;border-left-color:#c90}")
                .append(".notice{padding:.4em .6em;background:#fdf6e3;border:1px solid #c90}")
                .append("caption{text-align:left;font-weight:bold;padding:.2em 0}")
                .append("td.f{font-weight:bold;white-space:nowrap}td.supported{color:#161}td.not-supported{color:#a11}")
                .append("td.inconclusive{color:#850}")
                .append("footer{color:#666;font-size:.8em;margin-top:2em}")
                .append("</style></head><body><h1>")
                .append(Svg.escape(title))
                .append("</h1>");
        for (String n : notices) {
            sb.append("<p class='notice'>").append(Svg.escape(n)).append("</p>");
        }
        if (sections.size() > 1) {
            index(sb);
        }
        for (Section s : sections) {
            sb.append("<section id='")
                    .append(anchor(s))
                    .append("'><h2>")
                    .append(Svg.escape(s.title()))
                    .append("</h2>");
            sb.append("<p><b>Claim.</b> ").append(Svg.escape(s.claim())).append("</p>");
            sb.append("<p><b>Set-up.</b> ").append(Svg.escape(s.setup())).append("</p>");
            String css = switch (s.finding()) {
                case "supported" -> "";
                case "inconclusive" -> " maybe";
                default -> " no";
            };
            sb.append("<p class='verdict")
                    .append(css)
                    .append("'>")
                    .append(Svg.escape(s.verdict()))
                    .append("</p>");
            for (Table t : s.tables()) {
                table(sb, t);
            }
            sb.append("<div class='charts'>");
            for (String chart : s.charts()) {
                sb.append(chart);
            }
            sb.append("</div><p><b>Conclusion.</b> ")
                    .append(Svg.escape(s.conclusion()))
                    .append("</p></section>");
        }
        for (Table t : appendix) {
            table(sb, t);
        }
        sb.append("<footer>").append(Svg.escape(provenance)).append("</footer></body></html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, Table t) {
        sb.append("<table class='summary'>");
        if (!t.caption().isEmpty()) {
            sb.append("<caption>").append(Svg.escape(t.caption())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (String h : t.header()) {
            sb.append("<th>").append(Svg.escape(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (String c : row) {
                sb.append(NUMBER.matcher(c).matches() ? "<td class='n'>" : "<td>")
                        .append(Svg.escape(c))
                        .append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
    }

    /**
     * The claims index: every section's claim, its experiment (a link to the section), the verdict
     * and the figure behind it.
     */
    private void index(StringBuilder sb) {
        sb.append(
                "<h2>Claims index</h2><table class='index'><thead><tr><th>#</th><th>claim (source)</th><th>experiment</th>"
                        + "<th>verdict</th><th>the figures behind it</th></tr></thead><tbody>");
        int i = 1;
        for (Section s : sections) {
            String verdict = s.verdict();
            int colon = verdict.indexOf(": ");
            String figures = colon < 0 ? "" : verdict.substring(colon + 2);
            sb.append("<tr><td>")
                    .append(i++)
                    .append("</td><td>")
                    .append(Svg.escape(s.claim()))
                    .append("</td><td><a href='#")
                    .append(anchor(s))
                    .append("'>")
                    .append(Svg.escape(name(s)))
                    .append("</a></td><td class='f ")
                    .append(s.finding().replace(' ', '-'))
                    .append("'>")
                    .append(Svg.escape(s.finding()))
                    .append("</td><td>")
                    .append(Svg.escape(figures))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table>");
    }

    private static String name(Section s) {
        int colon = s.title().indexOf(':');
        return colon < 0 ? s.title() : s.title().substring(0, colon);
    }

    private static String anchor(Section s) {
        return "x-" + name(s).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** Writes {@link #html()} to {@code file} atomically. */
    public void write(Path file) throws IOException {
        byte[] bytes = html().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
