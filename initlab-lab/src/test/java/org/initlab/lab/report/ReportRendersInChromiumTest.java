package org.initlab.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.initlab.lab.experiment.ForwardHistograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a generated report in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs
 * it): the screenshot is not blank, the page logged nothing to its console, and the rendered DOM
 * holds the summary table and every chart. Skipped, saying so, where Chromium is not installed.
 */
class ReportRendersInChromiumTest {
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    @TempDir
    Path dir;

    private static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    private String run(List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(chromium());
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + dir.resolve("profile"));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String err = java.nio.file.Files.readString(dir.resolve("stderr.txt"));
        return new String(out, StandardCharsets.UTF_8) + "\n--stderr--\n" + err;
    }

    @Test
    void theForwardHistogramsReportRendersWithoutErrors() throws Exception {
        assumeTrue(chromium() != null, "Chromium is not installed (apt-get install chromium); .ci/run installs it");
        var outcome =
                org.initlab.lab.experiment.Study.run(new ForwardHistograms(200), List.of(1L), false, 1, done -> {});
        Path page = dir.resolve("report.html");
        new HtmlReport("InitLab test report", "test")
                .add(org.initlab.lab.experiment.StudyReport.section(outcome))
                .write(page);

        Path png = dir.resolve("shot.png");
        String log = run(List.of(
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1000,1400",
                "--screenshot=" + png,
                page.toUri().toString()));
        assertThat(log).doesNotContain("CONSOLE");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                nonWhite += rgb != 0xffffff ? 1 : 0;
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
        assertThat(nonWhite).as("non-white pixels").isGreaterThan((long) image.getWidth() * image.getHeight() / 4 / 20);

        String dom = run(List.of("--dump-dom", page.toUri().toString()));
        assertThat(dom).contains("<table class=\"summary\">");
        assertThat(dom.split("<svg", -1).length - 1).isEqualTo(2 + 2);
    }

    /**
     * A report of several experiments, as the demo writes: at a desktop width and at a phone width
     * (420 px) the page renders with no console message, the claims index links every section, and
     * every chart is well-formed SVG that the browser keeps in the page.
     */
    @Test
    void aReportOfSeveralExperimentsRendersAtDesktopAndPhoneWidths() throws Exception {
        assumeTrue(chromium() != null, "Chromium is not installed (apt-get install chromium); .ci/run installs it");
        HtmlReport report = new HtmlReport("InitLab demo test", "test");
        int charts = 0;
        for (String spec : List.of("symmetry(steps=20)", "forward-histograms(samples=100)", "circles(steps=20)")) {
            var o = org.initlab.lab.experiment.Study.run(
                    org.initlab.lab.experiment.Experiments.parse(spec), List.of(1L, 2L), true, 2, k -> {});
            HtmlReport.Section section = org.initlab.lab.experiment.StudyReport.section(o);
            charts += section.charts().size();
            for (String svg : section.charts()) {
                // each chart parses as XML on its own (a malformed chart would be dropped or mangled by the browser)
                javax.xml.parsers.DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            }
            report.add(section);
        }
        Path page = dir.resolve("demo.html");
        report.write(page);
        for (int width : new int[] {1400, 420}) {
            Path png = dir.resolve("shot-" + width + ".png");
            String log = run(List.of(
                    "--enable-logging=stderr",
                    "--v=0",
                    "--window-size=" + width + ",2000",
                    "--screenshot=" + png,
                    page.toUri().toString()));
            assertThat(log).as("console at width " + width).doesNotContain("CONSOLE");
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(width);
            long nonWhite = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    nonWhite += (image.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
                }
            }
            assertThat(nonWhite).as("non-white pixels at width " + width).isGreaterThan((long) width * 2000 / 4 / 50);
        }
        String dom = run(List.of("--dump-dom", page.toUri().toString()));
        assertThat(dom).contains("<h2>Claims index</h2>");
        for (String anchor : List.of("x-symmetry", "x-forward-histograms", "x-circles")) {
            assertThat(dom).contains("href=\"#" + anchor + "\"").contains("id=\"" + anchor + "\"");
        }
        assertThat(dom.split("<svg", -1).length - 1).isEqualTo(charts);
        assertThat(dom).contains("Verdict per seed").contains("Verdict per budget");
    }
}
