package dev.spotsim.reports.record;

import java.util.Map;

/** Requests and their latency over one phase (or the whole run), from every request, not from per-second rounding. */
public record PhaseStats(long requests, long failures, Map<String, Long> failuresByCause, double p50Millis,
                         double p90Millis, double p95Millis, double p99Millis, double maxMillis, double meanMillis,
                         double durationSeconds) {
    public PhaseStats {
        failuresByCause = failuresByCause == null ? Map.of() : Map.copyOf(failuresByCause);
    }

    public static PhaseStats empty() {
        return new PhaseStats(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0);
    }

    /** Failed requests as a percentage of all requests; 0 when there were none. */
    public double failurePercent() {
        return requests == 0 ? 0 : failures * 100.0 / requests;
    }
}
