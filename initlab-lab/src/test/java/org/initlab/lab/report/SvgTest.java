package org.initlab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgTest {
    /** The x tick labels of a line chart: the texts drawn just under the x axis. */
    private static List<String> xTicks(String svg) {
        Matcher m = Pattern.compile("<text x='[0-9.]+' y='272' text-anchor='middle' font-size='11'>([^<]*)</text>")
                .matcher(svg);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void aWholeNumberAxisGetsOnlyWholeNumberTicks() {
        // epochs 1 to 3: round ticks would be 1, 1.5, 2, 2.5, 3
        String svg = Svg.lineChart(
                "t",
                "epoch",
                "y",
                List.of(new Svg.Series("s", new double[] {1, 2, 3}, new double[] {0.1, 0.5, 0.9})),
                false);
        assertThat(xTicks(svg)).containsExactly("1", "2", "3");
        String fractional = Svg.lineChart(
                "t",
                "x",
                "y",
                List.of(new Svg.Series("s", new double[] {1, 2.5, 3}, new double[] {0.1, 0.5, 0.9})),
                false);
        assertThat(xTicks(fractional)).contains("1.50");
    }

    @Test
    void aLongLegendEntryWrapsWithinTheLegendColumnAndTheNextEntryStartsBelowIt() {
        String name = "orthogonal, gain 1 (not judged: no ReLU gain) (1 of 3 seeds diverged)";
        String svg = Svg.lineChart(
                "t",
                "epoch",
                "y",
                List.of(
                        new Svg.Series(name, new double[] {1, 2}, new double[] {1, 2}),
                        new Svg.Series("He", new double[] {1, 2}, new double[] {2, 3})),
                false);
        Matcher m = Pattern.compile("<text x='496' y='([0-9]+)' font-size='11'>([^<]*)</text>")
                .matcher(svg);
        List<String[]> lines =
                m.results().map(r -> new String[] {r.group(1), r.group(2)}).toList();
        // the long name (70 characters) on lines of at most 34, every word kept; "He" on the line after them
        int n = lines.size() - 1;
        assertThat(n).isGreaterThanOrEqualTo(2);
        assertThat(lines.subList(0, n)).allMatch(l -> l[1].length() <= 34);
        assertThat(String.join(" ", lines.subList(0, n).stream().map(l -> l[1]).toList()))
                .isEqualTo(name);
        assertThat(lines.get(n)[1]).isEqualTo("He");
        assertThat(Integer.parseInt(lines.get(n)[0]) - Integer.parseInt(lines.get(n - 1)[0]))
                .isEqualTo(16);
    }

    @Test
    void anIntervalChartDrawsAPointAndABarPerCategoryAndTheReferenceLines() {
        String svg = Svg.intervalChart(
                "effects",
                "difference",
                List.of(
                        new Svg.Interval("(a) sigmoid", -0.13, -0.23, -0.03),
                        new Svg.Interval("(b) tanh", 0.01, -0.02, 0.04)),
                false,
                0);
        assertThat(Pattern.compile("<circle ").matcher(svg).results().count()).isEqualTo(2);
        assertThat(svg)
                .contains(">(a) sigmoid</text>")
                .contains(">(b) tanh</text>")
                .contains("stroke-dasharray")
                .doesNotContain("<path");
        String log = Svg.intervalChart(
                "ratios",
                "ratio",
                List.of(new Svg.Interval("(a)", 8, 7.6, 8.4), new Svg.Interval("(b)", 0.05, 0.05, 0.05)),
                true,
                2,
                0.5);
        assertThat(log).contains(">1e-2</text>").contains(">1e1</text>");
        assertThat(Pattern.compile("stroke-dasharray").matcher(log).results().count())
                .isEqualTo(2);
    }
}
