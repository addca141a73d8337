package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.initlab.lab.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardHistogramsTest {
    @Test
    void aReducedRunSupportsTheClaimInItsDirection() {
        ForwardHistograms.Result r = new ForwardHistograms(300, 1).measure(done -> { });
        assertThat(r.runs()).hasSize(8);
        assertThat(r.supported()).as(r.conclusion()).isTrue();
        assertThat(r.verdict()).startsWith("supported");
        ForwardHistograms.Run heRelu = r.runs().stream()
                .filter(x -> x.activation().equals("relu") && x.initSpec().equals("he_normal")).findFirst().orElseThrow();
        assertThat(heRelu.hidden()).hasSize(5);
    }

    @Test
    void theSameConfigurationGivesTheSameMetrics() {
        String a = ForwardHistograms.metricsCsv(new ForwardHistograms(200, 7).measure(done -> { }));
        String b = ForwardHistograms.metricsCsv(new ForwardHistograms(200, 7).measure(done -> { }));
        String c = ForwardHistograms.metricsCsv(new ForwardHistograms(200, 8).measure(done -> { }));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a.lines().count()).isEqualTo(1 + 8 * 5);
    }

    @Test
    void theRunDirectoryHoldsProvenanceMetricsAndASelfContainedReport(@TempDir Path dir) throws Exception {
        ForwardHistograms.Result r = new ForwardHistograms(200, 3).measure(done -> { });
        HtmlReport report = new HtmlReport("test", "provenance line").add(ForwardHistograms.section(r));
        RunDirectory.write(dir, new java.util.LinkedHashMap<String, Object>(Map.of("experiment", "forward-histograms", "seed", 3)) {{
            putAll(RunDirectory.machine()); }},
                ForwardHistograms.metricsCsv(r), report);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html.split("<svg", -1)).hasSize(1 + 2 + 8 * 5);
        assertThat(html).contains("<table class='summary'>").doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").contains("Claim.")
                .contains("http-equiv='Content-Security-Policy' content=\"default-src 'none';");
        String json = Files.readString(dir.resolve("run.json"));
        assertThat(json).contains("\"experiment\":\"forward-histograms\"").contains("\"rng\":\"Philox4x32-10")
                .contains("\"java_version\"").contains("\"blas\"").contains("\"seed\":3");
        assertThat(Files.readString(dir.resolve("metrics.csv"))).startsWith("activation,init,layer,width,mean,std");
    }

    @Test
    void badSampleCountsAreRefused() {
        assertThatThrownBy(() -> new ForwardHistograms(1, 0)).hasMessageContaining("got 1");
    }
}
