package dev.spotsim.reports.record;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run or a game day leaves behind for reports and the SLO gate ({@code run.json}).
 * {@code outcome} is an {@link Outcome}'s wire name; {@code exitCode} is a {@link Verdict}'s: 0 (all SLOs
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

    /** {@link #outcome} as the shared vocabulary. */
    public Outcome outcomeKind() {
        return Outcome.of(outcome);
    }

    /** The SLO gate's answer, from the exit code. */
    public Verdict verdict() {
        return Verdict.ofExitCode(exitCode);
    }
}
