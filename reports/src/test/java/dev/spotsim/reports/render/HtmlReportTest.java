package dev.spotsim.reports.render;

import static dev.spotsim.reports.render.HtmlChecks.byClass;
import static dev.spotsim.reports.render.HtmlChecks.count;
import static dev.spotsim.reports.render.HtmlChecks.number;
import static dev.spotsim.reports.render.HtmlChecks.svgs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spotsim.reports.Runs;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.record.TimelineEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlReportTest {
    private final RunRecord sample = Runs.sampleInterruptedRun();

    @Test
    void theSampleReportHasFourChartsAndADrainTimelineThatParseAsXml() throws Exception {
        String html = HtmlReport.render(sample);
        List<Document> svgs = svgs(html);
        assertThat(svgs).extracting(d -> d.getDocumentElement().getAttribute("class"))
                .containsExactly("chart chart-capacity", "chart chart-requests", "chart chart-errors", "chart chart-latency", "drains");
        assertThat(HtmlChecks.unbalancedTag(html)).isNull();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>spotsim · web-spot-interruption · SLO BROKEN</title>");
    }

    @Test
    void markersSitAtTheirInstantInEveryChart() throws Exception {
        // Run of 120 s: the first notice at 30.0 s is a quarter of the way along the plot, the action at 70.0 s seven twelfths.
        for (Document chart : svgs(HtmlReport.render(sample)).subList(0, 4)) {
            Element plot = byClass(chart, "rect", "plot").get(0);
            double left = number(plot, "x");
            double width = number(plot, "width");
            List<Double> notices = byClass(chart, "line", "marker", "marker-notice").stream().map(l -> (number(l, "x1") - left) / width).toList();
            assertThat(notices).hasSize(2);
            assertThat(notices.get(0)).isCloseTo(30.0 / 120, within(0.001));
            assertThat(notices.get(1)).isCloseTo(30.4 / 120, within(0.001));
            Element action = byClass(chart, "line", "marker", "marker-action").get(0);
            assertThat((number(action, "x1") - left) / width).isCloseTo(70.0 / 120, within(0.001));
            assertThat(byClass(chart, "line", "marker", "marker-rebalance")).hasSize(2);
            assertThat(byClass(chart, "line", "marker-hit").get(2).getTextContent()).isEqualTo(
                    "notice i-0a1b2c3d4e5f60003 at t+30s: terminate at 2026-01-01T12:01:10Z");
        }
    }

    @Test
    void phasesAreShadedWhereTheSecondsSayTheyWere() throws Exception {
        Document capacity = svgs(HtmlReport.render(sample)).get(0);
        Element plot = byClass(capacity, "rect", "plot").get(0);
        Element interrupted = byClass(capacity, "rect", "band", "band-interrupted").get(0);
        double perSecond = number(plot, "width") / 120;
        assertThat(number(interrupted, "x")).isCloseTo(number(plot, "x") + 30 * perSecond, within(0.1));
        assertThat(number(interrupted, "width")).isCloseTo(41 * perSecond, within(0.1)); // seconds 30..70
        assertThat(byClass(capacity, "rect", "band", "band-recovering")).hasSize(1);
        assertThat(byClass(capacity, "rect", "band", "band-steady")).isEmpty();
    }

    @Test
    void theErrorChartStacksFailuresByCauseOnlyWhereTheyHappened() throws Exception {
        Document errors = svgs(HtmlReport.render(sample)).get(2);
        Element plot = byClass(errors, "rect", "plot").get(0);
        Element bars502 = byClass(errors, "path", "bar", "cause-0").get(0);
        Element timeouts = byClass(errors, "path", "bar", "cause-1").get(0);
        assertThat(count(bars502.getAttribute("d"), "M")).isEqualTo(10); // seconds 61..70
        assertThat(count(timeouts.getAttribute("d"), "M")).isEqualTo(3); // seconds 70..72
        double firstBar = Double.parseDouble(bars502.getAttribute("d").substring(1).split(",")[0]);
        assertThat((firstBar - number(plot, "x")) / number(plot, "width")).isCloseTo(61.0 / 120, within(0.001));
        assertThat(bars502.getTextContent()).isEqualTo("502: 360 failed requests");
        assertThat(HtmlReport.render(sample)).contains("502 (360)").contains("timeout (15)");
    }

    @Test
    void theDrainTimelineShowsEachStepAndMarksTheKilledWorkloadRed() throws Exception {
        Document drains = svgs(HtmlReport.render(sample)).get(4);
        List<Element> rows = byClass(drains, "g", "drain-row");
        assertThat(rows).extracting(r -> r.getAttribute("data-workload")).containsExactly("w-api-3", "w-api-5");
        Element drained = rows.get(0);
        assertThat(drained.getAttribute("class")).isEqualTo("drain-row");
        assertThat(drained.getTextContent()).contains("notice → deregistered: 1 s", "deregistered → SIGTERM: 15 s", "SIGTERM → exit: 6.3 s",
                "drained in 22.3 s, exit 0");
        Element killed = rows.get(1);
        assertThat(killed.getAttribute("class")).isEqualTo("drain-row killed");
        assertThat(killed.getTextContent()).contains("notice → SIGTERM: 30 s", "SIGTERM → killed: 10 s", "KILLED 40 s after notice");
        assertThat(killed.getElementsByTagName("rect").getLength()).isEqualTo(2);
        assertThat(((Element) killed.getElementsByTagName("rect").item(1)).getAttribute("class")).isEqualTo("seg seg-killed");
        // Each row carries its own instance's action instant, not the other's.
        assertThat(byClass(drains, "line", "marker", "marker-action")).hasSize(2);
    }

    @Test
    void theOnlyAddressInTheReportIsTheSvgNamespace() {
        String html = HtmlReport.render(sample);
        Matcher m = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[^\"'\\s)<]*").matcher(html);
        List<String> addresses = new ArrayList<>();
        while (m.find()) {
            addresses.add(m.group());
        }
        assertThat(addresses).isNotEmpty().allMatch(a -> a.equals("http://www.w3.org/2000/svg"));
        assertThat(html).doesNotContain("<link", " src=", "url(", "@import", "@font-face");
    }

    @Test
    void textFromTheRecordIsEscapedEverywhere() throws Exception {
        String attack = "<script>alert('x')</script>";
        List<TimelineEntry> timeline = new ArrayList<>(sample.timeline());
        timeline.add(new TimelineEntry(sample.startedAt().plusSeconds(40), "notice", "i-\"><script>", attack));
        List<SecondSample> seconds = new ArrayList<>(sample.seconds());
        seconds.set(0, new SecondSample(0, 10, 1, Map.of("</script>", 1), 1, 2, 3, 6, 6, "</script><script>alert(1)"));
        RunRecord run = new RunRecord(sample.runId(), "web <b>&</b>", sample.target(), sample.seed(), sample.startedAt(), sample.endedAt(),
                sample.outcome(), "failed: " + attack, timeline, sample.workloads(), seconds, sample.measures(), sample.slos(), 1);
        String html = HtmlReport.render(run);
        assertThat(count(html, "<script")).isEqualTo(2); // the cursor data and the cursor script, nothing from the record
        assertThat(count(html, "</script>")).isEqualTo(2);
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").contains("web &lt;b&gt;&amp;&lt;/b&gt;")
                .contains("i-&quot;&gt;&lt;script&gt;").contains("\\u003c/script\\u003e").doesNotContain("<b>&</b>");
        assertThat(svgs(html)).hasSize(5);
        assertThat(HtmlChecks.unbalancedTag(html)).isNull();
    }

    @Test
    void theVerdictFollowsTheExitCodeAndAPartialRunSaysSo() {
        assertThat(HtmlReport.render(Runs.quietRun(30))).contains("<div class=\"verdict\">PASS</div>").doesNotContain("Partial run");
        assertThat(HtmlReport.render(sample)).contains("<div class=\"verdict\">SLO BROKEN</div>", "2 of 5 SLOs broken");
        RunRecord partial = new RunRecord(sample.runId(), sample.scenario(), sample.target(), sample.seed(), sample.startedAt(),
                sample.startedAt().plusSeconds(65), "interrupted", "interrupted by Ctrl-C", sample.timeline(), sample.workloads(),
                sample.seconds().subList(0, 65), null, List.of(), 1);
        String html = HtmlReport.render(partial);
        assertThat(html).contains("<div class=\"verdict\">NO VERDICT</div>", "<b>Partial run.</b> It was interrupted after 65 s",
                "<b>Error:</b> interrupted by Ctrl-C", "No request figures");
        assertThat(HtmlChecks.unbalancedTag(html)).isNull();
    }

    @Test
    void aRunWithoutSamplesStillDrawsEveryChartWithANote() throws Exception {
        RunRecord empty = new RunRecord("r", "s", "local", 1, sample.startedAt(), sample.startedAt().plusSeconds(3), "error",
                "port in use", List.of(), List.of(), List.of(), null, List.of(), 1);
        String html = HtmlReport.render(empty);
        assertThat(svgs(html)).hasSize(4);
        assertThat(count(html, "no per-second samples were recorded")).isEqualTo(4);
        assertThat(html).contains("No workload went through an interruption", "No events were recorded");
        assertThat(HtmlChecks.unbalancedTag(html)).isNull();
    }

    @Test
    void aRunWithoutLoadSaysSoAndDrawsNoLatencyOrErrorRate() throws Exception {
        List<SecondSample> idle = new ArrayList<>();
        for (int t = 0; t < 90; t++) {
            idle.add(new SecondSample(t, 0, 0, Map.of(), 0, 0, 0, 3, 3, "steady"));
        }
        RunRecord noLoad = new RunRecord("r", "s", "local", 1, sample.startedAt(), sample.startedAt().plusSeconds(90), "completed", null,
                List.of(), List.of(), idle, null, List.of(), 0);
        List<Document> charts = svgs(HtmlReport.render(noLoad));
        assertThat(charts.get(1).getDocumentElement().getTextContent()).contains("no requests: the scenario had no load");
        assertThat(byClass(charts.get(2), "path", "bar")).isEmpty();
        assertThat(byClass(charts.get(3), "path", "series")).isEmpty();
        assertThat(byClass(charts.get(0), "path", "series", "healthy").get(0).getAttribute("d")).startsWith("M").contains("H");
    }

    @Test
    void aRunWithoutInterruptionsHasNoMarkersAndNoDrainRows() throws Exception {
        String html = HtmlReport.render(Runs.quietRun(60));
        for (Document chart : svgs(html)) {
            assertThat(byClass(chart, "line", "marker")).isEmpty();
            assertThat(byClass(chart, "rect", "band")).isEmpty();
        }
        assertThat(html).contains("interruption notice (0)", "No workload went through an interruption", "no failed requests");
    }

    @Test
    void anHourLongRunIsDrawnFromAtMostSixHundredPointsPerSeries() throws Exception {
        String html = HtmlReport.render(Runs.quietRun(3600));
        List<Document> charts = svgs(html);
        String requests = byClass(charts.get(1), "path", "series", "requests").get(0).getAttribute("d");
        assertThat(count(requests, "L") + 1).isEqualTo(600);
        assertThat(html).contains("one point per 6 s");
        // Measured: about 80 KB for the whole page at 3,600 s; the bound leaves room without letting it grow per second.
        assertThat(html.length()).isLessThan(120_000);
    }

    @Test
    void recordFilesWriteTheReportNextToTheRecord(@TempDir Path dir) throws Exception {
        RecordFiles.write(dir, sample);
        assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo(HtmlReport.render(sample));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("report.html").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aBaselineShowsBesideTheRunAndItsSlowerDrainIsMarkedWorse(@TempDir Path dir) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode baseline = RecordFiles.json().valueToTree(sample);
        com.fasterxml.jackson.databind.node.ArrayNode fast = ((com.fasterxml.jackson.databind.node.ObjectNode) baseline.path("measures"))
                .putArray("drainTimes");
        fast.add("PT0.5S");
        baseline.put("runId", "last-release");
        dev.spotsim.reports.compare.RunComparison comparison =
                dev.spotsim.reports.compare.RunComparison.of(baseline, RecordFiles.json().valueToTree(sample), 10);

        String html = HtmlReport.render(sample, comparison);

        assertThat(HtmlChecks.unbalancedTag(html)).isNull();
        assertThat(html).contains("<section id=\"baseline\">", "Baseline <b>last-release</b>");
        Matcher drainRow = Pattern.compile("<tr class=\"(\\w+)\"><td><code>drainTime\\.max</code></td><td class=\"num\">0\\.5s</td>"
                + "<td class=\"num\">[^<]+</td><td class=\"num\">\\+[\\d.]+%</td><td><span class=\"pill bad\">worse</span>").matcher(html);
        assertThat(drainRow.find()).as(html).isTrue();
        assertThat(drainRow.group(1)).isEqualTo("broken");
        assertThat(HtmlReport.render(sample)).doesNotContain("id=\"baseline\"");

        RecordFiles.write(dir, sample, comparison);
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("## Against the baseline (last-release)")
                .containsPattern("\\| `drainTime\\.max` \\| 0\\.5s \\| [^|]+ \\| \\+[\\d.]+% \\| \\*\\*worse\\*\\* \\|");
    }
}
