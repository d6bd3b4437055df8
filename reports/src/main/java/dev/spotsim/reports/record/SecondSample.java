package dev.spotsim.reports.record;

import java.util.Map;

/**
 * One second of the run: requests finished in it, failures by cause, latency percentiles (ms),
 * healthy targets behind the balancer against the desired capacity, and the phase it belongs to.
 */
public record SecondSample(long second, int requests, int failures, Map<String, Integer> failuresByCause,
                           double p50Millis, double p95Millis, double p99Millis, int healthyCapacity, int desiredCapacity,
                           String phase) {
    public SecondSample {
        failuresByCause = failuresByCause == null ? Map.of() : Map.copyOf(failuresByCause);
    }
}
