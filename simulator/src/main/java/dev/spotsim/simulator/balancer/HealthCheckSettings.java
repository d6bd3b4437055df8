package dev.spotsim.simulator.balancer;

import dev.spotsim.scenarios.model.WorkloadSpec;
import java.time.Duration;
import java.util.List;

/**
 * A target group's health check, with ALB's defaults: path "/", every 30 s, 5 s timeout, healthy
 * again after 5 successes, unhealthy after 2 failures, success = HTTP 200. A scenario's health check
 * ({@link WorkloadSpec.HealthCheck}) holds thresholds to ALB's 2..10; this one, for the balancer's own
 * tests, takes any threshold from 1, and durations shorter than ALB allows so tests run in seconds.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
 */
public record HealthCheckSettings(String path, Duration interval, Duration timeout, int healthyThreshold, int unhealthyThreshold,
                                  SuccessCodes successCodes) {
    public HealthCheckSettings {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("health check path: expected a path starting with \"/\", got " + path);
        }
        if (interval == null || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check interval and timeout: expected positive durations");
        }
        // ALB: "The timeout must be smaller than the interval."
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("health check timeout (" + timeout.toMillis() + " ms) must be shorter than its interval ("
                    + interval.toMillis() + " ms)");
        }
        if (healthyThreshold < 1 || unhealthyThreshold < 1) {
            throw new IllegalArgumentException("health check thresholds must be at least 1");
        }
        successCodes = successCodes == null ? SuccessCodes.ALB_DEFAULT : successCodes;
    }

    /** Success codes as one range {@code successFrom..successTo}, e.g. 200..399. */
    public HealthCheckSettings(String path, Duration interval, Duration timeout, int healthyThreshold, int unhealthyThreshold,
                               int successFrom, int successTo) {
        this(path, interval, timeout, healthyThreshold, unhealthyThreshold,
                new SuccessCodes(List.of(new SuccessCodes.Range(successFrom, successTo))));
    }

    /** The health check a scenario's workload describes (ALB's default success code, 200). */
    public static HealthCheckSettings of(WorkloadSpec.HealthCheck hc) {
        return new HealthCheckSettings(hc.path(), hc.interval(), hc.timeout(), hc.healthyThreshold(), hc.unhealthyThreshold(), SuccessCodes.ALB_DEFAULT);
    }

    public static HealthCheckSettings albDefaults() {
        return of(WorkloadSpec.HealthCheck.defaults());
    }

    public HealthCheckSettings withPath(String newPath) {
        return new HealthCheckSettings(newPath, interval, timeout, healthyThreshold, unhealthyThreshold, successCodes);
    }

    public HealthCheckSettings withTiming(Duration newInterval, Duration newTimeout) {
        return new HealthCheckSettings(path, newInterval, newTimeout, healthyThreshold, unhealthyThreshold, successCodes);
    }

    public HealthCheckSettings withThresholds(int healthy, int unhealthy) {
        return new HealthCheckSettings(path, interval, timeout, healthy, unhealthy, successCodes);
    }

    public HealthCheckSettings withSuccessCodes(String matcher) {
        return new HealthCheckSettings(path, interval, timeout, healthyThreshold, unhealthyThreshold, SuccessCodes.parse(matcher));
    }
}
