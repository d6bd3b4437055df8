package dev.spotsim.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.SecondSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces a run's measures come from: phases in time and the request log's series and statistics. */
class MeasuresTest {
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void interruptedWinsOverRecoveringAndTheRestIsSteady() {
        Phases phases = new Phases();
        phases.interrupted(T0.plusSeconds(10), T0.plusSeconds(20));
        phases.recovering(T0.plusSeconds(20), T0.plusSeconds(30));
        phases.interrupted(T0.plusSeconds(25), T0.plusSeconds(27));
        assertThat(phases.at(T0.plusSeconds(5))).isEqualTo("steady");
        assertThat(phases.at(T0.plusSeconds(10))).isEqualTo("interrupted");
        assertThat(phases.at(T0.plusSeconds(22))).isEqualTo("recovering");
        assertThat(phases.at(T0.plusSeconds(26))).isEqualTo("interrupted");
        assertThat(phases.at(T0.plusSeconds(30))).isEqualTo("steady");
        assertThat(phases.during(T0.plusSeconds(9), T0.plusMillis(10_001))).as("a second touching the window").isEqualTo("interrupted");
        assertThat(phases.during(T0.plusSeconds(9), T0.plusSeconds(10))).as("ends where the window starts").isEqualTo("steady");
    }

    @Test
    void secondsCountRequestsByStartAndFailuresByCause() {
        RequestLog log = new RequestLog();
        log.add(T0.plusMillis(100), Duration.ofMillis(10), null);
        log.add(T0.plusMillis(900), Duration.ofMillis(30), "502");
        log.add(T0.plusMillis(1500), Duration.ofMillis(20), null);
        log.add(T0.plusMillis(1600), Duration.ofMillis(40), "502");
        log.add(T0.plusMillis(1700), Duration.ofMillis(50), "connection-refused");
        List<SecondSample> rows = log.seconds(T0, 3, i -> 4 - i, 4, i -> i == 1 ? "interrupted" : "steady");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).requests()).isEqualTo(2);
        assertThat(rows.get(0).failuresByCause()).containsEntry("502", 1);
        assertThat(rows.get(1).failures()).isEqualTo(2);
        assertThat(rows.get(1).failuresByCause()).containsEntry("502", 1).containsEntry("connection-refused", 1);
        assertThat(rows.get(1).p50Millis()).isEqualTo(40.0);
        assertThat(rows.get(1).healthyCapacity()).isEqualTo(3);
        assertThat(rows.get(1).phase()).isEqualTo("interrupted");
        assertThat(rows.get(2).requests()).isZero();
    }

    @Test
    void statisticsComeFromEveryRequestOfThePhase() {
        RequestLog log = new RequestLog();
        for (int i = 1; i <= 100; i++) {
            log.add(T0.plusMillis(i * 10L), Duration.ofMillis(i), i > 98 ? "504" : null);
        }
        PhaseStats all = log.stats(e -> true, 1);
        assertThat(all.requests()).isEqualTo(100);
        assertThat(all.failures()).isEqualTo(2);
        assertThat(all.failuresByCause()).containsEntry("504", 2L);
        assertThat(all.p50Millis()).isEqualTo(50.0);
        assertThat(all.p99Millis()).isEqualTo(99.0);
        assertThat(all.maxMillis()).isEqualTo(100.0);
        assertThat(all.failurePercent()).isEqualTo(2.0);
        PhaseStats none = log.stats(e -> false, 5);
        assertThat(none.requests()).isZero();
        assertThat(none.durationSeconds()).isEqualTo(5.0);
    }
}
