package dev.spotsim.gatling.figures;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests that started in one window of whole seconds ({@code [start, start + seconds)}): how
 * many, how many failed and why, percentiles in milliseconds, and the latency histogram of all of them.
 */
public record Window(Instant start, int seconds, long requests, long failures, Map<String, Long> failuresByCause,
                     double p50Millis, double p95Millis, double p99Millis, double maxMillis, String histogram) {
    public Window {
        failuresByCause = failuresByCause == null ? Map.of() : new TreeMap<>(failuresByCause);
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds: expected 1 or more, got " + seconds);
        }
    }
}
