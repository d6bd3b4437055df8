package dev.spotsim.reports.record;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run leaves behind for reports and the SLO gate ({@code run.json}). {@code outcome}
 * is "completed", "interrupted" (Ctrl-C: partial) or "error"; {@code exitCode} is 0 (all SLOs
 * hold), 2 (an SLO is broken) or 1 (no verdict).
 */
public record RunRecord(String runId, String scenario, String target, long seed, Instant startedAt, Instant endedAt,
                        String outcome, String error, List<TimelineEntry> timeline, List<WorkloadDrain> workloads,
                        List<SecondSample> seconds, Measures measures, List<SloResult> slos, int exitCode) {
    public RunRecord {
        timeline = List.copyOf(timeline);
        workloads = List.copyOf(workloads);
        seconds = List.copyOf(seconds);
        slos = List.copyOf(slos);
    }
}
