package dev.spotsim.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.Verdict;
import dev.spotsim.reports.record.WorkloadDrain;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The typed view of a run's record: SLOs by key, drains by workload, phases by name, and what a failure says. */
class ScenarioResultTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final SloResult BROKEN = new SloResult("drainTime.p95", "< 1s", 2.5, "2.5s", false, "drainTime.p95 = 2.5s, expected < 1s");
    private static final SloResult HOLDS = new SloResult("killedWorkloads", "== 0", 0, "0", true, "killedWorkloads = 0, within == 0");

    private static ScenarioResult result(int exitCode, SloResult... slos) {
        PhaseStats interrupted = new PhaseStats(50, 2, Map.of("502", 2L), 2, 3, 4, 5, 9, 2.5, 10);
        Measures m = new Measures(List.of(Duration.ofMillis(700)), List.of(Duration.ofMillis(2500)), 0, Map.of("interrupted", interrupted),
                interrupted, Duration.ofSeconds(6), 1, 2);
        WorkloadDrain drain = new WorkloadDrain("task-002", "i-0b", "ecs-ec2", T.plusSeconds(5), T.plusSeconds(6), T.plusSeconds(6), null,
                T.plusMillis(7500), null, 0);
        RunRecord r = new RunRecord("run-1", "web", "local", 42, T, T.plusSeconds(30), "completed", null, List.of(), List.of(drain), List.of(),
                m, List.of(slos), exitCode);
        return new ScenarioResult(r, Path.of("target/spotsim/run-1"));
    }

    @Test
    void anSloIsFoundByTheKeyTheScenarioWritesAndAnUnknownKeyListsTheKnownOnes() {
        ScenarioResult r = result(2, BROKEN, HOLDS);
        assertThat(r.slo("killedWorkloads").holds()).isTrue();
        assertThat(r.slo("drainTime.p95").measuredText()).isEqualTo("2.5s");
        assertThatThrownBy(() -> r.slo("drainTime.p99")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no SLO \"drainTime.p99\" in scenario web; its SLOs: drainTime.p95, killedWorkloads");
    }

    @Test
    void drainsAndPhasesReadAsTheRecordHoldsThem() {
        ScenarioResult r = result(0, HOLDS);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.drain("task-002").drainTime()).isEqualTo(Duration.ofMillis(2500));
        assertThat(r.drainTimes()).containsExactly(Duration.ofMillis(2500));
        assertThat(r.phase("interrupted").failures()).isEqualTo(2);
        assertThat(r.phase("recovering").requests()).as("a phase the run did not have is empty").isZero();
        assertThatThrownBy(() -> r.drain("task-009")).hasMessageContaining("these were: task-002");
    }

    @Test
    void aFailedGateDescribesItselfWithTheBrokenSlosOnlyAndTheReport() {
        ScenarioResult r = result(2, BROKEN, HOLDS);
        assertThat(r.passed()).isFalse();
        assertThat(r.failedSlos()).containsExactly(BROKEN);
        assertThatThrownBy(r::assertPassed).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("web: FAIL: 1 SLO(s) broken\n  BROKEN  drainTime.p95 = 2.5s, expected < 1s\nreport: ")
                .hasMessageEndingWith(Path.of("target/spotsim/run-1/report.html").toAbsolutePath().toString())
                .message().doesNotContain("killedWorkloads");
    }
}
