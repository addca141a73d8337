package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job, run once: the tour's tables, the claims index on the terminal and in
 * {@code run.json}, then the demo's own report in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it)
 * at a desktop width and at a phone width: no console message, the claims index links every
 * experiment's section, and the browser keeps every chart the report holds. Skipped, saying so,
 * where Chromium is not installed.
 */
class DemoCommandTest {
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

    @Test
    void theDemoRunsEveryExperimentAndItsReportRendersWithTheClaimsIndexAtBothWidths() throws Exception {
        Path out = dir.resolve("demo");
        MainTest.Run r = MainTest.run("demo", "--depth", "12", "--width", "64", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("vanishing")
                .contains("stable")
                .contains("identical")
                .doesNotContain("DIFFERENT");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"demo\":{\"initializers\":");
        // the terminal ends with the claims index: one row per experiment
        for (String spec : DemoCommand.EXPERIMENTS) {
            String name = spec.contains("(") ? spec.substring(0, spec.indexOf('(')) : spec;
            assertThat(r.out())
                    .containsPattern("(?m)^" + Pattern.quote(name) + " +(supported|not supported|inconclusive)");
        }
        String chromium = new File("/usr/bin/chromium").canExecute() ? "/usr/bin/chromium" : null;
        assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium); .ci/run installs it");
        Path page = out.resolve("report.html");
        String html = Files.readString(page);
        int charts = html.split("<svg", -1).length - 1;
        for (int width : new int[] {1400, 420}) {
            Path png = dir.resolve("shot-" + width + ".png");
            String log = run(
                    chromium,
                    List.of(
                            "--enable-logging=stderr",
                            "--v=0",
                            "--window-size=" + width + ",1600",
                            "--screenshot=" + png,
                            page.toUri().toString()));
            assertThat(log).as("console at width " + width).doesNotContain("CONSOLE");
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(width);
        }
        String dom = run(chromium, List.of("--dump-dom", page.toUri().toString()));
        assertThat(dom).contains("<h2>Claims index</h2>");
        for (String spec : DemoCommand.EXPERIMENTS) {
            String name = spec.contains("(") ? spec.substring(0, spec.indexOf('(')) : spec;
            assertThat(dom).contains("href=\"#x-" + name + "\"").contains("id=\"x-" + name + "\"");
        }
        assertThat(charts).isGreaterThanOrEqualTo(2 * DemoCommand.EXPERIMENTS.size());
        assertThat(dom.split("<svg", -1).length - 1)
                .as("charts the browser kept")
                .isEqualTo(charts);
    }

    private String run(String chromium, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(chromium);
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + dir.resolve("profile"));
        cmd.addAll(extra);
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8) + "\n--stderr--\n" + Files.readString(err);
    }
}
