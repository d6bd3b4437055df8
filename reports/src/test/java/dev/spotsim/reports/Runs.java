package dev.spotsim.reports;

import dev.spotsim.reports.record.Measures;
import dev.spotsim.reports.record.PhaseStats;
import dev.spotsim.reports.record.RunRecord;
import dev.spotsim.reports.record.SecondSample;
import dev.spotsim.reports.record.SloResult;
import dev.spotsim.reports.record.TimelineEntry;
import dev.spotsim.reports.record.WorkloadDrain;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small, plausible run record to render and judge. */
final class Runs {
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private Runs() {
    }

    static Measures measures(List<Duration> drains, int killed, double interruptedFailurePercent, Duration recovery) {
        long requests = 1000;
        long failures = Math.round(requests * interruptedFailurePercent / 100);
        PhaseStats interrupted = new PhaseStats(requests, failures, failures == 0 ? Map.of() : Map.of("502", failures), 4, 8, 9, 20, 40, 5, 120);
        PhaseStats steady = new PhaseStats(3000, 0, Map.of(), 3, 6, 7, 10, 30, 4, 30);
        PhaseStats total = new PhaseStats(4000, failures, Map.of(), 3, 7, 8, 15, 40, 4.5, 200);
        return new Measures(List.of(Duration.ofMillis(800)), drains, killed, Map.of("steady", steady, "interrupted", interrupted),
                total, recovery, 4, 6);
    }

    static RunRecord run(Measures m, List<SloResult> slos, int exitCode) {
        return new RunRecord("20260101-120000-web", "web", "local", 42, T0, T0.plusSeconds(200), "completed", null,
                List.of(new TimelineEntry(T0.plusSeconds(30), "notice", "i-0a1b2c3d4e5f60000", "terminate at 12:02:30")),
                List.of(new WorkloadDrain("w-1", "i-0a1b2c3d4e5f60000", "ecs-ec2", T0.plusSeconds(30), T0.plusSeconds(31),
                        T0.plusSeconds(31), T0.plusSeconds(46), T0.plusSeconds(50), null, 0)),
                List.of(new SecondSample(0, 100, 0, Map.of(), 3, 6, 9, 6, 6, "steady"),
                        new SecondSample(1, 98, 2, Map.of("502", 2), 4, 8, 12, 5, 6, "interrupted")),
                m, slos, exitCode);
    }
}
