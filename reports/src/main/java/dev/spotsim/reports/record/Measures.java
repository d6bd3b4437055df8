package dev.spotsim.reports.record;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the run measured, ready for the SLO gate: detection latencies, drain times, killed workloads,
 * request figures per phase ("steady", "interrupted", "recovering") and in total, and recovery.
 * {@code recoveryTime} is null when capacity never came back within the run's bound.
 */
public record Measures(List<Duration> detectionLatencies, List<Duration> drainTimes, int killedWorkloads,
                       Map<String, PhaseStats> phases, PhaseStats total, Duration recoveryTime,
                       int minHealthyCapacity, int desiredCapacity) {
    public Measures {
        detectionLatencies = List.copyOf(detectionLatencies);
        drainTimes = List.copyOf(drainTimes);
        phases = Map.copyOf(phases);
    }
}
