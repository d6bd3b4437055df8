package dev.spotsim.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.render.JunitXml;
import dev.spotsim.reports.render.MarkdownSummary;
import dev.spotsim.reports.render.RecordFiles;
import dev.spotsim.reports.slo.Percentiles;
import dev.spotsim.reports.slo.SloEvaluator;
import dev.spotsim.scenarios.model.Slo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SloGateTest {
    private final List<Slo> slos = List.of(Slo.parse("drainTime.p95", "< 60s"), Slo.parse("killedWorkloads", "== 0"),
            Slo.parse("failedRequests.percent@interrupted", "< 0.5"), Slo.parse("recoveryTime.max", "< 90s"),
            Slo.parse("latency.p99@steady", "< 50ms"));

    @Test
    void percentilesUseNearestRank() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Percentiles.of("p50", v)).isEqualTo(5);
        assertThat(Percentiles.of("p95", v)).isEqualTo(10);
        assertThat(Percentiles.of("p90", v)).isEqualTo(9);
        assertThat(Percentiles.of("max", new double[] {3})).isEqualTo(3);
        assertThat(Percentiles.of("p99", new double[0])).isNaN();
    }

    @Test
    void aCleanRunHoldsEverySlo() {
        List<SloResult> results = SloEvaluator.evaluate(slos, Runs.measures(List.of(Duration.ofSeconds(20), Duration.ofSeconds(25)), 0, 0.2,
                Duration.ofSeconds(40)));
        assertThat(results).allMatch(SloResult::holds);
        assertThat(results.get(0).message()).isEqualTo("drainTime.p95 = 25s, within < 1m");
    }

    @Test
    void brokenSlosNameTheMeasuredValue() {
        List<SloResult> results = SloEvaluator.evaluate(slos, Runs.measures(List.of(), 2, 3.0, null));
        assertThat(results).filteredOn(r -> !r.holds()).extracting(SloResult::key)
                .containsExactly("drainTime.p95", "killedWorkloads", "failedRequests.percent@interrupted", "recoveryTime.max");
        assertThat(results.get(0).message()).contains("no data (no workload exited after a notice)");
        assertThat(results.get(1).message()).isEqualTo("killedWorkloads = 2, expected == 0");
        assertThat(results.get(2).message()).isEqualTo("failedRequests.percent@interrupted = 3, expected < 0.5");
        assertThat(results.get(3).measuredText()).isEqualTo("never");
    }

    @Test
    void junitXmlHasOneCasePerSloWithFailuresCarryingTheMeasurement() throws Exception {
        var m = Runs.measures(List.of(Duration.ofSeconds(20)), 1, 0, Duration.ofSeconds(30));
        RunRecord run = Runs.run(m, SloEvaluator.evaluate(slos, m), 2);
        String xml = JunitXml.render(run);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(5);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
                .isEqualTo("killedWorkloads = 1, expected == 0");
        assertThat(xml).contains("name=\"killedWorkloads == 0\"", "name=\"drainTime.p95 &lt; 1m\"");
    }

    @Test
    void aRunWithoutVerdictIsAnErrorCase() {
        var m = Runs.measures(List.of(), 0, 0, null);
        RunRecord run = new RunRecord("r", "web", "local", 1, Runs.T0, Runs.T0.plusSeconds(5), "error", "workload never became healthy",
                List.of(), List.of(), List.of(), m, List.of(), 1);
        assertThat(JunitXml.render(run)).contains("errors=\"1\"", "<error type=\"NoVerdict\" message=\"workload never became healthy\"/>");
        assertThat(MarkdownSummary.render(run)).contains("NO VERDICT: workload never became healthy");
    }

    @Test
    void recordFilesAreWrittenWhole(@TempDir Path dir) throws Exception {
        var m = Runs.measures(List.of(Duration.ofSeconds(20)), 0, 0, Duration.ofSeconds(30));
        RecordFiles.write(dir, Runs.run(m, SloEvaluator.evaluate(slos, m), 0));
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("run.json", "seconds.csv", "junit.xml", "summary.md",
                "report.html");
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"startedAt\" : \"2026-01-01T12:00:00Z\"", "\"drainTimes\" : [ \"PT20S\" ]");
        assertThat(Files.readAllLines(dir.resolve("seconds.csv"))).containsExactly(
                "second,phase,requests,failures,p50_ms,p95_ms,p99_ms,healthy_capacity,desired_capacity,failures_502",
                "0,steady,100,0,3.00,6.00,9.00,6,6,0", "1,interrupted,98,2,4.00,8.00,12.00,5,6,2");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("PASSED: every SLO holds", "| `killedWorkloads` | == 0 | 0 | ok |");
    }
}
