package dev.spotsim.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.Runs;
import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.slo.SloEvaluator;
import dev.spotsim.scenarios.model.Slo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run interrupted before it measured anything: its SLOs say "no data" everywhere, never "ok". */
class NoDataWordingTest {
    private static final Measures NOTHING = new Measures(List.of(), List.of(), 0, Map.of(), PhaseStats.empty(), null, 0, 0);

    private static RunRecord interruptedWithNothingMeasured() {
        RunRecord sample = Runs.sampleInterruptedRun();
        List<SloResult> slos = SloEvaluator.evaluate(List.of(Slo.parse("failedRequests.percent", "< 1"), Slo.parse("failedRequests", "< 5"),
                Slo.parse("killedWorkloads", "== 0"), Slo.parse("healthyCapacity.min", ">= 2"), Slo.parse("drainTime.p95", "< 60s")), NOTHING);
        return new RunRecord(sample.runId(), sample.scenario(), sample.target(), sample.seed(), sample.startedAt(), sample.endedAt(),
                "aborted", null, sample.timeline(), sample.workloads(), sample.seconds(), NOTHING, slos, 1);
    }

    @Test
    void sloThatMeasuredNothingHaveNoDataAndDoNotHold() {
        assertThat(interruptedWithNothingMeasured().slos()).allSatisfy(r -> {
            assertThat(r.holds()).isFalse();
            assertThat(r.noData()).isTrue();
            assertThat(r.verdictWord()).isEqualTo("no data");
            assertThat(r.message()).contains("no data");
        });
    }

    @Test
    void theSummarySaysNoDataNotOk() {
        String md = MarkdownSummary.render(interruptedWithNothingMeasured());
        assertThat(md).contains("| `failedRequests.percent` | < 1 | no data | **no data** |").doesNotContain("| ok |");
    }

    @Test
    void junitReportsNoDataAsItsOwnFailureType() {
        String xml = JunitXml.render(interruptedWithNothingMeasured());
        assertThat(xml).contains("<failure type=\"NoData\" message=\"failedRequests.percent: no data (no requests)").doesNotContain("SloBroken");
    }

    @Test
    void theHtmlReportShowsANoDataPill() {
        String html = HtmlReport.render(interruptedWithNothingMeasured());
        assertThat(html).contains("<span class=\"pill warn\">no data</span>").doesNotContain("<span class=\"pill ok\">holds</span>");
    }
}
