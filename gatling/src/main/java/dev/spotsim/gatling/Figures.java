package dev.spotsim.gatling;

import java.time.Duration;
import java.util.Map;

/**
 * Request figures over some span of time.
 *
 * @param requests requests that finished in the span
 * @param failures of those, the failed ones
 * @param failuresByCause failures counted by {@link FailureCause} name, sorted by name
 * @param p50 median latency of the successful requests; null when none succeeded
 * @param p95 95th percentile latency of the successful requests; null when none succeeded
 * @param p99 99th percentile latency of the successful requests; null when none succeeded
 */
public record Figures(long requests, long failures, Map<String, Long> failuresByCause, Duration p50, Duration p95, Duration p99) {
    public Figures {
        failuresByCause = Map.copyOf(failuresByCause);
    }

    /** No request at all. */
    public static final Figures NONE = new Figures(0, 0, Map.of(), null, null, null);
}
