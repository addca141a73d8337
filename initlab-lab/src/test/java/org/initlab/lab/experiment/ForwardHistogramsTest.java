package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardHistogramsTest {
    @Test
    void aReducedRunSupportsTheClaimInItsDirection() {
        ForwardHistograms e = new ForwardHistograms(300);
        ForwardHistograms.Result r = e.measure(1, done -> {});
        assertThat(r.runs()).hasSize(8);
        assertThat(e.judge(List.of(r)).finding())
                .as(e.judge(List.of(r)).summary())
                .isEqualTo(Finding.SUPPORTED);
        assertThat(r.runs().get(0).hidden()).hasSize(5);
    }

    @Test
    void theJudgeSaysNoWhenHeDoesNotKeepTheScaleAndCannotTellWhenSeedsDisagree() throws Exception {
        ForwardHistograms e = new ForwardHistograms(300);
        ForwardHistograms.Result real = e.measure(1, done -> {});
        // He's ReLU ratio replaced by 10: the signal grew, so not supported
        ForwardHistograms.Result grown = withHeRatio(real, 10);
        assertThat(e.judge(List.of(grown)).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        // seeds with He ratios 0.2 and 5: the interval straddles both bounds
        assertThat(e.judge(List.of(withHeRatio(real, 0.2), withHeRatio(real, 5)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
    }

    /** {@code r} with the ReLU/He run's last hidden layer scaled so that its ratio is {@code ratio}. */
    private static ForwardHistograms.Result withHeRatio(ForwardHistograms.Result r, double ratio) {
        List<ForwardHistograms.Run> runs = new ArrayList<>();
        for (ForwardHistograms.Run run : r.runs()) {
            if (run.activation().equals("relu") && run.initSpec().equals("he_normal")) {
                List<LayerStats> hidden = new ArrayList<>(run.hidden());
                LayerStats first = hidden.get(0);
                LayerStats last = hidden.get(hidden.size() - 1);
                double std = first.output().std() * ratio;
                hidden.set(hidden.size() - 1, withStd(last, std));
                runs.add(new ForwardHistograms.Run(run.activation(), run.initLabel(), run.initSpec(), hidden));
            } else {
                runs.add(run);
            }
        }
        return new ForwardHistograms.Result(r.seed(), runs);
    }

    private static LayerStats withStd(LayerStats s, double std) {
        var o = s.output();
        var out = new org.initlab.lab.probe.Summary(o.count(), o.mean(), std, o.rms(), o.min(), o.max(), o.nonFinite());
        return new LayerStats(
                s.index(),
                s.kind(),
                s.name(),
                out,
                s.preActivation(),
                s.histogram(),
                s.units(),
                s.saturatedFraction(),
                s.zeroFraction(),
                s.deadUnitFraction(),
                s.unitSpread(),
                s.gradientSpread(),
                s.gradOutputNorm(),
                s.weightGradNorm(),
                s.weightNorm(),
                s.updateRatio());
    }

    @Test
    void theSameSeedGivesTheSameMetricsAndAnotherSeedOthers() {
        ForwardHistograms e = new ForwardHistograms(200);
        String a = ForwardHistograms.metricsCsv(List.of(e.measure(7, done -> {})));
        String b = ForwardHistograms.metricsCsv(List.of(e.measure(7, done -> {})));
        String c = ForwardHistograms.metricsCsv(List.of(e.measure(8, done -> {})));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a.lines().count()).isEqualTo(1 + 8 * 5);
        assertThat(a).startsWith("seed,activation,init,layer,width,mean,std");
    }

    @Test
    void theRunDirectoryHoldsProvenanceMetricsAndASelfContainedReport(@TempDir Path dir) throws Exception {
        Study.Outcome<ForwardHistograms.Result> o =
                Study.run(new ForwardHistograms(200), List.of(3L), false, 1, k -> {});
        HtmlReport report = new HtmlReport("test", "provenance line").add(StudyReport.section(o));
        Map<String, Object> provenance = new LinkedHashMap<>(RunDirectory.machine());
        provenance.put("experiments", List.of(StudyReport.json(o)));
        RunDirectory.write(dir, provenance, o.rendering().metricsCsv(), report);
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html.split("<svg", -1)).hasSize(1 + 2 + 2);
        assertThat(html)
                .contains("<table class='summary'>")
                .doesNotContain("<script")
                .doesNotContain("src=")
                .doesNotContain("href=")
                .contains("Claim.")
                .contains("Criteria (stated before the run)")
                .contains("http-equiv='Content-Security-Policy' content=\"default-src 'none';");
        String json = Files.readString(dir.resolve("run.json"));
        assertThat(json)
                .contains("\"experiment\":\"forward-histograms\"")
                .contains("\"rng\":\"Philox4x32-10")
                .contains("\"java_version\"")
                .contains("\"blas\"")
                .contains("\"seeds\":[3]")
                .contains("\"samples\":200");
        assertThat(Files.readString(dir.resolve("metrics.csv")))
                .startsWith("seed,activation,init,layer,width,mean,std");
    }

    @Test
    void badSampleCountsAreRefused() {
        assertThatThrownBy(() -> Experiments.parse("forward-histograms(samples=1)"))
                .hasMessageContaining("got 1");
    }
}
