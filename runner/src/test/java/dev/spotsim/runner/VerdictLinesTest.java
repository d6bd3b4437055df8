package dev.spotsim.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict in words: which SLOs did not hold, and why a run has no verdict. */
class VerdictLinesTest {
    private static RunRecord record(int exitCode, String error, SloResult... slos) {
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        return new RunRecord("r", "web", "local", 1, t, t.plusSeconds(30), exitCode == 1 ? "error" : "completed", error, List.of(), List.of(),
                List.of(), null, List.of(slos), exitCode);
    }

    @Test
    void aBrokenSloIsNamedWithWhatWasMeasuredAndOnlyFailedOnesAreListedAsFailed() {
        SloResult broken = new SloResult("drainTime.p95", "< 1s", 3.2, "3.2s", false, "drainTime.p95 = 3.2s, expected < 1s");
        SloResult ok = new SloResult("killedWorkloads", "== 0", 0, "0", true, "killedWorkloads = 0, within == 0");
        RunRecord r = record(2, null, broken, ok);

        assertThat(VerdictLines.verdict(r)).isEqualTo("FAIL: 1 SLO(s) broken");
        assertThat(VerdictLines.failedSlos(r)).containsExactly("BROKEN  drainTime.p95 = 3.2s, expected < 1s");
        assertThat(VerdictLines.slos(r)).containsExactly("BROKEN  drainTime.p95 = 3.2s, expected < 1s", "ok      killedWorkloads = 0, within == 0");
    }

    @Test
    void aRunWithoutAVerdictSaysWhy() {
        assertThat(VerdictLines.verdict(record(1, "the workload never became healthy"))).isEqualTo("NO VERDICT: the workload never became healthy");
        assertThat(VerdictLines.verdict(record(0, null))).isEqualTo("PASS: every SLO holds");
    }
}
